//! `dpisafe interview`: a walk through the questions that apply to a deployment, one at a
//! time, saving the questionnaire after every answer.
//!
//! The walk is written against the [`Io`] trait so it can be driven by a script in tests and
//! by the terminal in `cli::commands::interview`; nothing here prints or touches files.
//! [`facts`] asks what a new questionnaire needs; [`session`] walks the questions; [`edit`]
//! writes each answer into the YAML text without disturbing the rest of the file.

pub mod edit;
pub mod facts;
pub mod session;

pub use session::{Outcome, Session};

/// What the walk needs from the outside world.
pub trait Io {
    /// Shows text to the user; it ends with a line break when it is a whole line.
    fn show(&mut self, text: &str);
    /// Shows `prompt` and reads one line, without its line break; `None` at the end of
    /// input.
    fn ask(&mut self, prompt: &str) -> Option<String>;
    /// Stores the questionnaire's new text; the message says why it could not be stored.
    fn save(&mut self, text: &str) -> Result<(), String>;
}

/// How the walk looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Columns available for text.
    pub width: usize,
    /// Whether to use ANSI bold and dim.
    pub color: bool,
}

impl Style {
    /// Columns to wrap text at: one less than the terminal's (a full line would wrap early
    /// in some terminals), kept between 40 and 88 for readability.
    pub fn wrap_width(self) -> usize {
        self.width.saturating_sub(1).clamp(40, 88)
    }

    /// `text` in bold.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// `text` dimmed.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
pub(crate) mod script;
