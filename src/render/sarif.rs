//! SARIF 2.1.0 for code-scanning tools: one rule per applicable question, each shortfall a
//! result at its answer's line; policy violations and evidence problems as results of their
//! own rules. Waived shortfalls carry an accepted suppression; with a baseline, each result
//! says whether it is new.
//!
//! GitHub code scanning blocks a merge on an unsuppressed error, so under a policy (`check`)
//! the level follows the gate: what fails it is an `error`, what the policy tolerates a
//! `warning`, and a shortfall it allows a `note`. Without a policy (`assess`) a `no` is an
//! error and a `partial` a warning. Messages are sentences of their own: viewers print the
//! rule id beside them.
//!
//! The types below cover only the part of SARIF dpisafe writes; a test validates the output
//! against the official schema.

use serde::Serialize;

use super::standing::{Standing, sentence};
use crate::framework::Framework;
use crate::report::{self, Finding, Location, Report, Status, Violation};

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

/// Renders `report` as SARIF. `baseline` is the earlier report `check --baseline` compared
/// against, used to mark each question's result new, unchanged or updated.
pub fn render(framework: &Framework, report: &Report, baseline: Option<&Report>) -> String {
    let mut rules: Vec<Rule> = report
        .findings
        .iter()
        .map(|f| question_rule(framework, f))
        .collect();
    let mut results: Vec<SarifResult> = report
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.status.is_shortfall())
        .map(|(index, f)| question_result(framework, f, index, report, baseline))
        .collect();
    warning_results(report, &mut rules, &mut results);
    violation_results(report, &mut rules, &mut results);
    let log = Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dpisafe",
                    version: &report.tool.version,
                    rules,
                },
            },
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

/// One result per warning, under a rule for its code; a warning the policy makes blocking is
/// an error.
fn warning_results(report: &Report, rules: &mut Vec<Rule>, results: &mut Vec<SarifResult>) {
    for warning in &report.warnings {
        let code = warning.code.as_str();
        let index = rule_index(rules, code, || {
            extra_rule(
                code,
                warning.code.description(),
                warning.code.explanation().to_owned(),
                &warning.hint,
            )
        });
        // A warning the policy turns into a blocking violation (a missing evidence file under
        // `evidence_problems: fail`) is an error, as the exit code says.
        let standing = Standing::of_warning(report, warning);
        results.push(SarifResult {
            rule_id: code.to_owned(),
            rule_index: index,
            level: if standing.blocks() {
                "error"
            } else {
                "warning"
            },
            message: Text {
                text: with_standing(sentence(&warning.message), standing),
            },
            locations: vec![location(&warning.location)],
            suppressions: Vec::new(),
            baseline_state: None,
        });
    }
}

/// One result per threshold violation of the policy gate, under a `policy/…` rule.
fn violation_results(report: &Report, rules: &mut Vec<Rule>, results: &mut Vec<SarifResult>) {
    let Some(gate) = &report.gate else {
        return;
    };
    let fallback = report.assessment.files.first().cloned().unwrap_or_default();
    for violation in gate.violations.iter().filter(|v| is_policy_rule(v)) {
        let id = format!("policy/{}", violation.rule.as_str());
        let index = rule_index(rules, &id, || {
            extra_rule(
                &id,
                policy_rule(violation.rule).to_owned(),
                format!(
                    "{} It is set in the policy file (`dpisafe schema policy`); \
                         docs/scoring.md explains how each figure is computed.",
                    policy_rule(violation.rule)
                ),
                "Change the assessment, or the policy file if the threshold is wrong.",
            )
        });
        let at = violation
            .location
            .clone()
            .unwrap_or_else(|| Location::start_of(&fallback));
        results.push(SarifResult {
            rule_id: id,
            rule_index: index,
            level: if violation.blocking {
                "error"
            } else {
                "warning"
            },
            message: Text {
                text: with_standing(
                    sentence(&violation.message),
                    Standing::of_violation(violation),
                ),
            },
            locations: vec![location(&at)],
            suppressions: Vec::new(),
            baseline_state: baseline_state(violation),
        });
    }
}

/// Threshold rules; critical failures and evidence problems already appear as results of
/// their questions and warnings.
fn is_policy_rule(violation: &Violation) -> bool {
    !matches!(
        violation.rule,
        report::Rule::CriticalFailure | report::Rule::Evidence
    )
}

fn question_rule(framework: &Framework, finding: &Finding) -> Rule {
    let question = framework.question(&finding.question);
    let text = question.map_or_else(String::new, |q| q.text.clone());
    let mut help = question.map_or_else(String::new, |q| q.guidance.clone());
    if let Some(q) = question
        && !q.evidence.is_empty()
    {
        if !help.is_empty() {
            help.push_str("\n\n");
        }
        help.push_str("Evidence to ask for: ");
        help.push_str(&q.evidence.join("; "));
    }
    let mut tags = vec![finding.principle.clone()];
    if finding.critical {
        tags.push("critical".to_owned());
    }
    if question.is_some_and(|q| q.is_gender()) {
        tags.push("gender".to_owned());
    }
    Rule {
        id: finding.question.clone(),
        short_description: Text {
            text: crate::text::shorten(&text, 100),
        },
        full_description: Text { text },
        help: Text { text: help },
        default_configuration: Configuration {
            level: if finding.critical { "error" } else { "warning" },
        },
        properties: RuleProperties { tags },
    }
}

