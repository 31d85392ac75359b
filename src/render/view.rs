//! The view of a report that the Markdown, HTML and PDF templates read: the [`Report`] joined
//! with the framework's texts (questions, guidance, names), numbers already formatted, the
//! mode's wording chosen, and sensitive fields dropped when redacting. Building it once in Rust
//! keeps the three templates simple and saying the same thing.

use indexmap::IndexMap;
use serde::Serialize;

use crate::framework::Framework;
use crate::i18n::{self, Lang, Messages, framework::Texts};
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
    /// The language of the words and framework texts.
    pub lang: Lang,
}

/// Everything a report template reads.
#[derive(Debug, Clone, Serialize)]
pub struct View {
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
}

/// The language of one view: its messages and the framework's texts.
#[derive(Debug, Clone, Copy)]
struct Words {
    m: Messages,
    texts: Texts,
}

impl Words {
    fn new(lang: Lang) -> Self {
        Self {
            m: Messages::new(lang),
            texts: Texts::new(lang),
        }
    }

    /// A message of the `view` section.
    fn get(&self, id: &str) -> String {
        self.m.get(&format!("view.{id}")).to_owned()
    }

    /// A message of the `view` section, filled in.
    fn format(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.m.format(&format!("view.{id}"), args)
    }

    /// A figure kept left to right inside right-to-left text.
    fn ltr(&self, text: &str) -> String {
        i18n::ltr(self.m.lang(), text)
    }

    /// A framework text in this language, or its English when no current translation exists.
    fn text(&self, id: &str, english: &str) -> String {
        self.texts.get(id, english).to_owned()
    }
}

/// Builds the view of `report` for `framework`.
pub fn build(framework: &Framework, report: &Report, options: Options) -> View {
    let mode = options.mode;
    let w = Words::new(options.lang);
    let framework_name = format!(
        "{} v{} ({})",
        report.framework.title, report.framework.version, report.framework.licence
    );
    let tool = format!("{} {}", report.tool.name, report.tool.version);
    View {
        mode,
        lang: options.lang.code().to_owned(),
        dir: options.lang.dir().to_owned(),
        t: template_text(w.m, report.actions.len(), &tool, &framework_name),
        redacted: options.redact,
        title: w.format("title", &[("name", &report.assessment.deployment.name)]),
        facts: facts(framework, report, options, w),
        headline: headline(report, mode, w),
        critical: report
            .summary
            .critical_failures
            .iter()
            .map(|id| Line {
                id: id.clone(),
                text: question_text(framework, id, w),
            })
            .collect(),
        principles: report
            .principles
            .iter()
            .map(|p| PrincipleView {
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
                    band_label(p.band.as_deref(), mode, w)
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
            })
            .collect(),
        risks: report
            .risks
            .iter()
            .map(|r| RiskView {
                id: r.id.clone(),
                name: w.text(&r.id, &r.name),
                category: w.get(&format!("family_{}", family_id(r.category))),
                exposure: score_text(r.exposure),
                value: r.exposure.unwrap_or(-1.0),
                level: r
                    .band
                    .as_deref()
                    .map_or_else(|| w.get("not_assessed"), |b| named(w, "level", b)),
                level_id: r.band.clone().unwrap_or_else(|| "none".to_owned()),
                drivers: r.drivers.clone(),
            })
            .collect(),
        gender: gender(framework, report, options, w),
        plan: plan(framework, report, mode, w),
        action_count: report.actions.len(),
        evidence: report
            .findings
            .iter()
            .flat_map(|f| evidence_rows(f, options, w))
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
                            w.format("respondent_n", &[("n", &(i + 1))])
                        } else {
                            s.respondent.clone()
                        };
                        w.format("stance", &[("who", &who), ("answer", &answer(s.answer, w))])
                    })
                    .collect();
                Line {
                    id: d.question.clone(),
                    text: w.format(
                        "counted",
                        &[
                            ("stances", &stances.join("; ")),
                            ("answer", &answer(d.counted, w)),
                        ],
                    ),
                }
            })
            .collect(),
        warnings: report
            .warnings
            .iter()
            .filter(|w| !(options.redact && w.code.is_evidence()))
            .map(|w| w.message.clone())
            .collect(),
        framework: framework_name,
        attribution: report.framework.attribution.clone(),
        date: report.assessment.as_of.to_string(),
        tool,
    }
}

