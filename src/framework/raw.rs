//! The framework file exactly as written: serde types that mirror the YAML and generate
//! `schemas/framework.schema.json`.
//!
//! Nothing here is checked beyond its shape; `framework::load` turns these into the validated
//! [`Framework`](super::Framework) after cross-references are checked.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A framework file: the safeguards framework, its questions, gender checks and scoring rules.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    /// Format version of this file; 1 is the only version so far.
    pub dpisafe_framework: u32,
    /// What the framework is, where it comes from and under which licence.
    pub metadata: RawMetadata,
    /// Life-cycle stages, in life-cycle order.
    pub stages: Vec<RawNamed>,
    /// Responsible authorities.
    pub authorities: Vec<RawNamed>,
    /// Risks the safeguards mitigate.
    pub risks: Vec<RawRisk>,
    /// Principles, in the order reports list them.
    pub principles: Vec<RawPrinciple>,
    /// The framework's processes (recommendations).
    #[serde(default)]
    pub processes: Vec<RawProcess>,
    /// Identifiers that stand for others (misspellings, renumbering).
    #[serde(default)]
    pub aliases: Vec<RawAlias>,
    /// Assessment questions.
    pub questions: Vec<RawQuestion>,
    /// Gender-inclusion checks (the gender lens).
    #[serde(default)]
    pub gender_checks: Vec<RawGenderCheck>,
    /// The works the gender checks cite, by the short key the checks use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSource>,
    /// How answers become scores.
    pub scoring: RawScoring,
}

/// Identity, provenance and licence of a framework.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMetadata {
    /// Short identifier, used by questionnaires as `<id>@<version>`.
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Version, quoted (so `1.10` stays `1.10`): letters, digits, `.`, `-`, as in `<id>@<version>`.
    #[schemars(pattern(r"^[0-9A-Za-z.-]+$"))]
    pub version: String,
    /// Full title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Who published the framework.
    pub publisher: String,
    /// When it was published (`YYYY-MM` or `YYYY-MM-DD`).
    pub published: String,
    /// Where the published framework can be read.
    pub source: String,
    /// SPDX licence identifier.
    pub licence: String,
    /// Address of the licence text.
    pub licence_url: String,
    /// The attribution every report carries.
    #[schemars(length(min = 1))]
    pub attribution: String,
    /// Kinds of DPI building block a deployment can declare.
    pub building_blocks: Vec<RawBuildingBlock>,
    /// Earlier versions of this framework (same `id`) that this one replaces: `dpisafe
    /// migrate` carries their questionnaires over through `aliases`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "versions")]
    pub supersedes: Vec<String>,
}

fn versions(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "array",
        "items": {"type": "string", "pattern": "^[0-9A-Za-z.-]+$"},
        "uniqueItems": true
    })
}

/// A building block a deployment can declare (`id`, `payments`, …).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBuildingBlock {
    /// Identifier used in questionnaires.
    #[schemars(pattern(r"^[a-z][a-z0-9-]*$"))]
    pub id: String,
    /// Name shown in reports.
    pub name: String,
}

/// A stage or an authority: an id, a name and a summary.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNamed {
    /// Identifier (`L1`, `R2`).
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*$"))]
    pub id: String,
    /// Name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// One or two sentences in our own words.
    #[schemars(length(min = 1))]
    pub summary: String,
}

/// A risk.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    /// Identifier (`RS1`).
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*$"))]
    pub id: String,
    /// Name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The family the risk belongs to.
    pub category: RiskCategory,
    /// One or two sentences in our own words.
    #[schemars(length(min = 1))]
    pub summary: String,
    /// Whether the summary paraphrases the official text or is inferred.
    pub text_source: TextSource,
}

/// The three families of risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RiskCategory {
    /// Risks to people's safety.
    Safety,
    /// Risks to inclusion.
    Inclusion,
    /// Structural vulnerabilities.
    Structural,
}

impl RiskCategory {
    /// The family's name in listings and reports.
    pub fn label(self) -> &'static str {
        match self {
            RiskCategory::Safety => "safety",
            RiskCategory::Inclusion => "inclusion",
            RiskCategory::Structural => "structural vulnerability",
        }
    }
}

/// How much of the official text a summary rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TextSource {
    /// Paraphrases the official text.
    Official,
    /// Paraphrases the first part of the official text only.
    OfficialPartial,
    /// Inferred from the name and the linked processes.
    Inferred,
    /// Only the name is known.
    NameOnly,
}

