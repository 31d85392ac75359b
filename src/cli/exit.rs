//! Exit codes are part of the interface: scripts and CI depend on them.

use std::process::ExitCode;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: everything fine.
    Ok,
    /// 1: the assessment failed a threshold or policy.
    PolicyFailed,
    /// 2: invalid input or usage.
    Invalid,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Ok => 0,
            Exit::PolicyFailed => 1,
            Exit::Invalid => 2,
        })
    }
}
