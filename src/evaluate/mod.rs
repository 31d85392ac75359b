//! Evaluation: from a validated questionnaire to scores, coverage, confidence, risk exposure,
//! stage and authority views, the gender index and the action plan. Pure functions; nothing
//! here reads files, clocks or the environment: the evaluation date is an argument.
//!
//! Comes after `validate` (and `evidence`) and before the report model. Shortfalls are data
//! here, never errors.

pub mod actions;
pub mod answers;
pub mod gender;
pub mod merge;
pub mod risk;
pub mod score;
pub mod slices;

use serde::Serialize;

use crate::framework::{Framework, Question};
use crate::questionnaire::{Date, Questionnaire};
use answers::Item;

/// The scores of one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Overall score 0–100, capped by critical failures; `None` when nothing was answered.
    pub overall: Option<f64>,
    /// Whether the overall score has a verdict: enough of the applicable weight was answered.
    pub rated: bool,
    /// The band of the overall score; `None` when not rated.
    pub band: Option<String>,
    /// Share (0–1) of the applicable weight answered (n/a counts as answered), within the
    /// questionnaire's scope.
    pub coverage: f64,
    /// The same share over everything that applies to the deployment, other respondents'
    /// parts included; equal to `coverage` when the questionnaire has no scope.
    pub deployment_coverage: f64,
    /// Questions that apply to the deployment but lie outside the scope, unanswered: other
    /// respondents' parts.
    pub outside_scope: Vec<String>,
    /// The responsible authorities those questions belong to, in framework order: whose
    /// questionnaires would complete the deployment.
    pub outside_authorities: Vec<String>,
    /// Share (0–1) of the earned credit, over all scored items, that rests on fresh evidence.
    pub evidenced_share: Option<f64>,
    /// One score per principle, in framework order.
    pub principles: Vec<score::PrincipleScore>,
    /// Residual exposure per risk, in framework order.
    pub risks: Vec<risk::RiskExposure>,
    /// Scores per life-cycle stage.
    pub stages: Vec<slices::SliceScore>,
    /// Scores per responsible authority.
    pub authorities: Vec<slices::SliceScore>,
    /// The gender inclusion index.
    pub gender: gender::GenderIndex,
    /// Every shortfall as an action, most urgent first.
    pub actions: Vec<actions::Action>,
}

/// Scores `questionnaire` against `framework`, judging waivers on `as_of`.
pub fn evaluate(framework: &Framework, questionnaire: &Questionnaire, as_of: Date) -> Evaluation {
    let items = answers::items(framework, questionnaire, as_of);
    evaluate_items(framework, questionnaire, &items)
}

/// Scores the applicable `items` of `questionnaire` (see [`answers::items`]).
pub fn evaluate_items(
    framework: &Framework,
    questionnaire: &Questionnaire,
    items: &[Item<'_>],
) -> Evaluation {
    let principles: Vec<score::PrincipleScore> = framework
        .principles
        .iter()
        .map(|p| score::principle(framework, &p.id, items))
        .collect();
    let overall = score::overall(framework, &principles);
    let all = score::Tally::of(framework, items.iter());
    let outside = answers::outside_scope(framework, questionnaire);
    let outside_weight: f64 = outside
        .iter()
        .map(|q| score::question_weight(framework, q))
        .sum();
    let whole = all.applicable + outside_weight;
    let rated = overall.is_some() && score::enough_answered(framework, all.coverage());
    let principal = is_principal(framework, questionnaire);
    Evaluation {
        band: overall.filter(|_| rated).map(|s| score::band(framework, s)),
        overall,
        rated,
        coverage: all.coverage(),
        deployment_coverage: if whole > 0.0 {
            all.answered / whole
        } else {
            0.0
        },
        outside_scope: outside.iter().map(|q| q.id.clone()).collect(),
        outside_authorities: authorities_of(framework, &outside),
        evidenced_share: all.evidenced_share(),
        principles,
        risks: risks(framework, items),
        stages: slices::by_stage(framework, items),
        authorities: slices::by_authority(framework, items),
        gender: gender::index(framework, items, principal),
        actions: actions::plan(
            framework,
            items,
            Some(questionnaire.deployment.stage.as_str()),
        ),
    }
}

/// Whether the deployment includes a building block where the gender index counts most
/// (the framework's principal blocks, such as payments).
fn is_principal(framework: &Framework, questionnaire: &Questionnaire) -> bool {
    let principal = &framework.scoring.gender.intent.principal_building_blocks;
    questionnaire
        .deployment
        .building_blocks
        .iter()
        .any(|b| principal.contains(b))
}

/// The authorities, in framework order, that some question outside the scope is put to.
fn authorities_of(framework: &Framework, outside: &[&Question]) -> Vec<String> {
    framework
        .authorities
        .iter()
        .filter(|a| outside.iter().any(|q| q.authorities.contains(&a.id)))
        .map(|a| a.id.clone())
        .collect()
}

/// Each risk's residual exposure; a failed critical gender check weighs on its risks too.
fn risks(framework: &Framework, items: &[Item<'_>]) -> Vec<risk::RiskExposure> {
    let counted = gender::counted(framework, items);
    let failed = gender::failed_critical(&counted);
    framework
        .risks
        .iter()
        .map(|r| risk::exposure(framework, &r.id, items, &failed))
        .collect()
}

#[cfg(test)]
mod tests;
