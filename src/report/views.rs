//! Views of an assessment against another standard, derived through a crosswalk: for each
//! item of the standard, a status worked out from the answers linked to it, the items behind
//! it and their evidence. A view is dpisafe's reading, never the standard owner's verdict, and
//! every output that shows one says so.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Finding, Report, Status};
use crate::crosswalk::{Crosswalk, LinkConfidence, Relation};

/// What every view is labelled with.
pub const DISCLAIMER: &str = "Derived from a Universal DPI Safeguards assessment, not a \
                              determination by the standard's owner.";

/// An assessment seen through one crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DerivedView {
    /// The crosswalk's target id (`dpg-standard`).
    pub target: String,
    /// The standard's name.
    pub title: String,
    /// The version mapped.
    pub version: String,
    /// Where the standard is published.
    pub url: String,
    /// What the view is, and is not.
    pub disclaimer: String,
    /// One entry per item of the standard, in its order.
    pub items: Vec<ViewItem>,
}

/// One item of the standard, as the assessment bears on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewItem {
    /// Its id in the standard.
    pub id: String,
    /// Its short title.
    pub title: String,
    /// The status derived from the linked answers.
    pub status: DerivedStatus,
    /// Why the framework does not cover it, for `not-covered`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered: Option<String>,
    /// The questions and gender checks behind it that apply to the deployment.
    pub behind: Vec<Behind>,
}

/// A question or gender check behind a derived status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Behind {
    /// The question or gender check.
    pub item: String,
    /// Its answer.
    pub status: Status,
    /// How it relates to the standard's item.
    pub relation: Relation,
    /// How sure the link is.
    pub confidence: LinkConfidence,
    /// Why they are linked.
    pub rationale: String,
    /// The evidence given for the answer (references; none when redacted).
    pub evidence: Vec<String>,
}

/// What the linked answers say about a standard's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DerivedStatus {
    /// Every linked item that applies is answered `yes`.
    Met,
    /// Some are `yes` or `partial`, or some are still unanswered.
    Partly,
    /// Every answered linked item is `no`.
    NotMet,
    /// No linked item that applies has been answered.
    NotRated,
    /// No item of the framework links to it.
    NotCovered,
}

impl DerivedStatus {
    /// The status as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            DerivedStatus::Met => "met",
            DerivedStatus::Partly => "partly",
            DerivedStatus::NotMet => "not met",
            DerivedStatus::NotRated => "not rated",
            DerivedStatus::NotCovered => "not covered",
        }
    }
}

impl Report {
    /// The assessment seen through `crosswalk`.
    pub fn view(&self, crosswalk: &Crosswalk) -> DerivedView {
        let t = &crosswalk.target;
        DerivedView {
            target: t.id.clone(),
            title: t.title.clone(),
            version: t.version.clone(),
            url: t.url.clone(),
            disclaimer: DISCLAIMER.to_owned(),
            items: crosswalk
                .items
                .iter()
                .map(|item| {
                    let behind: Vec<Behind> = crosswalk
                        .links_to(&item.id)
                        .filter_map(|link| {
                            let finding = self.findings.iter().find(|f| f.question == link.from)?;
                            Some(behind(finding, link))
                        })
                        .collect();
                    let linked = crosswalk.links_to(&item.id).next().is_some();
                    ViewItem {
                        id: item.id.clone(),
                        title: item.title.clone(),
                        status: if linked {
                            derive(&behind)
                        } else {
                            DerivedStatus::NotCovered
                        },
                        not_covered: item.not_covered.clone(),
                        behind,
                    }
                })
                .collect(),
        }
    }
}

fn behind(finding: &Finding, link: &crate::crosswalk::Link) -> Behind {
    Behind {
        item: finding.question.clone(),
        status: finding.status,
        relation: link.relation,
        confidence: link.confidence,
        rationale: link.rationale.clone(),
        evidence: finding
            .evidence
            .iter()
            .map(|e| e.reference.clone())
            .collect(),
    }
}

/// The status of a standard's item from the applicable answers behind it (`n/a` set aside).
fn derive(behind: &[Behind]) -> DerivedStatus {
    let relevant: Vec<Status> = behind
        .iter()
        .map(|b| b.status)
        .filter(|s| *s != Status::NotApplicable)
        .collect();
    let answered = relevant
        .iter()
        .filter(|s| **s != Status::NotAssessed)
        .count();
    if answered == 0 {
        return DerivedStatus::NotRated;
    }
    if relevant.iter().all(|s| *s == Status::Yes) {
        DerivedStatus::Met
    } else if relevant.iter().all(|s| *s == Status::No) {
        DerivedStatus::NotMet
    } else {
        DerivedStatus::Partly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(status: Status) -> Behind {
        Behind {
            item: "F1.Q1".to_owned(),
            status,
            relation: Relation::IntersectsWith,
            confidence: LinkConfidence::High,
            rationale: "because".to_owned(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn statuses_follow_the_answers_behind_them() {
        use Status::*;
        assert_eq!(derive(&[b(Yes), b(Yes)]), DerivedStatus::Met);
        assert_eq!(derive(&[b(Yes), b(NotApplicable)]), DerivedStatus::Met);
        assert_eq!(derive(&[b(Yes), b(No)]), DerivedStatus::Partly);
        assert_eq!(derive(&[b(Partial)]), DerivedStatus::Partly);
        assert_eq!(derive(&[b(Yes), b(NotAssessed)]), DerivedStatus::Partly);
        assert_eq!(derive(&[b(No), b(No)]), DerivedStatus::NotMet);
        assert_eq!(derive(&[b(No), b(NotAssessed)]), DerivedStatus::Partly);
        assert_eq!(derive(&[b(NotAssessed)]), DerivedStatus::NotRated);
        assert_eq!(derive(&[b(NotApplicable)]), DerivedStatus::NotRated);
        assert_eq!(derive(&[]), DerivedStatus::NotRated);
    }
}
