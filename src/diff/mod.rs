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
    /// Its band.
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
    /// Its band.
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
    /// Its level.
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

/// Why `old` and `new` are not two assessments of one deployment against one framework, if
/// they are not. The framework is checked first: it cannot be overridden.
pub fn mismatch(old: &Report, new: &Report) -> Option<Mismatch> {
    let reference = |r: &Report| format!("{}@{}", r.framework.id, r.framework.version);
    if reference(old) != reference(new) {
        return Some(Mismatch::Framework {
            old: reference(old),
            new: reference(new),
        });
    }
    let (a, b) = (&old.assessment.deployment, &new.assessment.deployment);
    if a.name != b.name {
        return Some(Mismatch::Deployment {
            field: "name",
            old: a.name.clone(),
            new: b.name.clone(),
        });
    }
    if a.country != b.country {
        let show = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".to_owned());
        return Some(Mismatch::Deployment {
            field: "country",
            old: show(&a.country),
            new: show(&b.country),
        });
    }
    None
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

/// Compares two reports made against `framework` (questions follow its order).
pub fn compare(framework: &Framework, old: Input<'_>, new: Input<'_>) -> Diff {
    let questions = questions(framework, old.report, new.report);
    let overall = overall(old.report, new.report);
    let principles = principles(old.report, new.report);
    let risks = risks(old.report, new.report);
    let gender = gender(old.report, new.report);
    let critical_failures = critical(old.report, new.report);
    let mut diff = Diff {
        dpisafe_diff: DIFF_VERSION,
        tool: Tool::current(),
        framework: new.report.framework.clone(),
        old: side(old),
        new: side(new),
        summary: DiffSummary {
            change: Change::Unchanged,
            questions: ChangeCounts::default(),
            regressions: Vec::new(),
            improvements: Vec::new(),
        },
        overall,
        principles,
        risks,
        gender,
        critical_failures,
        questions,
    };
    diff.summary = summarise(&diff);
    diff
}

fn side(input: Input<'_>) -> Side {
    let a = &input.report.assessment;
    Side {
        file: input.file.to_owned(),
        input: input.kind,
        deployment: a.deployment.name.clone(),
        country: a.deployment.country.clone(),
        stage: a.deployment.stage.clone(),
        building_blocks: a.deployment.building_blocks.clone(),
        assessed_on: a.assessed_on,
        as_of: a.as_of,
    }
}

fn questions(framework: &Framework, old: &Report, new: &Report) -> Vec<QuestionChange> {
    let index = |r: &'_ Report| -> HashMap<String, Finding> {
        r.findings
            .iter()
            .map(|f| (f.question.clone(), f.clone()))
            .collect()
    };
    let (before, after) = (index(old), index(new));
    framework
        .questions
        .iter()
        .filter_map(|q| {
            let (o, n) = (before.get(&q.id), after.get(&q.id));
            let finding = n.or(o)?;
            let (o, n) = (o.map(ItemState::of), n.map(ItemState::of));
            Some(QuestionChange {
                question: q.id.clone(),
                kind: finding.kind,
                principle: finding.principle.clone(),
                critical: finding.critical,
                change: item_change(o.as_ref(), n.as_ref()),
                old: o,
                new: n,
            })
        })
        .collect()
}

/// How one item moved: the answer first, then (for the same answer) its evidence, then its
/// waiver.
fn item_change(old: Option<&ItemState>, new: Option<&ItemState>) -> Change {
    let (Some(old), Some(new)) = (old, new) else {
        return if old.is_some() || new.is_some() {
            Change::Changed
        } else {
            Change::Unchanged
        };
    };
    let evidence = if old.status == new.status {
        match (old.confidence, new.confidence) {
            (Some(a), Some(b)) => Change::of_order(confidence_rank(a).cmp(&confidence_rank(b))),
            _ => Change::Unchanged,
        }
    } else {
        Change::Unchanged
    };
    let waiver = if old.waiver == new.waiver {
        Change::Unchanged
    } else {
        Change::Changed
    };
    Change::combine([answer_change(old.status, new.status), evidence, waiver])
}

fn answer_change(old: Status, new: Status) -> Change {
    match (old, new) {
        _ if old == new => Change::Unchanged,
        // An answer taken back hides whatever it said; a new `no` is a new known shortfall.
        (_, Status::NotAssessed) | (Status::NotAssessed, Status::No) => Change::Regressed,
        (Status::NotAssessed, _) => Change::Improved,
        // Whether a question applies is a judgement, not progress.
        (Status::NotApplicable, _) | (_, Status::NotApplicable) => Change::Changed,
        _ => Change::of_order(credit_rank(old).cmp(&credit_rank(new))),
    }
}

