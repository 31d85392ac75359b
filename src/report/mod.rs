//! The report model: everything an assessment found, as one serialisable document.
//!
//! Every output is rendered from a [`Report`]: the terminal table, JSON, SARIF and JUnit (and
//! the Markdown, HTML and PDF reports). Its JSON form is versioned (`dpisafe_report`) and
//! described by `schemas/report.schema.json`; field names are stable within a version.
//! Scores are rounded to one decimal and shares are percentages, so the JSON reads as the
//! reports do.

pub(crate) mod build;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod key_points;
pub mod tracking;
pub mod views;

pub use build::{Inputs, build, evidence_warnings};
pub use key_points::{Gap, KEY_GAPS, KeyPoints};
pub use tracking::PlanInfo;

use crate::diagnostic::Code;
pub use crate::evaluate::actions::{Action, ActionKind, Priority};
use crate::framework::raw::GenderCapCondition;
use crate::framework::{PrincipleKind, RiskCategory};
use crate::questionnaire::Date;
use crate::questionnaire::Found;

/// The version of the report format this build writes and reads.
pub const REPORT_VERSION: u32 = 1;

/// The result of assessing one deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Version of the report format (1).
    pub dpisafe_report: u32,
    /// The tool that wrote it.
    pub tool: Tool,
    /// The framework assessed against.
    pub framework: FrameworkInfo,
    /// What was assessed, by whom, and when.
    pub assessment: Assessment,
    /// The headline figures.
    pub summary: Summary,
    /// One entry per principle, in framework order.
    pub principles: Vec<PrincipleResult>,
    /// Residual exposure per risk, in framework order.
    pub risks: Vec<RiskResult>,
    /// Scores per life-cycle stage, in life-cycle order.
    pub stages: Vec<ViewResult>,
    /// Scores per responsible authority.
    pub authorities: Vec<ViewResult>,
    /// The gender inclusion index, reported beside the safeguards score.
    pub gender: GenderResult,
    /// Every applicable question and gender check with its answer, in framework order.
    pub findings: Vec<Finding>,
    /// The action plan, most urgent first.
    pub actions: Vec<Action>,
    /// The action register the report was read with (`--plan`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanInfo>,
    /// The assessment seen against other standards (`--view`), through dpisafe's
    /// crosswalks: derived readings, not determinations by those standards' owners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<views::DerivedView>,
    /// Questions on which merged respondents disagree.
    pub disagreements: Vec<DisagreementResult>,
    /// Problems found while assessing (missing evidence files, expired waivers).
    pub warnings: Vec<Warning>,
    /// The policy verdict, when the report was made by `dpisafe check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
}

/// The tool that wrote a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// `dpisafe`.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl Tool {
    /// This build of dpisafe.
    pub fn current() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME").to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The framework a report was made against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkInfo {
    /// Identifier.
    pub id: String,
    /// Version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Licence of the framework's content.
    pub licence: String,
    /// How to attribute it.
    pub attribution: String,
}

impl FrameworkInfo {
    /// What outputs record about `framework`.
    pub fn of(framework: &crate::framework::Framework) -> Self {
        let metadata = &framework.metadata;
        Self {
            id: metadata.id.clone(),
            version: metadata.version.clone(),
            title: metadata.title.clone(),
            licence: metadata.licence.clone(),
            attribution: metadata.attribution.clone(),
        }
    }
}

/// What was assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The questionnaires read, as named on the command line.
    pub files: Vec<String>,
    /// The deployment.
    pub deployment: DeploymentInfo,
    /// Who answered, one per questionnaire.
    pub respondents: Vec<RespondentInfo>,
    /// The responsible authorities the questionnaires answer for; absent when they answer for
    /// the whole deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeInfo>,
    /// The assessment date written in the questionnaire (the latest, after a merge).
    pub assessed_on: Option<Date>,
    /// The date waivers were judged on.
    pub as_of: Date,
}

/// The part of a deployment an assessment answers for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeInfo {
    /// Responsible authorities (`R1`); questions that name none belong to every scope.
    pub authorities: Vec<String>,
}

