//! The outputs of `dpisafe diff`: a terminal table, Markdown (through the `diff.md.j2`
//! template, with the Markdown auto-escape) and the versioned JSON. Only what moved is listed
//! in the table and the Markdown; the JSON holds every item.

use crate::text::inert;
use std::fmt::Write;

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::table;
use super::templates::{self, TemplateError};
use crate::diff::{Change, Diff, Figure, Note, Side, show};

/// The Markdown template's file name.
pub const MARKDOWN: &str = "diff.md.j2";
const MARKDOWN_SOURCE: &str = include_str!("../../templates/diff.md.j2");

/// Pretty-printed JSON with a final newline (`schemas/diff.schema.json`).
pub fn json(diff: &Diff) -> String {
    let mut text = serde_json::to_string_pretty(diff)
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    text.push('\n');
    text
}

/// The comparison as Markdown.
pub fn markdown(diff: &Diff) -> Result<String, TemplateError> {
    templates::render_source(
        MARKDOWN,
        MARKDOWN_SOURCE,
        &[("diff", Value::from(Serde(MarkdownView::of(diff))))],
    )
}

/// What the Markdown template reads: every figure already written out, so the template only
/// lays things out.
#[derive(Debug, Serialize)]
struct MarkdownView<'a> {
    deployment: String,
    framework: String,
    old: String,
    new: String,
    verdict: &'static str,
    regression_count: usize,
    improvement_count: usize,
    headline: Vec<[String; 2]>,
    principles: Vec<Vec<String>>,
    risks: Vec<Vec<String>>,
    questions: Vec<Vec<String>>,
    question_counts: String,
    regressions: &'a [Note],
    improvements: &'a [Note],
}

impl<'a> MarkdownView<'a> {
    fn of(diff: &'a Diff) -> Self {
        let counts = diff.summary.questions;
        Self {
            deployment: deployment(diff),
            framework: format!("{} v{}", diff.framework.title, diff.framework.version),
            old: side(&diff.old),
            new: side(&diff.new),
            verdict: diff.summary.change.as_str(),
            regression_count: diff.summary.regressions.len(),
            improvement_count: diff.summary.improvements.len(),
            headline: headline_rows(diff, false),
            principles: principle_rows(diff, false),
            risks: risk_rows(diff, false),
            questions: question_rows(diff, false),
            question_counts: format!(
                "{} improved · {} regressed · {} changed · {} unchanged",
                counts.improved, counts.regressed, counts.changed, counts.unchanged
            ),
            regressions: &diff.summary.regressions,
            improvements: &diff.summary.improvements,
        }
    }
}

/// The comparison for a terminal; `color` marks improvements green and regressions red.
pub fn table(diff: &Diff, color: bool) -> String {
    let mut out = String::new();
    header(&mut out, diff, color);
    section(
        &mut out,
        "Principles",
        &principle_rows(diff, color),
        &[
            "",
            "Principle",
            "",
            "Score",
            "Band",
            "Coverage",
            "Capped by",
        ],
    );
    section(
        &mut out,
        "Risks (residual exposure 0–100; lower is better)",
        &risk_rows(diff, color),
        &["", "Risk", "", "Exposure", "Level"],
    );
    let counts = diff.summary.questions;
    let title = format!(
        "Questions ({} improved · {} regressed · {} changed · {} unchanged)",
        counts.improved, counts.regressed, counts.changed, counts.unchanged
    );
    section(
        &mut out,
        &title,
        &question_rows(diff, color),
        &["", "", "Old → new", ""],
    );
    regressions(&mut out, diff);
    out
}

/// The deployment, the framework, both sides, the verdict and the headline figures.
fn header(out: &mut String, diff: &Diff, color: bool) {
    let _ = writeln!(out, "{}", deployment(diff));
    let _ = writeln!(
        out,
        "Framework: {} v{}",
        diff.framework.title, diff.framework.version
    );
    let _ = writeln!(out, "Old: {}", side(&diff.old));
    let _ = writeln!(out, "New: {}\n", side(&diff.new));
    let s = &diff.summary;
    let _ = writeln!(
        out,
        "{:<12}{}: {} · {}",
        "Verdict",
        paint(s.change, color),
        crate::text::count(s.regressions.len(), "regression", "regressions"),
        crate::text::count(s.improvements.len(), "improvement", "improvements"),
    );
    for [label, value] in headline_rows(diff, color) {
        let _ = writeln!(out, "{label:<12}{value}");
    }
}

/// What regressed, one line each, or that nothing did.
fn regressions(out: &mut String, diff: &Diff) {
    let regressions = &diff.summary.regressions;
    if regressions.is_empty() {
        let _ = writeln!(out, "\nNothing regressed.");
        return;
    }
    let _ = writeln!(
        out,
        "\nRegressed ({}):",
        crate::text::count(regressions.len(), "item", "items")
    );
    for note in regressions {
        let _ = writeln!(out, "  {}  {}", note.subject, note.text);
    }
}

/// The deployment's name and country, with the old ones when `--allow-different` let them
/// differ.
fn deployment(diff: &Diff) -> String {
    let named = |side: &Side| match &side.country {
        Some(country) => format!("{} ({country})", inert(&side.deployment)),
        None => inert(&side.deployment).into_owned(),
    };
    let (old, new) = (named(&diff.old), named(&diff.new));
    if old == new {
        new
    } else {
        format!("{new}, formerly {old}")
    }
}

/// One side in a line: file, stage and dates.
fn side(side: &Side) -> String {
    let mut facts = vec![format!("stage {}", side.stage)];
    if let Some(date) = side.assessed_on {
        facts.push(format!("assessed {date}"));
    }
    if side.assessed_on != Some(side.as_of) {
        facts.push(format!("waivers judged on {}", side.as_of));
    }
    format!("{} ({})", inert(&side.file), facts.join(", "))
}

