//! The portfolio: many assessments side by side, for advisors who review several country
//! programmes at once.
//!
//! Each assessment is reduced to a small [`Row`] as soon as it is scored ([`Row::from_report`]),
//! so a run over thousands of files holds rows, never reports or sources. [`build`] then sorts
//! the rows, gives each a label, groups them and summarises each group: the mean of every
//! principle, how many deployments are weak or worse on it, the most exposed risks and the
//! critical questions answered `no`.
//!
//! A row is a deployment, not a file. The command line merges the questionnaires of one
//! deployment and date as respondents before they reach [`build`] (as `assess` does with
//! several files); [`build`] keeps the latest date of each deployment as its row and lists the
//! earlier ones as its history. Rows too thinly answered for a verdict are shown, but left out
//! of every mean and count, and the group summary says how many.
//!
//! The JSON form of [`Portfolio`] is versioned (`dpisafe_portfolio`) and described by
//! `schemas/portfolio.schema.json`.

mod reduce;

use schemars::JsonSchema;
use serde::Serialize;

pub use reduce::build;

use crate::diagnostic::Code;
use crate::questionnaire::Date;
use crate::report::{FrameworkInfo, Tool};

/// The version of the portfolio format this build writes.
pub const PORTFOLIO_VERSION: u32 = 1;

/// How many principles the "weakest principles" list names.
pub const WEAKEST: usize = 5;

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    /// By building block; a deployment with several blocks is in several groups.
    Block,
    /// By life-cycle stage.
    Stage,
    /// By country.
    Country,
}

/// How rows are ordered inside a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// By deployment name, then file (the default: no league table).
    Name,
    /// By overall score, highest first; unscored rows last, then by name.
    Score,
}

/// How the portfolio is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Grouping, if any.
    pub group_by: Option<GroupBy>,
    /// Row order.
    pub sort: Sort,
    /// Leave out respondents and source files.
    pub redact: bool,
    /// The portfolio's date; without it, the latest `assessed_on` among the rows.
    pub as_of: Option<Date>,
}

/// Many assessments compared: the matrix of deployments × principles and its summaries.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Portfolio {
    /// Version of the portfolio format (1).
    pub dpisafe_portfolio: u32,
    /// The tool that wrote it.
    pub tool: Tool,
    /// The framework the rows were assessed against.
    pub framework: FrameworkInfo,
    /// `--as-of`, or the latest `assessed_on` among the rows.
    pub date: Option<Date>,
    /// Whether respondents and source files are left out.
    pub redacted: bool,
    /// How rows are grouped; `null`: one group of every deployment.
    pub group_by: Option<GroupBy>,
    /// How rows are ordered.
    pub sort: Sort,
    /// The matrix's columns: the principles, in framework order.
    pub principles: Vec<Heading>,
    /// The risks, in framework order.
    pub risks: Vec<Heading>,
    /// The score bands, highest first.
    pub bands: Vec<BandInfo>,
    /// The risk exposure bands, highest first.
    pub risk_bands: Vec<BandInfo>,
    /// Rows read and scored (each counted once, even when it is in several groups).
    pub deployments: usize,
    /// The groups, each with its rows and summary.
    pub groups: Vec<Group>,
    /// Inputs that could not be read or were invalid, in input order.
    pub skipped: Vec<Skipped>,
}

/// A principle or risk named in a column or summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Heading {
    /// Identifier (`F8`, `RS3`).
    pub id: String,
    /// Name.
    pub name: String,
}

impl Heading {
    fn new(id: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// A score band.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BandInfo {
    /// Identifier (`weak`).
    pub id: String,
    /// Label (`Weak`).
    pub label: String,
    /// Lowest score in the band.
    pub min: f64,
}

/// One group of rows and its summary.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Group {
    /// The building block, stage or country; `null` for the ungrouped portfolio or for rows
    /// without a country.
    pub key: Option<String>,
    /// What the group is called.
    pub name: String,
    /// The rows, in the chosen order.
    pub rows: Vec<Row>,
    /// Figures over the rows.
    pub summary: GroupSummary,
}

