//! The framework as a reference work in the terminal: the tables of `dpisafe framework list`
//! (this module), everything linked to one id for `framework show` ([`show`]), and how much of
//! the published framework the data holds for `framework coverage` ([`coverage`]). Plain text,
//! returned to the command line, which prints it.

mod coverage;
mod show;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::framework::{self, Framework, Question, TextSource};
use crate::render::table;

pub use coverage::coverage;
pub use show::show;

/// Which table `dpisafe framework list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// The 18 principles, with their counts of questions, checks and processes.
    Principles,
    /// The 13 risks.
    Risks,
    /// Every process record, variants included.
    Processes,
    /// Every question and gender check, reused checks last.
    Questions,
}

/// One table of `dpisafe framework list`, with the attribution line under the principles;
/// with `width`, the table's text columns narrow to fit the terminal.
pub fn list(framework: &Framework, listing: Listing, width: Option<usize>) -> String {
    match listing {
        Listing::Principles => list_principles(framework, width),
        Listing::Risks => list_risks(framework, width),
        Listing::Processes => list_processes(framework, width),
        Listing::Questions => list_questions(framework, width),
    }
}

fn list_principles(framework: &Framework, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = framework
        .principles
        .iter()
        .map(|p| {
            let (questions, checks): (Vec<&Question>, Vec<&Question>) = framework
                .questions
                .iter()
                .filter(|q| q.principle == p.id)
                .partition(|q| !q.is_gender());
            vec![
                p.id.clone(),
                p.name.clone(),
                p.kind.as_str().to_owned(),
                questions.len().to_string(),
                checks.len().to_string(),
                distinct_process_ids(framework, &p.id).len().to_string(),
            ]
        })
        .collect();
    let mut out = table::fit(
        &[
            "ID",
            "Principle",
            "Kind",
            "Questions",
            "Gender checks",
            "Processes",
        ],
        &rows,
        // Wide enough that a pipe gets each name on one line; a terminal narrows it.
        &[(1, 200)],
        width,
    );
    out.push_str(&attribution_line(framework));
    out
}

fn list_risks(framework: &Framework, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = framework
        .risks
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.category.label().to_owned(),
                framework.questions_for_risk(&r.id).len().to_string(),
                framework.processes_for_risk(&r.id).len().to_string(),
            ]
        })
        .collect();
    table::fit(
        &["ID", "Risk", "Category", "Questions", "Processes"],
        &rows,
        &[(1, 200)],
        width,
    )
}

fn list_processes(framework: &Framework, width: Option<usize>) -> String {
    let rows: Vec<Vec<String>> = framework
        .processes
        .iter()
        .map(|p| {
            vec![
                p.key.clone(),
                p.principle.clone(),
                p.title.clone(),
                p.risks.join(", "),
                placements(p),
                variant_label(framework, p),
            ]
        })
        .collect();
    let mut out = table::fit(
        &["Key", "Principle", "Title", "Risks", "Placed at", "Variant"],
        &rows,
        // The title matters most: the placements, risks and variant narrow first.
        &[(6, 200), (5, 200), (4, 200), (2, 60)],
        width,
    );
    let _ = writeln!(
        out,
        "\n{} process ids in {} records; a variant is one of the different processes the \
         framework's own pages give a single id.",
        distinct_ids(framework).len(),
        framework.processes.len()
    );
    out
}

/// "1 of 2 (conflict)" for a variant of a shared id, empty otherwise.
fn variant_label(framework: &Framework, process: &framework::Process) -> String {
    let siblings = framework.processes_named(&process.id);
    if siblings.len() < 2 {
        return String::new();
    }
    let position = siblings
        .iter()
        .position(|p| p.key == process.key)
        .map_or(0, |i| i + 1);
    let conflict = if process.conflict { " (conflict)" } else { "" };
    format!(
        "{position} of {} under {}{conflict}",
        siblings.len(),
        process.id
    )
}

fn distinct_ids(framework: &Framework) -> BTreeSet<&str> {
    framework.processes.iter().map(|p| p.id.as_str()).collect()
}

fn list_questions(framework: &Framework, width: Option<usize>) -> String {
    let reused = framework.reused_checks.iter().map(|c| {
        vec![
            c.id.clone(),
            c.principle.clone(),
            if c.critical {
                "critical".to_owned()
            } else {
                String::new()
            },
            c.building_blocks.join(", "),
            c.stages.join(", "),
            format!("(asked as {})", c.same_as().unwrap_or_default()),
        ]
    });
    let rows: Vec<Vec<String>> = framework
        .questions
        .iter()
        .map(|q| {
            vec![
                q.id.clone(),
                q.principle.clone(),
                if q.critical {
                    "critical".to_owned()
                } else {
                    String::new()
                },
                q.building_blocks.join(", "),
                q.stages.join(", "),
                q.text.clone(),
            ]
        })
        .chain(reused)
        .collect();
    table::fit(
        &["ID", "Principle", "", "Blocks", "Stages", "Question"],
        &rows,
        // The question matters most: blocks and stages narrow first.
        &[(3, 200), (4, 200), (5, 70)],
        width,
    )
}

/// Where a process sits: `authority·stage` pairs, or the stage alone.
pub(super) fn placements(process: &framework::Process) -> String {
    process
        .placements
        .iter()
        .map(|(authority, stage)| match authority {
            Some(a) => format!("{a}·{stage}"),
            None => stage.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The distinct process ids (not variant keys) held under a principle.
pub(super) fn distinct_process_ids(framework: &Framework, principle: &str) -> BTreeSet<String> {
    framework
        .processes
        .iter()
        .filter(|p| p.principle == principle)
        .map(|p| p.id.clone())
        .collect()
}

/// The framework's title, version, publisher and licence, on one line.
fn attribution_line(framework: &Framework) -> String {
    let meta = &framework.metadata;
    format!(
        "{} v{}, {} ({}).\n",
        meta.title, meta.version, meta.publisher, meta.licence
    )
}

/// What a principle's or risk's summary was written from.
pub(super) fn text_source_name(source: TextSource) -> &'static str {
    source.label()
}
