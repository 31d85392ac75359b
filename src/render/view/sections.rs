//! The sections of a report view: the facts and headline, findings with their evidence, the
//! gender section and the action plan.

use super::labels::*;
use super::*;

pub(super) fn facts(
    framework: &Framework,
    report: &Report,
    options: Options,
    w: Words,
) -> Vec<Fact> {
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
                .map_or(b.clone(), |x| w.text(&format!("block.{b}"), &x.name))
        })
        .collect();
    facts.push(fact("fact_blocks", blocks.join(&w.get("list_separator"))));
    let stage = framework
        .stage(&d.stage)
        .map_or(d.stage.clone(), |s| w.named(s));
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

pub(super) fn respondent(
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
            .map_or(authority.clone(), |a| w.named(a));
        parts.push(name);
    }
    if parts.is_empty() {
        w.get("not_named")
    } else {
        parts.join(", ")
    }
}

pub(super) fn headline(report: &Report, mode: Mode, w: Words) -> Vec<Fact> {
    let s = &report.summary;
    let g = &report.gender;
    let fact = |label: &str, value: String| Fact {
        label: w.get(label),
        value,
    };
    let mut facts = vec![
        fact(
            "headline_score",
            w.format(
                "score_value",
                &[
                    ("score", &score_text(s.score)),
                    (
                        "band",
                        &rating_label(s.band.as_deref(), s.score, s.coverage, mode, w),
                    ),
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
        fact("headline_confidence", confidence_value(s, w)),
        fact("headline_gender", gender_value(g, w)),
        fact(
            "headline_critical",
            if s.critical_failures.is_empty() {
                w.get("none")
            } else {
                s.critical_failures.join(", ")
            },
        ),
    ];
    if let Some((whole, sentence)) = w.outside_scope(s) {
        facts.insert(
            2,
            fact("headline_deployment", format!("{whole}: {sentence}")),
        );
    }
    facts
}

/// How much of the answers rests on evidence: the share, and the answers by confidence.
fn confidence_value(s: &crate::report::Summary, w: Words) -> String {
    let share = s
        .evidenced
        .map_or_else(|| w.get("none"), |e| w.ltr(&format!("{e:.1} %")));
    w.format(
        "confidence_value",
        &[
            ("share", &share),
            ("evidenced", &s.confidence.evidenced),
            ("stale", &s.confidence.stale),
            ("claimed", &s.confidence.claimed),
        ],
    )
}

/// The gender index with its codes, and "not rated" after them when too few checks were
/// answered.
fn gender_value(g: &crate::report::GenderResult, w: Words) -> String {
    let index = g.index.map_or("–".to_owned(), |i| i.to_string());
    let value = w.format(
        "gender_value",
        &[
            ("index", &index),
            ("code", &g.practice_code),
            ("flag", &g.intent_flag),
        ],
    );
    match g.index {
        Some(_) if !g.rated => format!("{value} ({})", w.not_rated(g.coverage)),
        _ => value,
    }
}

pub(super) fn finding(
    framework: &Framework,
    f: &Finding,
    options: Options,
    w: Words,
) -> FindingView {
    let question = framework.question(&f.question);
    FindingView {
        id: f.question.clone(),
        text: question.map_or_else(String::new, |q| w.text(&q.id, &q.text)),
        guidance: question.map_or_else(String::new, |q| {
            w.text(&format!("{}.guidance", q.id), &q.guidance)
        }),
        gender: f.kind == ItemKind::GenderCheck,
        critical: f.critical,
        answer: w.answer(f.status),
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

pub(super) fn waiver_text(waiver: &WaiverResult, w: Words) -> String {
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

pub(super) fn evidence_rows(f: &Finding, options: Options, w: Words) -> Vec<EvidenceRow> {
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
                Some(crate::questionnaire::Found::Address) => "found_address",
                Some(crate::questionnaire::Found::File { verified: true }) => "found_verified",
                Some(crate::questionnaire::Found::File { verified: false }) => "found_file",
                Some(crate::questionnaire::Found::Missing) => "found_missing",
                Some(crate::questionnaire::Found::DigestMismatch { .. }) => "found_changed",
                Some(crate::questionnaire::Found::Unreadable { .. }) => "found_unreadable",
            }),
        })
        .collect()
}

pub(super) fn gender(
    framework: &Framework,
    report: &Report,
    options: Options,
    w: Words,
) -> GenderView {
    let g = &report.gender;
    let gaps = report.gender_gaps();
    let practice_meaning = w.get(&format!("practice_{}", g.practice_code.min(4)));
    let intent_meaning = w.get(&format!("intent_{}", g.intent_flag.min(2)));
    GenderView {
        index: match g.index {
            None => "–".to_owned(),
            Some(i) if g.rated => w.format("gender_index_value", &[("index", &i)]),
            Some(i) => format!(
                "{} ({})",
                w.format("gender_index_value", &[("index", &i)]),
                w.not_rated(g.coverage)
            ),
        },
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

pub(super) fn plan(
    framework: &Framework,
    report: &Report,
    mode: Mode,
    w: Words,
) -> Vec<AuthorityPlan> {
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

pub(super) fn action(framework: &Framework, a: &Action, mode: Mode, w: Words) -> ActionView {
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
                    .map_or(key.clone(), |p| {
                        let title = w.text(&format!("process.{}", p.key), &p.title);
                        format!("{} {title}", p.id)
                    })
            })
            .collect(),
        support: a
            .support
            .iter()
            .map(|id| w.text(&format!("support.{id}"), &framework.support_label(id)))
            .collect(),
        waived: a.waived,
        lead: a
            .authority
            .as_deref()
            .and_then(|id| framework.authority(id))
            .map_or_else(String::new, |n| w.named(n)),
        stage: named_stage(framework, a.stage.as_deref(), w),
        id: a.id.clone(),
        tracking: w.tracking(a.tracking.as_ref()),
        overdue: a.tracking.as_ref().is_some_and(|t| t.overdue),
    }
}

/// A stage id with its name in this language; empty for none.
fn named_stage(framework: &Framework, id: Option<&str>, w: Words) -> String {
    id.and_then(|id| framework.stage(id))
        .map_or_else(String::new, |s| w.named(s))
}

/// What to do: the question's own action for a gap (finished off for a `partial`), marked
/// "missed at L1, fix now" when the deployment is past the question's stages; a plain verb
/// for evidence to gather, a question to assess, or a question without an action.
pub(super) fn action_text(framework: &Framework, a: &Action, w: Words) -> String {
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

/// The key messages, in reading order: the standing, the strongest principle, the gaps that
/// matter most and what they leave exposed, the critical failures and how much of the score
/// rests on evidence. The choices are the report's ([`Report::key_points`]); this words them.
pub(super) fn key_messages(
    framework: &Framework,
    report: &Report,
    mode: Mode,
    w: Words,
) -> Vec<String> {
    let points = report.key_points(framework);
    let mut messages = vec![standing_message(report, mode, w)];
    if let Some(p) = points.strongest {
        messages.push(w.format(
            "key_strongest",
            &[
                ("id", &p.id),
                ("name", &w.text(&p.id, &p.name)),
                ("score", &score_text(p.score)),
            ],
        ));
    }
    messages.extend(points.gaps.iter().map(|g| gap_message(framework, g, w)));
    messages.push(critical_message(report, w));
    messages.push(evidence_message(report, w));
    messages
}

/// The score with its band, or why there is none.
fn standing_message(report: &Report, mode: Mode, w: Words) -> String {
    let s = &report.summary;
    let coverage = w.ltr(&format!("{:.1} %", s.coverage));
    let applicable = s.answers.applicable;
    match (s.score, s.rated) {
        (None, _) => w.format("key_unscored", &[("applicable", &applicable)]),
        (Some(_), true) => w.format(
            "key_standing",
            &[
                ("score", &score_text(s.score)),
                (
                    "band",
                    &rating_label(s.band.as_deref(), s.score, s.coverage, mode, w),
                ),
                ("coverage", &coverage),
                ("applicable", &applicable),
            ],
        ),
        (Some(_), false) => w.format(
            "key_unrated",
            &[
                ("score", &score_text(s.score)),
                ("coverage", &coverage),
                ("applicable", &applicable),
            ],
        ),
    }
}

/// One gap: what to do, under which principle, and the risks it leaves exposed.
fn gap_message(framework: &Framework, gap: &crate::report::Gap<'_>, w: Words) -> String {
    let a = gap.action;
    let principle = framework
        .principle(&a.principle)
        .map_or_else(|| a.principle.clone(), |p| w.text(&p.id, &p.name));
    // A question's own action, made a sentence so the risks can follow it.
    let action = framework
        .question(&a.question)
        .map_or_else(String::new, |q| {
            crate::render::standing::sentence(&w.action(q))
        });
    let risks: Vec<String> = gap
        .risks
        .iter()
        .map(|r| format!("{} {}", r.id, w.text(&r.id, &r.name)))
        .collect();
    let args: [(&str, &dyn std::fmt::Display); 4] = [
        ("id", &a.question),
        ("principle", &principle),
        ("action", &action),
        ("risks", &risks.join(&w.get("list_separator"))),
    ];
    if risks.is_empty() {
        w.format("key_gap_alone", &args)
    } else {
        w.format("key_gap", &args)
    }
}

/// The critical safeguards answered `no`, by id: the box under the key messages quotes
/// their questions.
fn critical_message(report: &Report, w: Words) -> String {
    let failures = &report.summary.critical_failures;
    if failures.is_empty() {
        return w.get("key_no_critical");
    }
    w.m.plural(
        "view.key_critical",
        failures.len(),
        &[("items", &failures.join(&w.get("list_separator")))],
    )
}

/// How much of the score rests on fresh evidence, and how much is only claimed.
fn evidence_message(report: &Report, w: Words) -> String {
    let s = &report.summary;
    match s.evidenced {
        Some(share) if share > 0.0 => w.format(
            "key_evidence",
            &[
                ("share", &w.ltr(&format!("{share:.1} %"))),
                ("evidenced", &s.confidence.evidenced),
                ("stale", &s.confidence.stale),
                ("claimed", &s.confidence.claimed),
            ],
        ),
        _ => w.get("key_no_evidence"),
    }
}

/// What the readers of the brief have to decide, from the data: whether to go on with
/// critical safeguards missing, how to catch up actions already overdue, who answers the
/// rest, who backs the answers with evidence, and who assesses the rest of the deployment.
pub(super) fn decisions(framework: &Framework, report: &Report, w: Words) -> Vec<String> {
    let s = &report.summary;
    let mut decisions = Vec::new();
    if !s.critical_failures.is_empty() {
        decisions.push(w.m.plural(
            "view.decide_critical",
            s.critical_failures.len(),
            &[("items", &s.critical_failures.join(&w.get("list_separator")))],
        ));
    }
    let overdue = report.actions.iter().filter(|a| a.missed).count();
    if overdue > 0 {
        decisions.push(w.m.plural("view.decide_overdue", overdue, &[]));
    }
    if let Some(line) = register_overdue(report, w) {
        decisions.push(line);
    }
    let open = s.answers.not_assessed;
    if open > 0 {
        decisions.push(w.m.plural("view.decide_unanswered", open, &[]));
    }
    let unbacked = s.confidence.stale + s.confidence.claimed;
    if unbacked > 0 {
        decisions.push(w.m.plural("view.decide_evidence", unbacked, &[]));
    }
    if !s.outside_authorities.is_empty() {
        let names: Vec<String> = s
            .outside_authorities
            .iter()
            .map(|id| {
                framework
                    .authority(id)
                    .map_or_else(|| id.clone(), |a| w.named(a))
            })
            .collect();
        decisions.push(w.format(
            "decide_scope",
            &[("authorities", &names.join(&w.get("list_separator")))],
        ));
    }
    if decisions.is_empty() {
        decisions.push(w.get("decide_keep"));
    }
    decisions
}

/// The register's overdue actions as a decision, each with its owner and due date
/// (`A-F8.Q3, Ministry of Justice, due 2026-06-30`).
fn register_overdue(report: &Report, w: Words) -> Option<String> {
    let overdue: Vec<String> = report
        .actions
        .iter()
        .filter_map(|a| Some((a, a.tracking.as_ref().filter(|t| t.overdue)?)))
        .map(|(a, t)| {
            let mut parts = vec![w.ltr(&a.id)];
            parts.extend(t.owner.as_deref().map(|o| i18n::isolate(w.m.lang(), o)));
            if let Some(due) = t.due {
                let date = w.ltr(&due.to_string());
                parts.push(w.m.format("view.tracking_due", &[("date", &date)]));
            }
            parts.join(" · ")
        })
        .collect();
    (!overdue.is_empty()).then(|| {
        w.m.plural(
            "view.decide_register_overdue",
            overdue.len(),
            &[("items", &overdue.join(&w.get("list_separator")))],
        )
    })
}

/// The method in four paragraphs: the catalog's account of scoring, then the bands, the
/// evidence rule and the order of actions, with the thresholds of `framework` filled in.
pub(super) fn method(framework: &Framework, mode: Mode, w: Words) -> Vec<String> {
    let scoring = &framework.scoring;
    let thresholds = |bands: &[crate::framework::raw::RawBand], prefix: &str| {
        band_ranges(bands, prefix, mode, w)
            .into_iter()
            .map(|key| key.label)
            .collect::<Vec<_>>()
            .join(" · ")
    };
    vec![
        w.m.get("report.method_text").to_owned(),
        w.format(
            "method_rating",
            &[
                (
                    "min",
                    &w.ltr(&format!("{:.0} %", scoring.verdict_min_coverage)),
                ),
                ("bands", &thresholds(&scoring.bands, "band")),
                ("levels", &thresholds(&scoring.risk.bands, "level")),
            ],
        ),
        w.format(
            "method_evidence",
            &[("days", &scoring.evidence_max_age_days)],
        ),
        w.get("method_actions"),
    ]
}

/// Each band with the range of scores it covers ("Weak 40–60"): bands are listed highest
/// first, and each reaches up to the one above it.
pub(super) fn band_ranges(
    bands: &[crate::framework::raw::RawBand],
    prefix: &str,
    mode: Mode,
    w: Words,
) -> Vec<LegendKey> {
    let mut top = 100.0;
    let mut keys = Vec::new();
    for b in bands {
        let name = match prefix {
            "band" => band_label(Some(&b.id), mode, w),
            _ => named(w, prefix, &b.id),
        };
        keys.push(LegendKey {
            id: b.id.clone(),
            label: format!("{name} {}", w.ltr(&format!("{:.0}–{top:.0}", b.min))),
        });
        top = b.min;
    }
    keys
}

/// A derived view as the documents show it.
pub(super) fn standard_view(view: &crate::report::views::DerivedView) -> StandardView {
    StandardView {
        title: format!("{} ({})", view.title, view.version),
        url: view.url.clone(),
        items: view
            .items
            .iter()
            .map(|item| StandardItem {
                id: item.id.clone(),
                title: item.title.clone(),
                status: item.status.as_str().to_owned(),
                behind: crate::render::views::behind(item),
            })
            .collect(),
    }
}
