//! `dpisafe i18n status`: per language, how much of the catalog and of the framework's texts
//! is translated, and which texts are missing or stale, as text for the terminal.

use std::fmt::Write as _;

use crate::i18n::status::LanguageStatus;
use crate::i18n::{Lang, framework, source_digest};

/// How many missing ids are listed before the rest are only counted (without `--all`).
const SHOWN: usize = 12;

/// One language's block; `all` lists every stale and missing id instead of the first few.
pub fn language(s: &LanguageStatus, units: &[framework::Unit], all: bool) -> String {
    let mut out = String::new();
    describe(&mut out, s, units, all);
    out
}

fn describe(out: &mut String, s: &LanguageStatus, units: &[framework::Unit], all: bool) {
    let catalog_done = s.catalog_total - s.catalog_missing.len();
    let texts_done = s.texts_total - s.missing.len() - s.stale.len();
    let _ = writeln!(out, "{} ({})", s.lang.english_name(), s.lang.code());
    let _ = writeln!(
        out,
        "  catalog          {catalog_done} of {} messages",
        s.catalog_total
    );
    if s.lang == Lang::En {
        let _ = writeln!(out, "  framework texts  {} (the source)\n", s.texts_total);
        return;
    }
    let _ = writeln!(
        out,
        "  framework texts  {texts_done} of {} current · {} missing · {} stale",
        s.texts_total,
        s.missing.len(),
        s.stale.len()
    );
    list(out, "catalog ids missing", &s.catalog_missing, usize::MAX);
    list(
        out,
        "catalog ids English lacks",
        &s.catalog_unknown,
        usize::MAX,
    );
    list(
        out,
        "catalog placeholders differing from English",
        &s.catalog_placeholders,
        usize::MAX,
    );
    let limit = if all { usize::MAX } else { SHOWN };
    untranslated(out, "stale", &s.stale, units, limit);
    untranslated(out, "missing", &s.missing, units, limit);
    list(
        out,
        "translations of ids the framework lacks",
        &s.unknown,
        usize::MAX,
    );
    out.push('\n');
}

/// The stale or missing framework texts, each with the digest of the English source it must
/// be translated from, the first `limit` of them listed.
fn untranslated(
    out: &mut String,
    kind: &str,
    ids: &[String],
    units: &[framework::Unit],
    limit: usize,
) {
    if ids.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "  {kind} (shown in English; translate from the English text with this source):"
    );
    for id in ids.iter().take(limit) {
        let digest = units
            .iter()
            .find(|u| &u.id == id)
            .map(|u| source_digest(&u.english))
            .unwrap_or_default();
        let _ = writeln!(out, "    {id}  source: {digest}");
    }
    if ids.len() > limit {
        let _ = writeln!(
            out,
            "    … and {} more (--all lists them)",
            ids.len() - limit
        );
    }
}

/// One line naming every id of a kind, when there is any.
fn list(out: &mut String, what: &str, ids: &[String], limit: usize) {
    if ids.is_empty() {
        return;
    }
    let shown: Vec<&str> = ids.iter().take(limit).map(String::as_str).collect();
    let _ = writeln!(out, "  {what}: {}", shown.join(", "));
}