/// The templates' fixed text, with the few values it quotes filled in.
fn template_text(
    m: Messages,
    actions: usize,
    tool: &str,
    framework: &str,
) -> IndexMap<String, String> {
    m.section("report")
        .into_iter()
        .map(|(id, text)| {
            let text = i18n::catalog::fill(
                &text,
                &[
                    ("actions", &actions),
                    ("tool", &tool),
                    ("framework", &framework),
                ],
            );
            (id, text)
        })
        .collect()
}

/// The message-id part of a risk family.
fn family_id(category: crate::framework::RiskCategory) -> &'static str {
    use crate::framework::RiskCategory;
    match category {
        RiskCategory::Safety => "safety",
        RiskCategory::Inclusion => "inclusion",
        RiskCategory::Structural => "structural",
    }
}

/// An answer in words.
fn answer(status: Status, w: Words) -> String {
    w.get(match status {
        Status::Yes => "answer_yes",
        Status::Partial => "answer_partial",
        Status::No => "answer_no",
        Status::NotApplicable => "answer_na",
        Status::NotAssessed => "answer_not_assessed",
    })
}

fn facts(framework: &Framework, report: &Report, options: Options, w: Words) -> Vec<Fact> {
    let a = &report.assessment;
    let d = &a.deployment;
    let fact = |label: &str, value: String| Fact {
        label: w.get(label),
        value,
    };
    let mut facts = vec![fact("fact_deployment", d.name.clone())];
    if let Some(country) = &d.country {
        facts.push(fact("fact_country", country.clone()));
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
    facts.push(fact("fact_blocks", blocks.join(", ")));
    let stage = framework.stage(&d.stage).map_or(d.stage.clone(), |s| {
        format!("{} {}", s.id, w.text(&s.id, &s.name))
    });
    facts.push(fact("fact_stage", stage));
    let respondents: Vec<String> = a
        .respondents
        .iter()
        .map(|r| respondent(framework, r, options.redact, w))
        .collect();
    facts.push(fact("fact_respondents", respondents.join("; ")));
    if let Some(date) = a.assessed_on {
        facts.push(fact("fact_assessed_on", date.to_string()));
    }
    facts.push(fact(
        "fact_framework",
        format!("{} v{}", report.framework.title, report.framework.version),
    ));
    facts
}

fn respondent(
    framework: &Framework,
    r: &crate::report::RespondentInfo,
    redact: bool,
    w: Words,
) -> String {
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
            .map_or(authority.clone(), |a| {
                format!("{} {}", a.id, w.text(&a.id, &a.name))
            });
        parts.push(name);
    }
    if parts.is_empty() {
        w.get("not_named")
    } else {
        parts.join(", ")
    }
}

fn headline(report: &Report, mode: Mode, w: Words) -> Vec<Fact> {
    let s = &report.summary;
    let g = &report.gender;
    let fact = |label: &str, value: String| Fact {
        label: w.get(label),
        value,
    };
    vec![
        fact(
            "headline_score",
            w.format(
                "score_value",
                &[
                    ("score", &score_text(s.score)),
                    ("band", &band_label(s.band.as_deref(), mode, w)),
                ],
            ),
        ),
        fact(
            "headline_coverage",
            w.format(
                "coverage_value",
                &[
                    ("coverage", &w.ltr(&format!("{:.1} %", s.coverage))),
                    ("applicable", &s.answers.applicable),
                ],
            ),
        ),
        fact(
            "headline_confidence",
            w.format(
                "confidence_value",
                &[
                    (
                        "share",
                        &s.evidenced
                            .map_or_else(|| w.get("none"), |e| w.ltr(&format!("{e:.1} %"))),
                    ),
                    ("evidenced", &s.confidence.evidenced),
                    ("stale", &s.confidence.stale),
                    ("claimed", &s.confidence.claimed),
                ],
            ),
        ),
        fact(
            "headline_gender",
            w.format(
                "gender_value",
                &[
                    ("index", &g.index.map_or("–".to_owned(), |i| i.to_string())),
                    ("code", &g.practice_code),
                    ("flag", &g.intent_flag),
                ],
            ),
        ),
        fact(
            "headline_critical",
            if s.critical_failures.is_empty() {
                w.get("none")
            } else {
                s.critical_failures.join(", ")
            },
        ),
    ]
}

