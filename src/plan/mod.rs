//! The action register: who owns each action of an assessment's plan, by when, and where it
//! stands.
//!
//! `validate::plan::load` validates a register file like any other input (schema, then its
//! ids against the framework, every problem with its line); `report::tracking` joins it to a
//! report's actions and carries it forward to a newer assessment.

pub mod raw;

use crate::questionnaire::Date;
use crate::source::Pos;
pub use raw::EntryStatus;

/// What every action id starts with.
pub const ACTION_PREFIX: &str = "A-";

/// The id of the action that closes `item` (a question or gender check id): `A-F8.Q1`.
pub fn action_id(item: &str) -> String {
    format!("{ACTION_PREFIX}{item}")
}

/// The register format version this build reads and writes.
pub const PLAN_VERSION: u32 = 1;

/// A validated action register.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The file it came from, as named on the command line.
    pub file: String,
    /// The deployment it tracks.
    pub deployment: String,
    /// Where `deployment` is written.
    pub deployment_pos: Pos,
    /// The assessment date it was last brought up to.
    pub assessed_on: Option<Date>,
    /// Its entries, in the file's order.
    pub entries: Vec<Entry>,
}

/// One tracked action.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The action's id (`A-F8.Q1`).
    pub id: String,
    /// Who is accountable for it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Date>,
    /// Where it stands.
    pub status: EntryStatus,
    /// Why it is not planned.
    pub reason: Option<String>,
    /// When it was done.
    pub closed_on: Option<Date>,
    /// Free notes.
    pub notes: Option<String>,
    /// Where the entry starts in the file.
    pub pos: Pos,
}

impl Entry {
    /// A new open entry for action `id`, with nothing decided yet.
    pub fn open(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            owner: None,
            due: None,
            status: EntryStatus::Open,
            reason: None,
            closed_on: None,
            notes: None,
            pos: Pos::new(1, 1),
        }
    }

    /// Whether the action is still pending after its due date, on `date`.
    pub fn is_overdue(&self, date: Date) -> bool {
        self.status.is_pending() && self.due.is_some_and(|due| due < date)
    }
}

impl Plan {
    /// The entry for action `id`.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}
