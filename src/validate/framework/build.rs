//! The step from a raw framework whose references were checked to the validated
//! [`Framework`]: named lists, processes split into their variants, questions typed by kind.

use crate::framework::raw::{RawFramework, RawGenderCheck, RawPrinciple, RawRisk};
use crate::framework::{Framework, Named, Principle, Process, Question, QuestionKind, Risk};

/// Builds the validated framework from a raw one whose references were checked.
pub fn build(raw: RawFramework) -> Framework {
    let named = |items: Vec<crate::framework::raw::RawNamed>| {
        items
            .into_iter()
            .map(|n| Named {
                id: n.id,
                name: n.name,
                summary: n.summary,
            })
            .collect()
    };
    let gender_weight = raw.scoring.gender_check_weight_in_principle;
    let mut questions: Vec<Question> = raw.questions.into_iter().map(Question::from).collect();
    let mut reused_checks = Vec::new();
    for check in raw.gender_checks {
        let item = gender_check(check, gender_weight);
        match item
            .same_as()
            .and_then(|id| questions.iter().find(|q| q.id == id))
        {
            // A reused check applies wherever its question does, and scores nowhere itself.
            Some(question) => reused_checks.push(reusing(item, question)),
            None => questions.push(item),
        }
    }
    Framework {
        metadata: raw.metadata,
        stages: named(raw.stages),
        authorities: named(raw.authorities),
        risks: raw.risks.into_iter().map(Risk::from).collect(),
        principles: raw.principles.into_iter().map(Principle::from).collect(),
        processes: raw.processes.into_iter().flat_map(processes).collect(),
        aliases: raw.aliases,
        questions,
        reused_checks,
        sources: raw.sources,
        scoring: raw.scoring,
    }
}

/// A gender check as an answerable item, weighted as the scoring says checks weigh.
fn gender_check(check: RawGenderCheck, weight: u32) -> Question {
    Question {
        principle: check.principles.first().cloned().unwrap_or_default(),
        principles: check.principles,
        kind: QuestionKind::Gender {
            group: check.group,
            sources: check.sources,
            same_as: check.same_as,
        },
        id: check.id,
        text: check.text.unwrap_or_default(),
        guidance: String::new(),
        evidence: check.evidence,
        building_blocks: check.building_blocks,
        stages: check.stages,
        authorities: check.authorities,
        risks: check.risks,
        processes: Vec::new(),
        process_note: None,
        action: check.action.unwrap_or_default(),
        weight,
        critical: check.critical,
    }
}

/// A check asked as `question`: it takes the question's place, scope and weight.
fn reusing(mut check: Question, question: &Question) -> Question {
    check.principle.clone_from(&question.principle);
    check.principles = vec![question.principle.clone()];
    check.building_blocks.clone_from(&question.building_blocks);
    check.stages.clone_from(&question.stages);
    check.authorities.clone_from(&question.authorities);
    check.weight = question.weight;
    check
}

impl From<RawRisk> for Risk {
    fn from(r: RawRisk) -> Self {
        Risk {
            id: r.id,
            name: r.name,
            category: r.category,
            summary: r.summary,
            text_source: r.text_source,
        }
    }
}

impl From<RawPrinciple> for Principle {
    fn from(p: RawPrinciple) -> Self {
        Principle {
            id: p.id,
            name: p.name,
            kind: p.kind,
            summary: p.summary,
            text_source: p.text_source,
            processes_known_up_to: p.processes_known_up_to,
            support: p.support,
            no_critical_reason: p.no_critical_reason,
        }
    }
}

/// The processes of one published id: itself, or each of its variants.
fn processes(raw: crate::framework::raw::RawProcess) -> Vec<Process> {
    let placements = |list: Vec<crate::framework::raw::RawPlacement>| {
        list.into_iter()
            .map(|pl| (pl.authority, pl.stage))
            .collect()
    };
    if raw.variants.is_empty() {
        return vec![Process {
            key: raw.id.clone(),
            id: raw.id,
            title: raw.title.unwrap_or_default(),
            principle: raw.principle,
            risks: raw.risks,
            placements: placements(raw.placements),
            source: raw.source,
            conflict: false,
            note: raw.note,
        }];
    }
    raw.variants
        .into_iter()
        .map(|v| Process {
            key: v.key,
            id: raw.id.clone(),
            title: v.title,
            principle: raw.principle.clone(),
            risks: v.risks,
            placements: placements(v.placements),
            source: v.source,
            conflict: v.conflict,
            note: v.note,
        })
        .collect()
}

impl From<crate::framework::raw::RawQuestion> for Question {
    fn from(q: crate::framework::raw::RawQuestion) -> Self {
        Question {
            principles: vec![q.principle.clone()],
            principle: q.principle,
            kind: QuestionKind::Safeguard,
            id: q.id,
            text: q.text,
            guidance: q.guidance,
            evidence: q.evidence,
            building_blocks: q.building_blocks,
            stages: q.stages,
            authorities: q.authorities,
            risks: q.risks,
            processes: q.processes,
            process_note: q.process_note,
            action: q.action.unwrap_or_default(),
            weight: q.weight,
            critical: q.critical,
        }
    }
}
