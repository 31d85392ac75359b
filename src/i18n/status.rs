//! How complete and current each language is: catalog ids missing or unknown, placeholders
//! that differ from English, and framework texts missing or stale. `dpisafe i18n status`
//! prints it; a test fails when anything but a missing framework text is found.

use super::catalog::{self, Catalog};
use super::framework::{self, Translations, Unit};
use super::{Lang, source_digest};
use crate::framework::Framework;

/// The state of one language's translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageStatus {
    /// The language.
    pub lang: Lang,
    /// Number of catalog messages in English.
    pub catalog_total: usize,
    /// Catalog ids (`section.id`) English has and this language lacks.
    pub catalog_missing: Vec<String>,
    /// Catalog ids this language has and English lacks.
    pub catalog_unknown: Vec<String>,
    /// Catalog ids whose `{placeholders}` differ from English.
    pub catalog_placeholders: Vec<String>,
    /// Number of translatable framework texts.
    pub texts_total: usize,
    /// Framework texts with no translation (shown in English).
    pub missing: Vec<String>,
    /// Framework texts translated from an English text that has since changed (shown in
    /// English until translated again).
    pub stale: Vec<String>,
    /// Framework translations whose id names no text of the framework.
    pub unknown: Vec<String>,
}

impl LanguageStatus {
    /// Whether something needs fixing: a stale translation or a catalog out of step with
    /// English. Missing framework texts (shown in English) do not count.
    pub fn needs_work(&self) -> bool {
        !(self.stale.is_empty()
            && self.unknown.is_empty()
            && self.catalog_missing.is_empty()
            && self.catalog_unknown.is_empty()
            && self.catalog_placeholders.is_empty())
    }
}

/// Compares one language's catalog and framework translations with English.
pub fn compare(
    lang: Lang,
    english: &Catalog,
    catalog: &Catalog,
    units: &[Unit],
    translations: &Translations,
) -> LanguageStatus {
    let english_ids = flat_ids(english);
    let own_ids = flat_ids(catalog);
    let mut status = LanguageStatus {
        lang,
        catalog_total: english_ids.len(),
        catalog_missing: Vec::new(),
        catalog_unknown: Vec::new(),
        catalog_placeholders: Vec::new(),
        texts_total: units.len(),
        missing: Vec::new(),
        stale: Vec::new(),
        unknown: Vec::new(),
    };
    compare_catalogs(&mut status, &english_ids, &own_ids);
    if lang != Lang::En {
        compare_texts(&mut status, units, translations);
    }
    status
}

/// Every message of a catalog as `section.id` and its text, in catalog order.
fn flat_ids(c: &Catalog) -> Vec<(String, String)> {
    c.iter()
        .flat_map(|(section, messages)| {
            messages
                .iter()
                .map(move |(id, text)| (format!("{section}.{id}"), text.clone()))
        })
        .collect()
}

fn text_of(list: &[(String, String)], key: &str) -> Option<String> {
    list.iter().find(|(k, _)| k == key).map(|(_, t)| t.clone())
}

/// Messages English has and the language lacks or words with other placeholders, and
/// messages only the language has.
fn compare_catalogs(
    status: &mut LanguageStatus,
    english_ids: &[(String, String)],
    own_ids: &[(String, String)],
) {
    for (key, text) in english_ids {
        match text_of(own_ids, key) {
            None => status.catalog_missing.push(key.clone()),
            Some(own) if catalog::placeholders(&own) != catalog::placeholders(text) => {
                status.catalog_placeholders.push(key.clone());
            }
            Some(_) => {}
        }
    }
    for (key, _) in own_ids {
        if text_of(english_ids, key).is_none() {
            status.catalog_unknown.push(key.clone());
        }
    }
}

