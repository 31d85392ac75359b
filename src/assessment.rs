//! The assessment pipeline as one library API: questionnaire text in, a [`Report`] out.
//!
//! ```text
//! SourceFile ─ validate::questionnaire::load ─ evidence::inspect ─┐
//! SourceFile ─ …                                                  ├─ merge ─ Assessment
//!                                                                 ┘            │
//!                                            Assessment::report(framework, as_of) ─ Report
//! saved result (JSON) ─ parse_result ─────────────────────────────────────────── Report
//! ```
//!
//! The framework and policy loaders and the file reader are re-exported here, so a caller
//! needs this one module to go from paths to a report.
//!
//! Every command that scores (`assess`, `check`, `report`, `portfolio`, `diff`, `interview`)
//! and the fuzz targets go through here, so a questionnaire is read, checked and scored the
//! same way everywhere. Problems come back as diagnostics; nothing here prints or reads the
//! clock, so the caller decides the evaluation date.

pub use crate::report::evidence_warnings;
pub use crate::validate::framework::{embedded as embedded_framework, lint, load as framework};
pub use crate::validate::policy::load as policy;
pub use crate::validate::{from_bytes, read};

use crate::diagnostic::{Code, Diagnostic};
use crate::evaluate::merge::{self, Disagreement};
use crate::framework::Framework;
use crate::questionnaire::{Date, Questionnaire};
use crate::report::{self, REPORT_VERSION, Report};
use crate::schema::SchemaKind;
use crate::source::{Limits, Pos, SourceFile};
use crate::validate::Validated;

/// One deployment's answers, validated, with their evidence looked at and every respondent
/// merged: ready to score.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The merged questionnaire (one respondent per file).
    pub questionnaire: Questionnaire,
    /// Where respondents disagree, with who said what.
    pub disagreements: Vec<Disagreement>,
}

/// Gets the questionnaire checks ready in the background while the caller loads the framework
/// and reads its files: a command that will read questionnaires calls this first.
pub fn prepare() {
    crate::validate::schema::QUESTIONNAIRE.prepare();
}

/// The built-in crosswalks, checked against `framework` (a custom framework may lack items
/// they link from: then their problems).
pub fn crosswalks(
    framework: &Framework,
) -> Result<Vec<crate::crosswalk::Crosswalk>, Vec<Diagnostic>> {
    crate::validate::crosswalk::embedded(framework)
}

/// Reads an action register (`--plan`) against `framework`: schema, ids and reasons, and
/// that it tracks `deployment` (a register of another deployment would put its owners and
/// dates on the wrong actions).
pub fn plan(
    framework: &Framework,
    source: &SourceFile,
    limits: &Limits,
    deployment: &str,
) -> Validated<crate::plan::Plan> {
    let mut validated = crate::validate::plan::load(source, framework, limits);
    let Some(plan) = validated.value.take_if(|p| p.deployment != deployment) else {
        return validated;
    };
    let diagnostic = Diagnostic::error(
        Code::InvalidValue,
        &source.name,
        Some(plan.deployment_pos),
        format!(
            "the register tracks `{}`, not `{deployment}`",
            crate::text::inert(&plan.deployment)
        ),
    )
    .with_label("another deployment")
    .with_hint("name the register of this deployment, or correct `deployment:` if it was renamed");
    validated.diagnostics.push(diagnostic);
    validated
}

/// Reads one respondent's questionnaire: validation against `framework`, then the evidence
/// files it names. The value is `None` when the file has an error.
pub fn questionnaire(
    framework: &Framework,
    source: &SourceFile,
    limits: &Limits,
    evidence: &crate::evidence::Options,
) -> Validated<Questionnaire> {
    let mut loaded = answers(framework, source, limits);
    if let Some(questionnaire) = &mut loaded.value {
        crate::evidence::inspect(questionnaire, evidence);
    }
    loaded
}

/// Validates one questionnaire without looking at its evidence files: for the commands that
/// edit or carry over the file rather than score it (`interview`, `migrate`), whose checks
/// compare the questionnaire before and after an edit.
pub fn answers(
    framework: &Framework,
    source: &SourceFile,
    limits: &Limits,
) -> Validated<Questionnaire> {
    crate::validate::questionnaire::load(source, framework, limits)
}

/// Merges respondents of one deployment: the least favourable answer counts, and every
/// disagreement is kept. A single questionnaire comes back unchanged.
pub fn merge(questionnaires: Vec<Questionnaire>) -> Result<Assessment, Box<Diagnostic>> {
    let mut rest = questionnaires.into_iter();
    let Some(first) = rest.next() else {
        return Err(Box::new(Diagnostic::error(
            Code::MergeConflict,
            "",
            None,
            "no questionnaire to assess",
        )));
    };
    let merged = merge::merge(first, rest.collect()).map_err(|err| {
        Box::new(
            Diagnostic::error(Code::MergeConflict, &err.file, None, err.to_string()).with_hint(
                "merge only questionnaires about the same deployment, stage and building blocks",
            ),
        )
    })?;
    Ok(Assessment {
        questionnaire: merged.questionnaire,
        disagreements: merged.disagreements,
    })
}

/// The whole chain for several respondents' files: each read, then merged. The value is
/// `None` when any file has an error or the files cannot be merged; every diagnostic of every
/// file is returned either way.
pub fn load(
    framework: &Framework,
    sources: &[SourceFile],
    limits: &Limits,
    evidence: &crate::evidence::Options,
) -> Validated<Assessment> {
    let mut diagnostics = crate::diagnostic::Diagnostics::default();
    let mut questionnaires = Vec::new();
    for source in sources {
        let loaded = questionnaire(framework, source, limits, evidence);
        diagnostics.extend(loaded.diagnostics);
        questionnaires.extend(loaded.value);
    }
    if diagnostics.has_errors() || questionnaires.len() != sources.len() {
        return Validated::new(None, diagnostics);
    }
    match merge(questionnaires) {
        Ok(assessment) => Validated::new(Some(assessment), diagnostics),
        Err(diagnostic) => {
            diagnostics.push(*diagnostic);
            Validated::new(None, diagnostics)
        }
    }
}