/// Label and value of the headline figures.
fn headline_rows(diff: &Diff, color: bool) -> Vec<[String; 2]> {
    let o = &diff.overall;
    let band = match (&o.band.old, &o.band.new) {
        (a, b) if a == b => String::new(),
        (a, b) => format!(", {} → {}", word(a.as_deref()), word(b.as_deref())),
    };
    let g = &diff.gender;
    let mut rows = vec![
        [
            "Overall".to_owned(),
            format!("{}{band}", moved(&o.score, "", true, color)),
        ],
        ["Coverage".to_owned(), moved(&o.coverage, " %", true, color)],
        [
            "Confidence".to_owned(),
            format!(
                "{} of the score rests on fresh evidence",
                moved(&o.evidenced, " %", true, color)
            ),
        ],
        [
            "Gender".to_owned(),
            format!(
                "index {} · practice code {}",
                moved_to(&g.index, "", true, color, 0),
                moved_to(&g.practice_code, "", true, color, 0)
            ),
        ],
    ];
    let c = &diff.critical_failures;
    if !(c.added.is_empty() && c.removed.is_empty() && c.kept.is_empty()) {
        let list = |ids: &[String]| {
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        };
        rows.push([
            "Critical".to_owned(),
            format!(
                "added {} · removed {} · still failing {}",
                list(&c.added),
                list(&c.removed),
                list(&c.kept)
            ),
        ]);
    }
    let a = &diff.actions;
    if !(a.closed.is_empty() && a.opened.is_empty()) {
        rows.push([
            "Actions".to_owned(),
            format!("closed {} · opened {}", few(&a.closed), few(&a.opened)),
        ]);
    }
    rows
}

/// How many ids, and the first few of them: `3 (A-F1.Q1, A-F1.Q2, A-O3.Q1)`.
fn few(ids: &[String]) -> String {
    const SHOWN: usize = 6;
    match ids.len() {
        0 => "none".to_owned(),
        n if n <= SHOWN => format!("{n} ({})", ids.join(", ")),
        n => format!("{n} ({}, …)", ids[..SHOWN].join(", ")),
    }
}

fn principle_rows(diff: &Diff, color: bool) -> Vec<Vec<String>> {
    diff.principles
        .iter()
        .filter(|p| p.change != Change::Unchanged)
        .map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                paint(p.change, color),
                moved(&p.score, "", true, false),
                arrow(p.band.old.as_deref(), p.band.new.as_deref()),
                moved(&p.coverage, " %", true, false),
                arrow(p.capped_by.old.as_deref(), p.capped_by.new.as_deref()),
            ]
        })
        .collect()
}

fn risk_rows(diff: &Diff, color: bool) -> Vec<Vec<String>> {
    diff.risks
        .iter()
        .filter(|r| r.change != Change::Unchanged)
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                paint(r.change, color),
                moved(&r.exposure, "", false, false),
                arrow(r.level.old.as_deref(), r.level.new.as_deref()),
            ]
        })
        .collect()
}

fn question_rows(diff: &Diff, color: bool) -> Vec<Vec<String>> {
    diff.questions
        .iter()
        .filter(|q| q.change != Change::Unchanged)
        .map(|q| {
            vec![
                q.question.clone(),
                paint(q.change, color),
                q.describe(),
                if q.critical { "critical" } else { "" }.to_owned(),
            ]
        })
        .collect()
}

/// A titled table of the rows that moved, or a line saying nothing did.
fn section(out: &mut String, title: &str, rows: &[Vec<String>], header: &[&str]) {
    if rows.is_empty() {
        let _ = writeln!(out, "\n{title}: nothing moved.");
        return;
    }
    let _ = write!(
        out,
        "\n{title}\n{}",
        table::render(header, rows.to_vec(), Some((1, 36)))
    );
}

/// `old → new (+delta)`, or the value alone when it did not move.
fn moved(figure: &Figure, unit: &str, higher_is_better: bool, color: bool) -> String {
    moved_to(figure, unit, higher_is_better, color, 1)
}

/// [`moved`] with `decimals` places (the gender figures are whole numbers).
fn moved_to(
    figure: &Figure,
    unit: &str,
    higher_is_better: bool,
    color: bool,
    decimals: usize,
) -> String {
    let (old, new) = (show(figure.old, decimals), show(figure.new, decimals));
    match figure.delta {
        Some(0.0) => format!("{new}{unit}"),
        Some(delta) => {
            let sign = if delta > 0.0 { "+" } else { "−" };
            let text = format!(
                "{old}{unit} → {new}{unit} ({sign}{:.decimals$})",
                delta.abs()
            );
            let change = if (delta > 0.0) == higher_is_better {
                Change::Improved
            } else {
                Change::Regressed
            };
            tint(&text, change, color)
        }
        None if figure.old.is_none() && figure.new.is_none() => "none".to_owned(),
        None => format!("{old}{unit} → {new}{unit}"),
    }
}

fn word(value: Option<&str>) -> &str {
    value.unwrap_or("none")
}

fn arrow(old: Option<&str>, new: Option<&str>) -> String {
    if old == new {
        word(new).to_owned()
    } else {
        format!("{} → {}", word(old), word(new))
    }
}

fn paint(change: Change, color: bool) -> String {
    tint(change.as_str(), change, color)
}

/// Green for better, red for worse, when colour is on.
fn tint(text: &str, change: Change, color: bool) -> String {
    let code = match change {
        Change::Improved => "32",
        Change::Regressed => "31",
        Change::Changed | Change::Unchanged => return text.to_owned(),
    };
    if color {
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    } else {
        text.to_owned()
    }
}
