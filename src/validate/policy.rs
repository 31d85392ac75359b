//! Cross-reference checks of a policy file against the framework, and the step from raw to
//! validated policy.

use super::questionnaire::{Checker, waivers_from};
use crate::diagnostic::{Code, Diagnostics};
use crate::framework::Framework;
use crate::policy::raw::RawPolicy;
use crate::policy::{Policy, Strictness, Threshold};
use crate::source::yaml::Node;
use crate::source::{Limits, SourceFile};
use crate::validate::{self, Validated, schema};

/// The policy format versions this build reads.
pub const SUPPORTED_VERSION: u64 = 1;

/// Parses and validates a policy file against `framework`.
pub fn load(source: &SourceFile, framework: &Framework, limits: &Limits) -> Validated<Policy> {
    validate::load_document(
        source,
        &schema::POLICY,
        limits,
        |root, diagnostics| check_references(root, &source.name, framework, diagnostics),
        |raw: RawPolicy, root| build(raw, root, &source.name),
    )
}

/// Checks a policy tree's references against `framework`.
pub fn check_references(
    root: &Node,
    file: &str,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) {
    let mut checker = Checker {
        file,
        framework,
        diagnostics,
    };
    checker.version(root, "dpisafe_policy", "policy", SUPPORTED_VERSION);
    let principles: Vec<&str> = framework.principles.iter().map(|p| p.id.as_str()).collect();
    let risks: Vec<&str> = framework.risks.iter().map(|r| r.id.as_str()).collect();
    for (key, code, what, known) in [
        (
            "principles",
            Code::UnknownPrinciple,
            "principle",
            &principles,
        ),
        ("risks", Code::UnknownRisk, "risk", &risks),
    ] {
        let Some(map) = root.get(key) else { continue };
        for entry in map.entries() {
            if !known.contains(&entry.key.as_str()) {
                let text = super::tree::Text {
                    value: &entry.key,
                    pos: entry.key_pos,
                };
                checker.unknown(code, what, text, known);
            }
        }
    }
    for waiver in root.list("waivers") {
        checker.waiver(waiver);
    }
}

/// `dir` as written in the policy `file`: relative to the file's directory.
fn beside(file: &str, dir: &str) -> std::path::PathBuf {
    let base = std::path::Path::new(file)
        .parent()
        .unwrap_or(std::path::Path::new(""));
    base.join(dir)
}

/// Builds the validated policy from a raw one whose references were checked.
pub fn build(raw: RawPolicy, root: &Node, file: &str) -> Policy {
    let at = |key: &str, value: Option<f64>| {
        value.map(|value| Threshold {
            value,
            pos: root.get(key).map_or(root.pos, |n| n.pos),
        })
    };
    let keyed = |key: &str, values: &std::collections::BTreeMap<String, f64>| {
        let node = root.get(key);
        values
            .iter()
            .map(|(id, value)| {
                let pos = node
                    .and_then(|n| n.entry(id))
                    .map_or(root.pos, |e| e.value.pos);
                (id.clone(), Threshold { value: *value, pos })
            })
            .collect()
    };
    let defaults = Policy::default();
    Policy {
        file: Some(file.to_owned()),
        min_overall: at("min_overall", raw.min_overall),
        min_coverage: at("min_coverage", raw.min_coverage),
        min_deployment_coverage: at("min_deployment_coverage", raw.min_deployment_coverage),
        min_principle: at("min_principle", raw.min_principle),
        principles: keyed("principles", &raw.principles),
        min_gender_index: at("min_gender_index", raw.min_gender_index),
        max_risk_exposure: at("max_risk_exposure", raw.max_risk_exposure),
        risks: keyed("risks", &raw.risks),
        critical_failures: raw.critical_failures.unwrap_or(defaults.critical_failures),
        evidence_problems: raw.evidence_problems.unwrap_or(Strictness::Fail),
        evidence_root: raw.evidence_root.map(|dir| {
            let pos = root.get("evidence_root").map_or(root.pos, |n| n.pos);
            (beside(file, &dir), pos)
        }),
        max_hashed_bytes: raw.max_hash_mib.map(|mib| mib.saturating_mul(1024 * 1024)),
        overdue_critical_actions: raw
            .overdue_critical_actions
            .unwrap_or(defaults.overdue_critical_actions),
        questionnaire_waivers: raw.questionnaire_waivers.unwrap_or(true),
        waivers: waivers_from(raw.waivers, root, file),
    }
}
