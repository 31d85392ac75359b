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

/// The changed lines as a unified diff without context (`diff -U0`). Migration edits ids inside
/// lines, and adds one line (`assessed_on`) to a file that had no date, so old and new lines
/// are aligned on their longest common subsequence.
pub fn line_diff(name: &str, old: &str, migration: &Migration) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = migration.text.split_inclusive('\n').collect();
    let mut out = format!("--- {name}\n+++ {name} (migrated to {})\n", migration.to);
    let Some(hunks) = hunks(&old_lines, &new_lines) else {
        // Too large to align (a questionnaire is a few thousand lines at most): the whole
        // file, rather than a wrong pairing.
        let _ = writeln!(out, "@@ -1,{} +1,{} @@", old_lines.len(), new_lines.len());
        old_lines.iter().for_each(|l| push_line(&mut out, '-', l));
        new_lines.iter().for_each(|l| push_line(&mut out, '+', l));
        return out;
    };
    for h in hunks {
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(h.old.start, h.old.len()),
            range(h.new.start, h.new.len())
        );
        old_lines[h.old]
            .iter()
            .for_each(|l| push_line(&mut out, '-', l));
        new_lines[h.new]
            .iter()
            .for_each(|l| push_line(&mut out, '+', l));
    }
    out
}

/// The largest alignment worth computing, in cells of its table (old × new lines).
const MAX_CELLS: usize = 4_000_000;

/// One run of changed lines: these old lines became those new ones.
struct Hunk {
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

/// The runs of lines that differ, after aligning the lines both texts share; `None` when the
/// texts are too large to align.
fn hunks(old: &[&str], new: &[&str]) -> Option<Vec<Hunk>> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    if (a.len() + 1).saturating_mul(b.len() + 1) > MAX_CELLS {
        return None;
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            if let Some((oi, oj)) = open.take() {
                hunks.push(Hunk {
                    old: prefix + oi..prefix + i,
                    new: prefix + oj..prefix + j,
                });
            }
            i += 1;
            j += 1;
            continue;
        }
        open.get_or_insert((i, j));
        if j == b.len() || (i < a.len() && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            i += 1;
        } else {
            j += 1;
        }
    }
    if let Some((oi, oj)) = open {
        hunks.push(Hunk {
            old: prefix + oi..prefix + i,
            new: prefix + oj..prefix + j,
        });
    }
    Some(hunks)
}

/// A hunk's side as `diff` writes it: `5` for one line, `5,3` for several, and `4,0` (the line
/// before) for none.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

/// One line of the diff, marked `-` or `+`, without its line ending.
fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line.trim_end_matches(['\n', '\r']));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::{hunks, range};

    #[test]
    fn an_inserted_line_is_one_hunk_and_edits_pair_up() {
        let found = hunks(&["a\n", "b\n", "c\n"], &["a\n", "x\n", "b\n", "C\n"]).expect("small");
        let sides: Vec<(String, String)> = found
            .iter()
            .map(|h| {
                (
                    range(h.old.start, h.old.len()),
                    range(h.new.start, h.new.len()),
                )
            })
            .collect();
        // `x` is inserted after line 1 (diff writes `-1,0 +2`); `c` became `C`.
        assert_eq!(
            sides,
            [
                ("1,0".to_owned(), "2".to_owned()),
                ("3".to_owned(), "4".to_owned())
            ]
        );
    }
}