impl TextSource {
    /// What the summary rests on, in listings and the handbook.
    pub fn label(self) -> &'static str {
        match self {
            TextSource::Official => "official text",
            TextSource::OfficialPartial => "part of the official text",
            TextSource::Inferred => "inferred from name and processes",
            TextSource::NameOnly => "name only",
        }
    }
}

/// The two kinds of principle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipleKind {
    /// Should underpin every DPI.
    Foundational,
    /// Applies at the operational level and varies with context.
    Operational,
}

impl PrincipleKind {
    /// The kind's name, as `scoring.principle_kind_weights` keys it.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipleKind::Foundational => "foundational",
            PrincipleKind::Operational => "operational",
        }
    }
}

/// A principle.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrinciple {
    /// Identifier (`F1`, `O9`).
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*$"))]
    pub id: String,
    /// Short official name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Foundational or operational.
    pub kind: PrincipleKind,
    /// What the principle asks for, in our own words.
    #[schemars(length(min = 1))]
    pub summary: String,
    /// How much of the official text the summary rests on.
    pub text_source: TextSource,
    /// Highest process number seen for this principle: a lower bound on its process count.
    #[serde(default)]
    pub processes_known_up_to: u32,
    /// Kinds of international support that fit a shortfall here (ids of `scoring.support_areas`).
    #[serde(default)]
    pub support: Vec<String>,
    /// Why none of its questions is critical, when none is: a `no` on any of them harms people
    /// only through other failures. Shown in the handbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub no_critical_reason: Option<String>,
}

/// A process (a recommendation of the framework), under its published id.
///
/// When the framework's own pages give the id two or more different processes, the entry
/// holds them as `variants` and has no title, risks, placements or source of its own.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProcess {
    /// The framework's published id (`F4.10`); also the key of a process without variants.
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*\.[0-9]+$"))]
    pub id: String,
    /// The principle it belongs to.
    pub principle: String,
    /// The framework's short heading, with no notes of ours (absent when there are variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub title: Option<String>,
    /// Risks it mitigates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<String>,
    /// Where in the framework it is placed: (authority, stage) pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placements: Vec<RawPlacement>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Our research note on where and how it was seen; never shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The different processes the framework publishes under this one id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<RawVariant>,
}

/// One of the processes the framework publishes under a shared id.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    /// Unique key: the id and a letter (`F4.10a`). Questions link to this key.
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*\.[0-9]+[a-z]$"))]
    pub key: String,
    /// The framework's short heading for this variant.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Risks it mitigates.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Where in the framework it is placed: (authority, stage) pairs.
    #[serde(default)]
    pub placements: Vec<RawPlacement>,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The framework's pages disagree about what this id means.
    #[serde(default)]
    pub conflict: bool,
    /// Our research note on where and how it was seen; never shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One (authority, stage) placement of a process; the authority may be unknown.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlacement {
    /// The responsible authority, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
    /// The life-cycle stage.
    pub stage: String,
}

/// An identifier that stands for one or more others.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAlias {
    /// What kind of identifier.
    pub kind: AliasKind,
    /// The old or variant identifier.
    pub from: String,
    /// What it stands for now; several targets mean a person must choose.
    #[schemars(length(min = 1))]
    pub to: Vec<String>,
    /// Why the alias exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Kinds of identifier an alias can rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AliasKind {
    /// A risk id.
    Risk,
    /// A process id.
    Process,
    /// A question or gender-check id.
    Question,
}

/// An assessment question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Identifier: `<principle>.Q<n>`.
    #[schemars(pattern(r"^[A-Z][A-Z0-9]*\.Q[0-9]+$"))]
    pub id: String,
    /// The principle it scores under.
    pub principle: String,
    /// The question, answerable with yes, partial, no or n/a.
    #[schemars(length(min = 1))]
    pub text: String,
    /// What yes, partial and no look like.
    #[schemars(length(min = 1))]
    pub guidance: String,
    /// The evidence to ask for.
    #[schemars(length(min = 1))]
    pub evidence: Vec<String>,
    /// Building blocks it applies to; `any` applies to all.
    #[schemars(length(min = 1))]
    pub building_blocks: Vec<String>,
    /// Stages where its evidence is expected; it applies from the earliest on.
    #[schemars(length(min = 1))]
    pub stages: Vec<String>,
    /// Authorities who answer for it.
    #[schemars(length(min = 1))]
    pub authorities: Vec<String>,
    /// Risks it mitigates.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Related framework processes, by key (`F4.10a`, never an id with variants).
    #[serde(default)]
    pub processes: Vec<String>,
    /// Why no process of its own principle sharing one of its risks and stages fits, when none
    /// does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub process_note: Option<String>,
    /// What to do when the answer falls short: a short imperative sentence for the action plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub action: Option<String>,
    /// Relative importance within its principle.
    #[schemars(range(min = 1, max = 10))]
    pub weight: u32,
    /// A `no` caps the principle and the overall score.
    #[serde(default)]
    pub critical: bool,
}

