//! What an evidence entry points at, as data: an address or a file, and what the file-system
//! step (`evidence::inspect`) found there.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What was found where an evidence entry points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Found {
    /// An address such as a web page; recorded, never fetched.
    Address,
    /// A file that exists; `verified` when a recorded SHA-256 matched it.
    File {
        /// Whether a recorded digest was checked and matched.
        verified: bool,
    },
    /// Nothing exists at the path.
    Missing,
    /// The file exists but its SHA-256 differs from the recorded one.
    DigestMismatch {
        /// The file's actual SHA-256.
        actual: String,
    },
    /// Something is at the path but it cannot be read as a file.
    Unreadable {
        /// Why, in a few words.
        reason: String,
    },
}

impl Found {
    /// Whether the entry can support an answer: a missing or altered file cannot.
    pub fn supports_answer(&self) -> bool {
        matches!(self, Self::Address | Self::File { .. })
    }
}

/// Address schemes evidence may use; anything else with a colon is a path.
const SCHEMES: [&str; 9] = [
    "http", "https", "ftp", "ftps", "doi", "urn", "mailto", "hdl", "ark",
];

/// Whether a reference is an address (`https://…`, `doi:…`, …) rather than a path. Only known
/// schemes count, so `report:v2.pdf` or `C:/docs/a.pdf` is still looked up as a file.
pub fn is_address(reference: &str) -> bool {
    reference.split_once(':').is_some_and(|(scheme, rest)| {
        !rest.is_empty() && SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
    })
}
