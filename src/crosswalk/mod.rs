//! Crosswalks: the framework's questions and gender checks linked to the items of other
//! standards advisors use (the DPG Standard, the Principles for Digital Development, the
//! Principles on Identification, the Generation Equality technology actions, SDG targets).
//!
//! The five built-in crosswalks live in `frameworks/crosswalks/` and are embedded;
//! `validate::crosswalk` checks them (schema, ids on both sides, every target item reached or
//! marked not covered). `report::views` derives a target's view from an assessment.

pub mod raw;

pub use raw::{LinkConfidence, Relation};

/// The built-in crosswalks' files, in the order `--view` lists them.
pub const EMBEDDED: [(&str, &str); 5] = [
    (
        "frameworks/crosswalks/dpg-standard.yaml",
        include_str!("../../frameworks/crosswalks/dpg-standard.yaml"),
    ),
    (
        "frameworks/crosswalks/digital-principles.yaml",
        include_str!("../../frameworks/crosswalks/digital-principles.yaml"),
    ),
    (
        "frameworks/crosswalks/id4d.yaml",
        include_str!("../../frameworks/crosswalks/id4d.yaml"),
    ),
    (
        "frameworks/crosswalks/generation-equality.yaml",
        include_str!("../../frameworks/crosswalks/generation-equality.yaml"),
    ),
    (
        "frameworks/crosswalks/sdg.yaml",
        include_str!("../../frameworks/crosswalks/sdg.yaml"),
    ),
];

/// A validated crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosswalk {
    /// The standard mapped to.
    pub target: Target,
    /// Its items, in its order.
    pub items: Vec<TargetItem>,
    /// Links from the framework's items.
    pub links: Vec<Link>,
}

/// The standard a crosswalk maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Short id (`dpg-standard`).
    pub id: String,
    /// Name.
    pub title: String,
    /// Publisher.
    pub owner: String,
    /// Version mapped.
    pub version: String,
    /// Where it is published.
    pub url: String,
}

/// One item of the target standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetItem {
    /// Its id in the standard.
    pub id: String,
    /// Short title in dpisafe's words.
    pub title: String,
    /// Why nothing links to it, when nothing does.
    pub not_covered: Option<String>,
}

/// A link from a question or gender check to a target item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The question or gender check.
    pub from: String,
    /// The target item.
    pub to: String,
    /// How they relate.
    pub relation: Relation,
    /// Why, in one sentence.
    pub rationale: String,
    /// How sure.
    pub confidence: LinkConfidence,
}

impl Crosswalk {
    /// The links into target item `id`, in file order.
    pub fn links_to<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Link> + 'a {
        self.links.iter().filter(move |l| l.to == id)
    }
}
