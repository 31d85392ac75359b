//! The questionnaire exactly as a user writes it: serde types that mirror the YAML and
//! generate `schemas/questionnaire.schema.json`.
//!
//! Only the shape is known here; `validate::questionnaire` checks every reference against the
//! framework and builds the [`Questionnaire`](super::Questionnaire).

use indexmap::IndexMap;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// A questionnaire: one respondent's answers about one deployment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    /// Format version; 1 is the only version so far.
    pub dpisafe: u32,
    /// The framework answered, as `<id>@<version>`.
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*@[0-9A-Za-z.-]+$"))]
    pub framework: String,
    /// The DPI deployment assessed.
    pub deployment: RawDeployment,
    /// Who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<RawRespondent>,
    /// What this questionnaire answers for, when it is not the whole deployment: one
    /// respondent's part. Coverage is counted over this scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<RawScope>,
    /// The date of the assessment (`YYYY-MM-DD`): reports use it as their date, evidence
    /// freshness is judged on it, and a portfolio orders assessments by it.
    #[schemars(schema_with = "date")]
    pub assessed_on: String,
    /// Answers keyed by question or gender-check id; a missing id means "not assessed".
    #[serde(default)]
    pub answers: IndexMap<String, RawAnswer>,
    /// Approved exceptions: a waived question is shown but does not fail `check`.
    #[serde(default)]
    pub waivers: Vec<RawWaiver>,
}

/// The part of a deployment one questionnaire answers for.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScope {
    /// The responsible authorities (`R1`–`R5`) whose questions this questionnaire answers;
    /// questions that name no authority belong to every scope.
    #[schemars(length(min = 1))]
    pub authorities: Vec<String>,
}

/// The deployment a questionnaire describes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDeployment {
    /// Name of the deployment, in any script.
    #[schemars(length(min = 1))]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (quote `NO` only if you like: it stays Norway).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "country_or_null")]
    pub country: Option<String>,
    /// Building blocks the deployment includes (`id`, `payments`, `data-exchange`, `gbv-service`).
    #[schemars(length(min = 1))]
    pub building_blocks: Vec<String>,
    /// Current life-cycle stage (`L1`–`L5`).
    pub stage: String,
    /// A sentence or two on what the deployment does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Who answered the questionnaire.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRespondent {
    /// The person (dropped by `--redact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Their role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The responsible authority they speak for (`R1`–`R5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// Their organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// One answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswer {
    /// `yes`, `partial`, `no` or `n/a`; empty means not assessed yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "answer_or_null")]
    pub answer: Option<AnswerValue>,
    /// Documents that support the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<RawEvidence>,
    /// Why the question does not apply (required with `n/a`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Free notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The four possible answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AnswerValue {
    /// Fully in place, with evidence.
    #[serde(rename = "yes")]
    Yes,
    /// Partly in place.
    #[serde(rename = "partial")]
    Partial,
    /// Not in place.
    #[serde(rename = "no")]
    No,
    /// Does not apply to this deployment (needs a reason).
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl AnswerValue {
    /// Every answer, as written in YAML.
    pub const ALL: [&'static str; 4] = ["yes", "partial", "no", "n/a"];

    /// The answer as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerValue::Yes => "yes",
            AnswerValue::Partial => "partial",
            AnswerValue::No => "no",
            AnswerValue::NotApplicable => "n/a",
        }
    }
}

/// A piece of evidence.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    /// A path relative to the questionnaire, or an address; addresses are never fetched.
    #[serde(rename = "ref")]
    #[schemars(length(min = 1))]
    pub reference: String,
    /// What kind of document it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "evidence_kind_or_null")]
    pub kind: Option<String>,
    /// When the document was issued or last reviewed (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_or_null")]
    pub date: Option<String>,
    /// SHA-256 of the file, checked when the file is found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9a-f]{64}$"))]
    pub sha256: Option<String>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Kinds of evidence document.
pub const EVIDENCE_KINDS: [&str; 12] = [
    "law",
    "policy",
    "procedure",
    "design",
    "assessment",
    "audit",
    "report",
    "data",
    "contract",
    "minutes",
    "test",
    "other",
];

/// An approved exception for one question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWaiver {
    /// The question or gender-check id waived.
    #[schemars(length(min = 1))]
    pub question: String,
    /// Why the shortfall is accepted for now.
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Who approved it.
    #[schemars(length(min = 1))]
    pub approved_by: String,
    /// The last day the waiver holds (`YYYY-MM-DD`).
    #[schemars(schema_with = "date")]
    pub expires: String,
}

const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

pub(crate) fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": "string", "pattern": DATE_PATTERN})
}

pub(crate) fn date_or_null(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "null"], "pattern": DATE_PATTERN})
}

fn country_or_null(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"type": ["string", "null"], "pattern": "^[A-Z]{2}$"})
}

fn answer_or_null(_: &mut SchemaGenerator) -> Schema {
    json_schema!({"enum": ["yes", "partial", "no", "n/a", null]})
}

fn evidence_kind_or_null(_: &mut SchemaGenerator) -> Schema {
    let mut kinds: Vec<serde_json::Value> = EVIDENCE_KINDS.iter().map(|k| (*k).into()).collect();
    kinds.push(serde_json::Value::Null);
    json_schema!({"enum": kinds})
}
