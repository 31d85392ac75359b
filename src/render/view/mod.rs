//! The view of a report that the Markdown, HTML and PDF templates read: the [`Report`] joined
//! with the framework's texts (questions, guidance, names), numbers already formatted, the
//! mode's wording chosen, and sensitive fields dropped when redacting. Building it once in Rust
//! keeps the three templates simple and saying the same thing.

use indexmap::IndexMap;
use serde::Serialize;

use super::words::Words;

mod labels;
mod sections;

use crate::framework::Framework;
use crate::i18n::{self, Lang, Messages};
use crate::report::{
    Action, ActionKind, DisagreementResult, Finding, ItemKind, PrincipleResult, Priority, Report,
    RiskResult, Status, WaiverResult,
};
pub(crate) use labels::score_text;
use labels::*;
use sections::*;

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// A team assessing itself: guidance first, no ranking language.
    Learning,
    /// A review for funders or oversight bodies: evidence first, with an approvals block.
    Accountability,
}

/// What a renderer needs besides the report.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Learning or accountability.
    pub mode: Mode,
    /// Drop respondent names, notes and evidence references.
    pub redact: bool,
    /// The language of the words and framework texts.
    pub lang: Lang,
    /// The executive brief (at most three pages) instead of the full report.
    pub brief: bool,
}

/// How many actions the brief lists.
pub const TOP_ACTIONS: usize = 5;

/// Everything a report template reads.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// `learning` or `accountability`.
    pub mode: Mode,
    /// The language code (`en`, `fr`, `es`, `ar`).
    pub lang: String,
    /// The writing direction: `ltr` or `rtl`.
    pub dir: String,
    /// The templates' fixed text in this language, by message id (`t.summary`), with
    /// `{actions}`, `{tool}` and `{framework}` already filled in.
    pub t: IndexMap<String, String>,
    /// Whether sensitive fields were dropped.
    pub redacted: bool,
    /// The report title.
    pub title: String,
    /// The title block's facts.
    pub facts: Vec<Fact>,
    /// The executive summary's headline figures.
    pub headline: Vec<Fact>,
    /// The key messages, as sentences: what the report found and what matters most.
    pub key_messages: Vec<String>,
    /// Critical questions answered `no`, with their text.
    pub critical: Vec<Line>,
    /// Principles with their findings, in framework order.
    pub principles: Vec<PrincipleView>,
    /// Risks in framework order.
    pub risks: Vec<RiskView>,
    /// The risk levels with their ranges, highest first: the risk map's legend.
    pub risk_levels: Vec<LegendKey>,
    /// The gender section.
    pub gender: GenderView,
    /// The action plan grouped by lead authority, then stage.
    pub plan: Vec<AuthorityPlan>,
    /// Number of actions.
    pub action_count: usize,
    /// The assessment read against other standards (`--view`); empty without.
    pub standards: Vec<StandardView>,
    /// Whether process titles are shown in the framework's English in a report in another
    /// language (no current translation of some of them): the report says so, and HTML marks
    /// them `lang="en"`.
    pub processes_english: bool,
    /// What the action register (`--plan`) adds: actions tracked, overdue and not yet
    /// listed, as sentences; empty without a register.
    pub register: Vec<String>,
    /// The first actions of the plan, for the brief.
    pub top_actions: Vec<ActionView>,
    /// What the people who read the brief have to decide, as sentences.
    pub decisions: Vec<String>,
    /// The method, as paragraphs: how scores, bands, evidence and actions are worked out,
    /// with this framework's thresholds, so that the report needs no other document.
    pub method: Vec<String>,
    /// Every piece of evidence cited, in answer order.
    pub evidence: Vec<EvidenceRow>,
    /// Disagreements between respondents.
    pub disagreements: Vec<Line>,
    /// Warnings (missing evidence, expired waivers).
    pub warnings: Vec<String>,
    /// The framework's name, version and licence.
    pub framework: String,
    /// How to attribute the framework.
    pub attribution: String,
    /// The report's date.
    pub date: String,
    /// The tool and its version.
    pub tool: String,
}

