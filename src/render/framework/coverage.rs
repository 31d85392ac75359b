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
    let held: Vec<Held> = framework
        .principles
        .iter()
        .map(|p| Held::of(framework, p))
        .collect();
    let total_found: usize = held.iter().map(|h| h.found).sum();
    let total_known: usize = held.iter().map(|h| h.known).sum();
    let rows = held.iter().map(Held::row).collect();
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

/// One principle's share of its published processes held in the data.
struct Held<'f> {
    principle: &'f framework::Principle,
    /// Distinct process ids held.
    found: usize,
    /// Published processes, at least: the highest number seen, or what is held.
    known: usize,
    /// Its questions, gender checks not counted.
    questions: usize,
}

impl<'f> Held<'f> {
    fn of(framework: &Framework, principle: &'f framework::Principle) -> Self {
        let found = super::distinct_process_ids(framework, &principle.id).len();
        Self {
            principle,
            found,
            known: (principle.processes_known_up_to as usize).max(found),
            questions: framework
                .questions
                .iter()
                .filter(|q| q.principle == principle.id && !q.is_gender())
                .count(),
        }
    }

    fn row(&self) -> Vec<String> {
        let p = self.principle;
        let share = (self.found * 100)
            .checked_div(self.known)
            .map_or_else(|| "unknown".to_owned(), |pct| format!("≤ {pct}%"));
        vec![
            p.id.clone(),
            p.name.clone(),
            super::text_source_name(p.text_source).to_owned(),
            self.found.to_string(),
            if self.known == 0 {
                "none seen".to_owned()
            } else {
                format!("≥ {}", self.known)
            },
            share,
            self.questions.to_string(),
        ]
    }
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
