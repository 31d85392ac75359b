//! Failures that stop a command from running at all (as opposed to problems in an input file,
//! which are [`Diagnostic`](crate::diagnostic::Diagnostic)s, and shortfalls in an assessment,
//! which are findings).

use std::path::PathBuf;

/// A failure that stops a command.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A command-line value names something the framework does not define.
    #[error("{option}: `{value}` is not a {what} of the framework")]
    UnknownOption {
        /// The option, such as `--stage`.
        option: &'static str,
        /// What kind of id it should be.
        what: &'static str,
        /// The value given.
        value: String,
        /// How to fix it.
        hint: String,
    },
    /// Arguments or environment that cannot work together.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// The output path is one of the inputs.
    #[error("refusing to write `{}`: it is one of the input files", path.display())]
    OutputIsInput {
        /// The path.
        path: PathBuf,
    },
    /// The output file already exists and overwriting was not asked for.
    #[error("`{}` already exists", path.display())]
    OutputExists {
        /// The path.
        path: PathBuf,
    },
    /// Writing an output failed.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}
