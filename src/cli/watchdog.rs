//! A budget for the user's own templates (`--templates`). A Jinja or Typst template is a
//! program: nested loops can run for hours and a doubling string can take all memory, which
//! ends in an abort (exit 134) rather than a message. While such a template renders, a thread
//! watches the clock and the process's resident memory, and past either budget it says which
//! and ends the run with exit 2, before anything is written.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a custom template may render: ten times what the largest bundled report takes in
/// a debug build. `DPISAFE_TEMPLATE_SECONDS` changes it.
const DEFAULT_SECONDS: u64 = 60;
/// How much resident memory the process may hold while it renders: the bundled reports need
/// about a tenth of it. `DPISAFE_TEMPLATE_MIB` changes it.
const DEFAULT_MIB: u64 = 2048;
/// How often the watch looks.
const TICK: Duration = Duration::from_millis(20);

/// The watch over one rendering; it stops when dropped.
pub(crate) struct Watchdog {
    done: Arc<AtomicBool>,
}

impl Watchdog {
    /// Starts watching, with the budgets from the environment or the defaults.
    pub(crate) fn start() -> Self {
        let seconds = budget("DPISAFE_TEMPLATE_SECONDS", DEFAULT_SECONDS);
        let mib = budget("DPISAFE_TEMPLATE_MIB", DEFAULT_MIB);
        let done = Arc::new(AtomicBool::new(false));
        let watching = Arc::clone(&done);
        std::thread::spawn(move || watch(&watching, Duration::from_secs(seconds), mib));
        Self { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
    }
}

fn budget(variable: &str, default: u64) -> u64 {
    std::env::var(variable)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or(default)
}

fn watch(done: &AtomicBool, time: Duration, mib: u64) {
    let started = Instant::now();
    while !done.load(Ordering::Relaxed) {
        let over = if started.elapsed() > time {
            Some(format!(
                "the custom template ran for more than {} s",
                time.as_secs()
            ))
        } else {
            resident_mib().filter(|&used| used > mib).map(|used| {
                format!("the custom template grew the process to {used} MiB, past {mib} MiB")
            })
        };
        if let Some(why) = over {
            let _ = writeln!(
                std::io::stderr().lock(),
                "error[template-error]: {why}; nothing was written\n  help: look for a loop \
                 or a string that grows without end; DPISAFE_TEMPLATE_SECONDS and \
                 DPISAFE_TEMPLATE_MIB raise the budgets"
            );
            std::process::exit(2);
        }
        std::thread::sleep(TICK);
    }
}

/// The process's resident memory in MiB, where the system tells (Linux).
fn resident_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
