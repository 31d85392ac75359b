//! The action register joined to a report: each action's owner, due date and status, what is
//! overdue, and the register carried forward to a newer assessment (`dpisafe plan update`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Report, Warning};
use crate::diagnostic::Code;
use crate::evaluate::actions::Tracking;
use crate::plan::{Entry, EntryStatus, Plan};
use crate::questionnaire::Date;
use crate::source::Location;

/// What a report says about the register it was read with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInfo {
    /// The register file, as named on the command line.
    pub file: String,
    /// Actions the register lists.
    pub tracked: usize,
    /// Actions it does not list yet (`dpisafe plan update` adds them).
    pub untracked: usize,
    /// Actions open or in progress after their due date, on the report's `as_of` date, most
    /// urgent first.
    pub overdue: Vec<String>,
}

impl Report {
    /// Reads `plan` into the report: every listed action gets its tracking, and a pending
    /// entry whose action the assessment no longer calls for becomes a warning.
    pub fn track(&mut self, plan: &Plan) {
        let as_of = self.assessment.as_of;
        for action in &mut self.actions {
            action.tracking = plan.entry(&action.id).map(|e| tracking(plan, e, as_of));
        }
        let stale = plan
            .entries
            .iter()
            .filter(|e| e.status.is_pending() && !self.actions.iter().any(|a| a.id == e.id));
        let mut warnings: Vec<Warning> = stale.map(|e| stale_warning(plan, e)).collect();
        self.warnings.append(&mut warnings);
        let tracked = self.actions.iter().filter(|a| a.tracking.is_some());
        self.plan = Some(PlanInfo {
            file: plan.file.clone(),
            tracked: tracked.count(),
            untracked: self.actions.iter().filter(|a| a.tracking.is_none()).count(),
            overdue: self
                .actions
                .iter()
                .filter(|a| a.tracking.as_ref().is_some_and(|t| t.overdue))
                .map(|a| a.id.clone())
                .collect(),
        });
    }
}

fn tracking(plan: &Plan, entry: &Entry, as_of: Date) -> Tracking {
    Tracking {
        location: Some(Location::new(&plan.file, entry.pos)),
        owner: entry.owner.clone(),
        due: entry.due,
        status: entry.status,
        overdue: entry.is_overdue(as_of),
        reason: entry.reason.clone(),
        notes: entry.notes.clone(),
    }
}

fn stale_warning(plan: &Plan, entry: &Entry) -> Warning {
    Warning {
        code: Code::PlanStale,
        subject: entry.id.clone(),
        message: format!(
            "the register lists `{}` as {}, but the assessment no longer calls for it",
            entry.id,
            entry.status.as_str()
        ),
        hint: "run `dpisafe plan update` to mark it done with the assessment's date".to_owned(),
        location: Location::new(&plan.file, entry.pos),
    }
}

/// What `plan update` changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// Actions whose gap closed, now marked done.
    pub closed: Vec<String>,
    /// Actions new to the register, added as open.
    pub opened: Vec<String>,
    /// Actions marked done that the assessment calls for again, opened again.
    pub reopened: Vec<String>,
}

/// The register carried forward to `report`, dated with its assessment: pending actions the
/// report no longer has are done, actions new in the report are added as open, and done
/// actions the report has again are reopened. Everything else the register says is kept.
pub fn carry_forward(plan: &Plan, report: &Report) -> (Plan, Carried) {
    let date = report
        .assessment
        .assessed_on
        .unwrap_or(report.assessment.as_of);
    let mut carried = Carried::default();
    let mut entries = Vec::with_capacity(plan.entries.len());
    for entry in &plan.entries {
        let needed = report.actions.iter().any(|a| a.id == entry.id);
        let mut entry = entry.clone();
        if !needed && entry.status.is_pending() {
            entry.status = EntryStatus::Done;
            entry.closed_on = Some(date);
            carried.closed.push(entry.id.clone());
        } else if needed && entry.status == EntryStatus::Done {
            entry.status = EntryStatus::Open;
            entry.closed_on = None;
            carried.reopened.push(entry.id.clone());
        }
        entries.push(entry);
    }
    for action in &report.actions {
        if plan.entry(&action.id).is_none() {
            entries.push(Entry::open(&action.id));
            carried.opened.push(action.id.clone());
        }
    }
    let plan = Plan {
        file: plan.file.clone(),
        deployment: report.assessment.deployment.name.clone(),
        deployment_pos: plan.deployment_pos,
        assessed_on: Some(date),
        entries,
    };
    (plan, carried)
}

/// A new register for `report`: every action open, in the plan's order.
pub fn register(report: &Report, file: &str) -> Plan {
    Plan {
        file: file.to_owned(),
        deployment: report.assessment.deployment.name.clone(),
        deployment_pos: crate::source::Pos::new(1, 1),
        assessed_on: report.assessment.assessed_on,
        entries: report.actions.iter().map(|a| Entry::open(&a.id)).collect(),
    }
}
