//! The `dpisafe migrate` report: what carried over and what needs review, for a person
//! ([`summary`]) or for scripts ([`json`]), and the `--dry-run` preview as a unified diff
//! ([`line_diff`]).

use std::fmt::Write as _;
use std::path::Path;

use crate::migrate::Migration;

/// What carried over, what was already right, and whether anything needs review, as lines for
/// standard error. The ids to review follow as diagnostics, each shown in place.
pub fn summary(migration: &Migration) -> String {
    let mut text = if migration.from == migration.to {
        format!("{}: written for {}\n", migration.file, migration.to)
    } else {
        format!(
            "{}: from {} to {}\n",
            migration.file, migration.from, migration.to
        )
    };
    if migration.carried_over.is_empty() {
        text.push_str("Carried over: nothing needed renaming.\n");
    } else {
        let _ = writeln!(text, "Carried over ({}):", migration.carried_over.len());
        for c in &migration.carried_over {
            let _ = writeln!(
                text,
                "  line {:<4} {:<9}  {} → {}",
                c.line,
                c.site.as_str(),
                c.old,
                c.new
            );
        }
    }
    let _ = writeln!(
        text,
        "Unchanged: {} already right for {}.",
        crate::text::count(migration.unchanged, "id", "ids"),
        migration.to
    );
    if let Some(date) = &migration.added_assessed_on {
        let _ = writeln!(
            text,
            "Added: assessed_on: {date}. Correct it to the date the answers describe."
        );
    }
    if !migration.is_complete() {
        let _ = writeln!(text, "Needs review ({}):", migration.needs_review.len());
    }
    text
}

/// The JSON report, with where the questionnaire was written (`null`: nowhere or stdout).
pub fn json(migration: &Migration, written: Option<&Path>) -> String {
    let mut value = serde_json::to_value(migration).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "written".to_owned(),
            written.map_or(serde_json::Value::Null, |p| p.display().to_string().into()),
        );
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The changed lines as a unified diff without context (`diff -U0`): migration edits ids
/// inside lines and never adds or removes one, so old and new lines pair up.
pub fn line_diff(name: &str, old: &str, migration: &Migration) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = migration.text.split_inclusive('\n').collect();
    let mut out = format!("--- {name}\n+++ {name} (migrated to {})\n", migration.to);
    if old_lines.len() != new_lines.len() {
        // Cannot happen with id edits; show the whole file rather than a wrong pairing.
        let _ = writeln!(out, "@@ -1,{} +1,{} @@", old_lines.len(), new_lines.len());
        old_lines.iter().for_each(|l| push_line(&mut out, '-', l));
        new_lines.iter().for_each(|l| push_line(&mut out, '+', l));
        return out;
    }
    let mut index = 0;
    while index < old_lines.len() {
        if old_lines[index] == new_lines[index] {
            index += 1;
            continue;
        }
        let start = index;
        while index < old_lines.len() && old_lines[index] != new_lines[index] {
            index += 1;
        }
        let count = index - start;
        let range = if count == 1 {
            format!("{}", start + 1)
        } else {
            format!("{},{count}", start + 1)
        };
        let _ = writeln!(out, "@@ -{range} +{range} @@");
        old_lines[start..index]
            .iter()
            .for_each(|l| push_line(&mut out, '-', l));
        new_lines[start..index]
            .iter()
            .for_each(|l| push_line(&mut out, '+', l));
    }
    out
}

/// One line of the diff, marked `-` or `+`, without its line ending.
fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line.trim_end_matches(['\n', '\r']));
    out.push('\n');
}
