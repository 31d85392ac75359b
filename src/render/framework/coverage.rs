//! `dpisafe framework coverage`: per principle, how many of the published processes the data
//! holds, and which numbers below the highest seen were not found.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::framework::{self, Framework};
use crate::render::table;
use crate::text::wrap;

/// The `dpisafe framework coverage` table: how much of the published framework the data holds,
/// per principle, and the numbers not found.
pub fn coverage(framework: &Framework) -> String {
    let mut total_found = 0;
    let mut total_known = 0;
    let rows = framework
        .principles
        .iter()
        .map(|p| {
            let found = super::distinct_process_ids(framework, &p.id).len();
            let known = (p.processes_known_up_to as usize).max(found);
            total_found += found;
            total_known += known;
            let share = (found * 100)
                .checked_div(known)
                .map_or_else(|| "unknown".to_owned(), |pct| format!("≤ {pct}%"));
            let questions = framework
                .questions
                .iter()
                .filter(|q| q.principle == p.id && !q.is_gender())
                .count();
            vec![
                p.id.clone(),
                p.name.clone(),
                super::text_source_name(p.text_source).to_owned(),
                found.to_string(),
                if known == 0 {
                    "none seen".to_owned()
                } else {
                    format!("≥ {known}")
                },
                share,
                questions.to_string(),
            ]
        })
        .collect();
    let mut out = table::render(
        &[
            "ID",
            "Principle",
            "Summary based on",
            "Processes held",
            "Published (lower bound)",
            "Share held",
            "Questions",
        ],
        rows,
        None,
    );
    let _ = writeln!(
        out,
        "\nThe data holds {total_found} distinct process ids ({} records) of at least {total_known} published;",
        framework.processes.len()
    );
    let missing: Vec<String> = framework
        .principles
        .iter()
        .filter_map(|p| missing_ranges(framework, p))
        .collect();
    out.push_str("the framework counts about 300 processes and practices together. Practices are not held.\n");
    out.push_str("Shares are upper bounds: the published count per principle is only known from the highest\n");
    out.push_str("number seen. Principles with no processes held are scored from dpisafe's own questions only.\n");
    if !missing.is_empty() {
        out.push_str("\nNot found so far (numbers below the highest seen):\n");
        for line in wrap(&missing.join(", "), 96) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The process numbers of `p` below its highest known one that the data does not hold, as
/// ranges (`F2.1–F2.3`); `O7 (none seen)` for a principle with no process at all.
fn missing_ranges(framework: &Framework, p: &framework::Principle) -> Option<String> {
    let held: BTreeSet<u32> = framework
        .processes
        .iter()
        .filter(|pr| pr.principle == p.id)
        .filter_map(|pr| pr.id.rsplit('.').next()?.parse().ok())
        .collect();
    if p.processes_known_up_to == 0 && held.is_empty() {
        return Some(format!("{} (none seen)", p.id));
    }
    let mut ranges: Vec<String> = Vec::new();
    let mut start: Option<u32> = None;
    for n in 1..=p.processes_known_up_to + 1 {
        let gap = n <= p.processes_known_up_to && !held.contains(&n);
        match (gap, start) {
            (true, None) => start = Some(n),
            (false, Some(first)) => {
                let last = n - 1;
                ranges.push(if first == last {
                    format!("{}.{first}", p.id)
                } else {
                    format!("{}.{first}–{}.{last}", p.id, p.id)
                });
                start = None;
            }
            _ => {}
        }
    }
    (!ranges.is_empty()).then(|| ranges.join(", "))
}