/// The deployment assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeploymentInfo {
    /// Name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Building blocks.
    pub building_blocks: Vec<String>,
    /// Life-cycle stage.
    pub stage: String,
    /// Description.
    pub description: Option<String>,
}

/// One respondent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondentInfo {
    /// The person.
    pub name: Option<String>,
    /// Their role.
    pub role: Option<String>,
    /// The authority they speak for.
    pub authority: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
}

/// The headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Overall score 0–100 after caps; `null` when nothing was answered. When not rated, the
    /// partial score of what was answered.
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// Whether the score has a verdict: at least `verdict_min_coverage` was answered.
    #[serde(default = "rated_by_default")]
    pub rated: bool,
    /// Its band; `null` when not rated.
    pub band: Option<String>,
    /// Percentage of the applicable weight answered (n/a counts as answered), within the scope.
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
    /// The same percentage over everything that applies to the deployment, other respondents'
    /// parts included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub deployment_coverage: Option<f64>,
    /// Questions that apply to the deployment but lie outside the scope, unanswered.
    #[serde(default)]
    pub outside_scope: Vec<String>,
    /// The responsible authorities those questions belong to: whose questionnaires, merged,
    /// would cover the whole deployment.
    #[serde(default)]
    pub outside_authorities: Vec<String>,
    /// The least coverage (percent) a score needs for a band; below it, "not rated".
    #[serde(default = "verdict_min_coverage_by_default")]
    #[schemars(range(min = 0, max = 100))]
    pub verdict_min_coverage: f64,
    /// Percentage of the earned credit that rests on fresh evidence.
    #[schemars(range(min = 0, max = 100))]
    pub evidenced: Option<f64>,
    /// How the applicable items were answered.
    pub answers: AnswerCounts,
    /// How yes and partial answers are supported.
    pub confidence: ConfidenceCounts,
    /// Critical questions and gender checks answered `no`, waived or not; a critical check
    /// that reuses a question that is not critical is named by the check's id.
    pub critical_failures: Vec<String>,
    /// Shortfalls excused by a waiver in force.
    pub waived: usize,
}

/// Results saved before verdicts could be withheld had a band whenever they had a score.
fn rated_by_default() -> bool {
    true
}

/// The threshold of results saved before it was written into them.
fn verdict_min_coverage_by_default() -> f64 {
    60.0
}

/// How applicable items were answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerCounts {
    /// Applicable items.
    pub applicable: usize,
    /// Answered yes.
    pub yes: usize,
    /// Answered partial.
    pub partial: usize,
    /// Answered no.
    pub no: usize,
    /// Answered n/a with a reason.
    pub not_applicable: usize,
    /// Not answered.
    pub not_assessed: usize,
}

/// How yes and partial answers are supported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceCounts {
    /// With fresh evidence.
    pub evidenced: usize,
    /// With evidence, all of it stale.
    pub stale: usize,
    /// With no usable evidence.
    pub claimed: usize,
}

/// One principle's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrincipleResult {
    /// Identifier (`F8`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Foundational or operational.
    pub kind: PrincipleKind,
    /// Score 0–100 after any cap (partial when not rated).
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// Whether the score has a verdict: enough was answered, or a critical `no` makes
    /// `failing` certain.
    #[serde(default = "rated_by_default")]
    pub rated: bool,
    /// Its band; `null` when not rated.
    pub band: Option<String>,
    /// Percentage of the applicable weight answered.
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
    /// Percentage of the earned credit that rests on fresh evidence.
    #[schemars(range(min = 0, max = 100))]
    pub evidenced: Option<f64>,
    /// The critical question answered `no` that capped the score.
    pub capped_by: Option<String>,
    /// Applicable items.
    pub applicable: usize,
}

