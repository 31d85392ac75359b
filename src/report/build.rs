//! Building a [`Report`] from a validated questionnaire and its evaluation.

use super::*;
use crate::diagnostic::Code;
use crate::evaluate::answers::{self, Item};
use crate::evaluate::merge::Disagreement;
use crate::evaluate::{self, Evaluation};
use crate::framework::{Framework, QuestionKind};
use crate::questionnaire::{AnswerValue, Questionnaire};

/// What a report is built from.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The framework.
    pub framework: &'a Framework,
    /// The questionnaire (merged, when several were given), with its evidence inspected.
    pub questionnaire: &'a Questionnaire,
    /// The date waivers are judged on.
    pub as_of: Date,
    /// Disagreements between merged respondents.
    pub disagreements: &'a [Disagreement],
}

/// Evaluates and describes one assessment.
pub fn build(inputs: Inputs<'_>) -> Report {
    let Inputs {
        framework,
        questionnaire,
        as_of,
        disagreements,
    } = inputs;
    let items = answers::items(framework, questionnaire, as_of);
    let evaluation = evaluate::evaluate_items(framework, questionnaire, &items);
    Report {
        dpisafe_report: REPORT_VERSION,
        tool: Tool::current(),
        framework: FrameworkInfo::of(framework),
        assessment: assessment(questionnaire, as_of),
        summary: summary(framework, &evaluation, &items),
        principles: principles(framework, &evaluation),
        risks: risks(framework, &evaluation),
        stages: views(&evaluation.stages, |id| framework.stage(id)),
        authorities: views(&evaluation.authorities, |id| framework.authority(id)),
        gender: gender(&evaluation),
        findings: items.iter().map(|i| finding(framework, i)).collect(),
        actions: evaluation.actions.clone(),
        plan: None,
        views: Vec::new(),
        disagreements: disagreements.iter().map(disagreement).collect(),
        warnings: warnings(&items, questionnaire, as_of),
        gate: None,
    }
}

/// Rounds a score to one decimal, as every output shows it.
pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn percent(share: f64) -> f64 {
    round1(100.0 * share)
}

fn assessment(questionnaire: &Questionnaire, as_of: Date) -> Assessment {
    let d = &questionnaire.deployment;
    Assessment {
        files: questionnaire.files.clone(),
        deployment: DeploymentInfo {
            name: d.name.clone(),
            country: d.country.clone(),
            building_blocks: d.building_blocks.clone(),
            stage: d.stage.clone(),
            description: d.description.clone(),
        },
        respondents: questionnaire
            .respondents
            .iter()
            .map(|r| RespondentInfo {
                name: r.name.clone(),
                role: r.role.clone(),
                authority: r.authority.clone(),
                organisation: r.organisation.clone(),
            })
            .collect(),
        scope: questionnaire.scope.as_ref().map(|scope| ScopeInfo {
            authorities: scope.authorities.clone(),
        }),
        assessed_on: Some(questionnaire.assessed_on),
        as_of,
    }
}

fn status(item: &Item<'_>) -> Status {
    match item.status {
        answers::Status::Answered(value) => from_value(value),
        answers::Status::NotApplicable => Status::NotApplicable,
        answers::Status::NotAssessed => Status::NotAssessed,
    }
}

fn from_value(value: AnswerValue) -> Status {
    match value {
        AnswerValue::Yes => Status::Yes,
        AnswerValue::Partial => Status::Partial,
        AnswerValue::No => Status::No,
        AnswerValue::NotApplicable => Status::NotApplicable,
    }
}

