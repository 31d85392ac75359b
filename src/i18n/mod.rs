//! Languages of dpisafe's messages and reports: English (the source), French, Spanish and
//! Arabic.
//!
//! Two kinds of text are translated, each in files under `i18n/` embedded in the binary:
//! the [`catalog`] of dpisafe's own messages (report headings, band words, terminal
//! summary, verdict, command-line framing), keyed by stable ids; and the framework's texts
//! ([`framework`]: question and gender-check texts, principle, risk, stage and authority
//! names), keyed by framework id, each translation recording a digest of the English text
//! it was made from so a changed English text is never shown in an outdated translation.
//! [`status`] counts what is missing or stale.
//!
//! Machine output (JSON, SARIF, JUnit) stays English whatever the language: its words are
//! identifiers that scripts compare.

pub mod catalog;
pub mod error;
pub mod framework;
pub mod status;

pub use catalog::Messages;

/// A language dpisafe speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English, the source of every translation.
    #[default]
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Arabic, written right to left.
    Ar,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Es, Lang::Ar];

    /// The ISO 639-1 code (`en`, `fr`, `es`, `ar`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ar => "ar",
        }
    }

    /// The language of `code` (`fr`, `FR`, `fr-CA` all give French); `None` when unknown.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// `rtl` or `ltr`, as HTML and Typst name the direction.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The language's name in English, for listings.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Es => "Spanish",
            Lang::Ar => "Arabic",
        }
    }
}

/// The first 16 hexadecimal digits of the SHA-256 of `text`: what a framework translation
/// records of the English text it was made from.
pub fn source_digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Wraps `text` in Unicode left-to-right isolates when `lang` is written right to left, so
/// that figures such as `73.5 / 100` or `45 %` keep their order inside Arabic sentences.
/// Left-to-right languages get `text` unchanged.
pub fn ltr(lang: Lang, text: &str) -> String {
    if lang.is_rtl() {
        format!("\u{2066}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

/// User text (an owner's name) inside a right-to-left sentence, isolated so that its own
/// first strong character sets its direction: an English name keeps its order in Arabic, and
/// an Arabic one is not forced left to right. Left-to-right languages get `text` unchanged.
pub fn isolate(lang: Lang, text: &str) -> String {
    if lang.is_rtl() {
        format!("\u{2068}{text}\u{2069}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_regions_are_ignored() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("FR-ca"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn digest_is_the_sha256_prefix() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(source_digest("abc"), "ba7816bf8f01cfea");
    }

    #[test]
    fn only_rtl_languages_get_isolates() {
        assert_eq!(ltr(Lang::Fr, "45 %"), "45 %");
        assert_eq!(ltr(Lang::Ar, "45 %"), "\u{2066}45 %\u{2069}");
    }
}