fn finding(framework: &Framework, f: &Finding, options: Options, w: Words) -> FindingView {
    let question = framework.question(&f.question);
    FindingView {
        id: f.question.clone(),
        text: question.map_or_else(String::new, |q| w.text(&q.id, &q.text)),
        guidance: question.map_or_else(String::new, |q| {
            w.text(&format!("{}.guidance", q.id), &q.guidance)
        }),
        gender: f.kind == ItemKind::GenderCheck,
        critical: f.critical,
        answer: answer(f.status, w),
        answer_id: match f.status {
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::NotApplicable => "na",
            Status::NotAssessed => "none",
        }
        .to_owned(),
        confidence: f
            .confidence
            .map(|c| w.get(&format!("confidence_{}", c.as_str()))),
        reason: f.reason.clone(),
        notes: if options.redact {
            None
        } else {
            f.notes.clone()
        },
        evidence: evidence_rows(f, options, w),
        waiver: f.waiver.as_ref().map(|waiver| waiver_text(waiver, w)),
    }
}

fn waiver_text(waiver: &WaiverResult, w: Words) -> String {
    w.format(
        if waiver.expired {
            "waiver_expired"
        } else {
            "waiver_holds"
        },
        &[
            ("reason", &waiver.reason),
            ("by", &waiver.approved_by),
            ("date", &waiver.expires),
        ],
    )
}

fn evidence_rows(f: &Finding, options: Options, w: Words) -> Vec<EvidenceRow> {
    f.evidence
        .iter()
        .map(|e| EvidenceRow {
            question: f.question.clone(),
            title: e.title.clone().unwrap_or_else(|| {
                if options.redact {
                    w.get("untitled")
                } else {
                    e.reference.clone()
                }
            }),
            reference: if options.redact {
                w.get("redacted_reference")
            } else {
                e.reference.clone()
            },
            kind: e.kind.clone().unwrap_or_default(),
            date: e.date.map(|d| d.to_string()).unwrap_or_default(),
            state: w.get(match &e.found {
                None => "found_not_checked",
                Some(crate::evidence::Found::Address) => "found_address",
                Some(crate::evidence::Found::File { verified: true }) => "found_verified",
                Some(crate::evidence::Found::File { verified: false }) => "found_file",
                Some(crate::evidence::Found::Missing) => "found_missing",
                Some(crate::evidence::Found::DigestMismatch { .. }) => "found_changed",
                Some(crate::evidence::Found::Unreadable { .. }) => "found_unreadable",
            }),
        })
        .collect()
}

fn gender(framework: &Framework, report: &Report, options: Options, w: Words) -> GenderView {
    let g = &report.gender;
    let mut gaps: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == ItemKind::GenderCheck && f.status.is_shortfall())
        .collect();
    gaps.sort_by_key(|f| (!f.critical, f.status != Status::No));
    let practice_meaning = w.get(&format!("practice_{}", g.practice_code.min(4)));
    let intent_meaning = w.get(&format!("intent_{}", g.intent_flag.min(2)));
    GenderView {
        index: g.index.map_or("–".to_owned(), |i| {
            w.format("gender_index_value", &[("index", &i)])
        }),
        practice_code: g.practice_code,
        practice_meaning,
        intent_flag: g.intent_flag,
        intent_meaning,
        cap: match (&g.cap, g.raw_index) {
            (Some(cap), Some(raw)) if raw > cap.cap => Some(w.format(
                "gender_cap",
                &[
                    ("cap", &cap.cap),
                    ("raw", &raw),
                    ("checks", &cap.checks.join(", ")),
                ],
            )),
            _ => None,
        },
        answered: w.format(
            "answered",
            &[("answered", &g.answered), ("applicable", &g.applicable)],
        ),
        gaps: gaps
            .into_iter()
            .take(8)
            .map(|f| finding(framework, f, options, w))
            .collect(),
    }
}