fn summary(framework: &Framework, evaluation: &Evaluation, items: &[Item<'_>]) -> Summary {
    let count = |wanted: Status| items.iter().filter(|i| status(i) == wanted).count();
    let confident = |wanted: Confidence| {
        items
            .iter()
            .filter(|i| i.confidence == Some(wanted))
            .count()
    };
    Summary {
        score: evaluation.overall.map(round1),
        rated: evaluation.rated,
        band: evaluation.band.clone(),
        coverage: percent(evaluation.coverage),
        deployment_coverage: Some(percent(evaluation.deployment_coverage)),
        outside_scope: evaluation.outside_scope.clone(),
        outside_authorities: evaluation.outside_authorities.clone(),
        verdict_min_coverage: framework.scoring.verdict_min_coverage,
        evidenced: evaluation.evidenced_share.map(percent),
        answers: AnswerCounts {
            applicable: items.len(),
            yes: count(Status::Yes),
            partial: count(Status::Partial),
            no: count(Status::No),
            not_applicable: count(Status::NotApplicable),
            not_assessed: count(Status::NotAssessed),
        },
        confidence: ConfidenceCounts {
            evidenced: confident(Confidence::Evidenced),
            stale: confident(Confidence::Stale),
            claimed: confident(Confidence::Claimed),
        },
        critical_failures: items
            .iter()
            .filter(|i| status(i) == Status::No)
            .filter_map(|i| match framework.critical_check_reusing(i.question) {
                Some(check) => Some(check.id.clone()),
                None => i.question.critical.then(|| i.question.id.clone()),
            })
            .collect(),
        waived: items
            .iter()
            .filter(|i| i.is_shortfall() && i.waived())
            .count(),
    }
}

fn principles(framework: &Framework, evaluation: &Evaluation) -> Vec<PrincipleResult> {
    framework
        .principles
        .iter()
        .zip(&evaluation.principles)
        .map(|(p, s)| PrincipleResult {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind,
            score: s.score.map(round1),
            rated: s.rated,
            band: s.band.clone(),
            coverage: percent(s.coverage),
            evidenced: s.evidenced_share.map(percent),
            capped_by: s.capped_by.clone(),
            applicable: s.applicable,
        })
        .collect()
}

fn risks(framework: &Framework, evaluation: &Evaluation) -> Vec<RiskResult> {
    framework
        .risks
        .iter()
        .zip(&evaluation.risks)
        .map(|(r, e)| RiskResult {
            id: r.id.clone(),
            name: r.name.clone(),
            category: r.category,
            exposure: e.exposure.map(round1),
            rated: e.rated,
            band: e.band.clone(),
            coverage: percent(e.coverage),
            unknown: round1(100.0 - percent(e.coverage)),
            mitigating: e.mitigating,
            drivers: e.drivers.clone(),
            raised_by: e.raised_by.clone(),
        })
        .collect()
}

fn views<'f>(
    views: &[evaluate::slices::SliceScore],
    named: impl Fn(&str) -> Option<&'f crate::framework::Named>,
) -> Vec<ViewResult> {
    views
        .iter()
        .map(|v| ViewResult {
            id: v.id.clone(),
            name: named(&v.id).map(|n| n.name.clone()).unwrap_or_default(),
            score: v.score.map(round1),
            coverage: percent(v.coverage),
            applicable: v.applicable,
            shortfalls: v.shortfalls,
        })
        .collect()
}

fn gender(evaluation: &Evaluation) -> GenderResult {
    let g = &evaluation.gender;
    GenderResult {
        index: g.index,
        raw_index: g.raw_index,
        cap: g.cap.as_ref().map(|c| GenderCapResult {
            condition: c.condition,
            cap: c.cap,
            checks: c.checks.clone(),
        }),
        practice_code: g.practice_code,
        intent_flag: g.intent_flag,
        applicable: g.applicable,
        answered: g.answered,
        coverage: percent(g.coverage),
        rated: g.rated,
        groups: g
            .groups
            .iter()
            .map(|group| GenderGroupResult {
                group: group.group.clone(),
                index: group.index,
                applicable: group.applicable,
                answered: group.answered,
                coverage: percent(group.coverage),
            })
            .collect(),
    }
}

