//! GIX-DPI, the gender inclusion index: a practice index 0–100 with its caps, a GAM-style
//! practice code 0–4 and a DAC-style intent flag 0/1/2, computed from the gender checks and
//! reported beside the safeguards score, never folded into it.
//!
//! The method is the one in `reference/gender.md` §3; every number comes from
//! `scoring.gender` in the framework file.

use serde::Serialize;

use super::answers::{Confidence, Item, Status};
use crate::framework::Framework;
use crate::framework::raw::GenderCapCondition;
use crate::questionnaire::AnswerValue;

/// The gender inclusion index of one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderIndex {
    /// The index after caps, 0–100; `None` when no check applies.
    pub index: Option<u32>,
    /// The index before caps.
    pub raw_index: Option<u32>,
    /// The cap that applied, with the checks that set it.
    pub cap: Option<GenderCap>,
    /// GAM-style practice code 0–4.
    pub practice_code: u8,
    /// DAC-style intent flag 0 (not targeted), 1 (significant) or 2 (principal).
    pub intent_flag: u8,
    /// Applicable checks (n/a excluded).
    pub applicable: usize,
    /// Applicable checks with an explicit yes, partial or no.
    pub answered: usize,
}

/// A cap on the gender index and what set it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderCap {
    /// The condition that held.
    pub condition: GenderCapCondition,
    /// The highest index allowed.
    pub cap: u32,
    /// The checks that triggered it.
    pub checks: Vec<String>,
}

/// A gender check's value as the index counts it: unanswered and claimed answers are
/// downgraded ("code what you see").
fn effective(item: &Item<'_>, framework: &Framework) -> Option<AnswerValue> {
    let rules = &framework.scoring.gender;
    let parse = |text: &str| match text {
        "yes" => AnswerValue::Yes,
        "partial" => AnswerValue::Partial,
        _ => AnswerValue::No,
    };
    match item.status {
        Status::NotApplicable => None,
        Status::NotAssessed => Some(parse(&rules.unanswered_counts_as)),
        Status::Answered(AnswerValue::Yes) if item.confidence == Some(Confidence::Claimed) => {
            Some(parse(&rules.claimed_yes_counts_as))
        }
        Status::Answered(value) => Some(value),
    }
}