/// One risk's residual exposure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskResult {
    /// Identifier (`RS3`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Family.
    pub category: RiskCategory,
    /// Residual exposure 0–100 (0: fully mitigated) left by the answered mitigations.
    #[schemars(range(min = 0, max = 100))]
    pub exposure: Option<f64>,
    /// Whether the exposure has a level: enough of the mitigating weight was answered, or a
    /// failed critical gender check makes `high` certain.
    #[serde(default = "rated_by_default")]
    pub rated: bool,
    /// Its level; `null` when not rated.
    pub band: Option<String>,
    /// Percentage of the mitigating weight (weight × link strength) answered.
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
    /// Percentage of the mitigating weight not answered: how much of the picture is unknown.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub unknown: f64,
    /// Applicable items that mitigate it.
    pub mitigating: usize,
    /// The shortfalls that leave the most exposure, largest first.
    pub drivers: Vec<String>,
    /// Critical gender checks answered `no` that map to this risk and hold its exposure at
    /// least at the framework's floor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raised_by: Vec<String>,
}

/// Scores of the questions that belong to one stage or authority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewResult {
    /// Identifier (`L4`, `R2`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Score 0–100, uncapped.
    #[schemars(range(min = 0, max = 100))]
    pub score: Option<f64>,
    /// Percentage of applicable items answered.
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
    /// Applicable items.
    pub applicable: usize,
    /// Items answered no or partial.
    pub shortfalls: usize,
}

/// The gender inclusion index GIX-DPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenderResult {
    /// The index after caps, 0–100.
    #[schemars(range(min = 0, max = 100))]
    pub index: Option<u32>,
    /// The index before caps.
    #[schemars(range(min = 0, max = 100))]
    pub raw_index: Option<u32>,
    /// The cap that applied.
    pub cap: Option<GenderCapResult>,
    /// Practice code 0–4.
    pub practice_code: u8,
    /// Intent flag 0, 1 or 2.
    pub intent_flag: u8,
    /// Applicable checks.
    pub applicable: usize,
    /// Checks with an explicit yes, partial or no.
    pub answered: usize,
    /// Percentage of the checks' weight (critical checks weigh more) explicitly answered.
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
    /// Whether the index has a verdict: at least `verdict_min_coverage` was answered.
    #[serde(default = "rated_by_default")]
    pub rated: bool,
    /// Sub-scores per group of checks, with their coverage.
    #[serde(default)]
    pub groups: Vec<GenderGroupResult>,
}

/// The gender index of one group of checks (before caps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenderGroupResult {
    /// The group (`ACCESS`, `DATA`, …).
    pub group: String,
    /// Index 0–100 of the group's applicable checks.
    #[schemars(range(min = 0, max = 100))]
    pub index: Option<u32>,
    /// Applicable checks of the group.
    pub applicable: usize,
    /// Of those, checks with an explicit yes, partial or no.
    pub answered: usize,
    /// Percentage of the group's weight explicitly answered.
    #[schemars(range(min = 0, max = 100))]
    pub coverage: f64,
}

/// A cap on the gender index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenderCapResult {
    /// The condition that held.
    pub condition: GenderCapCondition,
    /// The highest index allowed.
    pub cap: u32,
    /// The checks that set it.
    pub checks: Vec<String>,
}

/// How an applicable question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Status {
    /// Answered yes.
    #[serde(rename = "yes")]
    Yes,
    /// Answered partial.
    #[serde(rename = "partial")]
    Partial,
    /// Answered no.
    #[serde(rename = "no")]
    No,
    /// Does not apply, with a reason.
    #[serde(rename = "n/a")]
    NotApplicable,
    /// Not answered.
    #[serde(rename = "not-assessed")]
    NotAssessed,
}

impl Status {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::NotApplicable => "n/a",
            Status::NotAssessed => "not assessed",
        }
    }

    /// Whether the answer falls short (no or partial).
    pub fn is_shortfall(self) -> bool {
        matches!(self, Status::No | Status::Partial)
    }
}

pub use crate::evaluate::answers::Confidence;

/// Whether an item is a safeguards question or a gender check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// A safeguards question.
    Question,
    /// A gender-inclusion check.
    GenderCheck,
}

pub use crate::source::Location;

