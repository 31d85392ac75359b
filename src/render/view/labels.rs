//! Words and numbers as a report view prints them: answers, bands, priorities, framework
//! names and scores.

use super::*;

/// The templates' fixed text, with the few values it quotes filled in.
pub(super) fn template_text(
    m: Messages,
    actions: usize,
    tool: &str,
    framework: &str,
) -> IndexMap<String, String> {
    m.section("report")
        .into_iter()
        .map(|(id, text)| {
            let text = i18n::catalog::fill(
                &text,
                &[
                    ("actions", &actions),
                    ("tool", &tool),
                    ("framework", &framework),
                ],
            );
            (id, text)
        })
        .collect()
}

/// The message-id part of a risk family.
pub(super) fn family_id(category: crate::framework::RiskCategory) -> &'static str {
    use crate::framework::RiskCategory;
    match category {
        RiskCategory::Safety => "safety",
        RiskCategory::Inclusion => "inclusion",
        RiskCategory::Structural => "structural",
    }
}

/// Band names; learning mode describes progress instead of ranking.
pub(super) fn band_label(band: Option<&str>, mode: Mode, w: Words) -> String {
    let Some(band) = band else {
        return w.get("not_assessed");
    };
    let prefix = match mode {
        Mode::Learning => "learning",
        Mode::Accountability => "band",
    };
    named(w, prefix, band)
}

/// The band of a score, or "not rated — 23 % answered" when it has a (partial) score but too
/// little of it was answered for a band.
pub(super) fn rating_label(
    band: Option<&str>,
    score: Option<f64>,
    coverage: f64,
    mode: Mode,
    w: Words,
) -> String {
    match (band, score) {
        (None, Some(_)) => w.not_rated(coverage),
        _ => band_label(band, mode, w),
    }
}

/// The word for `prefix_id`; a band or level this catalog does not name (a custom
/// framework's) is shown as its id, capitalised.
pub(super) fn named(w: Words, prefix: &str, id: &str) -> String {
    let key = format!("view.{prefix}_{id}");
    let text = w.m.get(&key);
    if text == key {
        capitalised(id)
    } else {
        text.to_owned()
    }
}

pub(super) fn priority_label(priority: Priority, mode: Mode, w: Words) -> String {
    let prefix = match mode {
        Mode::Learning => "when",
        Mode::Accountability => "priority",
    };
    w.get(&format!("{prefix}_{}", priority.as_str()))
}

pub(super) fn question_text(framework: &Framework, id: &str, w: Words) -> String {
    framework
        .question(id)
        .map_or_else(String::new, |q| w.text(&q.id, &q.text))
}

/// A score or exposure with one decimal, as every document prints it, or "–" when there is none.
pub(crate) fn score_text(score: Option<f64>) -> String {
    score.map_or("–".to_owned(), |s| format!("{s:.1}"))
}

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
