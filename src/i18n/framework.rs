//! Translations of the framework's texts, one YAML file per language under
//! `i18n/framework/`, embedded in the binary. Each entry is keyed by the text's id and
//! records the digest ([`super::source_digest`]) of the English text it was made from:
//!
//! ```yaml
//! F1.Q1: {source: 1a2b3c4d5e6f7a8b, text: "…"}
//! ```
//!
//! Ids: a question or gender check (`F1.Q1`, `G-DATA-01`) for its text, `F1.Q1.guidance` for
//! its guidance, `F1.Q1.action` for the action the plan gives it, a principle (`F1`), risk (`RS1`), stage (`L1`) or authority (`R1`) for its
//! name, and `F1.summary` for a principle's summary. A translation whose digest no longer
//! matches the English text is stale and is never shown: the English text is, until the
//! translation is redone. This also holds for a custom `--framework` whose texts differ.

use std::sync::{LazyLock, OnceLock};

use indexmap::IndexMap;
use serde::Deserialize;

use super::{Lang, source_digest};
use crate::framework::Framework;

/// One translated text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The digest of the English text it translates.
    pub source: String,
    /// The translation.
    pub text: String,
}

/// One language's framework translations, by id.
pub type Translations = IndexMap<String, Entry>;

/// The embedded translation files, by language (English has none: it is the source).
pub const SOURCES: [(Lang, &str, &str); 3] = [
    (
        Lang::Fr,
        "i18n/framework/fr.yaml",
        include_str!("../../i18n/framework/fr.yaml"),
    ),
    (
        Lang::Es,
        "i18n/framework/es.yaml",
        include_str!("../../i18n/framework/es.yaml"),
    ),
    (
        Lang::Ar,
        "i18n/framework/ar.yaml",
        include_str!("../../i18n/framework/ar.yaml"),
    ),
];

// One slot per language, parsed the first time that language is asked for, so a run in one
// language never parses the others' files.
static EMBEDDED: [OnceLock<Translations>; SOURCES.len()] =
    [const { OnceLock::new() }; SOURCES.len()];

static NONE: LazyLock<Translations> = LazyLock::new(Translations::new);

/// Parses a translation file.
pub fn parse(text: &str) -> Result<Translations, String> {
    serde_saphyr::from_str::<Translations>(text).map_err(|err| err.to_string())
}

/// The embedded translations of `lang` (empty for English).
pub fn embedded(lang: Lang) -> &'static Translations {
    let Some(index) = SOURCES.iter().position(|(l, _, _)| *l == lang) else {
        return &NONE;
    };
    let (_, name, text) = SOURCES[index];
    EMBEDDED[index].get_or_init(|| {
        parse(text).unwrap_or_else(|err| {
            panic!("invariant: the embedded translations {name} parse (tested): {err}")
        })
    })
}

/// A translatable framework text: its id and its English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The translation id (`F1.Q1`, `F1.Q1.guidance`, `RS3`…).
    pub id: String,
    /// The English text.
    pub english: String,
}

/// Every text of `framework` a report can show in another language, in framework order.
pub fn units(framework: &Framework) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut push = |id: String, english: &str| {
        if !english.trim().is_empty() {
            units.push(Unit {
                id,
                english: english.to_owned(),
            });
        }
    };
    for p in &framework.principles {
        push(p.id.clone(), &p.name);
        push(format!("{}.summary", p.id), &p.summary);
    }
    for r in &framework.risks {
        push(r.id.clone(), &r.name);
    }
    for s in &framework.stages {
        push(s.id.clone(), &s.name);
    }
    for a in &framework.authorities {
        push(a.id.clone(), &a.name);
    }
    for q in &framework.questions {
        push(q.id.clone(), &q.text);
        push(format!("{}.guidance", q.id), &q.guidance);
        push(format!("{}.action", q.id), &q.action);
    }
    // Building blocks head every report, and support areas follow every action.
    for b in &framework.metadata.building_blocks {
        push(format!("block.{}", b.id), &b.name);
    }
    for a in &framework.scoring.support_areas {
        push(format!("support.{}", a.id), &a.label);
    }
    // Process titles follow every action, by key (a published id may name two processes).
    for p in &framework.processes {
        push(format!("process.{}", p.key), &p.title);
    }
    units
}

/// Framework texts in one language: the translation where it is current, else English.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    translations: &'static Translations,
}

impl Texts {
    /// The embedded translations of `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            translations: embedded(lang),
        }
    }

    /// The text of `id` whose English is `english`: its translation when one exists and was
    /// made from this very English text, otherwise `english`.
    pub fn get<'a>(&self, id: &str, english: &'a str) -> &'a str
    where
        'static: 'a,
    {
        current(self.translations, id, english).unwrap_or(english)
    }
}

/// The translation of `id` when it was made from `english`.
pub fn current<'a>(translations: &'a Translations, id: &str, english: &str) -> Option<&'a str> {
    translations
        .get(id)
        .filter(|e| e.source == source_digest(english))
        .map(|e| e.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_translations_parse() {
        for (_, name, text) in SOURCES {
            parse(text).unwrap_or_else(|err| panic!("{name}: {err}"));
        }
    }

    #[test]
    fn a_stale_translation_is_never_shown() {
        let text = "F1.Q1: {source: 0000000000000000, text: \"Ancienne traduction\"}\nF1: {source: ba7816bf8f01cfea, text: \"abc en français\"}\n";
        let translations = parse(text).expect("parses");
        assert_eq!(current(&translations, "F1.Q1", "New English"), None);
        assert_eq!(current(&translations, "F1", "abc"), Some("abc en français"));
        assert_eq!(current(&translations, "F2", "abc"), None);
    }

    #[test]
    fn every_question_and_name_is_a_unit() {
        let framework = crate::validate::framework::embedded();
        let units = units(framework);
        for q in &framework.questions {
            assert!(units.iter().any(|u| u.id == q.id), "{}", q.id);
        }
        assert!(units.iter().any(|u| u.id == "RS3"));
        assert!(units.iter().any(|u| u.id == "F8.summary"));
    }
}
