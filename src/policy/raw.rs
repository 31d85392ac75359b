//! The policy file as written: thresholds, rules and waivers for `dpisafe check`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::questionnaire::raw::RawWaiver;

/// A policy for `dpisafe check`, usually committed beside the questionnaire.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    /// Policy format version: `1`.
    #[schemars(range(min = 1))]
    pub dpisafe_policy: u32,
    /// Lowest acceptable overall score (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_overall: Option<f64>,
    /// Lowest acceptable coverage, as a percentage of the applicable weight answered within
    /// the questionnaire's scope (its respondents' part of the deployment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_coverage: Option<f64>,
    /// Lowest acceptable coverage of the whole deployment, every respondent's part included:
    /// for repositories that hold (and merge) every respondent's questionnaire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_deployment_coverage: Option<f64>,
    /// Lowest acceptable score for every principle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_principle: Option<f64>,
    /// Lowest acceptable score per principle id, overriding `min_principle`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "percent_map")]
    pub principles: BTreeMap<String, f64>,
    /// Lowest acceptable gender index (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_gender_index: Option<f64>,
    /// Highest acceptable residual exposure for every risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub max_risk_exposure: Option<f64>,
    /// Highest acceptable exposure per risk id, overriding `max_risk_exposure`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "percent_map")]
    pub risks: BTreeMap<String, f64>,
    /// What a critical question answered `no` does: `fail` (the default) or `allow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_failures: Option<Strictness>,
    /// What a missing or altered evidence file does: `fail` (the default) or `warn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_problems: Option<Strictness>,
    /// Where evidence files must lie, relative to this policy file's directory: a reference
    /// outside it is not read. Without it, the Git work tree holding the questionnaire.
    /// `--evidence-root` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub evidence_root: Option<String>,
    /// Evidence files larger than this many MiB are not hashed against their `sha256`
    /// (default 512). `--max-hash-mib` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_hash_mib: Option<u64>,
    /// Whether waivers written in the questionnaire count (`true`, the default). Set `false`
    /// so that only the waivers in this file, reviewed with it, can excuse a shortfall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_waivers: Option<bool>,
    /// What a critical action that the action register (`check --plan`) has open or in
    /// progress after its due date does: `allow` (the default), `warn` or `fail`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_critical_actions: Option<Strictness>,
    /// Approved exceptions, kept here so they are reviewed with the policy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<RawWaiver>,
}

/// How a rule is enforced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Strictness {
    /// The rule fails the check.
    Fail,
    /// Reported, but does not fail the check.
    Warn,
    /// Not reported as a violation.
    Allow,
}

fn percent_map(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 100}
    })
}