fn plan(framework: &Framework, report: &Report, mode: Mode, w: Words) -> Vec<AuthorityPlan> {
    let mut plans: Vec<AuthorityPlan> = Vec::new();
    for group in report.actions_by_owner() {
        let (id, name) = match group.authority.and_then(|a| framework.authority(a)) {
            Some(a) => (a.id.clone(), w.text(&a.id, &a.name)),
            None => ("—".to_owned(), w.get("no_authority")),
        };
        let stage = group.stage.and_then(|s| framework.stage(s));
        let stage_plan = StagePlan {
            id: stage.map_or_else(|| "—".to_owned(), |s| s.id.clone()),
            name: stage.map_or_else(|| w.get("any_stage"), |s| w.text(&s.id, &s.name)),
            actions: group
                .actions
                .iter()
                .map(|a| action(framework, a, mode, w))
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

fn action(framework: &Framework, a: &Action, mode: Mode, w: Words) -> ActionView {
    ActionView {
        rank: a.rank,
        priority: priority_label(a.priority, mode, w),
        priority_id: a.priority.as_str().to_owned(),
        what: action_text(framework, a, w),
        question: a.question.clone(),
        text: question_text(framework, &a.question, w),
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
            .map(|id| framework.support_label(id))
            .collect(),
        waived: a.waived,
    }
}

/// What to do: the question's own action for a gap (finished off for a `partial`), marked
/// "missed at L1, fix now" when the deployment is past the question's stages; a plain verb
/// for evidence to gather, a question to assess, or a question without an action.
fn action_text(framework: &Framework, a: &Action, w: Words) -> String {
    let own = framework
        .question(&a.question)
        .filter(|q| !q.action.is_empty())
        .map(|q| w.text(&format!("{}.action", q.id), &q.action));
    let what = match (a.kind, own) {
        (ActionKind::Remedy, Some(action)) => w.format(
            "action_do",
            &[("action", &action), ("question", &a.question)],
        ),
        (ActionKind::Complete, Some(action)) => w.format(
            "action_finish",
            &[("action", &action), ("question", &a.question)],
        ),
        (ActionKind::Remedy, None) => w.format("action_remedy", &[("question", &a.question)]),
        (ActionKind::Complete, None) => w.format("action_complete", &[("question", &a.question)]),
        (ActionKind::Evidence, _) => w.format("action_evidence", &[("question", &a.question)]),
        (ActionKind::Assess, _) => w.format("action_assess", &[("question", &a.question)]),
    };
    match (&a.due_stage, a.missed) {
        (Some(due), true) => w.format("action_missed", &[("what", &what), ("stage", due)]),
        _ => what,
    }
}

/// Band names; learning mode describes progress instead of ranking.
fn band_label(band: Option<&str>, mode: Mode, w: Words) -> String {
    let Some(band) = band else {
        return w.get("not_assessed");
    };
    let prefix = match mode {
        Mode::Learning => "learning",
        Mode::Accountability => "band",
    };
    named(w, prefix, band)
}

/// The word for `prefix_id`; a band or level this catalog does not name (a custom
/// framework's) is shown as its id, capitalised.
fn named(w: Words, prefix: &str, id: &str) -> String {
    let key = format!("view.{prefix}_{id}");
    let text = w.m.get(&key);
    if text == key {
        capitalised(id)
    } else {
        text.to_owned()
    }
}

fn priority_label(priority: Priority, mode: Mode, w: Words) -> String {
    let prefix = match mode {
        Mode::Learning => "when",
        Mode::Accountability => "priority",
    };
    w.get(&format!("{prefix}_{}", priority.as_str()))
}

fn question_text(framework: &Framework, id: &str, w: Words) -> String {
    framework
        .question(id)
        .map_or_else(String::new, |q| w.text(&q.id, &q.text))
}

/// A score or exposure with one decimal, as every document prints it, or "–" when there is none.
pub(crate) fn score_text(score: Option<f64>) -> String {
    score.map_or("–".to_owned(), |s| format!("{s:.1}"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
