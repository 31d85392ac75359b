//! GIX-DPI, the gender inclusion index: a practice index 0–100 with its caps, a GAM-style
//! practice code 0–4 and a DAC-style intent flag 0/1/2, computed from the gender checks and
//! reported beside the safeguards score, never folded into it.
//!
//! The method is the one in `reference/gender.md` §3; every number comes from
//! `scoring.gender` in the framework file.

use serde::Serialize;

use super::answers::{Confidence, Item, Status};
use crate::framework::raw::GenderCapCondition;
use crate::framework::{Framework, Question};
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
    /// Share (0–1) of the checks' weight (critical checks weigh more) explicitly answered.
    pub coverage: f64,
    /// Whether the index has a verdict: enough of the checks' weight was answered, or a
    /// critical check answered `no` caps it and so makes the lowest band certain. An
    /// unanswered check counts as `no`, so an unrated index says more about the questionnaire
    /// than about the deployment.
    pub rated: bool,
    /// Sub-scores per group of checks (`ACCESS`, `DATA`, …), in alphabetical order.
    pub groups: Vec<GroupScore>,
}

/// The index of one group of checks, before caps, with its coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScore {
    /// The group (`ACCESS`).
    pub group: String,
    /// Weighted index 0–100 of the group's applicable checks (unanswered counted as the
    /// rules say); `None` when none applies.
    pub index: Option<u32>,
    /// Applicable checks of the group (n/a excluded).
    pub applicable: usize,
    /// Of those, the ones with an explicit yes, partial or no.
    pub answered: usize,
    /// Share (0–1) of the group's weight explicitly answered (0 when none applies).
    pub coverage: f64,
}

/// A gender check as the index counts it: the check, the item whose answer it takes (itself,
/// or the question it reuses) and the value counted.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    /// The check.
    pub check: &'a Question,
    /// The applicable item that carries its answer.
    pub item: &'a Item<'a>,
    /// The value the index counts.
    pub value: AnswerValue,
}

impl Counted<'_> {
    /// Whether the check can cap the index: a reused check whose question is critical has
    /// already capped that question's principle, and one gap sets one cap.
    fn caps_index(&self) -> bool {
        self.check.critical && !(self.check.same_as().is_some() && self.item.question.critical)
    }
}

/// The applicable gender checks with the value the index counts: the checks asked in their
/// own words, then the checks that reuse an applicable question.
pub fn counted<'a>(framework: &'a Framework, items: &'a [Item<'a>]) -> Vec<Counted<'a>> {
    let asked = items
        .iter()
        .filter(|i| i.question.is_gender())
        .map(|item| (item.question, item));
    let reused = framework.reused_checks.iter().filter_map(|check| {
        let same_as = check.same_as()?;
        let item = items.iter().find(|i| i.question.id == same_as)?;
        Some((check, item))
    });
    asked
        .chain(reused)
        .filter_map(|(check, item)| {
            effective(item, framework).map(|value| Counted { check, item, value })
        })
        .collect()
}

/// Critical checks answered `no` (not merely unanswered): their mapped risks' exposure rises.
pub fn failed_critical<'a>(counted: &[Counted<'a>]) -> Vec<&'a Question> {
    counted
        .iter()
        .filter(|c| c.check.critical && c.item.status == Status::Answered(AnswerValue::No))
        .map(|c| c.check)
        .collect()
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
    let checks = counted(framework, items);
    let answered = checks
        .iter()
        .filter(|c| matches!(c.item.status, Status::Answered(_)))
        .count();
    let raw_index = weighted_index(framework, checks.iter());
    let cap = lowest_cap(framework, &checks);
    let index = raw_index.map(|raw| cap.as_ref().map_or(raw, |c| raw.min(c.cap)));
    let value_of = |id: &str| checks.iter().find(|c| c.check.id == id).map(|c| c.value);
    let coverage = answered_share(framework, checks.iter());
    GenderIndex {
        // As with a principle: a critical check answered `no` that caps the index holds it in
        // the lowest band however the rest would be answered, so that band is certain. (A
        // reused check whose question is critical sets no cap, so it decides nothing here.)
        rated: index.is_some()
            && (super::score::enough_answered(framework, coverage)
                || checks
                    .iter()
                    .any(|c| c.caps_index() && c.item.status == Status::Answered(AnswerValue::No))),
        coverage,
        practice_code: practice_code(framework, &checks, index, answered, &value_of),
        intent_flag: intent_flag(framework, principal_purpose, &value_of),
        index,
        raw_index,
        cap,
        applicable: checks.len(),
        answered,
        groups: groups(framework, &checks),
    }
}