/// Computes the index from the applicable items of a questionnaire.
pub fn index(framework: &Framework, items: &[Item<'_>], principal_purpose: bool) -> GenderIndex {
    let rules = &framework.scoring.gender;
    let checks: Vec<(&Item<'_>, AnswerValue)> = items
        .iter()
        .filter(|i| i.question.is_gender())
        .filter_map(|i| effective(i, framework).map(|v| (i, v)))
        .collect();
    let answered = checks
        .iter()
        .filter(|(i, _)| matches!(i.status, Status::Answered(_)))
        .count();
    let weight = |i: &Item<'_>| {
        f64::from(if i.question.critical {
            rules.weights.critical
        } else {
            rules.weights.other
        })
    };
    let total: f64 = checks.iter().map(|(i, _)| weight(i)).sum();
    let earned: f64 = checks
        .iter()
        .map(|(i, v)| {
            weight(i)
                * framework
                    .scoring
                    .credits
                    .get(v.as_str())
                    .copied()
                    .unwrap_or(0.0)
        })
        .sum();
    let raw_index = (total > 0.0).then(|| round(100.0 * earned / total));
    let cap = lowest_cap(framework, &checks);
    let index = raw_index.map(|raw| cap.as_ref().map_or(raw, |c| raw.min(c.cap)));
    let value_of = |id: &str| {
        checks
            .iter()
            .find(|(i, _)| i.question.id == id)
            .map(|(_, v)| *v)
    };
    GenderIndex {
        practice_code: practice_code(framework, &checks, index, answered, &value_of),
        intent_flag: intent_flag(framework, principal_purpose, &value_of),
        index,
        raw_index,
        cap,
        applicable: checks.len(),
        answered,
    }
}

fn round(value: f64) -> u32 {
    // Scores are between 0 and 100, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rounded = value.round() as u32;
    rounded
}

/// The lowest cap whose condition holds; ties keep the first rule listed.
fn lowest_cap(framework: &Framework, checks: &[(&Item<'_>, AnswerValue)]) -> Option<GenderCap> {
    let critical = |want: AnswerValue| -> Vec<String> {
        checks
            .iter()
            .filter(|(i, v)| i.question.critical && *v == want)
            .map(|(i, _)| i.question.id.clone())
            .collect()
    };
    let critical_no = critical(AnswerValue::No);
    let critical_partial = critical(AnswerValue::Partial);
    framework
        .scoring
        .gender
        .caps
        .iter()
        .filter_map(|rule| {
            let triggered: Vec<String> = match rule.when {
                GenderCapCondition::AnalysisMissing => checks
                    .iter()
                    .filter(|(i, v)| {
                        Some(&i.question.id) == rule.check.as_ref() && *v == AnswerValue::No
                    })
                    .map(|(i, _)| i.question.id.clone())
                    .collect(),
                GenderCapCondition::OneCriticalNo if critical_no.len() == 1 => critical_no.clone(),
                GenderCapCondition::SeveralCriticalNo if critical_no.len() >= 2 => {
                    critical_no.clone()
                }
                GenderCapCondition::CriticalPartial if critical_no.is_empty() => {
                    critical_partial.clone()
                }
                _ => Vec::new(),
            };
            (!triggered.is_empty()).then(|| GenderCap {
                condition: rule.when,
                cap: round(rule.cap),
                checks: triggered,
            })
        })
        .min_by_key(|cap| cap.cap)
}

fn practice_code(
    framework: &Framework,
    checks: &[(&Item<'_>, AnswerValue)],
    index: Option<u32>,
    answered: usize,
    value_of: &dyn Fn(&str) -> Option<AnswerValue>,
) -> u8 {
    let rules = &framework.scoring.gender.practice_code;
    let analysis = framework.scoring.gender.intent.analysis_check.as_str();
    #[allow(clippy::cast_precision_loss)]
    let answered_share = if checks.is_empty() {
        0.0
    } else {
        answered as f64 / checks.len() as f64
    };
    let Some(index) = index else { return 0 };
    if value_of(analysis) == Some(AnswerValue::No) || answered_share < rules.min_answered_share {
        return 0;
    }
    let all_critical_yes = checks
        .iter()
        .filter(|(i, _)| i.question.critical)
        .all(|(_, v)| *v == AnswerValue::Yes);
    let age_and_disability = rules
        .code_4_requires_yes
        .iter()
        .all(|id| value_of(id).is_none_or(|v| v == AnswerValue::Yes));
    if f64::from(index) >= rules.code_4_min_index && all_critical_yes && age_and_disability {
        return 4;
    }
    rules
        .bands
        .iter()
        .find(|band| f64::from(index) >= band.min)
        .map_or(0, |band| band.code)
}

fn intent_flag(
    framework: &Framework,
    principal_purpose: bool,
    value_of: &dyn Fn(&str) -> Option<AnswerValue>,
) -> u8 {
    let rules = &framework.scoring.gender.intent;
    let at_least_partial =
        |id: &str| matches!(value_of(id), Some(AnswerValue::Yes | AnswerValue::Partial));
    let significant = value_of(&rules.analysis_check) == Some(AnswerValue::Yes)
        && at_least_partial(&rules.disaggregated_data_check)
        && at_least_partial(&rules.objective_check)
        && rules
            .monitoring_checks
            .iter()
            .any(|level| match level.at_least.as_str() {
                "partial" => at_least_partial(&level.check),
                _ => value_of(&level.check) == Some(AnswerValue::Yes),
            });
    match (significant, principal_purpose) {
        (true, true) => 2,
        (true, false) => 1,
        (false, _) => 0,
    }
}
