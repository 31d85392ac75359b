//! Progress between two assessments of one deployment: what improved, what regressed and what
//! merely changed, from the question up to the overall score.
//!
//! Works on two [`Report`]s (built from questionnaires or read from saved results), so a
//! comparison sees exactly the numbers the two reports show. The result is data: the command
//! line renders it as a table, Markdown or the versioned JSON described by
//! `schemas/diff.schema.json`, and decides whether a regression fails the run.
//!
//! How each change is classified is written out in the README (`dpisafe diff`); in short,
//! more credit, better evidence, a lifted cap, lower exposure or a higher index is an
//! improvement, their opposites are regressions, and a change with no direction (an answer
//! turned `n/a`, a waiver added, a question that came into scope) is just "changed".

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::framework::Framework;
use crate::questionnaire::Date;
use crate::report::build::round1;
use crate::report::{
    Confidence, ConfidenceCounts, Finding, FrameworkInfo, ItemKind, Report, Status, Tool,
};

mod compare;
mod summary;

pub use compare::{compare, mismatch};
pub use summary::show;

/// The version of the diff format this build writes.
pub const DIFF_VERSION: u32 = 1;

/// Two assessments of one deployment, compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Diff {
    /// Version of the diff format (1).
    pub dpisafe_diff: u32,
    /// The tool that wrote it.
    pub tool: Tool,
    /// The framework both assessments were made against.
    pub framework: FrameworkInfo,
    /// The earlier assessment.
    pub old: Side,
    /// The later assessment.
    pub new: Side,
    /// The verdict and the lists of what got better and worse.
    pub summary: DiffSummary,
    /// Overall score, coverage and confidence.
    pub overall: OverallChange,
    /// Every principle, in framework order.
    pub principles: Vec<PrincipleChange>,
    /// Every risk, in framework order.
    pub risks: Vec<RiskChange>,
    /// The gender inclusion index.
    pub gender: GenderChange,
    /// Critical questions and gender checks answered `no`.
    pub critical_failures: CriticalChange,
    /// Every question and gender check applicable on either side, in framework order.
    pub questions: Vec<QuestionChange>,
    /// Actions of the plan closed and opened between the two assessments.
    pub actions: ActionChanges,
}

/// The action plans compared by action id (`A-F8.Q1`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionChanges {
    /// In the earlier plan, not in the later one: the gap closed (or no longer applies).
    pub closed: Vec<String>,
    /// In the later plan, not in the earlier one, in the later plan's order.
    pub opened: Vec<String>,
}

/// One of the two assessments compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// The file, as named on the command line.
    pub file: String,
    /// Whether it was a questionnaire or a saved result.
    pub input: InputKind,
    /// The deployment's name.
    pub deployment: String,
    /// Its country code.
    pub country: Option<String>,
    /// Its life-cycle stage at the time.
    pub stage: String,
    /// Its building blocks at the time.
    pub building_blocks: Vec<String>,
    /// The assessment date written in the questionnaire.
    pub assessed_on: Option<Date>,
    /// The date waivers were judged on.
    pub as_of: Date,
}

/// What a compared file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A questionnaire, scored for the comparison.
    Questionnaire,
    /// A JSON result from `assess --format json` or `check --format json`.
    Result,
}

/// How one thing moved between the two assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Better: more credit, better evidence, higher score, lower exposure.
    Improved,
    /// Worse: less credit, weaker evidence, an answer lost, a cap set, higher exposure.
    Regressed,
    /// Different, with no better or worse (an answer turned `n/a`, a waiver added or expired,
    /// a question that came into or left scope).
    Changed,
    /// The same.
    Unchanged,
}

impl Change {
    /// The word used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Regressed => "regressed",
            Change::Changed => "changed",
            Change::Unchanged => "unchanged",
        }
    }

    /// The change of something with several facets: any regression makes it regressed (so it
    /// is never hidden by an improvement elsewhere), then any improvement, then any change.
    fn combine(facets: impl IntoIterator<Item = Change>) -> Change {
        let facets: Vec<Change> = facets.into_iter().collect();
        [Change::Regressed, Change::Improved, Change::Changed]
            .into_iter()
            .find(|c| facets.contains(c))
            .unwrap_or(Change::Unchanged)
    }

    /// The direction of `old.cmp(&new)` for something where more is better.
    fn of_order(order: std::cmp::Ordering) -> Change {
        match order {
            std::cmp::Ordering::Less => Change::Improved,
            std::cmp::Ordering::Greater => Change::Regressed,
            std::cmp::Ordering::Equal => Change::Unchanged,
        }
    }
}

/// The verdict and what moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffSummary {
    /// Regressed if anything regressed; otherwise improved if anything improved; otherwise
    /// changed or unchanged.
    pub change: Change,
    /// How many questions and gender checks moved each way.
    pub questions: ChangeCounts,
    /// Everything that got worse, headline figures first.
    pub regressions: Vec<Note>,
    /// Everything that got better, headline figures first.
    pub improvements: Vec<Note>,
}

/// How many items moved each way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeCounts {
    /// Improved.
    pub improved: usize,
    /// Regressed.
    pub regressed: usize,
    /// Changed with no direction.
    pub changed: usize,
    /// Unchanged.
    pub unchanged: usize,
}

/// One thing that moved, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// What moved: `overall score`, a principle, risk or question id, `gender index`.
    pub subject: String,
    /// How, old → new (`yes → no`, `72.0 → 58.0`).
    pub text: String,
}

