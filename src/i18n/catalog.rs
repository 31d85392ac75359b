//! The catalogs of dpisafe's own messages, one YAML file per language under `i18n/`,
//! embedded in the binary. Each has sections (`report`, `view`, `summary`, `verdict`, `cli`)
//! of message ids; `{name}` placeholders are filled in by [`Messages::format`].
//!
//! English is the source: a message missing from another catalog falls back to English, and
//! [`super::status`] (with a test) reports any id one catalog has and another lacks.

use std::sync::OnceLock;

use indexmap::IndexMap;

use super::Lang;

/// One language's messages: section → id → text.
pub type Catalog = IndexMap<String, IndexMap<String, String>>;

/// The embedded catalog files, by language.
pub const SOURCES: [(Lang, &str, &str); 4] = [
    (Lang::En, "i18n/en.yaml", include_str!("../../i18n/en.yaml")),
    (Lang::Fr, "i18n/fr.yaml", include_str!("../../i18n/fr.yaml")),
    (Lang::Es, "i18n/es.yaml", include_str!("../../i18n/es.yaml")),
    (Lang::Ar, "i18n/ar.yaml", include_str!("../../i18n/ar.yaml")),
];

// One slot per language, parsed the first time that language is asked for: an English run
// never parses the other catalogs, which cost more than the rest of a short report.
static CATALOGS: [OnceLock<Catalog>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];

/// Parses a catalog file.
pub fn parse(text: &str) -> Result<Catalog, String> {
    serde_saphyr::from_str::<Catalog>(text).map_err(|err| err.to_string())
}

/// The embedded catalog of `lang` (English for a language without one).
pub fn embedded(lang: Lang) -> &'static Catalog {
    let index = SOURCES.iter().position(|(l, _, _)| *l == lang).unwrap_or(0);
    let (_, name, text) = SOURCES[index];
    CATALOGS[index].get_or_init(|| {
        parse(text).unwrap_or_else(|err| {
            panic!("invariant: the embedded catalog {name} parses (tested): {err}")
        })
    })
}

/// The messages of one language, falling back to English for an id it lacks.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    lang: Lang,
    catalog: &'static Catalog,
    english: &'static Catalog,
}

impl Messages {
    /// The embedded messages of `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            catalog: embedded(lang),
            english: embedded(Lang::En),
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text of `section.id`; English when this language lacks it, and the id itself when
    /// English lacks it too (a programming error the catalog tests catch).
    pub fn get<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        let (section, id) = key.split_once('.').unwrap_or(("", key));
        lookup(self.catalog, section, id)
            .or_else(|| lookup(self.english, section, id))
            .unwrap_or(key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn format(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.get(key), args)
    }

    /// The singular (`key_one`) or plural (`key_other`) form for `count`, filled in with
    /// `count` and `args`.
    pub fn plural(
        &self,
        key: &str,
        count: usize,
        args: &[(&str, &dyn std::fmt::Display)],
    ) -> String {
        let form = if count == 1 { "one" } else { "other" };
        let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("count", &count)];
        all.extend_from_slice(args);
        fill(self.get(&format!("{key}_{form}")), &all)
    }

    /// Every id of `section`, resolved in this language, for templates to read as `t.<id>`.
    pub fn section(&self, section: &str) -> IndexMap<String, String> {
        let mut out = IndexMap::new();
        if let Some(ids) = self.english.get(section) {
            for id in ids.keys() {
                let text = lookup(self.catalog, section, id)
                    .or_else(|| lookup(self.english, section, id))
                    .unwrap_or_default();
                out.insert(id.clone(), text.to_owned());
            }
        }
        out
    }
}

fn lookup<'a>(catalog: &'a Catalog, section: &str, id: &str) -> Option<&'a str> {
    catalog
        .get(section)
        .and_then(|s| s.get(id))
        .map(String::as_str)
}

/// `text` with each `{name}` of `args` replaced by its value.
pub fn fill(text: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        let placeholder = format!("{{{name}}}");
        if out.contains(&placeholder) {
            out = out.replace(&placeholder, &value.to_string());
        }
    }
    out
}

/// The `{name}` placeholders of `text`, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            found.push(name.to_owned());
        }
        rest = &after[end + 1..];
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_catalog_parses() {
        for (lang, name, text) in SOURCES {
            let catalog = parse(text).unwrap_or_else(|err| panic!("{name}: {err}"));
            assert!(!catalog.is_empty(), "{} is empty", lang.code());
        }
    }

    #[test]
    fn placeholders_are_filled_and_found() {
        let text = "{count} of {total}: {count}";
        assert_eq!(fill(text, &[("count", &3), ("total", &9)]), "3 of 9: 3");
        assert_eq!(placeholders(text), ["count", "total"]);
        assert_eq!(placeholders("no {} {a-b} here"), Vec::<String>::new());
    }

    #[test]
    fn a_missing_message_falls_back_to_english_then_the_id() {
        let fr = Messages::new(Lang::Fr);
        assert_eq!(fr.get("nowhere.nothing"), "nowhere.nothing");
        assert_eq!(Messages::new(Lang::En).get("verdict.pass"), "PASS");
        assert_ne!(fr.get("report.summary"), "nowhere");
    }

    #[test]
    fn plural_picks_the_form() {
        let en = Messages::new(Lang::En);
        assert_eq!(
            en.plural("verdict.waived", 1, &[]),
            "1 waived shortfall is not counted as violations"
        );
        assert_eq!(
            en.plural("verdict.waived", 2, &[]),
            "2 waived shortfalls are not counted as violations"
        );
    }
}
