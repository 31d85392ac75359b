//! Failures that stop a command from running at all (as opposed to problems in an input file,
//! which are [`Diagnostic`](crate::diagnostic::Diagnostic)s, and shortfalls in an assessment,
//! which are findings).

use std::path::PathBuf;

use crate::i18n::Messages;

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

impl Error {
    /// The message in the language of `m` (messages built from free text stay as written).
    pub fn localised(&self, m: &Messages) -> String {
        match self {
            Error::UnknownOption {
                option,
                what,
                value,
                ..
            } => m.format(
                "cli.unknown_option",
                &[("option", option), ("value", value), ("what", what)],
            ),
            Error::Usage { message, .. } => message.clone(),
            Error::OutputIsInput { path } => {
                m.format("cli.output_is_input", &[("path", &path.display())])
            }
            Error::OutputExists { path } => {
                m.format("cli.output_exists", &[("path", &path.display())])
            }
            Error::Write { path, source } => m.format(
                "cli.write_failed",
                &[("path", &path.display()), ("reason", source)],
            ),
        }
    }

    /// The hint in the language of `m`, when there is one.
    pub fn localised_hint(&self, m: &Messages) -> Option<String> {
        match self {
            Error::UnknownOption { hint, .. } | Error::Usage { hint, .. } => Some(hint.clone()),
            Error::OutputIsInput { .. } => Some(m.get("cli.output_is_input_hint").to_owned()),
            Error::OutputExists { .. } => Some(m.get("cli.output_exists_hint").to_owned()),
            Error::Write { path, .. } => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty() && !p.exists())
                .map(|p| m.format("cli.missing_dir_hint", &[("path", &p.display())])),
        }
    }

    /// A hint for the user in English, when there is one.
    pub fn hint(&self) -> Option<String> {
        self.localised_hint(&Messages::new(crate::i18n::Lang::En))
    }
}