/// One assessment reduced to what the portfolio shows.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Row {
    /// The row's label: the deployment name, numbered when several rows share name and country.
    pub label: String,
    /// The deployment name.
    pub deployment: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Building blocks.
    pub building_blocks: Vec<String>,
    /// Life-cycle stage.
    pub stage: String,
    /// The assessment date written in the questionnaire.
    pub assessed_on: Option<Date>,
    /// Overall score 0–100; `null` when nothing was answered. When not rated, the partial
    /// score of what was answered.
    pub score: Option<f64>,
    /// Whether the overall score has a verdict (enough was answered); an unrated row is left
    /// out of the group's means and counts.
    pub rated: bool,
    /// Its band; `null` when not rated.
    pub band: Option<String>,
    /// Percentage of the applicable weight answered, within the questionnaires' scope.
    pub coverage: f64,
    /// The gender inclusion index GIX-DPI, 0–100.
    pub gender_index: Option<u32>,
    /// Critical questions and gender checks answered `no`, waived or not.
    pub critical_failures: Vec<String>,
    /// One cell per principle, in framework order.
    pub principles: Vec<Cell>,
    /// Residual exposure per risk, in framework order.
    pub risks: Vec<Cell>,
    /// Who answered; `null` when redacted.
    pub respondents: Option<Vec<String>>,
    /// The input file (several joined with ` + ` when respondents were merged); `null` when
    /// redacted.
    pub file: Option<String>,
    /// Earlier assessments of the same deployment, oldest first: the trend.
    pub history: Vec<Earlier>,
    /// Actions in its plan.
    pub actions: usize,
    /// What its action register says (`portfolio --plan`); absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register: Option<RowRegister>,
}

/// A row's action register, in short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowRegister {
    /// Actions the register lists.
    pub tracked: usize,
    /// Actions open or in progress after their due date, on the row's evaluation date.
    pub overdue: Vec<String>,
}

/// An earlier assessment of a row's deployment.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Earlier {
    /// Its `assessed_on`.
    pub assessed_on: Option<Date>,
    /// Its overall score.
    pub score: Option<f64>,
    /// Whether that score had a verdict.
    pub rated: bool,
    /// Its band; `null` when not rated.
    pub band: Option<String>,
    /// Its coverage, percent.
    pub coverage: f64,
    /// Its file; `null` when redacted.
    pub file: Option<String>,
}

/// A principle's score or a risk's exposure in one row.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Cell {
    /// The principle or risk.
    pub id: String,
    /// Score or exposure 0–100; `null` when not scored. When not rated, the partial figure.
    pub value: Option<f64>,
    /// Its band; `null` when not scored or not rated.
    pub band: Option<String>,
}

impl Cell {
    /// Whether the figure has a verdict: a value with a band.
    pub fn rated(&self) -> bool {
        self.value.is_some() && self.band.is_some()
    }
}

/// Figures over one group's rows.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GroupSummary {
    /// Rows in the group.
    pub deployments: usize,
    /// Rows not rated (too little answered): shown, but left out of every mean and count.
    pub unrated: usize,
    /// Mean overall score of the rated rows.
    pub mean_score: Option<f64>,
    /// The score band of that mean.
    pub mean_band: Option<String>,
    /// Per principle, in framework order: the matrix's summary rows.
    pub principles: Vec<PrincipleStat>,
    /// The principles with the lowest means, lowest first (at most five).
    pub weakest_principles: Vec<String>,
    /// Per risk, highest mean exposure first.
    pub risks: Vec<RiskStat>,
    /// Critical questions answered `no`, most frequent first.
    pub critical_failures: Vec<CriticalCount>,
}

/// One principle across a group.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PrincipleStat {
    /// The principle.
    pub id: String,
    /// Name.
    pub name: String,
    /// Mean score over the rated rows that rate it.
    pub mean: Option<f64>,
    /// The band of the mean.
    pub band: Option<String>,
    /// Rated rows that rate it.
    pub scored: usize,
    /// Rows whose score is in the weak band or a lower one.
    pub weak_or_worse: usize,
}

/// One risk across a group.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RiskStat {
    /// The risk.
    pub id: String,
    /// Name.
    pub name: String,
    /// Mean residual exposure over the rated rows where it has a level.
    pub mean: Option<f64>,
    /// The band of the mean.
    pub band: Option<String>,
    /// Rated rows where it has a level.
    pub scored: usize,
}

/// How often one critical question was answered `no`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CriticalCount {
    /// The question or gender check.
    pub question: String,
    /// The principle it scores under.
    pub principle: String,
    /// Rows that answered it `no`.
    pub deployments: usize,
}

/// An input left out of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Skipped {
    /// Its position among the inputs, from 1 (after directories and patterns are expanded).
    pub input: usize,
    /// The file; `null` when redacted.
    pub file: Option<String>,
    /// The codes of its errors (docs/codes.md), each once.
    pub problems: Vec<Code>,
}