/// Higher is better; only yes, partial and no are compared this way.
fn credit_rank(status: Status) -> u8 {
    match status {
        Status::Yes => 2,
        Status::Partial => 1,
        _ => 0,
    }
}

fn confidence_rank(confidence: Confidence) -> u8 {
    match confidence {
        Confidence::Evidenced => 2,
        Confidence::Stale => 1,
        Confidence::Claimed => 0,
    }
}

fn label(old: Option<&String>, new: Option<&String>) -> Label {
    Label {
        old: old.cloned(),
        new: new.cloned(),
    }
}

fn overall(old: &Report, new: &Report) -> OverallChange {
    let (a, b) = (&old.summary, &new.summary);
    let score = Figure::new(a.score, b.score);
    let coverage = Figure::new(Some(a.coverage), Some(b.coverage));
    let evidenced = Figure::new(a.evidenced, b.evidenced);
    OverallChange {
        change: Change::combine([
            score.trend(true),
            coverage.trend(true),
            evidenced.trend(true),
        ]),
        score,
        band: label(a.band.as_ref(), b.band.as_ref()),
        coverage,
        evidenced,
        confidence_old: a.confidence.clone(),
        confidence_new: b.confidence.clone(),
    }
}

fn principles(old: &Report, new: &Report) -> Vec<PrincipleChange> {
    new.principles
        .iter()
        .map(|p| {
            let before = old.principles.iter().find(|o| o.id == p.id);
            let score = Figure::new(before.and_then(|o| o.score), p.score);
            let coverage = Figure::new(before.map(|o| o.coverage), Some(p.coverage));
            let capped_by = label(
                before.and_then(|o| o.capped_by.as_ref()),
                p.capped_by.as_ref(),
            );
            let cap = match (&capped_by.old, &capped_by.new) {
                (None, Some(_)) => Change::Regressed,
                (Some(_), None) => Change::Improved,
                (a, b) if a != b => Change::Changed,
                _ => Change::Unchanged,
            };
            let coverage_moved = if coverage.trend(true) == Change::Unchanged {
                Change::Unchanged
            } else {
                Change::Changed
            };
            PrincipleChange {
                id: p.id.clone(),
                name: p.name.clone(),
                change: Change::combine([score.trend(true), cap, coverage_moved]),
                score,
                band: label(before.and_then(|o| o.band.as_ref()), p.band.as_ref()),
                coverage,
                capped_by,
            }
        })
        .collect()
}

fn risks(old: &Report, new: &Report) -> Vec<RiskChange> {
    new.risks
        .iter()
        .map(|r| {
            let before = old.risks.iter().find(|o| o.id == r.id);
            let exposure = Figure::new(before.and_then(|o| o.exposure), r.exposure);
            RiskChange {
                id: r.id.clone(),
                name: r.name.clone(),
                change: exposure.trend(false),
                exposure,
                level: label(before.and_then(|o| o.band.as_ref()), r.band.as_ref()),
            }
        })
        .collect()
}

fn gender(old: &Report, new: &Report) -> GenderChange {
    let index = Figure::new(
        old.gender.index.map(f64::from),
        new.gender.index.map(f64::from),
    );
    let practice_code = Figure::new(
        Some(f64::from(old.gender.practice_code)),
        Some(f64::from(new.gender.practice_code)),
    );
    GenderChange {
        change: Change::combine([index.trend(true), practice_code.trend(true)]),
        index,
        practice_code,
    }
}

fn critical(old: &Report, new: &Report) -> CriticalChange {
    let (a, b) = (
        &old.summary.critical_failures,
        &new.summary.critical_failures,
    );
    CriticalChange {
        added: b.iter().filter(|id| !a.contains(id)).cloned().collect(),
        removed: a.iter().filter(|id| !b.contains(id)).cloned().collect(),
        kept: b.iter().filter(|id| a.contains(id)).cloned().collect(),
    }
}

/// A number as reports print it (`decimals` places), or "none".
pub fn show(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("{v:.decimals$}"))
}

fn figure_text(figure: &Figure, unit: &str, decimals: usize) -> String {
    format!(
        "{}{unit} → {}{unit}",
        show(figure.old, decimals),
        show(figure.new, decimals)
    )
}