fn finding(framework: &Framework, item: &Item<'_>) -> Finding {
    let answer = item.answer;
    Finding {
        question: item.question.id.clone(),
        kind: match item.question.kind {
            QuestionKind::Safeguard => ItemKind::Question,
            QuestionKind::Gender { .. } => ItemKind::GenderCheck,
        },
        principle: item.question.principle.clone(),
        critical: framework.fails_critically(item.question),
        critical_check: framework
            .critical_check_reusing(item.question)
            .map(|c| c.id.clone()),
        weight: item.question.weight,
        status: status(item),
        confidence: item.confidence,
        reason: answer.and_then(|a| a.reason.clone()),
        notes: answer.and_then(|a| a.notes.clone()),
        evidence: answer.map_or_else(Vec::new, |a| {
            a.evidence
                .iter()
                .map(|e| EvidenceResult {
                    reference: e.reference.clone(),
                    kind: e.kind.clone(),
                    date: e.date,
                    title: e.title.clone(),
                    sha256: e.sha256.clone(),
                    found: e.found.clone(),
                    location: Location::new(&a.file, e.pos),
                })
                .collect()
        }),
        waiver: item.waiver.map(|w| WaiverResult {
            reason: w.waiver.reason.clone(),
            approved_by: w.waiver.approved_by.clone(),
            expires: w.waiver.expires,
            expired: w.expired,
            location: Location::new(&w.waiver.file, w.waiver.pos),
        }),
        location: answer.map(|a| Location::new(&a.file, a.pos)),
    }
}

fn disagreement(d: &Disagreement) -> DisagreementResult {
    DisagreementResult {
        question: d.question.clone(),
        counted: from_value(d.counted),
        stances: d
            .stances
            .iter()
            .map(|s| StanceResult {
                respondent: s.respondent.clone(),
                answer: from_value(s.answer),
                location: Location::new(&s.file, s.pos),
            })
            .collect(),
    }
}

/// Missing or altered evidence files and expired or unused waivers, in file order.
fn warnings(items: &[Item<'_>], questionnaire: &Questionnaire, as_of: Date) -> Vec<Warning> {
    let mut warnings = evidence_warnings(questionnaire);
    warnings.extend(waiver_warnings(items, questionnaire, as_of));
    warnings.sort_by(|a, b| a.location.cmp(&b.location));
    warnings
}

/// A warning for each evidence entry whose file is missing, altered or unreadable (after
/// `evidence::inspect`).
pub fn evidence_warnings(questionnaire: &Questionnaire) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for answer in &questionnaire.answers {
        for evidence in &answer.evidence {
            let (code, message, hint) = match &evidence.found {
                Some(Found::Missing) => (
                    Code::EvidenceMissing,
                    format!("the evidence file `{}` does not exist", evidence.reference),
                    "paths are relative to the questionnaire; fix the path or add the file"
                        .to_owned(),
                ),
                Some(Found::DigestMismatch { actual }) => (
                    Code::EvidenceChanged,
                    format!(
                        "the evidence file `{}` no longer matches its recorded sha256",
                        evidence.reference
                    ),
                    format!("if the change is intended, record the new digest: sha256: {actual}"),
                ),
                Some(Found::Unreadable { reason }) => (
                    Code::EvidenceUnreadable,
                    format!(
                        "the evidence `{}` cannot be read: {reason}",
                        evidence.reference
                    ),
                    "point the reference at a readable file".to_owned(),
                ),
                _ => continue,
            };
            warnings.push(Warning {
                code,
                subject: format!("{} {}", answer.question, evidence.reference),
                message: format!("{} (answer to {})", message, answer.question),
                hint,
                location: Location::new(&answer.file, evidence.pos),
            });
        }
    }
    warnings
}

