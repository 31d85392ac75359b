//! A scripted [`Io`] for unit tests: canned input lines, everything shown kept, every save
//! recorded (and refused on request).

use std::collections::VecDeque;

use super::Io;

/// Input lines to replay and what the walk did with them.
pub(crate) struct Script {
    input: VecDeque<String>,
    shown: String,
    pub(crate) saves: Vec<String>,
    pub(crate) refuse_saves: bool,
}

impl Script {
    /// A script that answers each prompt with the next line, then ends input.
    pub(crate) fn new(lines: &[&str]) -> Self {
        Self {
            input: lines.iter().map(|l| (*l).to_owned()).collect(),
            shown: String::new(),
            saves: Vec::new(),
            refuse_saves: false,
        }
    }

    /// Everything shown, prompts included.
    pub(crate) fn shown(&self) -> &str {
        &self.shown
    }

    /// The last text saved.
    pub(crate) fn last_save(&self) -> &str {
        self.saves.last().map_or("", String::as_str)
    }
}

impl Io for Script {
    fn show(&mut self, text: &str) {
        self.shown.push_str(text);
    }

    fn ask(&mut self, prompt: &str) -> Option<String> {
        self.shown.push_str(prompt);
        let line = self.input.pop_front()?;
        self.shown.push_str(&line);
        self.shown.push('\n');
        Some(line)
    }

    fn save(&mut self, text: &str) -> Result<(), String> {
        if self.refuse_saves {
            return Err("the disk is full".to_owned());
        }
        self.saves.push(text.to_owned());
        Ok(())
    }
}
