//! The registry of dpisafe's file formats and their JSON Schemas (2020-12): the inputs
//! (framework, questionnaire, policy, action register) and the outputs (result, diff, portfolio).
//!
//! Depends on the models it describes, and on `validate::schema` for the compiled input
//! schemas; nothing below it imports it, so the validator never learns about reports.

use serde_json::Value;

use crate::framework::raw::RawFramework;
use crate::plan::raw::RawPlan;
use crate::policy::raw::RawPolicy;
use crate::questionnaire::raw::RawQuestionnaire;
use crate::report::Report;
use crate::validate::schema::{self as input, Schema};

/// The documents dpisafe has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// A framework file.
    Framework,
    /// A questionnaire.
    Questionnaire,
    /// A policy file for `dpisafe check`.
    Policy,
    /// An action register (`dpisafe plan`).
    Plan,
    /// A crosswalk to another standard (`frameworks/crosswalks/`).
    Crosswalk,
    /// A result written by `assess --format json` or `check --format json`.
    Report,
    /// A comparison written by `diff --format json`.
    Diff,
    /// A portfolio written by `portfolio --format json`.
    Portfolio,
}

/// A result written by `assess --format json` or `check --format json`.
static REPORT: Schema = Schema::new("report", include_str!("../schemas/report.schema.json"));
/// A comparison written by `diff --format json`.
static DIFF: Schema = Schema::new("diff", include_str!("../schemas/diff.schema.json"));
/// A portfolio written by `portfolio --format json`.
static PORTFOLIO: Schema = Schema::new(
    "portfolio",
    include_str!("../schemas/portfolio.schema.json"),
);

impl SchemaKind {
    /// The compiled schema.
    pub fn schema(self) -> &'static Schema {
        match self {
            SchemaKind::Framework => &input::FRAMEWORK,
            SchemaKind::Questionnaire => &input::QUESTIONNAIRE,
            SchemaKind::Policy => &input::POLICY,
            SchemaKind::Plan => &input::PLAN,
            SchemaKind::Crosswalk => &input::CROSSWALK,
            SchemaKind::Report => &REPORT,
            SchemaKind::Diff => &DIFF,
            SchemaKind::Portfolio => &PORTFOLIO,
        }
    }

    /// The embedded schema text, as `dpisafe schema` prints it.
    pub fn text(self) -> &'static str {
        self.schema().text()
    }

    /// What the document is called in messages.
    pub fn noun(self) -> &'static str {
        self.schema().noun()
    }

    /// Every kind, in the order `dpisafe schema` lists them.
    pub const ALL: [SchemaKind; 8] = [
        SchemaKind::Framework,
        SchemaKind::Questionnaire,
        SchemaKind::Policy,
        SchemaKind::Plan,
        SchemaKind::Crosswalk,
        SchemaKind::Report,
        SchemaKind::Diff,
        SchemaKind::Portfolio,
    ];

    /// Checks a JSON value (such as a baseline result) against this schema, returning the
    /// first few problems as `pointer: message` lines.
    pub fn check_json(self, value: &Value) -> Vec<String> {
        self.schema().check_json(value)
    }
}

/// The schema generated from the raw types; the committed files must equal this.
pub fn generate(kind: SchemaKind) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let schema = match kind {
        SchemaKind::Framework => generator.into_root_schema_for::<RawFramework>(),
        SchemaKind::Questionnaire => generator.into_root_schema_for::<RawQuestionnaire>(),
        SchemaKind::Policy => generator.into_root_schema_for::<RawPolicy>(),
        SchemaKind::Plan => generator.into_root_schema_for::<RawPlan>(),
        SchemaKind::Crosswalk => {
            generator.into_root_schema_for::<crate::crosswalk::raw::RawCrosswalk>()
        }
        SchemaKind::Report => generator.into_root_schema_for::<Report>(),
        SchemaKind::Diff => generator.into_root_schema_for::<crate::diff::Diff>(),
        SchemaKind::Portfolio => generator.into_root_schema_for::<crate::portfolio::Portfolio>(),
    };
    let value = schema.to_value();
    let Value::Object(mut body) = value else {
        return value;
    };
    // Identity first, so a reader of the file sees what it is before what it says.
    let mut ordered = serde_json::Map::new();
    ordered.insert(
        "$schema".to_owned(),
        body.remove("$schema").unwrap_or(Value::Null),
    );
    let id = format!("https://dpisafe.org/schemas/{}.schema.json", kind.noun());
    ordered.insert("$id".to_owned(), Value::String(id));
    body.remove("title");
    ordered.insert(
        "title".to_owned(),
        Value::String(format!("dpisafe {}", kind.noun())),
    );
    ordered.extend(body);
    Value::Object(ordered)
}
