//! `dpisafe interview`: a walk through the questions that apply to a deployment, one at a
//! time, saving the questionnaire after every answer.
//!
//! The walk is written against the [`Io`] trait so it can be driven by a script in tests and
//! by the terminal in `cli::commands::interview`; nothing here prints or touches files.
//! [`facts`] asks what a new questionnaire needs; [`session`] walks the questions; [`answer_edit`]
//! writes each answer into the YAML text without disturbing the rest of the file.

pub mod answer_edit;
mod country;
pub mod facts;
pub mod register;
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

/// Items joined by ` · ` in lines of at most `width` characters, breaking only between items
/// (an item longer than a line stands alone).
pub fn item_lines<S: AsRef<str>>(items: &[S], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        let item = item.as_ref();
        if !line.is_empty() && line.chars().count() + 3 + item.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
pub(crate) mod script;

#[cfg(test)]
mod tests {
    use super::item_lines;

    #[test]
    fn items_break_between_items_only() {
        let items = [
            "y yes",
            "p partial",
            "n no",
            "q quit",
            "a very long item indeed",
        ];
        assert_eq!(
            item_lines(&items, 24),
            [
                "y yes · p partial · n no",
                "q quit",
                "a very long item indeed"
            ]
        );
        assert!(item_lines::<&str>(&[], 10).is_empty());
    }
}
