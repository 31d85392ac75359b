//! Scores seen from the side of the life cycle and of the responsible authorities: for each
//! stage and each authority, the weighted credit of the questions that belong to it.

use serde::Serialize;

use super::answers::Item;
use super::score::Tally;
use crate::framework::{Framework, Question};

/// The score of the questions that belong to one stage or one authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SliceScore {
    /// The stage or authority.
    pub id: String,
    /// Score 0–100, uncapped; `None` when nothing here was answered.
    pub score: Option<f64>,
    /// Share (0–1) of its applicable weight answered.
    pub coverage: f64,
    /// Applicable items that belong here.
    pub applicable: usize,
    /// Items answered `no` or `partial`.
    pub shortfalls: usize,
}

/// One view per life-cycle stage, in life-cycle order.
pub fn by_stage(framework: &Framework, items: &[Item<'_>]) -> Vec<SliceScore> {
    framework
        .stages
        .iter()
        .map(|stage| {
            view(framework, &stage.id, items, |q| {
                q.stages.contains(&stage.id)
            })
        })
        .collect()
}

/// One view per responsible authority, in framework order.
pub fn by_authority(framework: &Framework, items: &[Item<'_>]) -> Vec<SliceScore> {
    framework
        .authorities
        .iter()
        .map(|authority| {
            view(framework, &authority.id, items, |q| {
                q.authorities.contains(&authority.id)
            })
        })
        .collect()
}

fn view(
    framework: &Framework,
    id: &str,
    items: &[Item<'_>],
    belongs: impl Fn(&Question) -> bool,
) -> SliceScore {
    let mine: Vec<&Item<'_>> = items.iter().filter(|i| belongs(i.question)).collect();
    let tally = Tally::of(framework, mine.iter().copied());
    SliceScore {
        id: id.to_owned(),
        score: tally.score(),
        coverage: tally.coverage(),
        applicable: mine.len(),
        shortfalls: mine.iter().filter(|i| i.is_shortfall()).count(),
    }
}