fn summarise(diff: &Diff) -> DiffSummary {
    let mut notes: Vec<(Change, Note)> = Vec::new();
    let mut note = |change: Change, subject: &str, text: String| {
        notes.push((
            change,
            Note {
                subject: subject.to_owned(),
                text,
            },
        ));
    };
    let o = &diff.overall;
    note(
        o.score.trend(true),
        "overall score",
        figure_text(&o.score, "", 1),
    );
    note(
        o.coverage.trend(true),
        "coverage",
        figure_text(&o.coverage, " %", 1),
    );
    note(
        o.evidenced.trend(true),
        "evidenced share",
        figure_text(&o.evidenced, " %", 1),
    );
    for id in &diff.critical_failures.added {
        note(Change::Regressed, id, "critical failure added".to_owned());
    }
    for id in &diff.critical_failures.removed {
        note(Change::Improved, id, "critical failure removed".to_owned());
    }
    for p in &diff.principles {
        let mut text = format!("{}: {}", p.name, figure_text(&p.score, "", 1));
        match (&p.capped_by.old, &p.capped_by.new) {
            (None, Some(by)) => text.push_str(&format!(", capped by {by}")),
            (Some(by), None) => text.push_str(&format!(", cap by {by} lifted")),
            _ => {}
        }
        note(p.change, &p.id, text);
    }
    for r in &diff.risks {
        note(
            r.change,
            &r.id,
            format!("{}: exposure {}", r.name, figure_text(&r.exposure, "", 1)),
        );
    }
    let g = &diff.gender;
    note(
        g.index.trend(true),
        "gender index",
        figure_text(&g.index, "", 0),
    );
    note(
        g.practice_code.trend(true),
        "gender practice code",
        figure_text(&g.practice_code, "", 0),
    );
    let mut counts = ChangeCounts::default();
    for q in &diff.questions {
        match q.change {
            Change::Improved => counts.improved += 1,
            Change::Regressed => counts.regressed += 1,
            Change::Changed => counts.changed += 1,
            Change::Unchanged => counts.unchanged += 1,
        }
        note(q.change, &q.question, q.describe());
    }
    let pick = |wanted: Change| -> Vec<Note> {
        notes
            .iter()
            .filter(|(c, _)| *c == wanted)
            .map(|(_, n)| n.clone())
            .collect()
    };
    let regressions = pick(Change::Regressed);
    let improvements = pick(Change::Improved);
    let anything_changed = notes.iter().any(|(c, _)| *c == Change::Changed);
    DiffSummary {
        change: if !regressions.is_empty() {
            Change::Regressed
        } else if !improvements.is_empty() {
            Change::Improved
        } else if anything_changed {
            Change::Changed
        } else {
            Change::Unchanged
        },
        questions: counts,
        regressions,
        improvements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(status: Status, confidence: Option<Confidence>) -> ItemState {
        ItemState {
            status,
            confidence,
            waiver: None,
        }
    }

    #[test]
    fn answers_move_by_credit_and_evidence_by_confidence() {
        let yes = state(Status::Yes, Some(Confidence::Evidenced));
        let claimed = state(Status::Yes, Some(Confidence::Claimed));
        let no = state(Status::No, None);
        let unanswered = state(Status::NotAssessed, None);
        let na = state(Status::NotApplicable, None);
        assert_eq!(item_change(Some(&no), Some(&yes)), Change::Improved);
        assert_eq!(item_change(Some(&yes), Some(&no)), Change::Regressed);
        assert_eq!(item_change(Some(&claimed), Some(&yes)), Change::Improved);
        assert_eq!(item_change(Some(&yes), Some(&claimed)), Change::Regressed);
        assert_eq!(
            item_change(Some(&yes), Some(&unanswered)),
            Change::Regressed
        );
        assert_eq!(item_change(Some(&unanswered), Some(&no)), Change::Regressed);
        assert_eq!(
            item_change(Some(&unanswered), Some(&claimed)),
            Change::Improved
        );
        assert_eq!(item_change(Some(&no), Some(&na)), Change::Changed);
        assert_eq!(item_change(None, Some(&no)), Change::Changed);
        assert_eq!(item_change(Some(&yes), Some(&yes)), Change::Unchanged);
    }

    #[test]
    fn a_waiver_changes_nothing_but_itself() {
        let no = state(Status::No, None);
        let waived = ItemState {
            waiver: Some(WaiverStanding::InForce),
            ..no
        };
        assert_eq!(item_change(Some(&no), Some(&waived)), Change::Changed);
        assert_eq!(waived.describe(), "no, waived");
    }

    #[test]
    fn a_regression_is_never_hidden_by_an_improvement() {
        assert_eq!(
            Change::combine([Change::Improved, Change::Regressed, Change::Changed]),
            Change::Regressed
        );
        assert_eq!(
            Change::combine([Change::Changed, Change::Unchanged]),
            Change::Changed
        );
    }

    #[test]
    fn figures_compare_as_printed() {
        assert_eq!(
            Figure::new(Some(70.0), Some(70.04)).trend(true),
            Change::Unchanged
        );
        assert_eq!(
            Figure::new(Some(70.0), Some(65.0)).trend(true),
            Change::Regressed
        );
        assert_eq!(
            Figure::new(Some(70.0), Some(65.0)).trend(false),
            Change::Improved
        );
        assert_eq!(Figure::new(None, Some(65.0)).trend(true), Change::Changed);
    }
}