/// One applicable question and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Question or gender-check id.
    pub question: String,
    /// Question or gender check.
    pub kind: ItemKind,
    /// The principle it scores under.
    pub principle: String,
    /// Whether a `no` is a critical failure: the question is critical, or a critical gender
    /// check reuses it.
    pub critical: bool,
    /// The critical gender check that reuses this (not itself critical) question, which names
    /// the critical failure when it is answered `no`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_check: Option<String>,
    /// Its weight inside the principle.
    pub weight: u32,
    /// The answer.
    pub status: Status,
    /// For yes and partial: how well evidence supports it.
    pub confidence: Option<Confidence>,
    /// Why it does not apply (for n/a).
    pub reason: Option<String>,
    /// The respondent's notes.
    pub notes: Option<String>,
    /// The evidence given.
    pub evidence: Vec<EvidenceResult>,
    /// The waiver that names it, if any.
    pub waiver: Option<WaiverResult>,
    /// Where the answer is; `null` when the questionnaire has no entry for it.
    pub location: Option<Location>,
}

/// A piece of evidence and what was found where it points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceResult {
    /// Path or address, as written.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Kind of document.
    pub kind: Option<String>,
    /// Issue or review date.
    pub date: Option<Date>,
    /// Short description.
    pub title: Option<String>,
    /// Recorded SHA-256.
    pub sha256: Option<String>,
    /// What was found; `null` when nobody looked.
    pub found: Option<Found>,
    /// Where the entry is.
    pub location: Location,
}

/// A waiver and whether it still holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiverResult {
    /// Why the shortfall is accepted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Last day it holds.
    pub expires: Date,
    /// Whether it had expired on the report's `as_of` date.
    pub expired: bool,
    /// Where it is.
    pub location: Location,
}

/// Respondents who answered one question differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisagreementResult {
    /// The question.
    pub question: String,
    /// The answer the merged result counts (the least favourable).
    pub counted: Status,
    /// Each respondent's answer.
    pub stances: Vec<StanceResult>,
}

/// One respondent's answer to a disputed question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StanceResult {
    /// Who.
    pub respondent: String,
    /// Their answer.
    pub answer: Status,
    /// Where it is.
    pub location: Location,
}

/// A problem noticed while assessing; it never stops the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// Diagnostic code (see docs/codes.md).
    pub code: Code,
    /// What it is about: the question, and for evidence the reference (`F1.Q1 evidence/a.md`).
    pub subject: String,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// Where.
    pub location: Location,
}

impl Warning {
    /// The warning as a diagnostic at its place, for the terminal.
    pub fn to_diagnostic(&self) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::warning(
            self.code,
            &self.location.file,
            Some(self.location.pos()),
            self.message.clone(),
        )
        .with_hint(self.hint.clone())
    }
}

/// The verdict of `dpisafe check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// Whether the assessment passed the policy.
    pub passed: bool,
    /// The policy file, or `null` for the default policy.
    pub policy: Option<String>,
    /// The baseline result compared against, if any.
    pub baseline: Option<String>,
    /// Every rule not met, blocking or not.
    pub violations: Vec<Violation>,
}

/// A policy rule the assessment does not meet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    /// The rule not met.
    pub rule: Rule,
    /// What it is about: a principle, risk or question id, when the rule has one.
    pub subject: Option<String>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The measured value, for numeric rules.
    pub actual: Option<f64>,
    /// The required value, for numeric rules.
    pub required: Option<f64>,
    /// Compared with the baseline.
    pub baseline: BaselineState,
    /// Whether it fails the check (known violations under a baseline do not).
    pub blocking: bool,
    /// Where the rule or the answer is written.
    pub location: Option<Location>,
}

/// The rules a policy can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// `min_overall`: the overall score.
    MinOverall,
    /// `min_coverage`: the share of the applicable weight answered, within the scope.
    MinCoverage,
    /// `min_deployment_coverage`: the same share over the whole deployment.
    MinDeploymentCoverage,
    /// `min_principle` and `principles`: a principle's score.
    MinPrinciple,
    /// `min_gender_index`: the gender index.
    MinGenderIndex,
    /// `max_risk_exposure` and `risks`: a risk's residual exposure.
    MaxRiskExposure,
    /// `critical_failures`: a critical question answered `no` without a waiver in force.
    CriticalFailure,
    /// `evidence_problems`: an evidence file missing, altered or unreadable.
    Evidence,
    /// `overdue_critical_actions`: a critical action still pending after its due date in the
    /// action register.
    OverdueCriticalAction,
}

