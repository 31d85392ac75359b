//! What each applicable question's answer amounts to before any weighting: its status, its
//! credit and how well its evidence supports it.

use crate::framework::{Framework, Question};
use crate::questionnaire::{Answer, AnswerValue, Date, Questionnaire, Waiver};

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

/// How well evidence supports a yes or partial.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Fresh evidence.
    Evidenced,
    /// Only stale evidence.
    Stale,
    /// No usable evidence.
    Claimed,
}

impl Confidence {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Evidenced => "evidenced",
            Confidence::Stale => "stale",
            Confidence::Claimed => "claimed",
        }
    }
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
    /// The waiver that names the question, if any (the latest-expiring one).
    pub waiver: Option<WaiverState<'a>>,
}

/// A waiver as it stands on the evaluation date.
#[derive(Debug, Clone, Copy)]
pub struct WaiverState<'a> {
    /// The waiver.
    pub waiver: &'a Waiver,
    /// Whether its expiry date has passed: the item then counts as if it were not waived.
    pub expired: bool,
}

impl Item<'_> {
    /// Whether a waiver in force excuses this item's shortfall.
    pub fn waived(&self) -> bool {
        self.waiver.is_some_and(|w| !w.expired)
    }

    /// Whether the item falls short: answered `no` or `partial`.
    pub fn is_shortfall(&self) -> bool {
        matches!(
            self.status,
            Status::Answered(AnswerValue::No | AnswerValue::Partial)
        )
    }

    /// The credit the answer earns under `framework`'s rules; `None` unless answered.
    pub fn credit(&self, framework: &Framework) -> Option<f64> {
        match self.status {
            Status::Answered(value) => framework.scoring.credits.get(value.as_str()).copied(),
            Status::NotApplicable | Status::NotAssessed => None,
        }
    }
}

/// The questions that apply to the deployment (its building blocks and stage), whatever the
/// questionnaire's scope.
pub fn deployment_questions<'a>(
    framework: &'a Framework,
    questionnaire: &Questionnaire,
) -> impl Iterator<Item = &'a Question> {
    let fits = crate::framework::Applicability {
        building_blocks: questionnaire.deployment.building_blocks.clone(),
        stage: Some(questionnaire.deployment.stage.clone()),
        authority: None,
    };
    framework
        .questions
        .iter()
        .filter(move |q| framework.applies(q, &fits))
}

/// Whether the questionnaire answers for `question`: it is in the scope, or the file answers
/// it anyway (an answer given is never thrown away).
fn in_scope(questionnaire: &Questionnaire, question: &Question) -> bool {
    let Some(scope) = &questionnaire.scope else {
        return true;
    };
    scope.covers(&question.authorities)
        || questionnaire
            .answer(&question.id)
            .is_some_and(|a| a.value.is_some())
}

/// The questions that apply to the deployment but belong to other respondents: outside the
/// questionnaire's scope and unanswered. They count only in the deployment-wide coverage.
pub fn outside_scope<'a>(
    framework: &'a Framework,
    questionnaire: &'a Questionnaire,
) -> Vec<&'a Question> {
    deployment_questions(framework, questionnaire)
        .filter(|q| !in_scope(questionnaire, q))
        .collect()
}

/// The applicable questions of a questionnaire (those of the deployment inside its scope),
/// with their status, confidence and waiver; waivers are judged on `as_of` (a waiver holds
/// through its expiry date).
pub fn items<'a>(
    framework: &'a Framework,
    questionnaire: &'a Questionnaire,
    as_of: Date,
) -> Vec<Item<'a>> {
    let max_age = i64::from(framework.scoring.evidence_max_age_days);
    deployment_questions(framework, questionnaire)
        .filter(|q| in_scope(questionnaire, q))
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
            let waiver = questionnaire
                .waivers
                .iter()
                .filter(|w| w.question == question.id)
                .max_by_key(|w| w.expires)
                .map(|waiver| WaiverState {
                    waiver,
                    expired: waiver.expires < as_of,
                });
            Item {
                question,
                answer,
                status,
                confidence,
                waiver,
            }
        })
        .collect()
}

/// Evidence is stale when every dated piece is older than `max_age` days on the assessment
/// date; undated evidence counts as fresh. Entries whose file is missing or altered do not
/// count at all.
fn confidence(answer: &Answer, today: Date, max_age: i64) -> Confidence {
    let usable: Vec<_> = answer
        .evidence
        .iter()
        .filter(|e| e.found.as_ref().is_none_or(|f| f.supports_answer()))
        .collect();
    if usable.is_empty() {
        return Confidence::Claimed;
    }
    let fresh = usable
        .iter()
        .any(|e| e.date.is_none_or(|date| date.days_until(today) <= max_age));
    if fresh {
        Confidence::Evidenced
    } else {
        Confidence::Stale
    }
}
