//! Evaluation: from a validated questionnaire to scores, coverage, confidence and the gender
//! index. Pure functions; nothing here reads files, clocks or the environment.
//!
//! Comes after `validate` and before the report model. Shortfalls are data here, never errors.

pub mod answers;
pub mod gender;
pub mod score;

use serde::Serialize;

use crate::framework::Framework;
use crate::questionnaire::Questionnaire;

/// The scores of one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Overall score 0–100, capped by critical failures; `None` when nothing was answered.
    pub overall: Option<f64>,
    /// The band of the overall score.
    pub band: Option<String>,
    /// Share (0–1) of applicable items answered (n/a counts as answered).
    pub coverage: f64,
    /// One score per principle, in framework order.
    pub principles: Vec<score::PrincipleScore>,
    /// The gender inclusion index.
    pub gender: gender::GenderIndex,
}

/// Scores `questionnaire` against `framework`.
pub fn evaluate(framework: &Framework, questionnaire: &Questionnaire) -> Evaluation {
    let items = answers::items(framework, questionnaire);
    let principles: Vec<score::PrincipleScore> = framework
        .principles
        .iter()
        .map(|p| score::principle(framework, &p.id, &items))
        .collect();
    let overall = score::overall(framework, &principles);
    let coverage = answers::coverage(items.iter());
    let principal = questionnaire.deployment.building_blocks.iter().any(|b| {
        framework
            .scoring
            .gender
            .intent
            .principal_building_blocks
            .contains(b)
    });
    Evaluation {
        band: overall.map(|s| score::band(framework, s)),
        overall,
        coverage,
        principles,
        gender: gender::index(framework, &items, principal),
    }
}

#[cfg(test)]
mod tests;
