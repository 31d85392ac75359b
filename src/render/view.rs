//! The view of a report that the Markdown, HTML and PDF templates read: the [`Report`] joined
//! with the framework's texts (questions, guidance, names), numbers already formatted, the
//! mode's wording chosen, and sensitive fields dropped when redacting. Building it once in Rust
//! keeps the three templates simple and saying the same thing.

use serde::Serialize;

use crate::framework::Framework;
use crate::report::{
    Action, ActionKind, Finding, ItemKind, Priority, Report, Status, WaiverResult,
};

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
}

/// Everything a report template reads.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// `learning` or `accountability`.
    pub mode: Mode,
    /// Whether sensitive fields were dropped.
    pub redacted: bool,
    /// The report title.
    pub title: String,
    /// The title block's facts.
    pub facts: Vec<Fact>,
    /// The executive summary's headline figures.
    pub headline: Vec<Fact>,
    /// Critical questions answered `no`, with their text.
    pub critical: Vec<Line>,
    /// Principles with their findings, in framework order.
    pub principles: Vec<PrincipleView>,
    /// Risks in framework order.
    pub risks: Vec<RiskView>,
    /// The gender section.
    pub gender: GenderView,
    /// The action plan grouped by lead authority, then stage.
    pub plan: Vec<AuthorityPlan>,
    /// Number of actions.
    pub action_count: usize,
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

/// A label and a value.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: String,
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
}

/// Builds the view of `report` for `framework`.
pub fn build(framework: &Framework, report: &Report, options: Options) -> View {
    let mode = options.mode;
    View {
        mode,
        redacted: options.redact,
        title: format!(
            "Safeguards assessment: {}",
            report.assessment.deployment.name
        ),
        facts: facts(framework, report, options),
        headline: headline(report, mode),
        critical: report
            .summary
            .critical_failures
            .iter()
            .map(|id| Line {
                id: id.clone(),
                text: question_text(framework, id),
            })
            .collect(),
        principles: report
            .principles
            .iter()
            .map(|p| PrincipleView {
                id: p.id.clone(),
                name: p.name.clone(),
                kind: capitalised(p.kind.as_str()),
                summary: framework
                    .principle(&p.id)
                    .map(|f| f.summary.clone())
                    .unwrap_or_default(),
                score: score_text(p.score),
                value: p.score.unwrap_or(0.0),
                band: if p.applicable == 0 {
                    "does not apply".to_owned()
                } else {
                    band_label(p.band.as_deref(), mode)
                },
                band_id: p.band.clone().unwrap_or_else(|| "none".to_owned()),
                coverage: format!("{:.0} %", p.coverage),
                evidenced: p.evidenced.map_or("–".to_owned(), |e| format!("{e:.0} %")),
                capped_by: p.capped_by.clone(),
                findings: report
                    .findings
                    .iter()
                    .filter(|f| f.principle == p.id)
                    .map(|f| finding(framework, f, options))
                    .collect(),
            })
            .collect(),
        risks: report
            .risks
            .iter()
            .map(|r| RiskView {
                id: r.id.clone(),
                name: r.name.clone(),
                category: capitalised(r.category.label()),
                exposure: score_text(r.exposure),
                value: r.exposure.unwrap_or(-1.0),
                level: r
                    .band
                    .as_deref()
                    .map_or("not assessed".to_owned(), capitalised),
                level_id: r.band.clone().unwrap_or_else(|| "none".to_owned()),
                drivers: r.drivers.clone(),
            })
            .collect(),
        gender: gender(framework, report, options),
        plan: plan(framework, report, mode),
        action_count: report.actions.len(),
        evidence: report
            .findings
            .iter()
            .flat_map(|f| evidence_rows(f, options))
            .collect(),
        disagreements: report
            .disagreements
            .iter()
            .map(|d| {
                let stances: Vec<String> = d
                    .stances
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let who = if options.redact {
                            format!("respondent {}", i + 1)
                        } else {
                            s.respondent.clone()
                        };
                        format!("{who}: {}", s.answer.as_str())
                    })
                    .collect();
                Line {
                    id: d.question.clone(),
                    text: format!("{} (counted: {})", stances.join("; "), d.counted.as_str()),
                }
            })
            .collect(),
        warnings: report
            .warnings
            .iter()
            .filter(|w| !(options.redact && w.code.is_evidence()))
            .map(|w| w.message.clone())
            .collect(),
        framework: format!(
            "{} v{} ({})",
            report.framework.title, report.framework.version, report.framework.licence
        ),
        attribution: report.framework.attribution.clone(),
        date: report.assessment.as_of.to_string(),
        tool: format!("{} {}", report.tool.name, report.tool.version),
    }
}

