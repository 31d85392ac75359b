//! Residual exposure of each risk: how much of what should mitigate it is not in place.
//!
//! A question mitigates a risk directly when it names the risk, and indirectly when it names a
//! process that mitigates the risk; `scoring.risk` in the framework file weighs the two links.
//! Exposure is 100 minus the weighted credit of the answered mitigating items. A critical
//! gender check answered `no` lifts the exposure of each risk it maps to at least
//! `scoring.risk.gender_critical_no_floor`, when the framework sets one.
//!
//! Unanswered mitigations are unknown, not absent: their share of the mitigating weight is
//! reported beside the exposure, and a risk whose mitigations are too thinly answered gets no
//! level (so it is never called "low" on the strength of a few answers).

use serde::Serialize;

use super::answers::Item;
use super::score::{Tally, band_in, enough_answered, weight};
use crate::framework::{Framework, Question};

/// How exposed a deployment remains to one risk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskExposure {
    /// The risk.
    pub risk: String,
    /// Residual exposure 0–100 (0: fully mitigated); `None` when nothing that mitigates it was
    /// answered.
    pub exposure: Option<f64>,
    /// Whether the exposure has a level: enough of the mitigating weight was answered, or a
    /// failed critical gender check holds it at the floor whatever else is in place.
    pub rated: bool,
    /// The level of the exposure; `None` when not rated.
    pub band: Option<String>,
    /// Share (0–1) of the mitigating weight (weight × link strength) answered; the rest is
    /// unknown.
    pub coverage: f64,
    /// Applicable items that mitigate it.
    pub mitigating: usize,
    /// The shortfalls that leave the most exposure, largest first (at most three).
    pub drivers: Vec<String>,
    /// Critical gender checks answered `no` that map to this risk: while any is listed, the
    /// exposure is at least the framework's floor.
    pub raised_by: Vec<String>,
}

/// How strongly `question` mitigates `risk` (0: not at all).
pub fn link(framework: &Framework, question: &Question, risk: &str) -> f64 {
    let rules = &framework.scoring.risk;
    if question.risks.iter().any(|r| r == risk) {
        return rules.direct_weight;
    }
    let via_process = question
        .processes
        .iter()
        .flat_map(|id| framework.processes_named(id))
        .any(|p| p.risks.iter().any(|r| r == risk));
    if via_process {
        rules.via_process_weight
    } else {
        0.0
    }
}

/// The residual exposure to `risk` left by `items`, lifted by the failed critical gender
/// checks among `failed_checks` that map to it.
pub fn exposure(
    framework: &Framework,
    risk: &str,
    items: &[Item<'_>],
    failed_checks: &[&Question],
) -> RiskExposure {
    let linked: Vec<(&Item<'_>, f64)> = items
        .iter()
        .filter_map(|item| {
            let strength = link(framework, item.question, risk);
            (strength > 0.0).then(|| (item, strength * weight(framework, item)))
        })
        .collect();
    let tally = Tally::weighted(framework, linked.iter().copied());
    let mut exposure = tally.score().map(|mitigated| 100.0 - mitigated);
    let mut raised_by = Vec::new();
    if let Some(floor) = framework.scoring.risk.gender_critical_no_floor {
        raised_by = failed_checks
            .iter()
            .filter(|c| c.risks.iter().any(|r| r == risk))
            .map(|c| c.id.clone())
            .collect();
        if !raised_by.is_empty() {
            exposure = Some(exposure.map_or(floor, |e| e.max(floor)));
        }
    }
    let coverage = tally.coverage();
    let rated =
        exposure.is_some() && (!raised_by.is_empty() || enough_answered(framework, coverage));
    RiskExposure {
        risk: risk.to_owned(),
        band: exposure
            .filter(|_| rated)
            .map(|e| band_in(&framework.scoring.risk.bands, e)),
        rated,
        raised_by,
        exposure,
        coverage,
        mitigating: linked.len(),
        drivers: drivers(framework, &linked),
    }
}

/// Shortfalls ranked by the weight they leave unmitigated; ties keep framework order.
fn drivers(framework: &Framework, linked: &[(&Item<'_>, f64)]) -> Vec<String> {
    let mut lost: Vec<(f64, usize, &str)> = linked
        .iter()
        .enumerate()
        .filter_map(|(order, (item, w))| {
            let credit = item.credit(framework)?;
            (credit < 1.0).then(|| (w * (1.0 - credit), order, item.question.id.as_str()))
        })
        .collect();
    lost.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    lost.into_iter()
        .take(3)
        .map(|(_, _, id)| id.to_owned())
        .collect()
}
