//! The action plan: every shortfall becomes an action, ranked so that the most harmful gaps
//! come first, and placed with the authority and stage that own the fix, the framework
//! processes that describe it and the kinds of international support that fit.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Confidence, Item, Status};
use crate::framework::{Framework, PrincipleKind};
use crate::plan::action_id;
use crate::questionnaire::AnswerValue;

/// What an action asks for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Put in place a safeguard answered `no`.
    Remedy,
    /// Finish a safeguard answered `partial`.
    Complete,
    /// Back a `yes` with evidence: none was given, or all of it is stale or missing.
    Evidence,
    /// Answer a question nobody has assessed.
    Assess,
}

impl ActionKind {
    /// The kind's name, as in the JSON result.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Remedy => "remedy",
            ActionKind::Complete => "complete",
            ActionKind::Evidence => "evidence",
            ActionKind::Assess => "assess",
        }
    }
}

/// How urgent an action is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// A critical question answered `no`: people can be harmed now.
    Critical,
    /// A critical question answered `partial`, or any other `no`.
    High,
    /// Any other `partial`.
    Medium,
    /// Evidence to gather or a question to assess.
    Low,
}

impl Priority {
    /// The priority's name, as in the JSON result.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

/// One step of the action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable identifier, `A-` and the item's id (`A-F8.Q1`): the key of the action register
    /// (`dpisafe plan`), the same from one assessment to the next. Filled from `question`
    /// when a result written before it existed is read.
    #[serde(default)]
    pub id: String,
    /// Position in the plan, from 1.
    pub rank: usize,
    /// The question or gender check it closes.
    pub question: String,
    /// What it asks for.
    pub kind: ActionKind,
    /// How urgent it is.
    pub priority: Priority,
    /// The principle the question scores under.
    pub principle: String,
    /// The authority that leads the fix (the first the question lists), if any.
    pub authority: Option<String>,
    /// The stage where the action is placed: the deployment's own stage once the deployment is
    /// past the question's earliest stage (nobody can act in a stage that is over), otherwise
    /// that earliest stage.
    pub stage: Option<String>,
    /// The question's earliest stage, where the safeguard was due first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_stage: Option<String>,
    /// A remedy or completion for a deployment past every stage the question lists: the
    /// safeguard was missed at `due_stage` and is to be fixed now, at `stage`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missed: bool,
    /// Framework processes that describe the safeguard (unique keys).
    pub processes: Vec<String>,
    /// Kinds of international support that fit (support-area ids).
    pub support: Vec<String>,
    /// Whether a waiver in force accepts the shortfall for now.
    pub waived: bool,
    /// What the action register (`--plan`) says about it: absent without a register, or when
    /// the register does not list it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking: Option<Tracking>,
}

/// An action's entry in the action register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    /// Who is accountable for it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<crate::questionnaire::Date>,
    /// Where it stands.
    pub status: crate::plan::EntryStatus,
    /// Whether it is open or in progress after its due date, on the report's `as_of` date.
    pub overdue: bool,
    /// Why it is not planned, for `not-planned`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Notes written in the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the entry is written in the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<crate::source::Location>,
}

/// The action plan for `items` of a deployment at `current` (its life-cycle stage), most
/// urgent first.
///
/// Order: priority; then foundational before operational principles (the others rest on
/// them); then heavier questions first; then framework order.
pub fn plan(framework: &Framework, items: &[Item<'_>], current: Option<&str>) -> Vec<Action> {
    let mut ranked: Vec<(u8, u32, usize, Action)> = items
        .iter()
        .enumerate()
        .filter_map(|(order, item)| {
            let (kind, priority) = classify(item, framework.fails_critically(item.question))?;
            let principle = framework.principle(&item.question.principle);
            let foundational = principle.is_none_or(|p| p.kind == PrincipleKind::Foundational);
            let due = framework.earliest_stage(&item.question.stages).cloned();
            let (stage, late) = placed(framework, &item.question.stages, due.as_deref(), current);
            // Only a safeguard not (fully) in place was missed; evidence to gather or a
            // question to assess is placed the same way but not marked.
            let missed = late && matches!(kind, ActionKind::Remedy | ActionKind::Complete);
            let action = Action {
                id: action_id(&item.question.id),
                rank: 0,
                question: item.question.id.clone(),
                kind,
                priority,
                principle: item.question.principle.clone(),
                authority: item.question.authorities.first().cloned(),
                stage,
                due_stage: due,
                missed,
                processes: process_keys(framework, &item.question.processes),
                support: principle.map(|p| p.support.clone()).unwrap_or_default(),
                waived: item.waived(),
                tracking: None,
            };
            Some((u8::from(!foundational), item.question.weight, order, action))
        })
        .collect();
    ranked.sort_by(|a, b| {
        (a.3.priority, a.0, std::cmp::Reverse(a.1), a.2).cmp(&(
            b.3.priority,
            b.0,
            std::cmp::Reverse(b.1),
            b.2,
        ))
    });
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, _, action))| Action {
            rank: i + 1,
            ..action
        })
        .collect()
}

/// The action an item calls for, if any; `critical` when a `no` to it is a critical failure.
fn classify(item: &Item<'_>, critical: bool) -> Option<(ActionKind, Priority)> {
    match item.status {
        Status::Answered(AnswerValue::No) if critical => {
            Some((ActionKind::Remedy, Priority::Critical))
        }
        Status::Answered(AnswerValue::No) => Some((ActionKind::Remedy, Priority::High)),
        Status::Answered(AnswerValue::Partial) if critical => {
            Some((ActionKind::Complete, Priority::High))
        }
        Status::Answered(AnswerValue::Partial) => Some((ActionKind::Complete, Priority::Medium)),
        Status::Answered(AnswerValue::Yes)
            if item.confidence.is_some_and(|c| c != Confidence::Evidenced) =>
        {
            Some((ActionKind::Evidence, Priority::Low))
        }
        Status::NotAssessed => Some((ActionKind::Assess, Priority::Low)),
        Status::Answered(_) | Status::NotApplicable => None,
    }
}

/// Where an action goes for a deployment at `current`, and whether its safeguard was missed:
/// at the deployment's stage once that is later than the earliest stage the question lists.
fn placed(
    framework: &Framework,
    stages: &[String],
    due: Option<&str>,
    current: Option<&str>,
) -> (Option<String>, bool) {
    let rank = |s: &str| framework.stage_rank(s);
    match (due, current) {
        (Some(due), Some(now)) if rank(now) > rank(due) && rank(due).is_some() => {
            let missed = stages.iter().all(|s| rank(s) < rank(now));
            (Some(now.to_owned()), missed)
        }
        (due, _) => (due.map(str::to_owned), false),
    }
}

/// Unique process keys for the ids a question names (a published id may name two processes).
fn process_keys(framework: &Framework, ids: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for process in ids.iter().flat_map(|id| framework.processes_named(id)) {
        if !keys.contains(&process.key) {
            keys.push(process.key.clone());
        }
    }
    keys
}