/// The assessment read against another standard (`--view`), for the documents.
#[derive(Debug, Clone, Serialize)]
pub struct StandardView {
    /// The standard and the version mapped.
    pub title: String,
    /// Where it is published.
    pub url: String,
    /// One row per item of the standard.
    pub items: Vec<StandardItem>,
}

/// One item of another standard, with its derived status.
#[derive(Debug, Clone, Serialize)]
pub struct StandardItem {
    /// Its id in the standard.
    pub id: String,
    /// Its short title.
    pub title: String,
    /// The derived status, in words (`met`, `partly` …).
    pub status: String,
    /// The answers behind it (`F8.Q3 no, F4.Q2 yes`), or why there are none.
    pub behind: String,
}

/// One entry of a chart's legend: a band or level id (for its colour) and its words.
#[derive(Debug, Clone, Serialize)]
pub struct LegendKey {
    /// The band or level id (`high`).
    pub id: String,
    /// Its name and range (`High 60–100`).
    pub label: String,
}

/// A label and a value.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
}

impl Fact {
    /// The fact `label`: `value`.
    pub fn new(label: &str, value: String) -> Self {
        Self {
            label: label.to_owned(),
            value,
        }
    }
}

/// An id and a sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The id (question, principle…).
    pub id: String,
    /// The text.
    pub text: String,
}

/// One principle and its findings.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleView {
    /// `F1`.
    pub id: String,
    /// Name.
    pub name: String,
    /// `Foundational` or `Operational`.
    pub kind: String,
    /// `Foundational principle` or `Operational principle`.
    pub kind_label: String,
    /// The framework's summary.
    pub summary: String,
    /// Score 0–100, as text (`–` when not assessed).
    pub score: String,
    /// Score as a number for charts (0 when not assessed).
    pub value: f64,
    /// The band's label in this mode.
    pub band: String,
    /// The band id, for styling (`none` when not assessed).
    pub band_id: String,
    /// Coverage, as text.
    pub coverage: String,
    /// Share of the score resting on fresh evidence, as text.
    pub evidenced: String,
    /// The critical question that capped the score, if any.
    pub capped_by: Option<String>,
    /// Its findings.
    pub findings: Vec<FindingView>,
}

/// One question or gender check and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// `F1.Q1`.
    pub id: String,
    /// The question.
    pub text: String,
    /// What yes, partial and no look like.
    pub guidance: String,
    /// Whether it is a gender check.
    pub gender: bool,
    /// Whether it is critical.
    pub critical: bool,
    /// `yes`, `partial`, `no`, `n/a` or `not assessed`.
    pub answer: String,
    /// The answer id for styling (`yes`, `partial`, `no`, `na`, `none`).
    pub answer_id: String,
    /// Evidenced, stale or claimed (yes and partial only).
    pub confidence: Option<String>,
    /// Why it does not apply.
    pub reason: Option<String>,
    /// The respondent's notes (dropped when redacting).
    pub notes: Option<String>,
    /// The evidence cited.
    pub evidence: Vec<EvidenceRow>,
    /// The waiver, in a sentence.
    pub waiver: Option<String>,
}

/// One piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    /// The question it supports.
    pub question: String,
    /// Its title, or the reference when untitled.
    pub title: String,
    /// Path or address (`[redacted]` when redacting).
    pub reference: String,
    /// Kind of document.
    pub kind: String,
    /// Date, if known.
    pub date: String,
    /// What was found: `address`, `file`, `verified`, `missing`, `changed`, `unreadable`.
    pub state: String,
}

/// One risk.
#[derive(Debug, Clone, Serialize)]
pub struct RiskView {
    /// `RS3`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Family (`Safety`, `Rights`, `Societal`).
    pub category: String,
    /// Exposure as text (`–` when nothing mitigating was answered).
    pub exposure: String,
    /// Exposure as a number (negative when unknown).
    pub value: f64,
    /// Level label.
    pub level: String,
    /// Level id, for styling.
    pub level_id: String,
    /// The gaps that leave the most exposure.
    pub drivers: Vec<String>,
}

