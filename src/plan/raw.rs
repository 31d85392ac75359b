//! The action register as written: one entry per action, with its owner, due date and status.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::questionnaire::raw::date_or_null;

/// An action register: who does what by when, for one deployment's action plan, carried from
/// one assessment to the next (`dpisafe plan init`, `dpisafe plan update`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// Register format version: `1`.
    #[schemars(range(min = 1))]
    pub dpisafe_plan: u32,
    /// The deployment whose actions it tracks, named as in its questionnaire.
    #[schemars(length(min = 1))]
    pub deployment: String,
    /// The date of the assessment it was last brought up to (`YYYY-MM-DD`).
    #[serde(default)]
    #[schemars(schema_with = "date_or_null")]
    pub assessed_on: Option<String>,
    /// One entry per action, keyed by the action's id.
    #[serde(default)]
    pub actions: Vec<RawEntry>,
}

/// One tracked action.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEntry {
    /// The action's id: `A-` and the question or gender check it closes (`A-F8.Q1`).
    #[schemars(regex(pattern = r"^A-\S+$"))]
    pub id: String,
    /// Who is accountable for it: a person, a unit or an authority.
    #[serde(default)]
    pub owner: Option<String>,
    /// The date it is due (`YYYY-MM-DD`).
    #[serde(default)]
    #[schemars(schema_with = "date_or_null")]
    pub due: Option<String>,
    /// Where it stands: `open` (the default), `in-progress`, `done` or `not-planned`.
    #[serde(default)]
    pub status: Option<EntryStatus>,
    /// Why it is not planned (required with `not-planned`).
    #[serde(default)]
    pub reason: Option<String>,
    /// The date it was done (`YYYY-MM-DD`); `plan update` writes the assessment's date.
    #[serde(default)]
    #[schemars(schema_with = "date_or_null")]
    pub closed_on: Option<String>,
    /// Anything else worth keeping with it.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Where an action stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    /// Agreed, not started.
    #[default]
    Open,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Decided against, with a reason.
    NotPlanned,
}

impl EntryStatus {
    /// The status as written in the register.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryStatus::Open => "open",
            EntryStatus::InProgress => "in-progress",
            EntryStatus::Done => "done",
            EntryStatus::NotPlanned => "not-planned",
        }
    }

    /// Whether work on the action is still expected (so it can be overdue).
    pub fn is_pending(self) -> bool {
        matches!(self, EntryStatus::Open | EntryStatus::InProgress)
    }
}
