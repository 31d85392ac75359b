//! The action register as a YAML file (`plan init`, `plan update`), and the summary of what
//! `plan update` changed.
//!
//! Every entry is preceded by a comment saying what the action is, so the person who fills in
//! owners and dates does not need the report open beside the file.

use std::fmt::Write as _;

use crate::framework::Framework;
use crate::plan::{Entry, EntryStatus, PLAN_VERSION, Plan};
use crate::render::words::Words;
use crate::report::tracking::Carried;
use crate::report::{Action, Report};
use crate::text::{inert, yaml_quoted};

/// The register as YAML, with each entry described from `report` (in `words`' language).
pub fn yaml(plan: &Plan, report: &Report, framework: &Framework, words: &Words) -> String {
    let mut out = String::new();
    header(&mut out, plan);
    for entry in &plan.entries {
        let action = report.actions.iter().find(|a| a.id == entry.id);
        describe(&mut out, action, framework, words);
        write_entry(&mut out, entry);
    }
    out
}

fn header(out: &mut String, plan: &Plan) {
    out.push_str(
        "# dpisafe action register: who does what by when, for each action of the plan.\n",
    );
    out.push_str(
        "# Fill in `owner` and `due` (YYYY-MM-DD); `status` is open, in-progress, done or\n",
    );
    out.push_str(
        "# not-planned (with a `reason:`). Read it with `dpisafe report FILE --plan THIS`;\n",
    );
    out.push_str("# after the next assessment, `dpisafe plan update FILE --plan THIS -o NEW` carries\n# it over.\n\n");
    let _ = writeln!(out, "dpisafe_plan: {PLAN_VERSION}");
    let _ = writeln!(out, "deployment: {}", yaml_quoted(&plan.deployment));
    if let Some(date) = plan.assessed_on {
        let _ = writeln!(out, "assessed_on: {date}");
    }
    if plan.entries.is_empty() {
        out.push_str("actions: []\n");
    } else {
        out.push_str("actions:\n");
    }
}

/// One comment line: rank, priority, the action in words, and who leads it where.
fn describe(out: &mut String, action: Option<&Action>, framework: &Framework, words: &Words) {
    let Some(action) = action else {
        out.push_str("  # no longer in the action plan\n");
        return;
    };
    let what = framework
        .question(&action.question)
        .map(|q| words.action(q))
        .unwrap_or_default();
    let mut line = format!(
        "{}. {} · {}: {}",
        action.rank,
        action.priority.as_str(),
        action.kind.as_str(),
        what
    );
    if let Some(lead) = action
        .authority
        .as_deref()
        .and_then(|a| framework.authority(a))
    {
        let _ = write!(line, " (lead: {})", words.named(lead));
    }
    for (i, part) in crate::text::wrap(&inert(&line), COMMENT_WIDTH)
        .iter()
        .enumerate()
    {
        let indent = if i == 0 { "" } else { "   " };
        let _ = writeln!(out, "  # {indent}{part}");
    }
}

/// Comment lines fit an 80-column editor with the entry's indent.
const COMMENT_WIDTH: usize = 72;

fn write_entry(out: &mut String, entry: &Entry) {
    let _ = writeln!(out, "  - id: {}", yaml_quoted(&entry.id));
    let text = |value: &Option<String>| value.as_deref().map_or("null".to_owned(), yaml_quoted);
    let _ = writeln!(out, "    owner: {}", text(&entry.owner));
    let due = entry.due.map_or("null".to_owned(), |d| d.to_string());
    let _ = writeln!(out, "    due: {due}");
    let _ = writeln!(out, "    status: {}", entry.status.as_str());
    if let Some(closed) = entry.closed_on {
        let _ = writeln!(out, "    closed_on: {closed}");
    }
    if entry.reason.is_some() || entry.status == EntryStatus::NotPlanned {
        let _ = writeln!(out, "    reason: {}", text(&entry.reason));
    }
    if entry.notes.is_some() {
        let _ = writeln!(out, "    notes: {}", text(&entry.notes));
    }
}

/// What `plan update` did, one line per kind of change, for the terminal.
pub fn carried(carried: &Carried) -> String {
    let mut out = String::new();
    for (label, ids) in [
        ("closed (marked done)", &carried.closed),
        ("opened", &carried.opened),
        ("reopened", &carried.reopened),
    ] {
        if !ids.is_empty() {
            let _ = writeln!(out, "{label}: {}", ids.join(", "));
        }
    }
    if out.is_empty() {
        out.push_str("no action closed or opened\n");
    }
    out
}