/// The gender section.
#[derive(Debug, Clone, Serialize)]
pub struct GenderView {
    /// The index as text.
    pub index: String,
    /// Practice code 0–4.
    pub practice_code: u8,
    /// What the code means.
    pub practice_meaning: String,
    /// Intent flag 0–2.
    pub intent_flag: u8,
    /// What the flag means.
    pub intent_meaning: String,
    /// The cap and the checks that set it, in a sentence.
    pub cap: Option<String>,
    /// Checks answered, out of applicable.
    pub answered: String,
    /// The largest gaps: critical first, then by answer.
    pub gaps: Vec<FindingView>,
}

/// The actions one authority leads.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityPlan {
    /// `R1`, or `—` when no authority is named.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its actions by stage.
    pub stages: Vec<StagePlan>,
}

/// The actions of one authority at one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StagePlan {
    /// `L2`.
    pub id: String,
    /// Name.
    pub name: String,
    /// The actions, in plan order.
    pub actions: Vec<ActionView>,
}

/// One action.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// Rank in the whole plan.
    pub rank: usize,
    /// Priority label in this mode.
    pub priority: String,
    /// Priority id, for styling.
    pub priority_id: String,
    /// What to do, in a sentence.
    pub what: String,
    /// The question.
    pub question: String,
    /// The question's text.
    pub text: String,
    /// Framework processes (`F8.7 Independent appeal`).
    pub processes: Vec<String>,
    /// Kinds of international support.
    pub support: Vec<String>,
    /// Whether a waiver accepts the gap for now.
    pub waived: bool,
    /// The lead authority, by name (empty when the question names none).
    pub lead: String,
    /// The stage where the fix belongs, by name (empty when any stage).
    pub stage: String,
    /// The action's register id (`A-F8.Q1`).
    pub id: String,
    /// What the action register says (owner, due date, status, overdue), in one line; empty
    /// without a register or when it does not list the action.
    pub tracking: String,
    /// Whether the register has it open or in progress after its due date.
    pub overdue: bool,
}

/// Builds the view of `report` for `framework`.
pub fn build(framework: &Framework, report: &Report, options: Options) -> ReportView {
    let mode = options.mode;
    let w = Words::new(options.lang, "view");
    let framework_name = format!(
        "{} v{} ({})",
        report.framework.title, report.framework.version, report.framework.licence
    );
    let tool = format!("{} {}", report.tool.name, report.tool.version);
    ReportView {
        mode,
        lang: options.lang.code().to_owned(),
        dir: options.lang.dir().to_owned(),
        t: template_text(w.m, report.actions.len(), &tool, &framework_name),
        redacted: options.redact,
        title: w.format("title", &[("name", &report.assessment.deployment.name)]),
        facts: facts(framework, report, options, w),
        headline: headline(report, mode, w),
        key_messages: key_messages(framework, report, mode, w),
        critical: critical_lines(framework, report, w),
        principles: report
            .principles
            .iter()
            .map(|p| principle(framework, report, p, options, w))
            .collect(),
        risks: report.risks.iter().map(|r| risk(r, w)).collect(),
        risk_levels: band_ranges(&framework.scoring.risk.bands, "level", mode, w),
        gender: gender(framework, report, options, w),
        plan: plan(framework, report, mode, w),
        action_count: report.actions.len(),
        standards: report.views.iter().map(standard_view).collect(),
        processes_english: options.lang != Lang::En
            && framework
                .processes
                .iter()
                .any(|p| w.text(&format!("process.{}", p.key), &p.title) == p.title),
        register: w.register(report),
        top_actions: report
            .actions
            .iter()
            .take(TOP_ACTIONS)
            .map(|a| action(framework, a, mode, w))
            .collect(),
        decisions: decisions(framework, report, w),
        method: method(framework, mode, w),
        evidence: report
            .findings
            .iter()
            .flat_map(|f| evidence_rows(f, options, w))
            .collect(),
        disagreements: report
            .disagreements
            .iter()
            .map(|d| disagreement(d, options, w))
            .collect(),
        warnings: warning_lines(report, options),
        framework: framework_name,
        attribution: report.framework.attribution.clone(),
        date: report.assessment.as_of.to_string(),
        tool,
    }
}