/// A number on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Before.
    pub old: Option<f64>,
    /// After.
    pub new: Option<f64>,
    /// After minus before, to one decimal; `null` unless both exist.
    pub delta: Option<f64>,
}

impl Figure {
    fn new(old: Option<f64>, new: Option<f64>) -> Self {
        Self {
            old,
            new,
            delta: old.zip(new).map(|(o, n)| round1(n - o)),
        }
    }

    /// Improved or regressed by the delta's sign; a figure that appears or disappears changed.
    fn trend(&self, higher_is_better: bool) -> Change {
        match (self.old, self.new, self.delta) {
            (_, _, Some(0.0)) => Change::Unchanged,
            (_, _, Some(delta)) => {
                if (delta > 0.0) == higher_is_better {
                    Change::Improved
                } else {
                    Change::Regressed
                }
            }
            (None, None, _) => Change::Unchanged,
            _ => Change::Changed,
        }
    }
}

/// A label on both sides (a band, the question that set a cap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
}

/// The headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallChange {
    /// Score, coverage and evidenced share taken together.
    pub change: Change,
    /// Overall score 0–100.
    pub score: Figure,
    /// Its band, or `not rated` when too little was answered for one.
    pub band: Label,
    /// Percentage of applicable items answered.
    pub coverage: Figure,
    /// Percentage of the earned credit resting on fresh evidence.
    pub evidenced: Figure,
    /// How yes and partial answers were supported, before.
    pub confidence_old: ConfidenceCounts,
    /// How yes and partial answers are supported, after.
    pub confidence_new: ConfidenceCounts,
}

/// One principle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrincipleChange {
    /// Identifier (`F8`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Score and cap taken together (coverage alone only "changes" a principle).
    pub change: Change,
    /// Score 0–100 after any cap.
    pub score: Figure,
    /// Its band, or `not rated`.
    pub band: Label,
    /// Percentage of applicable items answered.
    pub coverage: Figure,
    /// The critical question answered `no` that capped the score.
    pub capped_by: Label,
}

/// One risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskChange {
    /// Identifier (`RS3`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Lower exposure is an improvement.
    pub change: Change,
    /// Residual exposure 0–100.
    pub exposure: Figure,
    /// Its level, or `not rated`.
    pub level: Label,
}

/// The gender inclusion index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenderChange {
    /// Index and practice code taken together.
    pub change: Change,
    /// The index after caps, 0–100.
    pub index: Figure,
    /// The practice code 0–4.
    pub practice_code: Figure,
}

/// Critical failures on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriticalChange {
    /// Answered `no` now, not before.
    pub added: Vec<String>,
    /// Answered `no` before, not now.
    pub removed: Vec<String>,
    /// Answered `no` on both sides.
    pub kept: Vec<String>,
}

/// One question or gender check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionChange {
    /// Question or gender-check id.
    pub question: String,
    /// Question or gender check.
    pub kind: ItemKind,
    /// The principle it scores under.
    pub principle: String,
    /// Whether a `no` is a critical failure.
    pub critical: bool,
    /// How it moved.
    pub change: Change,
    /// Before; `null` when it did not apply to the deployment then.
    pub old: Option<ItemState>,
    /// After; `null` when it no longer applies to the deployment.
    pub new: Option<ItemState>,
}

/// Where a question stood on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    /// The answer.
    pub status: Status,
    /// For yes and partial: how well evidence supports it.
    pub confidence: Option<Confidence>,
    /// The waiver that names it, if any.
    pub waiver: Option<WaiverStanding>,
}

/// Whether a waiver held on the side's `as_of` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WaiverStanding {
    /// In force.
    InForce,
    /// Past its expiry date.
    Expired,
}

impl ItemState {
    fn of(finding: &Finding) -> Self {
        Self {
            status: finding.status,
            confidence: finding.confidence,
            waiver: finding.waiver.as_ref().map(|w| {
                if w.expired {
                    WaiverStanding::Expired
                } else {
                    WaiverStanding::InForce
                }
            }),
        }
    }

    /// The state in words: `yes, evidenced`, `no, waived`, `not assessed`.
    pub fn describe(&self) -> String {
        let mut text = self.status.as_str().to_owned();
        if let Some(confidence) = self.confidence {
            text.push_str(", ");
            text.push_str(confidence.as_str());
        }
        match self.waiver {
            Some(WaiverStanding::InForce) => text.push_str(", waived"),
            Some(WaiverStanding::Expired) => text.push_str(", waiver expired"),
            None => {}
        }
        text
    }
}

impl QuestionChange {
    /// Old → new in words; a side where the question did not apply reads "out of scope".
    pub fn describe(&self) -> String {
        let side = |state: &Option<ItemState>| {
            state
                .as_ref()
                .map_or_else(|| "out of scope".to_owned(), ItemState::describe)
        };
        format!("{} → {}", side(&self.old), side(&self.new))
    }
}

/// Why two reports cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// They were made against different frameworks or versions.
    Framework {
        /// `<id>@<version>` of the old report.
        old: String,
        /// `<id>@<version>` of the new report.
        new: String,
    },
    /// They describe different deployments.
    Deployment {
        /// The field that differs: `name` or `country`.
        field: &'static str,
        /// The old value.
        old: String,
        /// The new value.
        new: String,
    },
}

/// One report and where it came from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The report.
    pub report: &'a Report,
    /// The file, as named on the command line.
    pub file: &'a str,
    /// Whether the file was a questionnaire or a saved result.
    pub kind: InputKind,
}

#[cfg(test)]
mod tests;
