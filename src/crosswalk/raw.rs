//! A crosswalk file as written: the target standard's items, and links from the framework's
//! questions and gender checks to them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A crosswalk from the framework to one other standard (`frameworks/crosswalks/`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCrosswalk {
    /// Crosswalk format version: `1`.
    #[schemars(range(min = 1))]
    pub dpisafe_crosswalk: u32,
    /// The standard mapped to.
    pub target: RawTarget,
    /// Its items, in its own order.
    #[schemars(length(min = 1))]
    pub items: Vec<RawTargetItem>,
    /// Links from the framework's items to the target's.
    #[serde(default)]
    pub links: Vec<RawLink>,
}

/// The standard a crosswalk maps to.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Short id, as `--view` takes it (`dpg-standard`).
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// Its name.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Who publishes it.
    #[schemars(length(min = 1))]
    pub owner: String,
    /// The version or edition mapped.
    #[schemars(length(min = 1))]
    pub version: String,
    /// Where it is published.
    #[schemars(regex(pattern = r"^https://"))]
    pub url: String,
}

/// One item of the target standard.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTargetItem {
    /// Its id in the standard (`9`, `16.9`).
    #[schemars(length(min = 1))]
    pub id: String,
    /// A short title, in dpisafe's own words.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Why no item of the framework links to it, when none does.
    #[serde(default)]
    pub not_covered: Option<String>,
}

/// One link from a question or gender check to a target item.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    /// The question or gender check (`F8.Q3`).
    pub from: String,
    /// The target item's id.
    pub to: String,
    /// How the two relate, in OSCAL's mapping vocabulary.
    pub relation: Relation,
    /// Why they are linked, in one sentence of dpisafe's own words.
    #[schemars(length(min = 10))]
    pub rationale: String,
    /// How sure the link is.
    pub confidence: LinkConfidence,
}

/// How a framework item relates to a target item (OSCAL mapping relations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// They ask for the same thing.
    EquivalentTo,
    /// The framework item asks for part of what the target item asks.
    SubsetOf,
    /// The framework item asks for more than the target item.
    SupersetOf,
    /// They overlap; neither contains the other.
    IntersectsWith,
}

impl Relation {
    /// The relation as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::EquivalentTo => "equivalent-to",
            Relation::SubsetOf => "subset-of",
            Relation::SupersetOf => "superset-of",
            Relation::IntersectsWith => "intersects-with",
        }
    }
}

/// How sure a link is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum LinkConfidence {
    /// Reviewers could disagree.
    Low,
    /// A reasonable reading of both texts.
    Medium,
    /// The target item and the framework item are plainly about the same safeguard.
    High,
}
