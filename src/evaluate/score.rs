//! Principle scores, coverage, confidence, critical caps, the overall score, and whether there
//! are enough answers to give a score a verdict at all.
//!
//! Pure functions over the applicable items; every rule comes from `scoring` in the framework
//! file and is explained in words in `docs/scoring.md`.

use serde::Serialize;

use super::answers::{Confidence, Item, Status};
use crate::framework::raw::RawBand;
use crate::framework::{Framework, Question};
use crate::questionnaire::AnswerValue;

/// The score of one principle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleScore {
    /// The principle.
    pub principle: String,
    /// Score 0–100 after any cap; `None` when nothing under it was answered.
    pub score: Option<f64>,
    /// Whether the score has a verdict: enough of it was answered, or a critical `no` makes
    /// the band certain.
    pub rated: bool,
    /// The band of the score; `None` when not rated.
    pub band: Option<String>,
    /// Share (0–1) of the applicable weight answered (n/a counts as answered).
    pub coverage: f64,
    /// Share (0–1) of the earned credit that rests on fresh evidence.
    pub evidenced_share: Option<f64>,
    /// The critical question answered `no` that capped the score, if any.
    pub capped_by: Option<String>,
    /// Applicable items (questions and gender checks scored here).
    pub applicable: usize,
}

/// The weight of an item inside its principle (and, by default, in every other view).
pub fn weight(framework: &Framework, item: &Item<'_>) -> f64 {
    question_weight(framework, item.question)
}

/// The weight of a question or gender check inside its principle.
pub fn question_weight(framework: &Framework, question: &Question) -> f64 {
    if question.is_gender() {
        f64::from(framework.scoring.gender_check_weight_in_principle)
    } else {
        f64::from(question.weight)
    }
}

/// Weighted credit over a set of items.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Total weight of the items, answered or not.
    pub applicable: f64,
    /// Weight of the items with any answer, n/a included.
    pub answered: f64,
    /// Total weight of the items answered yes, partial or no.
    pub possible: f64,
    /// Weighted credit earned.
    pub earned: f64,
    /// Weighted credit earned on fresh evidence.
    pub evidenced: f64,
}

impl Tally {
    /// Adds up the answered `items`, each with its usual [`weight`].
    pub fn of<'i, 'a: 'i>(
        framework: &Framework,
        items: impl IntoIterator<Item = &'i Item<'a>>,
    ) -> Self {
        Self::weighted(
            framework,
            items
                .into_iter()
                .map(|item| (item, weight(framework, item))),
        )
    }

    /// Adds up the answered items of `(item, weight)` pairs.
    pub fn weighted<'i, 'a: 'i>(
        framework: &Framework,
        items: impl IntoIterator<Item = (&'i Item<'a>, f64)>,
    ) -> Self {
        let mut tally = Self::default();
        for (item, w) in items {
            tally.applicable += w;
            if item.status != Status::NotAssessed {
                tally.answered += w;
            }
            let Some(credit) = item.credit(framework) else {
                continue;
            };
            tally.possible += w;
            tally.earned += w * credit;
            if item.confidence == Some(Confidence::Evidenced) {
                tally.evidenced += w * credit;
            }
        }
        tally
    }

    /// Earned credit as a score 0–100; `None` when nothing was answered.
    pub fn score(self) -> Option<f64> {
        (self.possible > 0.0).then(|| 100.0 * self.earned / self.possible)
    }

    /// Share (0–1) of the earned credit that rests on fresh evidence.
    pub fn evidenced_share(self) -> Option<f64> {
        (self.earned > 0.0).then(|| self.evidenced / self.earned)
    }

    /// Share (0–1) of the applicable weight that has an answer; 0 when nothing applies.
    /// Weight rather than a head count, so that answering only the light questions cannot
    /// earn a verdict on the heavy ones.
    pub fn coverage(self) -> f64 {
        if self.applicable > 0.0 {
            self.answered / self.applicable
        } else {
            0.0
        }
    }
}

/// Whether `coverage` (0–1) is enough for a verdict under `scoring.verdict_min_coverage`. The
/// share is compared as printed (a percentage to one decimal), so a printed 60.0 % is enough.
pub fn enough_answered(framework: &Framework, coverage: f64) -> bool {
    let percent = (coverage * 1000.0).round() / 10.0;
    percent >= framework.scoring.verdict_min_coverage
}

/// Scores one principle from the items scored under it.
pub fn principle(framework: &Framework, principle: &str, items: &[Item<'_>]) -> PrincipleScore {
    let mine: Vec<&Item<'_>> = items
        .iter()
        .filter(|i| i.question.principle == principle)
        .collect();
    let tally = Tally::of(framework, mine.iter().copied());
    let coverage = tally.coverage();
    let capped_by = mine
        .iter()
        .find(|i| {
            !i.question.is_gender()
                && i.question.critical
                && i.status == Status::Answered(AnswerValue::No)
        })
        .map(|i| i.question.id.clone());
    let cap = framework.scoring.caps.critical_no_principle;
    let score = tally.score().map(|raw| {
        if capped_by.is_some() {
            raw.min(cap)
        } else {
            raw
        }
    });
    // A capped principle can never leave `failing`, whatever its unanswered items say.
    let rated = score.is_some() && (capped_by.is_some() || enough_answered(framework, coverage));
    PrincipleScore {
        principle: principle.to_owned(),
        band: score.filter(|_| rated).map(|s| band(framework, s)),
        rated,
        score,
        coverage,
        evidenced_share: tally.evidenced_share(),
        capped_by,
        applicable: mine.len(),
    }
}

/// The id of the score band a score falls into.
pub fn band(framework: &Framework, score: f64) -> String {
    band_in(&framework.scoring.bands, score)
}

/// The id of the first of `bands` (highest first) whose minimum `value` reaches. The value is
/// first rounded to one decimal, as every output prints it, so a printed 80.0 is never in the
/// band below 80.
pub fn band_in(bands: &[RawBand], value: f64) -> String {
    let value = (value * 10.0).round() / 10.0;
    bands
        .iter()
        .find(|b| value >= b.min)
        .or(bands.last())
        .map(|b| b.id.clone())
        .unwrap_or_default()
}

/// The overall score: the kind-weighted mean of the scored principles, capped when any
/// principle was capped by a critical `no`.
pub fn overall(framework: &Framework, principles: &[PrincipleScore]) -> Option<f64> {
    let mut total = 0.0;
    let mut weights = 0.0;
    for score in principles {
        let (Some(value), Some(p)) = (score.score, framework.principle(&score.principle)) else {
            continue;
        };
        let kind = p.kind.as_str();
        let w = framework
            .scoring
            .principle_kind_weights
            .get(kind)
            .copied()
            .unwrap_or(1.0);
        total += w * value;
        weights += w;
    }
    let mean = (weights > 0.0).then(|| total / weights)?;
    let capped = principles.iter().any(|p| p.capped_by.is_some());
    Some(if capped {
        mean.min(framework.scoring.caps.critical_no_overall)
    } else {
        mean
    })
}
