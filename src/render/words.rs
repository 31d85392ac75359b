//! The words of one output in one language: its section of the message catalog (`view.…`,
//! `summary.…`) and the framework's translated texts. One type for every renderer.

use crate::i18n::framework::Texts;
use crate::i18n::{self, Lang, Messages};

/// Messages of one catalog section and framework texts, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The whole catalog, for messages of other sections.
    pub m: Messages,
    /// The framework's texts.
    pub texts: Texts,
    section: &'static str,
}

impl Words {
    /// The words of `section` in `lang`.
    pub fn new(lang: Lang, section: &'static str) -> Self {
        Self {
            m: Messages::new(lang),
            texts: Texts::new(lang),
            section,
        }
    }

    /// A message of this section.
    pub fn get(&self, id: &str) -> String {
        self.m.get(&format!("{}.{id}", self.section)).to_owned()
    }

    /// A message of this section, filled in.
    pub fn format(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.m.format(&format!("{}.{id}", self.section), args)
    }

    /// A figure kept left to right inside right-to-left text.
    pub fn ltr(&self, text: &str) -> String {
        i18n::ltr(self.m.lang(), text)
    }

    /// A framework text in this language, or its English when no current translation exists.
    pub fn text(&self, id: &str, english: &str) -> String {
        self.texts.get(id, english).to_owned()
    }
}