impl Assessment {
    /// The local evidence files the answers cite (addresses left out), resolved against the
    /// file that cites them: a run that reads them must never write over them.
    pub fn evidence_files(&self) -> Vec<std::path::PathBuf> {
        self.questionnaire
            .answers
            .iter()
            .flat_map(|answer| {
                answer
                    .evidence
                    .iter()
                    .filter_map(|e| crate::evidence::local_path(&answer.file, &e.reference))
            })
            .collect()
    }

    /// Scores the assessment as of `as_of` (which judges waivers and evidence age).
    pub fn report(&self, framework: &Framework, as_of: Date) -> Report {
        report::build(report::Inputs {
            framework,
            questionnaire: &self.questionnaire,
            as_of,
            disagreements: &self.disagreements,
        })
    }
}

/// The message saying a saved result was made against another framework than the one
/// loaded, or `None` when they match.
pub fn framework_mismatch(report: &Report, framework: &Framework) -> Option<String> {
    let metadata = &framework.metadata;
    (report.framework.id != metadata.id || report.framework.version != metadata.version).then(
        || {
            format!(
                "the result was made against {}@{}, but the framework loaded is {}",
                report.framework.id,
                report.framework.version,
                framework.reference()
            )
        },
    )
}

/// A saved result (a baseline, or a result to re-render) from its text: JSON, of this report
/// version, matching the report schema. `what` names it in messages.
pub fn parse_result(source: &SourceFile, what: &str) -> Result<Report, Box<Diagnostic>> {
    // Strict JSON first (YAML would also take `{a: 1}`), then the same text through the
    // positioned reader: JSON is YAML, and that reader gives each problem its line and
    // column, refuses
    // duplicate keys (which a JSON parser would settle by keeping the last), and holds the
    // text to the same size, node and depth limits as any questionnaire.
    serde_json::from_str::<serde::de::IgnoredAny>(&source.text).map_err(|err| {
        let pos = u32::try_from(err.line())
            .ok()
            .zip(u32::try_from(err.column()).ok())
            .filter(|(line, _)| *line > 0)
            .map(|(line, col)| Pos::new(line, col.max(1)));
        invalid_result(source, pos, format!("the {what} is not valid JSON: {err}"))
    })?;
    let parsed = crate::source::yaml::parse(&yaml_safe(&source.text), &Limits::default()).map_err(
        |failure| {
            let (pos, message) = match failure {
                crate::source::yaml::ParseFailure::Syntax { message, pos } => (pos, message),
                crate::source::yaml::ParseFailure::ComplexKey { pos } => {
                    (Some(pos), "a key is a list or an object".to_owned())
                }
            };
            invalid_result(
                source,
                pos,
                format!("the {what} is not valid JSON: {message}"),
            )
        },
    )?;
    if let Some(duplicate) = parsed.duplicates.first() {
        return Err(invalid_result(
            source,
            Some(duplicate.pos),
            format!(
                "the key `{}` appears twice in the same object (first at line {})",
                duplicate.key, duplicate.first.line
            ),
        ));
    }
    let value = parsed.root.to_json();
    check_version(source, &value, what)?;
    let mut problems = crate::diagnostic::Diagnostics::default();
    SchemaKind::Report
        .schema()
        .check(&parsed.root, &value, &source.name, &mut problems);
    if let Some(first) = problems.into_sorted().into_iter().next() {
        let message = format!(
            "the {what} does not match the report format: {}",
            first.message
        );
        return Err(invalid_result(source, first.pos, message));
    }
    let mut report = decode(source, value, what)?;
    // Results written before actions had ids get the ids they would have had.
    for action in report.actions.iter_mut().filter(|a| a.id.is_empty()) {
        action.id = crate::plan::action_id(&action.question);
    }
    Ok(report)
}

/// Valid JSON as YAML can read it: JSON allows DEL, C1 controls, U+FEFF and the
/// non-characters raw inside strings, YAML does not. In valid JSON they can only be inside
/// strings, where their `\uXXXX` escape means the same; only columns after them shift.
fn yaml_safe(json: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = crate::text::yaml_forbids;
    if !json.chars().any(forbidden) {
        return json.into();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if forbidden(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A saved result's `dpisafe_report` version must be this build's.
fn check_version(
    source: &SourceFile,
    value: &serde_json::Value,
    what: &str,
) -> Result<(), Box<Diagnostic>> {
    let version = value
        .get("dpisafe_report")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(REPORT_VERSION)) {
        return Err(invalid_result(source, None, version_message(version, what)));
    }
    Ok(())
}

/// The report from a value that has passed the schema.
fn decode(
    source: &SourceFile,
    value: serde_json::Value,
    what: &str,
) -> Result<Report, Box<Diagnostic>> {
    serde_json::from_value(value).map_err(|err| {
        invalid_result(
            source,
            None,
            format!("the {what} does not match the report format: {err}"),
        )
    })
}

fn version_message(version: Option<u64>, what: &str) -> String {
    match version {
        Some(v) => format!("the {what} is report format {v}; this build reads {REPORT_VERSION}"),
        None => format!("the {what} is not a dpisafe result (it has no `dpisafe_report` version)"),
    }
}

fn invalid_result(source: &SourceFile, pos: Option<Pos>, message: String) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(Code::InvalidResult, &source.name, pos, message)
            .with_hint("write it again with `dpisafe assess FILE --format json -o result.json`"),
    )
}
