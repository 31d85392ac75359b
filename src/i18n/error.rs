//! Failures in the user's language: the text and hint of each [`Error`].

use super::Messages;
use crate::error::Error;

impl Messages {
    /// The message of `error` in this language (messages built from free text stay as
    /// written).
    pub fn error(&self, error: &Error) -> String {
        let m = self;
        match error {
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

    /// The hint for `error` in this language, when there is one.
    pub fn error_hint(&self, error: &Error) -> Option<String> {
        let m = self;
        match error {
            Error::UnknownOption { hint, .. } | Error::Usage { hint, .. } => Some(hint.clone()),
            Error::OutputIsInput { .. } => Some(m.get("cli.output_is_input_hint").to_owned()),
            Error::OutputExists { .. } => Some(m.get("cli.output_exists_hint").to_owned()),
            Error::Write { path, .. } => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty() && !p.exists())
                .map(|p| m.format("cli.missing_dir_hint", &[("path", &p.display())])),
        }
    }
}