/// Expired waivers (unless a later waiver for the question is in force), waivers and answers
/// for questions that do not apply to this deployment.
fn waiver_warnings(items: &[Item<'_>], questionnaire: &Questionnaire, as_of: Date) -> Vec<Warning> {
    let applicable: Vec<&str> = items.iter().map(|i| i.question.id.as_str()).collect();
    let in_force = |question: &str| {
        questionnaire
            .waivers
            .iter()
            .any(|w| w.question == question && w.expires >= as_of)
    };
    let mut warnings = Vec::new();
    for waiver in &questionnaire.waivers {
        let (code, message, hint) = if !applicable.contains(&waiver.question.as_str()) {
            (
                Code::WaiverUnused,
                format!(
                    "the waiver for {} has nothing to excuse: the question does not apply to this deployment",
                    waiver.question
                ),
                "remove the waiver",
            )
        } else if waiver.expires < as_of && !in_force(&waiver.question) {
            (
                Code::WaiverExpired,
                format!(
                    "the waiver for {} expired on {}; its shortfall counts again",
                    waiver.question, waiver.expires
                ),
                "renew it with a new expiry date and approval, or close the gap",
            )
        } else {
            continue;
        };
        warnings.push(Warning {
            code,
            subject: waiver.question.clone(),
            message,
            hint: hint.to_owned(),
            location: Location::new(&waiver.file, waiver.pos),
        });
    }
    for answer in &questionnaire.answers {
        if applicable.contains(&answer.question.as_str()) || answer.value.is_none() {
            continue;
        }
        warnings.push(Warning {
            code: Code::AnswerUnused,
            subject: answer.question.clone(),
            message: format!(
                "{} does not apply to this deployment's building blocks and stage, so its answer is not scored",
                answer.question
            ),
            hint: "check `deployment.building_blocks` and `deployment.stage`, or remove the answer"
                .to_owned(),
            location: Location::new(&answer.file, answer.pos),
        });
    }
    warnings
}

#[cfg(test)]
mod tests {
    use crate::report::{Inputs, build};
    use crate::source::{Limits, SourceFile};

    #[test]
    fn actions_group_by_authority_then_stage_in_framework_order() {
        let framework = crate::validate::framework::embedded();
        let text = "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\n\
                    assessed_on: 2026-05-01\n\
                    deployment: {name: T, building_blocks: [payments], stage: L2}\n\
                    answers:\n  F1.Q1: {answer: \"no\"}\n  F2.Q1: {answer: partial}\n";
        let q = crate::validate::questionnaire::load(
            &SourceFile::new("t.yaml", text),
            framework,
            &Limits::default(),
        )
        .value
        .expect("valid");
        let report = build(Inputs {
            framework,
            questionnaire: &q,
            as_of: crate::questionnaire::Date::parse("2026-10-01").expect("date"),
            disagreements: &[],
        });
        let groups = report.actions_by_owner();
        let keys: Vec<(Option<&str>, Option<&str>)> =
            groups.iter().map(|g| (g.authority, g.stage)).collect();
        let mut sorted = keys.clone();
        sorted.sort_by_key(|(a, s)| (a.map(str::to_owned), s.map(str::to_owned)));
        assert_eq!(keys, sorted, "R1 before R2 …, L1 before L2 …");
        let total: usize = groups.iter().map(|g| g.actions.len()).sum();
        assert_eq!(total, report.actions.len(), "every action in one group");
        // The deployment is at L2: F1.Q1, due from L1, is placed at L2, where it can be done.
        let r1_l2 = groups
            .iter()
            .find(|g| g.authority == Some("R1") && g.stage == Some("L2"))
            .expect("F1.Q1 is led by R1, placed at L2");
        assert_eq!(r1_l2.actions[0].question, "F1.Q1");
        assert_eq!(r1_l2.actions[0].due_stage.as_deref(), Some("L1"));
        for group in &groups {
            assert!(group.actions.windows(2).all(|w| w[0].rank < w[1].rank));
        }
    }
}