fn facts(framework: &Framework, report: &Report, options: Options) -> Vec<Fact> {
    let a = &report.assessment;
    let d = &a.deployment;
    let fact = |label: &str, value: String| Fact {
        label: label.to_owned(),
        value,
    };
    let mut facts = vec![fact("Deployment", d.name.clone())];
    if let Some(country) = &d.country {
        facts.push(fact("Country", country.clone()));
    }
    let blocks: Vec<String> = d
        .building_blocks
        .iter()
        .map(|b| {
            framework
                .metadata
                .building_blocks
                .iter()
                .find(|x| &x.id == b)
                .map_or(b.clone(), |x| x.name.clone())
        })
        .collect();
    facts.push(fact("Building blocks", blocks.join(", ")));
    let stage = framework
        .stage(&d.stage)
        .map_or(d.stage.clone(), |s| format!("{} {}", s.id, s.name));
    facts.push(fact("Life-cycle stage", stage));
    let respondents: Vec<String> = a
        .respondents
        .iter()
        .map(|r| respondent(framework, r, options.redact))
        .collect();
    facts.push(fact("Respondents", respondents.join("; ")));
    if let Some(date) = a.assessed_on {
        facts.push(fact("Assessed on", date.to_string()));
    }
    facts.push(fact(
        "Framework",
        format!("{} v{}", report.framework.title, report.framework.version),
    ));
    facts
}

fn respondent(framework: &Framework, r: &crate::report::RespondentInfo, redact: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !redact && let Some(name) = &r.name {
        parts.push(name.clone());
    }
    if let Some(role) = &r.role {
        parts.push(role.clone());
    }
    if let Some(org) = &r.organisation {
        parts.push(org.clone());
    }
    if let Some(authority) = &r.authority {
        let name = framework
            .authority(authority)
            .map_or(authority.clone(), |a| format!("{} {}", a.id, a.name));
        parts.push(name);
    }
    if parts.is_empty() {
        "not named".to_owned()
    } else {
        parts.join(", ")
    }
}

fn headline(report: &Report, mode: Mode) -> Vec<Fact> {
    let s = &report.summary;
    let g = &report.gender;
    let fact = |label: &str, value: String| Fact {
        label: label.to_owned(),
        value,
    };
    vec![
        fact(
            "Safeguards score",
            format!(
                "{} / 100 · {}",
                score_text(s.score),
                band_label(s.band.as_deref(), mode)
            ),
        ),
        fact(
            "Coverage",
            format!(
                "{:.1} % of {} applicable questions and checks",
                s.coverage, s.answers.applicable
            ),
        ),
        fact(
            "Confidence",
            format!(
                "{} of the score rests on fresh evidence ({} evidenced, {} stale, {} claimed)",
                s.evidenced
                    .map_or("none".to_owned(), |e| format!("{e:.1} %")),
                s.confidence.evidenced,
                s.confidence.stale,
                s.confidence.claimed
            ),
        ),
        fact(
            "Gender inclusion (GIX-DPI)",
            format!(
                "{} / 100 · practice code {} · intent flag {}",
                g.index.map_or("–".to_owned(), |i| i.to_string()),
                g.practice_code,
                g.intent_flag
            ),
        ),
        fact(
            "Critical failures",
            if s.critical_failures.is_empty() {
                "none".to_owned()
            } else {
                s.critical_failures.join(", ")
            },
        ),
    ]
}

fn finding(framework: &Framework, f: &Finding, options: Options) -> FindingView {
    let question = framework.question(&f.question);
    FindingView {
        id: f.question.clone(),
        text: question.map_or_else(String::new, |q| q.text.clone()),
        guidance: question.map_or_else(String::new, |q| q.guidance.clone()),
        gender: f.kind == ItemKind::GenderCheck,
        critical: f.critical,
        answer: f.status.as_str().to_owned(),
        answer_id: match f.status {
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::NotApplicable => "na",
            Status::NotAssessed => "none",
        }
        .to_owned(),
        confidence: f.confidence.map(|c| c.as_str().to_owned()),
        reason: f.reason.clone(),
        notes: if options.redact {
            None
        } else {
            f.notes.clone()
        },
        evidence: evidence_rows(f, options),
        waiver: f.waiver.as_ref().map(waiver_text),
    }
}

fn waiver_text(w: &WaiverResult) -> String {
    let state = if w.expired { "expired" } else { "holds until" };
    format!(
        "Waived: {} (approved by {}; {state} {})",
        w.reason, w.approved_by, w.expires
    )
}

fn evidence_rows(f: &Finding, options: Options) -> Vec<EvidenceRow> {
    f.evidence
        .iter()
        .map(|e| EvidenceRow {
            question: f.question.clone(),
            title: e.title.clone().unwrap_or_else(|| {
                if options.redact {
                    "untitled".to_owned()
                } else {
                    e.reference.clone()
                }
            }),
            reference: if options.redact {
                "[redacted]".to_owned()
            } else {
                e.reference.clone()
            },
            kind: e.kind.clone().unwrap_or_default(),
            date: e.date.map(|d| d.to_string()).unwrap_or_default(),
            state: match &e.found {
                None => "not checked",
                Some(crate::evidence::Found::Address) => "address",
                Some(crate::evidence::Found::File { verified: true }) => "verified",
                Some(crate::evidence::Found::File { verified: false }) => "file",
                Some(crate::evidence::Found::Missing) => "missing",
                Some(crate::evidence::Found::DigestMismatch { .. }) => "changed",
                Some(crate::evidence::Found::Unreadable { .. }) => "unreadable",
            }
            .to_owned(),
        })
        .collect()
}