impl Gate {
    /// The violations, blocking ones first (otherwise in the order the gate found them).
    pub fn blocking_first(&self) -> Vec<&Violation> {
        let mut ordered: Vec<&Violation> = self.violations.iter().collect();
        ordered.sort_by_key(|v| !v.blocking);
        ordered
    }
}

impl Rule {
    /// The kebab-case name used in JSON, SARIF rule ids and JUnit.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::MinOverall => "min-overall",
            Rule::MinCoverage => "min-coverage",
            Rule::MinDeploymentCoverage => "min-deployment-coverage",
            Rule::MinPrinciple => "min-principle",
            Rule::MinGenderIndex => "min-gender-index",
            Rule::MaxRiskExposure => "max-risk-exposure",
            Rule::CriticalFailure => "critical-failure",
            Rule::Evidence => "evidence",
            Rule::OverdueCriticalAction => "overdue-critical-action",
        }
    }

    /// Whether a lower measured value is worse (all but the exposure limit).
    pub fn lower_is_worse(self) -> bool {
        self != Rule::MaxRiskExposure
    }
}

/// How a violation compares with the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BaselineState {
    /// No baseline was given.
    None,
    /// Not in the baseline.
    New,
    /// In the baseline, and the measured value got worse.
    Worse,
    /// In the baseline, and no worse.
    Known,
}

/// The actions one authority leads at one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionGroup<'a> {
    /// The lead authority (`None`: the question names none).
    pub authority: Option<&'a str>,
    /// The stage where the fixes belong.
    pub stage: Option<&'a str>,
    /// The actions, in plan order.
    pub actions: Vec<&'a Action>,
}

impl Report {
    /// The risks whose exposure is known, most exposed first (ties keep framework order).
    pub fn risks_by_exposure(&self) -> Vec<&RiskResult> {
        let mut exposed: Vec<&RiskResult> =
            self.risks.iter().filter(|r| r.exposure.is_some()).collect();
        exposed.sort_by(|a, b| {
            b.exposure
                .unwrap_or(0.0)
                .total_cmp(&a.exposure.unwrap_or(0.0))
        });
        exposed
    }

    /// How many actions `authority` leads, and how many of them are critical or high.
    pub fn action_counts(&self, authority: &str) -> (usize, usize) {
        let mine = self
            .actions
            .iter()
            .filter(|a| a.authority.as_deref() == Some(authority));
        mine.fold((0, 0), |(all, urgent), a| {
            let is_urgent = matches!(a.priority, Priority::Critical | Priority::High);
            (all + 1, urgent + usize::from(is_urgent))
        })
    }

    /// The gender checks falling short: critical ones first, then a `no` before a `partial`
    /// (otherwise in report order).
    pub fn gender_gaps(&self) -> Vec<&Finding> {
        let mut gaps: Vec<&Finding> = self
            .findings
            .iter()
            .filter(|f| f.kind == ItemKind::GenderCheck && f.status.is_shortfall())
            .collect();
        gaps.sort_by_key(|f| (!f.critical, f.status != Status::No));
        gaps
    }

    /// The action plan grouped by lead authority and then by stage, both in framework order
    /// (unassigned last); within a group, actions keep their rank order.
    pub fn actions_by_owner(&self) -> Vec<ActionGroup<'_>> {
        let rank_of = |list: &[ViewResult], id: Option<&str>| {
            id.and_then(|id| list.iter().position(|v| v.id == id))
                .unwrap_or(usize::MAX)
        };
        let mut groups: Vec<ActionGroup<'_>> = Vec::new();
        for action in &self.actions {
            let (authority, stage) = (action.authority.as_deref(), action.stage.as_deref());
            match groups
                .iter_mut()
                .find(|g| g.authority == authority && g.stage == stage)
            {
                Some(group) => group.actions.push(action),
                None => groups.push(ActionGroup {
                    authority,
                    stage,
                    actions: vec![action],
                }),
            }
        }
        groups.sort_by_key(|g| {
            (
                rank_of(&self.authorities, g.authority),
                rank_of(&self.stages, g.stage),
            )
        });
        groups
    }
}