/// A gender-inclusion check.
///
/// A check either is asked in its own words, or reuses a question that already asks it
/// (`same_as`): then it is asked once, answered once and scored once in that question's
/// principle, and its answer counts in the gender index under the check's group.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGenderCheck {
    /// Identifier: `G-<GROUP>-<nn>`.
    #[schemars(pattern(r"^G-[A-Z]+-[0-9]{2}$"))]
    pub id: String,
    /// The group it belongs to (`DATA`, `ACCESS`, …).
    #[schemars(pattern(r"^[A-Z]+$"))]
    pub group: String,
    /// The question that asks this check; the check then has no text, evidence, principles,
    /// building blocks, stages, authorities or action of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    /// The check, answerable with yes, partial, no or n/a.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub text: Option<String>,
    /// The evidence to ask for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Principles it maps to; it scores under the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    /// Risks it mitigates; a critical `no` raises their exposure.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Building blocks it applies to; `any` applies to all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub building_blocks: Vec<String>,
    /// Stages where its evidence is expected; it applies from the earliest on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<String>,
    /// Authorities who answer for it and own its follow-up, the one who leads first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authorities: Vec<String>,
    /// What to do when the answer falls short: a short imperative sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub action: Option<String>,
    /// A `no` or `partial` caps the gender index.
    #[serde(default)]
    pub critical: bool,
    /// The works behind the check, as keys of the framework's `sources` table.
    #[serde(default)]
    pub sources: Vec<RawSourceRef>,
}

/// A check's citation of a source: its key and, optionally, where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSourceRef {
    /// Key of an entry of the `sources` table.
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub key: String,
    /// The part of the work meant (a section, a measure, a principle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// A work cited by gender checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Short key the checks use.
    #[schemars(pattern(r"^[a-z0-9][a-z0-9-]*$"))]
    pub key: String,
    /// Title of the work.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Who published it.
    #[schemars(length(min = 1))]
    pub publisher: String,
    /// Year of publication (or of the version cited); may be absent only for an unverified
    /// source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1900, max = 2100))]
    pub year: Option<u16>,
    /// Where it can be read; may be absent only for an unverified source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Whether the research notes record the work at this address; `false` marks a citation
    /// that could not be checked.
    pub verified: bool,
    /// What is known, or not, about the citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Scoring rules.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    /// Credit for each answer (`yes`, `partial`, `no`), between 0 and 1.
    pub credits: BTreeMap<String, f64>,
    /// Evidence older than this, relative to the assessment date, is stale.
    #[schemars(range(min = 1))]
    pub evidence_max_age_days: u32,
    /// Least coverage, in percent of the applicable weight, for a score to get a band: below
    /// it a principle, a risk, the overall score or the gender index is "not rated". A
    /// framework file written before this rule existed gets 60.
    #[serde(default = "default_verdict_min_coverage")]
    #[schemars(range(min = 0, max = 100))]
    pub verdict_min_coverage: f64,
    /// Score bands, highest first.
    #[schemars(length(min = 1))]
    pub bands: Vec<RawBand>,
    /// Caps set by a `no` on a critical question.
    pub caps: RawCaps,
    /// Weight of each principle kind in the overall score.
    pub principle_kind_weights: BTreeMap<String, f64>,
    /// Weight of a gender check inside its first principle.
    #[schemars(range(min = 0, max = 10))]
    pub gender_check_weight_in_principle: u32,
    /// How residual risk exposure is computed.
    pub risk: RawRiskRules,
    /// The gender inclusion index.
    pub gender: RawGenderRules,
    /// Kinds of international support an action can call for.
    #[schemars(length(min = 1))]
    pub support_areas: Vec<RawSupportArea>,
}