fn question_result(
    framework: &Framework,
    finding: &Finding,
    index: usize,
    report: &Report,
    baseline: Option<&Report>,
) -> SarifResult {
    let text = framework
        .question(&finding.question)
        .map_or("", |q| q.text.as_str());
    let standing = Standing::of_finding(report, finding);
    let answered = finding.status.as_str();
    let critical = if finding.critical { "critical " } else { "" };
    let message = with_standing(
        format!(
            "Answered {answered} to the {critical}question: {}",
            text.trim()
        ),
        standing,
    );
    // SARIF needs a place for every result: a finding without one points at the file's start.
    let at = finding.location.clone().unwrap_or_else(|| {
        Location::start_of(report.assessment.files.first().map_or("", String::as_str))
    });
    let suppressions = finding
        .waiver
        .iter()
        .filter(|w| !w.expired)
        .map(|w| Suppression {
            kind: "external",
            status: "accepted",
            justification: format!(
                "{} (approved by {}, until {})",
                w.reason, w.approved_by, w.expires
            ),
        })
        .collect();
    SarifResult {
        rule_id: finding.question.clone(),
        rule_index: index,
        level: question_level(finding, standing),
        message: Text { text: message },
        locations: vec![location(&at)],
        suppressions,
        baseline_state: baseline.map(|before| {
            match before
                .findings
                .iter()
                .find(|f| f.question == finding.question)
                .map(|f| f.status)
            {
                Some(status) if status == finding.status => "unchanged",
                Some(status) if status.is_shortfall() => "updated",
                _ => "new",
            }
        }),
    }
}

/// The level of a shortfall: the gate's standing under a policy, the answer without one.
fn question_level(finding: &Finding, standing: Standing<'_>) -> &'static str {
    match standing {
        Standing::Blocks(_) => "error",
        Standing::Tolerated(_) | Standing::Waived(_) => "warning",
        Standing::Allowed => "note",
        Standing::Unjudged if finding.status == Status::No => "error",
        Standing::Unjudged => "warning",
    }
}

/// `message` followed by what the policy made of it, when it made anything.
fn with_standing(message: String, standing: Standing<'_>) -> String {
    match standing.sentence() {
        Some(why) => format!("{message} {why}"),
        None => message,
    }
}

fn baseline_state(violation: &Violation) -> Option<&'static str> {
    use crate::report::BaselineState;
    match violation.baseline {
        BaselineState::None => None,
        BaselineState::New => Some("new"),
        BaselineState::Worse => Some("updated"),
        BaselineState::Known => Some("unchanged"),
    }
}

fn rule_index(rules: &mut Vec<Rule>, id: &str, make: impl FnOnce() -> Rule) -> usize {
    if let Some(index) = rules.iter().position(|r| r.id == id) {
        return index;
    }
    rules.push(make());
    rules.len() - 1
}

/// What a policy rule requires, in one sentence.
fn policy_rule(rule: report::Rule) -> &'static str {
    use report::Rule;
    match rule {
        Rule::MinOverall => "The overall score must reach the policy's minimum.",
        Rule::MinCoverage => {
            "Coverage of the questionnaire's scope must reach the policy's minimum."
        }
        Rule::MinDeploymentCoverage => {
            "Coverage of the whole deployment must reach the policy's minimum."
        }
        Rule::MinPrinciple => "Each principle's score must reach the policy's minimum for it.",
        Rule::MinGenderIndex => "The gender index must reach the policy's minimum.",
        Rule::MaxRiskExposure => {
            "Each risk's residual exposure must stay within the policy's limit."
        }
        Rule::CriticalFailure => "No critical question may be answered no without a waiver.",
        Rule::Evidence => "Every evidence file must exist and match its recorded digest.",
        Rule::OverdueCriticalAction => {
            "No critical action may stay open past its due date in the action register."
        }
    }
}

/// A rule of a warning code or a policy threshold: its one-line description, its full
/// explanation and how to fix it.
fn extra_rule(id: &str, short: String, full: String, help: &str) -> Rule {
    Rule {
        id: id.to_owned(),
        short_description: Text { text: short },
        full_description: Text { text: full },
        help: Text {
            text: help.to_owned(),
        },
        default_configuration: Configuration { level: "warning" },
        properties: RuleProperties {
            tags: vec!["dpisafe".to_owned()],
        },
    }
}

fn location(at: &Location) -> SarifLocation {
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(&at.file) },
            region: Region {
                start_line: at.line.max(1),
                start_column: at.column.max(1),
            },
        },
    }
}

/// A URI for a path: relative paths (as code-scanning tools expect, from the directory the
/// check ran in) without a leading `./`; absolute paths as `file://` URIs; forward slashes, and
/// characters outside the URI grammar percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut relative = path.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest;
    }
    let absolute = relative.starts_with('/');
    let mut out = String::from(if absolute { "file://" } else { "" });
    for byte in relative.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