/// Framework texts without a translation, translated from an older English text, or
/// translated for an id the framework no longer has.
fn compare_texts(status: &mut LanguageStatus, units: &[Unit], translations: &Translations) {
    for unit in units {
        match translations.get(&unit.id) {
            None => status.missing.push(unit.id.clone()),
            Some(entry) if entry.source != source_digest(&unit.english) => {
                status.stale.push(unit.id.clone());
            }
            Some(_) => {}
        }
    }
    for id in translations.keys() {
        if !units.iter().any(|u| &u.id == id) {
            status.unknown.push(id.clone());
        }
    }
}

/// The status of the embedded translations of `lang` against `framework`.
pub fn embedded(lang: Lang, framework: &Framework) -> LanguageStatus {
    compare(
        lang,
        catalog::embedded(Lang::En),
        catalog::embedded(lang),
        &framework::units(framework),
        framework::embedded(lang),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, english: &str) -> Unit {
        Unit {
            id: id.to_owned(),
            english: english.to_owned(),
        }
    }

    #[test]
    fn missing_unknown_placeholders_and_stale_are_told_apart() {
        let english = catalog::parse(
            "report:\n  summary: Summary\n  plan_intro: \"{actions} actions\"\n  method: Method\n",
        )
        .expect("en");
        let french = catalog::parse(
            "report:\n  summary: Synthèse\n  plan_intro: \"actions\"\n  extra: Rien\n",
        )
        .expect("fr");
        let units = [
            unit("F1", "abc"),
            unit("F2", "Changed"),
            unit("F3", "Never"),
        ];
        let translations = framework::parse(
            "F1: {source: ba7816bf8f01cfea, text: abc-fr}\nF2: {source: ba7816bf8f01cfea, text: vieux}\nF9: {source: ba7816bf8f01cfea, text: x}\n",
        )
        .expect("translations");
        let status = compare(Lang::Fr, &english, &french, &units, &translations);
        assert_eq!(status.catalog_missing, ["report.method"]);
        assert_eq!(status.catalog_unknown, ["report.extra"]);
        assert_eq!(status.catalog_placeholders, ["report.plan_intro"]);
        assert_eq!(status.missing, ["F3"]);
        assert_eq!(status.stale, ["F2"]);
        assert_eq!(status.unknown, ["F9"]);
        assert!(status.needs_work());
    }

    #[test]
    fn only_missing_texts_need_no_work() {
        let english = catalog::parse("cli:\n  error: error\n").expect("en");
        let status = compare(
            Lang::Es,
            &english,
            &english,
            &[unit("F1", "abc")],
            &Translations::new(),
        );
        assert_eq!(status.missing, ["F1"]);
        assert!(!status.needs_work());
    }

    /// The shipped translations: every catalog has exactly English's ids and placeholders,
    /// and no framework translation is stale or unknown.
    #[test]
    fn shipped_translations_are_complete_and_current() {
        let framework = crate::validate::framework::embedded();
        for lang in Lang::ALL {
            let status = embedded(lang, framework);
            assert!(
                !status.needs_work(),
                "{}: missing {:?}, unknown {:?}, placeholders {:?}, stale {:?}, unknown texts {:?}",
                lang.code(),
                status.catalog_missing,
                status.catalog_unknown,
                status.catalog_placeholders,
                status.stale,
                status.unknown
            );
        }
    }

    /// Every question and gender check text, and every principle and risk name, is
    /// translated into every language (guidance, summaries and process titles may stay
    /// English: reports say when process titles are the framework's English).
    #[test]
    fn every_question_check_and_name_is_translated() {
        let framework = crate::validate::framework::embedded();
        for lang in [Lang::Fr, Lang::Es, Lang::Ar] {
            let status = embedded(lang, framework);
            let untranslated: Vec<&String> = status
                .missing
                .iter()
                .filter(|id| !id.ends_with(".guidance") && !id.ends_with(".summary"))
                .filter(|id| !id.starts_with("process."))
                .collect();
            assert!(untranslated.is_empty(), "{}: {untranslated:?}", lang.code());
        }
    }
}