fn default_verdict_min_coverage() -> f64 {
    60.0
}

/// A score band.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    /// Identifier (`strong`).
    pub id: String,
    /// Label shown in reports.
    pub label: String,
    /// Lowest score in the band.
    #[schemars(range(min = 0, max = 100))]
    pub min: f64,
}

/// Caps set by a `no` on a critical question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCaps {
    /// Highest score its principle can reach.
    #[schemars(range(min = 0, max = 100))]
    pub critical_no_principle: f64,
    /// Highest overall score.
    #[schemars(range(min = 0, max = 100))]
    pub critical_no_overall: f64,
}

/// Residual-exposure rules.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRiskRules {
    /// Weight of a question that names the risk.
    #[schemars(range(min = 0))]
    pub direct_weight: f64,
    /// Weight of a question that reaches the risk through a process.
    #[schemars(range(min = 0))]
    pub via_process_weight: f64,
    /// The least exposure of a risk mapped by a critical gender check answered `no`
    /// (`reference/gender.md` §3.5: the failure raises the risk's severity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub gender_critical_no_floor: Option<f64>,
    /// Exposure bands, highest first.
    #[schemars(length(min = 1))]
    pub bands: Vec<RawBand>,
}

/// Rules of the GIX-DPI gender inclusion index.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGenderRules {
    /// Weights of critical and other checks.
    pub weights: RawGenderWeights,
    /// What an unanswered check counts as.
    pub unanswered_counts_as: String,
    /// What a `yes` without evidence counts as.
    pub claimed_yes_counts_as: String,
    /// Caps on the index.
    pub caps: Vec<RawGenderCap>,
    /// The GAM-style practice code.
    pub practice_code: RawPracticeCode,
    /// The DAC-style intent flag.
    pub intent: RawIntent,
}

/// Weights of gender checks.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGenderWeights {
    /// Weight of a critical check.
    #[schemars(range(min = 1))]
    pub critical: u32,
    /// Weight of any other check.
    #[schemars(range(min = 1))]
    pub other: u32,
}

/// A cap on the gender index.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGenderCap {
    /// The condition.
    pub when: GenderCapCondition,
    /// The check the condition names, for `analysis-missing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Highest index when the condition holds.
    #[schemars(range(min = 0, max = 100))]
    pub cap: f64,
}

/// Conditions that cap the gender index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GenderCapCondition {
    /// The named check (the gender analysis) is `no`.
    AnalysisMissing,
    /// Exactly one critical check is `no`.
    OneCriticalNo,
    /// Two or more critical checks are `no`.
    SeveralCriticalNo,
    /// A critical check is `partial` and none is `no`.
    CriticalPartial,
}

/// Rules of the practice code.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPracticeCode {
    /// Below this share of answered checks the code is 0.
    #[schemars(range(min = 0, max = 1))]
    pub min_answered_share: f64,
    /// Lowest index for code 4.
    #[schemars(range(min = 0, max = 100))]
    pub code_4_min_index: f64,
    /// Checks (age and disability) that must be `yes` for code 4.
    pub code_4_requires_yes: Vec<String>,
    /// Index bands for codes 3, 2 and 1.
    pub bands: Vec<RawCodeBand>,
}

/// An index band of the practice code.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCodeBand {
    /// The code.
    #[schemars(range(min = 0, max = 4))]
    pub code: u8,
    /// Lowest index for the code.
    #[schemars(range(min = 0, max = 100))]
    pub min: f64,
}

/// Rules of the intent flag.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIntent {
    /// The gender-analysis check.
    pub analysis_check: String,
    /// The sex-disaggregated-data check.
    pub disaggregated_data_check: String,
    /// The gender-objective check.
    pub objective_check: String,
    /// Checks showing a commitment to monitor and report; any one meeting its level suffices.
    pub monitoring_checks: Vec<RawCheckLevel>,
    /// Building blocks whose main purpose is gender equality or GBV response.
    pub principal_building_blocks: Vec<String>,
}

/// A check and the least answer that satisfies a rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheckLevel {
    /// The gender check.
    pub check: String,
    /// The least answer that counts (`yes` or `partial`).
    pub at_least: String,
}

/// A kind of international support.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSupportArea {
    /// Identifier.
    pub id: String,
    /// Label shown in reports.
    pub label: String,
}
