//! What each applicable question's answer amounts to before any weighting: its status, its
//! credit and how well its evidence supports it.

use crate::framework::{Framework, Question};
use crate::questionnaire::{Answer, AnswerValue, Date, Questionnaire};

/// Where an applicable question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Answered yes, partial or no.
    Answered(AnswerValue),
    /// Answered n/a with a reason: leaves the denominator.
    NotApplicable,
    /// No answer yet: neither pass nor fail; lowers coverage.
    NotAssessed,
}

/// How well the evidence of a yes or partial supports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// At least one piece of evidence within the freshness window (or undated).
    Evidenced,
    /// Evidence exists, but all of it is older than the freshness window.
    Stale,
    /// A yes or partial with no evidence at all.
    Claimed,
}

/// One applicable question as scoring sees it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// The question or gender check.
    pub question: &'a Question,
    /// Its answer entry, when the file has one.
    pub answer: Option<&'a Answer>,
    /// Its status.
    pub status: Status,
    /// For yes and partial: how well evidence supports it.
    pub confidence: Option<Confidence>,
}

impl Item<'_> {
    /// The credit the answer earns under `framework`'s rules; `None` unless answered.
    pub fn credit(&self, framework: &Framework) -> Option<f64> {
        match self.status {
            Status::Answered(value) => framework.scoring.credits.get(value.as_str()).copied(),
            Status::NotApplicable | Status::NotAssessed => None,
        }
    }
}

/// The applicable questions of a questionnaire, with their status and confidence.
pub fn items<'a>(framework: &'a Framework, questionnaire: &'a Questionnaire) -> Vec<Item<'a>> {
    let scope = crate::framework::Applicability {
        building_blocks: questionnaire.deployment.building_blocks.clone(),
        stage: Some(questionnaire.deployment.stage.clone()),
        authority: None,
    };
    let max_age = i64::from(framework.scoring.evidence_max_age_days);
    framework
        .questions
        .iter()
        .filter(|q| framework.applies(q, &scope))
        .map(|question| {
            let answer = questionnaire.answer(&question.id);
            let status = match answer.and_then(|a| a.value) {
                Some(AnswerValue::NotApplicable) => Status::NotApplicable,
                Some(value) => Status::Answered(value),
                None => Status::NotAssessed,
            };
            let confidence = match status {
                Status::Answered(AnswerValue::Yes | AnswerValue::Partial) => {
                    answer.map(|a| confidence(a, questionnaire.assessed_on, max_age))
                }
                _ => None,
            };
            Item {
                question,
                answer,
                status,
                confidence,
            }
        })
        .collect()
}

/// Share (0–1) of `items` that have an answer (n/a counts as answered); 0 for no items.
pub fn coverage<'i, 'a: 'i>(items: impl Iterator<Item = &'i Item<'a>>) -> f64 {
    let (answered, total) = items.fold((0_u32, 0_u32), |(answered, total), item| {
        (
            answered + u32::from(item.status != Status::NotAssessed),
            total + 1,
        )
    });
    if total == 0 {
        0.0
    } else {
        f64::from(answered) / f64::from(total)
    }
}

/// Evidence is stale when every dated piece is older than `max_age` days on the assessment
/// date; undated evidence and a missing assessment date count as fresh.
fn confidence(answer: &Answer, assessed_on: Option<Date>, max_age: i64) -> Confidence {
    if answer.evidence.is_empty() {
        return Confidence::Claimed;
    }
    let Some(today) = assessed_on else {
        return Confidence::Evidenced;
    };
    let fresh = answer
        .evidence
        .iter()
        .any(|e| e.date.is_none_or(|date| date.days_until(today) <= max_age));
    if fresh {
        Confidence::Evidenced
    } else {
        Confidence::Stale
    }
}
