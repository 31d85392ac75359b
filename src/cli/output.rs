//! Writing outputs safely: to a temporary file beside the target, then renamed into place, so
//! an interrupted run never leaves a partial file, and never over an input or an existing file
//! unless asked.
//!
//! The temporary file has an unpredictable name and is created exclusively (a link planted at
//! a guessed name cannot redirect the write), and without `--force` the rename itself refuses
//! an existing file, so of several runs racing to one new path exactly one wins.

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
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(Error::Usage {
                message: format!("`{}` is not a regular file", path.display()),
                hint: "write to a file, or give `-o -` for standard output".to_owned(),
            });
        }
        Ok(_) if !target.force => {
            return Err(Error::OutputExists {
                path: path.to_owned(),
            });
        }
        _ => {}
    }
    write_atomically(path, bytes, None, target.force)
}

/// Replaces an input file in place (`migrate --in-place`, after its backup is written),
/// keeping its permissions; atomic like [`write`].
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    // Through a link, the file it points at is replaced, not the link.
    let real = path.canonicalize().unwrap_or_else(|_| path.to_owned());
    let permissions = std::fs::metadata(&real).ok().map(|m| m.permissions());
    write_atomically(&real, bytes, permissions, true)
}

/// Writes to a temporary file beside `path`, then renames it into place: over an existing
/// file only when `clobber`, atomically either way.
fn write_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
    clobber: bool,
) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dpisafe-").suffix(".tmp");
    #[cfg(unix)]
    {
        // As `File::create` would: readable by others unless the umask says otherwise.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(write_error)?;
    let _pending = super::signals::Pending::new(file.path());
    file.write_all(bytes).map_err(write_error)?;
    hold_for_tests();
    file.as_file().sync_all().map_err(write_error)?;
    if let Some(permissions) = permissions {
        file.as_file()
            .set_permissions(permissions)
            .map_err(write_error)?;
    }
    // On failure the temporary file is removed when `file` is dropped.
    let persisted = if clobber {
        file.persist(path)
    } else {
        file.persist_noclobber(path)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::OutputExists {
                path: path.to_owned(),
            })
        }
        Err(err) => Err(write_error(err.error)),
    }
}

/// Whether `path` is one of the run's inputs, or lies in an input directory (`--templates`).
fn is_an_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(target) = path.canonicalize() else {
        return false;
    };
    inputs
        .iter()
        .filter_map(|input| input.canonicalize().ok())
        .any(|input| input == target || (input.is_dir() && target.starts_with(&input)))
}

/// In debug builds only, `DPISAFE_TEST_HOLD_MS` keeps the temporary file open that long before
/// it is renamed, so a test can send a signal while it exists. Release builds have no such seam.
fn hold_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("DPISAFE_TEST_HOLD_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}