/// Each critical failure with its question's text.
fn critical_lines(framework: &Framework, report: &Report, w: Words) -> Vec<Line> {
    report
        .summary
        .critical_failures
        .iter()
        .map(|id| Line {
            id: id.clone(),
            text: question_text(framework, id, w),
        })
        .collect()
}

/// The warnings a document lists; a redacted one leaves out those that name evidence files.
fn warning_lines(report: &Report, options: Options) -> Vec<String> {
    report
        .warnings
        .iter()
        .filter(|w| !(options.redact && w.code.is_evidence()))
        .map(|w| w.message.clone())
        .collect()
}

/// One principle with its findings.
fn principle(
    framework: &Framework,
    report: &Report,
    p: &PrincipleResult,
    options: Options,
    w: Words,
) -> PrincipleView {
    PrincipleView {
        id: p.id.clone(),
        name: w.text(&p.id, &p.name),
        kind: w.get(&format!("kind_{}", p.kind.as_str())),
        kind_label: w.get(&format!("principle_{}", p.kind.as_str())),
        summary: framework.principle(&p.id).map_or_else(String::new, |f| {
            w.text(&format!("{}.summary", p.id), &f.summary)
        }),
        score: score_text(p.score),
        value: p.score.unwrap_or(0.0),
        band: if p.applicable == 0 {
            w.get("does_not_apply")
        } else {
            rating_label(p.band.as_deref(), p.score, p.coverage, options.mode, w)
        },
        band_id: p.band.clone().unwrap_or_else(|| "none".to_owned()),
        coverage: w.ltr(&format!("{:.0} %", p.coverage)),
        evidenced: p
            .evidenced
            .map_or("–".to_owned(), |e| w.ltr(&format!("{e:.0} %"))),
        capped_by: p.capped_by.clone(),
        findings: report
            .findings
            .iter()
            .filter(|f| f.principle == p.id)
            .map(|f| finding(framework, f, options, w))
            .collect(),
    }
}

/// One risk with its exposure level.
fn risk(r: &RiskResult, w: Words) -> RiskView {
    RiskView {
        id: r.id.clone(),
        name: w.text(&r.id, &r.name),
        category: w.get(&format!("family_{}", family_id(r.category))),
        exposure: r
            .exposure
            .map_or_else(|| score_text(None), |e| w.exposure(e, r.unknown)),
        value: r.exposure.unwrap_or(-1.0),
        level: match (r.band.as_deref(), r.exposure) {
            (Some(b), _) => named(w, "level", b),
            (None, Some(_)) => w.not_rated(r.coverage),
            (None, None) => w.get("not_assessed"),
        },
        level_id: r.band.clone().unwrap_or_else(|| "none".to_owned()),
        drivers: r.drivers.clone(),
    }
}

/// Where respondents disagree: who said what, and the answer that counts.
fn disagreement(d: &DisagreementResult, options: Options, w: Words) -> Line {
    let stances: Vec<String> = d
        .stances
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let who = if options.redact {
                w.format("respondent_n", &[("n", &(i + 1))])
            } else {
                s.respondent.clone()
            };
            w.format("stance", &[("who", &who), ("answer", &w.answer(s.answer))])
        })
        .collect();
    Line {
        id: d.question.clone(),
        text: w.format(
            "counted",
            &[
                ("stances", &stances.join("; ")),
                ("answer", &w.answer(d.counted)),
            ],
        ),
    }
}
