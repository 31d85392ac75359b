//! Writing outputs safely: to a temporary file beside the target, then renamed into place, so
//! an interrupted run never leaves a partial file, and never over an input or an existing file
//! unless asked.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// Where to write and what must not be overwritten.
pub(crate) struct Target<'a> {
    pub(crate) path: &'a Path,
    pub(crate) inputs: &'a [PathBuf],
    pub(crate) force: bool,
}

/// Writes `bytes` to the target atomically.
pub(crate) fn write(target: &Target<'_>, bytes: &[u8]) -> Result<(), Error> {
    let path = target.path;
    if is_an_input(path, target.inputs) {
        return Err(Error::OutputIsInput {
            path: path.to_owned(),
        });
    }
    if path.exists() && !target.force {
        return Err(Error::OutputExists {
            path: path.to_owned(),
        });
    }
    write_atomically(path, bytes, None)
}

/// Replaces an input file in place (`migrate --in-place`, after its backup is written),
/// keeping its permissions; atomic like [`write`].
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    // Through a link, the file it points at is replaced, not the link.
    let real = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let permissions = std::fs::metadata(&real).ok().map(|m| m.permissions());
    write_atomically(&real, bytes, permissions)
}

/// Writes to a temporary file beside `path`, then renames it into place.
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            std::fs::set_permissions(&temporary, permissions)?;
        }
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result.map_err(write_error)
}

fn is_an_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(target) = path.canonicalize() else {
        return false;
    };
    inputs
        .iter()
        .filter_map(|input| input.canonicalize().ok())
        .any(|input| input == target)
}