/// A check's weight in the index: critical checks weigh more.
fn check_weight(framework: &Framework, check: &Question) -> f64 {
    let weights = &framework.scoring.gender.weights;
    f64::from(if check.critical {
        weights.critical
    } else {
        weights.other
    })
}

/// Share (0–1) of the checks' weight with an explicit yes, partial or no; 0 for no checks.
fn answered_share<'c, 'a: 'c>(
    framework: &Framework,
    checks: impl Iterator<Item = &'c Counted<'a>>,
) -> f64 {
    let (mut total, mut answered) = (0.0, 0.0);
    for c in checks {
        let weight = check_weight(framework, c.check);
        total += weight;
        if matches!(c.item.status, Status::Answered(_)) {
            answered += weight;
        }
    }
    if total > 0.0 { answered / total } else { 0.0 }
}

/// 100 × Σ(weight × credit) / Σ(weight), rounded; `None` for no checks.
fn weighted_index<'c, 'a: 'c>(
    framework: &Framework,
    checks: impl Iterator<Item = &'c Counted<'a>>,
) -> Option<u32> {
    let (mut total, mut earned) = (0.0, 0.0);
    for c in checks {
        let weight = check_weight(framework, c.check);
        let credit = framework
            .scoring
            .credits
            .get(c.value.as_str())
            .copied()
            .unwrap_or(0.0);
        total += weight;
        earned += weight * credit;
    }
    (total > 0.0).then(|| round(100.0 * earned / total))
}

fn groups(framework: &Framework, checks: &[Counted<'_>]) -> Vec<GroupScore> {
    let mut names: Vec<&str> = checks.iter().filter_map(|c| c.check.group()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|group| {
            let mine: Vec<&Counted<'_>> = checks
                .iter()
                .filter(|c| c.check.group() == Some(group))
                .collect();
            let answered = mine
                .iter()
                .filter(|c| matches!(c.item.status, Status::Answered(_)))
                .count();
            GroupScore {
                group: group.to_owned(),
                index: weighted_index(framework, mine.iter().copied()),
                applicable: mine.len(),
                answered,
                coverage: answered_share(framework, mine.iter().copied()),
            }
        })
        .collect()
}

fn round(value: f64) -> u32 {
    // Scores are between 0 and 100, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let rounded = value.round() as u32;
    rounded
}

/// The lowest cap whose condition holds; ties keep the first rule listed. A reused check whose
/// question is critical sets no cap here: its question has capped its principle already.
fn lowest_cap(framework: &Framework, checks: &[Counted<'_>]) -> Option<GenderCap> {
    let critical = |want: AnswerValue| -> Vec<String> {
        checks
            .iter()
            .filter(|c| c.caps_index() && c.value == want)
            .map(|c| c.check.id.clone())
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
                    .filter(|c| {
                        Some(&c.check.id) == rule.check.as_ref()
                            && c.value == AnswerValue::No
                            && c.caps_index()
                    })
                    .map(|c| c.check.id.clone())
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
    checks: &[Counted<'_>],
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
        .filter(|c| c.check.critical)
        .all(|c| c.value == AnswerValue::Yes);
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
