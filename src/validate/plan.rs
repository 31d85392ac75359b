//! Checks of an action register against the framework (every id an action's, each once, a
//! reason for every action not planned), and the step from raw to validated register.

use std::collections::HashMap;

use super::questionnaire::Checker;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::framework::Framework;
use crate::plan::raw::{EntryStatus, RawPlan};
use crate::plan::{ACTION_PREFIX, Entry, PLAN_VERSION, Plan};
use crate::questionnaire::Date;
use crate::source::yaml::Node;
use crate::source::{Limits, SourceFile};
use crate::validate::{self, Validated, schema};

/// Parses and validates an action register against `framework`.
pub fn load(source: &SourceFile, framework: &Framework, limits: &Limits) -> Validated<Plan> {
    validate::load_document(
        source,
        &schema::PLAN,
        limits,
        |root, diagnostics| check_references(root, &source.name, framework, diagnostics),
        |raw: RawPlan, root| build(raw, root, &source.name),
    )
}

/// Checks a register tree: its version, dates, ids and reasons.
pub fn check_references(
    root: &Node,
    file: &str,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) {
    let mut checker = Checker {
        file,
        framework,
        diagnostics,
    };
    checker.version(
        root,
        "dpisafe_plan",
        "action register",
        u64::from(PLAN_VERSION),
    );
    checker.date(root, "assessed_on");
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for entry in root.list("actions") {
        for key in ["due", "closed_on"] {
            checker.date(entry, key);
        }
        not_planned_reason(&mut checker, entry);
        let Some(id) = entry.text("id") else { continue };
        let item = id.value.strip_prefix(ACTION_PREFIX).unwrap_or(id.value);
        if framework.question(item).is_none() {
            checker.unknown_question(Code::UnknownAction, item, id.pos, "action");
        }
        if let Some(first) = seen.insert(id.value, id.pos.line) {
            checker.push(
                Diagnostic::error(
                    Code::DuplicateAction,
                    file,
                    Some(id.pos),
                    format!("the register lists `{}` twice", id.value),
                )
                .with_label("second entry")
                .with_hint(format!(
                    "the first is at line {first}; keep one entry per action"
                )),
            );
        }
    }
}

/// A `not-planned` entry must say why.
fn not_planned_reason(checker: &mut Checker<'_>, entry: &Node) {
    let Some(status) = entry.text("status") else {
        return;
    };
    let reason = entry.text("reason").map(|r| r.value.trim());
    if status.value == EntryStatus::NotPlanned.as_str() && reason.is_none_or(str::is_empty) {
        checker.push(
            Diagnostic::error(
                Code::NotPlannedWithoutReason,
                checker.file,
                Some(status.pos),
                "an action marked `not-planned` gives no reason",
            )
            .with_label("needs a reason")
            .with_hint("add `reason:` saying why the gap will not be closed, and who decided"),
        );
    }
}

/// Builds the validated register from a raw one whose ids were checked.
pub fn build(raw: RawPlan, root: &Node, file: &str) -> Plan {
    let nodes = root.list("actions");
    let date = |text: &Option<String>| text.as_deref().and_then(Date::parse);
    let entries = raw
        .actions
        .into_iter()
        .enumerate()
        .map(|(i, e)| Entry {
            due: date(&e.due),
            closed_on: date(&e.closed_on),
            id: e.id,
            owner: e.owner.filter(|o| !o.trim().is_empty()),
            status: e.status.unwrap_or_default(),
            reason: e.reason,
            notes: e.notes,
            pos: nodes.get(i).map_or(root.pos, |n| n.pos),
        })
        .collect();
    Plan {
        file: file.to_owned(),
        deployment: raw.deployment,
        deployment_pos: root.get("deployment").map_or(root.pos, |n| n.pos),
        assessed_on: date(&raw.assessed_on),
        entries,
    }
}
