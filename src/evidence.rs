//! Evidence on disk: whether each evidence reference of a questionnaire points at a real file,
//! and whether a recorded SHA-256 still matches it.
//!
//! Comes after `validate` and before `evaluate`, and is the only step between them that reads
//! the file system. Addresses (`https://…`, `doi:…`) are recorded and never fetched. A missing
//! or altered file is a finding stored on the evidence entry, never an error: scoring then
//! stops counting that entry as support for its answer.
//!
//! Files are looked at only inside the evidence root (found by [`evidence_root`], or given as
//! [`Options::root`]); a reference
//! outside it is reported as not read, and nothing of it (existence, size, digest) is told.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::questionnaire::Questionnaire;
use crate::questionnaire::evidence::{Found, is_address};

/// The largest evidence file whose digest is computed: 512 MiB, far above any document an
/// answer cites, and small enough to hash in seconds.
pub const MAX_HASHED_BYTES: u64 = 512 * 1024 * 1024;

/// How evidence files are looked at: where they must lie, and how much of one is hashed.
#[derive(Debug, Clone)]
pub struct Options {
    /// The evidence root (`--evidence-root`); `None` finds it (see [`evidence_root`]).
    pub root: Option<PathBuf>,
    /// Files larger than this are not hashed (`--max-hash-mib`).
    pub max_hashed_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            root: None,
            max_hashed_bytes: MAX_HASHED_BYTES,
        }
    }
}

/// Looks at every evidence entry of `questionnaire` and records what was found.
///
/// Paths are relative to the file that holds the answer. Each distinct file is read at most
/// once, and only to compute a digest that an entry asks for.
pub fn inspect(questionnaire: &mut Questionnaire, options: &Options) {
    let mut digests: HashMap<PathBuf, Result<String, Found>> = HashMap::new();
    let mut roots: HashMap<String, PathBuf> = HashMap::new();
    let given_root = options.root.as_deref().map(absolute);
    for answer in &mut questionnaire.answers {
        let root = match &given_root {
            Some(root) => root.clone(),
            None => roots
                .entry(answer.file.clone())
                .or_insert_with(|| evidence_root(&base_of(&answer.file)))
                .clone(),
        };
        for evidence in &mut answer.evidence {
            let found = match local_path(&answer.file, &evidence.reference) {
                None => Found::Address,
                Some(path) if inside(&path, &root) => look(
                    &path,
                    evidence.sha256.as_deref(),
                    options.max_hashed_bytes,
                    &mut digests,
                ),
                Some(_) => outside(),
            };
            evidence.found = Some(found);
        }
    }
}

/// The file an evidence `reference` names, relative to the questionnaire `file` that cites
/// it; `None` for an address, which is never looked up.
pub fn local_path(file: &str, reference: &str) -> Option<PathBuf> {
    (!is_address(reference)).then(|| base_of(file).join(reference))
}

/// The directory references in `file` are relative to.
fn base_of(file: &str) -> PathBuf {
    Path::new(file)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Where the evidence of a questionnaire in `dir` must lie: the Git work tree that holds it,
/// else the current directory when it holds it (a CI checkout), else its own directory. A
/// pull request controls the questionnaire, so its references must not reach other files of
/// the runner: whether they exist, or their digests, would leak.
pub fn evidence_root(dir: &Path) -> PathBuf {
    let dir = absolute(dir);
    if let Some(work_tree) = dir.ancestors().find(|a| a.join(".git").exists()) {
        return work_tree.to_path_buf();
    }
    match std::env::current_dir().map(|cwd| absolute(&cwd)) {
        Ok(cwd) if dir.starts_with(&cwd) => cwd,
        _ => dir,
    }
}

/// Whether `path`, links followed, lies inside `root`. A path that does not exist is judged
/// with `..` resolved in its words, so nothing outside is even tested for existence.
pub fn inside(path: &Path, root: &Path) -> bool {
    absolute(path).starts_with(root)
}

/// `path` made absolute: links resolved where it exists, `.` and `..` resolved in its words
/// where it does not.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // The existing part may itself be a link out of the root.
    match out.parent().and_then(|p| p.canonicalize().ok()) {
        Some(parent) => parent.join(out.file_name().unwrap_or_default()),
        None => out,
    }
}

/// The finding for a reference outside the root; the root itself is not named, since it is a
/// path of the machine the check runs on.
fn outside() -> Found {
    Found::Unreadable {
        reason: "it lies outside the evidence root (the repository, or the questionnaire's \
                 directory), so it was not read"
            .to_owned(),
    }
}

fn look(
    path: &Path,
    expected: Option<&str>,
    max_hashed_bytes: u64,
    digests: &mut HashMap<PathBuf, Result<String, Found>>,
) -> Found {
    match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Found::Missing,
        Err(err) => {
            return Found::Unreadable {
                reason: err.kind().to_string(),
            };
        }
        Ok(_) if crate::source::is_pseudo_file(path) => {
            return Found::Unreadable {
                reason: "a system file (under /proc, /sys or /dev), never read".to_owned(),
            };
        }
        Ok(meta) if meta.len() > max_hashed_bytes => {
            // Only a recorded digest makes dpisafe read the file; past the limit it is not
            // read at all, so a huge or sparse file cannot stall a run.
            if expected.is_some() {
                return Found::Unreadable {
                    reason: format!(
                        "larger than {} MiB, so its sha256 was not checked",
                        max_hashed_bytes / (1024 * 1024)
                    ),
                };
            }
            return Found::File { verified: false };
        }
        Ok(meta) if !meta.is_file() => {
            return Found::Unreadable {
                reason: "not a regular file".to_owned(),
            };
        }
        Ok(_) => {}
    }
    let Some(expected) = expected else {
        return Found::File { verified: false };
    };
    let digest = digests
        .entry(path.to_path_buf())
        .or_insert_with(|| sha256(path, max_hashed_bytes))
        .clone();
    match digest {
        Ok(actual) if actual == expected => Found::File { verified: true },
        Ok(actual) => Found::DigestMismatch { actual },
        Err(found) => found,
    }
}

/// The lowercase hex SHA-256 of a file, read in blocks so that large scans stay cheap.
fn sha256(path: &Path, max_hashed_bytes: u64) -> Result<String, Found> {
    let unreadable = |err: std::io::Error| Found::Unreadable {
        reason: err.kind().to_string(),
    };
    // Bounded even if the file grows while it is read.
    let mut file = std::fs::File::open(path)
        .map_err(unreadable)?
        .take(max_hashed_bytes + 1);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0_u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::is_address;

    #[test]
    fn addresses_have_a_scheme_and_drive_letters_do_not_count() {
        for address in ["https://example.org/a", "doi:10.1000/182", "mailto:x@y.z"] {
            assert!(is_address(address), "{address}");
        }
        for path in [
            "evidence/a.md",
            "C:/docs/a.pdf",
            "../a.md",
            "notes: see file",
        ] {
            assert!(!is_address(path), "{path}");
        }
    }
}
