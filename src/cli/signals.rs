//! SIGINT and SIGTERM, for the whole process. One thread waits for them; when one comes it
//! removes the temporary output files still being written (so an interrupted run leaves
//! nothing behind, not even a hidden `.tmp`), lets the running command say its last word (the
//! interview says where the answers are), and exits with 128 + the signal: 130 or 143.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Temporary files being written now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// What the running command says before the process ends on a signal.
static LAST_WORD: OnceLock<Box<dyn Fn() + Send + Sync>> = OnceLock::new();

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while holding the list leaves it usable.
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Starts the thread that handles SIGINT and SIGTERM. Without it (if the handler cannot be
/// set), the signals keep their default action.
pub(crate) fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The last word first: the interview's waits for a save in progress to finish,
                // and a finished save has no temporary file left to remove.
                if let Some(word) = LAST_WORD.get() {
                    word();
                }
                for path in pending().drain(..) {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    }
}

/// Sets what the running command says when a signal ends it; the first setting holds.
pub(crate) fn on_signal(word: impl Fn() + Send + Sync + 'static) {
    let _ = LAST_WORD.set(Box::new(word));
}

/// A temporary file being written: the handler removes it if a signal comes first.
pub(crate) struct Pending(PathBuf);

impl Pending {
    /// Records `path` until the returned value is dropped.
    pub(crate) fn new(path: &Path) -> Self {
        pending().push(path.to_owned());
        Self(path.to_owned())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        pending().retain(|p| p != &self.0);
    }
}