fn gender(framework: &Framework, report: &Report, options: Options) -> GenderView {
    let g = &report.gender;
    let mut gaps: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == ItemKind::GenderCheck && f.status.is_shortfall())
        .collect();
    gaps.sort_by_key(|f| (!f.critical, f.status != Status::No));
    GenderView {
        index: g.index.map_or("–".to_owned(), |i| format!("{i} / 100")),
        practice_code: g.practice_code,
        practice_meaning: practice_meaning(g.practice_code).to_owned(),
        intent_flag: g.intent_flag,
        intent_meaning: match g.intent_flag {
            2 => "principal: gender equality is the main purpose",
            1 => "significant: gender equality is a deliberate objective",
            _ => "not targeted",
        }
        .to_owned(),
        cap: match (&g.cap, g.raw_index) {
            (Some(cap), Some(raw)) if raw > cap.cap => Some(format!(
                "Capped at {} (from {raw}) by {}",
                cap.cap,
                cap.checks.join(", ")
            )),
            _ => None,
        },
        answered: format!("{} of {}", g.answered, g.applicable),
        gaps: gaps
            .into_iter()
            .take(8)
            .map(|f| finding(framework, f, options))
            .collect(),
    }
}

fn practice_meaning(code: u8) -> &'static str {
    match code {
        4 => "gender equality built in throughout, including age and disability",
        3 => "gender addressed in most of design and operation",
        2 => "gender addressed in parts",
        1 => "gender considered, with large gaps",
        _ => "no gender analysis, or too few checks answered to judge",
    }
}

fn plan(framework: &Framework, report: &Report, mode: Mode) -> Vec<AuthorityPlan> {
    let mut plans: Vec<AuthorityPlan> = Vec::new();
    for group in report.actions_by_owner() {
        let (id, name) = match group.authority.and_then(|a| framework.authority(a)) {
            Some(a) => (a.id.clone(), a.name.clone()),
            None => ("—".to_owned(), "No single authority".to_owned()),
        };
        let stage = group.stage.and_then(|s| framework.stage(s));
        let stage_plan = StagePlan {
            id: stage.map_or_else(|| "—".to_owned(), |s| s.id.clone()),
            name: stage.map_or_else(|| "Any stage".to_owned(), |s| s.name.clone()),
            actions: group
                .actions
                .iter()
                .map(|a| action(framework, a, mode))
                .collect(),
        };
        match plans.iter_mut().find(|p| p.id == id) {
            Some(plan) => plan.stages.push(stage_plan),
            None => plans.push(AuthorityPlan {
                id,
                name,
                stages: vec![stage_plan],
            }),
        }
    }
    plans
}

fn action(framework: &Framework, a: &Action, mode: Mode) -> ActionView {
    let verb = match a.kind {
        ActionKind::Remedy => "Put in place",
        ActionKind::Complete => "Complete",
        ActionKind::Evidence => "Document with evidence",
        ActionKind::Assess => "Assess",
    };
    ActionView {
        rank: a.rank,
        priority: priority_label(a.priority, mode).to_owned(),
        priority_id: a.priority.as_str().to_owned(),
        what: format!("{verb} {}", a.question),
        question: a.question.clone(),
        text: question_text(framework, &a.question),
        processes: a
            .processes
            .iter()
            .map(|key| {
                framework
                    .processes
                    .iter()
                    .find(|p| &p.key == key)
                    .map_or(key.clone(), |p| format!("{} {}", p.id, p.title))
            })
            .collect(),
        support: a
            .support
            .iter()
            .map(|id| {
                framework
                    .scoring
                    .support_areas
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or(id.clone(), |s| s.label.clone())
            })
            .collect(),
        waived: a.waived,
    }
}

/// Band names; learning mode describes progress instead of ranking.
fn band_label(band: Option<&str>, mode: Mode) -> String {
    let Some(band) = band else {
        return "not assessed".to_owned();
    };
    match (mode, band) {
        (Mode::Learning, "strong") => "well established".to_owned(),
        (Mode::Learning, "adequate") => "taking shape".to_owned(),
        (Mode::Learning, "weak") => "early steps".to_owned(),
        (Mode::Learning, "failing") => "to be built".to_owned(),
        (_, other) => capitalised(other),
    }
}

fn priority_label(priority: Priority, mode: Mode) -> &'static str {
    match (mode, priority) {
        (Mode::Learning, Priority::Critical) => "first",
        (Mode::Learning, Priority::High) => "next",
        (Mode::Learning, Priority::Medium) => "then",
        (Mode::Learning, Priority::Low) => "later",
        (Mode::Accountability, Priority::Critical) => "Critical",
        (Mode::Accountability, Priority::High) => "High",
        (Mode::Accountability, Priority::Medium) => "Medium",
        (Mode::Accountability, Priority::Low) => "Low",
    }
}

fn question_text(framework: &Framework, id: &str) -> String {
    framework
        .question(id)
        .map_or_else(String::new, |q| q.text.clone())
}

fn score_text(score: Option<f64>) -> String {
    score.map_or("–".to_owned(), |s| format!("{s:.1}"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
