//! The worked example of `docs/scoring.md`: every figure the document states is what
//! `dpisafe assess --format json` prints for `tests/fixtures/scoring/worked-example.yaml`, and
//! the figures block of the document lists exactly those figures, so neither can drift.

use crate::common::{dpisafe, root};

use serde_json::Value;

const FIXTURE: &str = "tests/fixtures/scoring/worked-example.yaml";
const DOCUMENT: &str = "docs/scoring.md";
const MARKER: &str = "<!-- worked-example-figures -->";

/// Every figure `docs/scoring.md` gives for the worked example, in the order it lists them.
const FIGURES: &[(&str, &str)] = &[
    ("overall score", "44.5"),
    ("overall rated", "false"),
    ("overall band", "none"),
    ("coverage", "24.2"),
    ("deployment coverage", "24.2"),
    ("evidenced", "50.0"),
    ("applicable", "27"),
    ("yes", "1"),
    ("partial", "2"),
    ("no", "1"),
    ("n/a", "1"),
    ("not assessed", "22"),
    ("critical failures", "F5.Q2"),
    ("waived", "1"),
    ("principle F1 score", "50.0"),
    ("principle F1 rated", "true"),
    ("principle F1 band", "weak"),
    ("principle F1 coverage", "100.0"),
    ("principle F1 evidenced", "100.0"),
    ("principle F1 capped by", "none"),
    ("principle F5 score", "39.0"),
    ("principle F5 rated", "true"),
    ("principle F5 band", "failing"),
    ("principle F5 coverage", "75.0"),
    ("principle F5 evidenced", "33.3"),
    ("principle F5 capped by", "F5.Q2"),
    ("risk RI4 exposure", "75.0"),
    ("risk RI4 rated", "false"),
    ("risk RI4 band", "none"),
    ("risk RI4 coverage", "25.0"),
    ("risk RI4 unknown", "75.0"),
    ("risk RI4 mitigating", "11"),
    ("risk RI4 drivers", "F5.Q2, F5.Q3"),
    ("risk RS3 exposure", "75.0"),
    ("risk RS3 rated", "true"),
    ("risk RS3 band", "high"),
    ("risk RS3 coverage", "85.7"),
    ("risk RS3 unknown", "14.3"),
    ("risk RS3 mitigating", "3"),
    ("risk RS3 drivers", "F5.Q2, F1.Q1"),
    ("gender index", "17"),
    ("gender raw index", "17"),
    ("gender cap", "none"),
    ("gender cap checks", "none"),
    ("gender rated", "false"),
    ("gender coverage", "33.3"),
    ("gender practice code", "0"),
    ("gender intent flag", "0"),
    ("gender applicable", "7"),
    ("gender answered", "1"),
    ("gender group GOVERN index", "25"),
    ("gender group GOVERN coverage", "50.0"),
    ("actions", "26"),
    ("action 1", "F5.Q2 critical remedy waived"),
    ("action 2", "F1.Q1 high complete"),
    ("action 3", "F5.Q3 medium complete"),
];

/// The JSON result of `dpisafe assess` on the worked example, with `extra` arguments.
fn assess(extra: &[&str]) -> Value {
    let output = dpisafe()
        .args(["assess", FIXTURE, "--format", "json"])
        .args(extra)
        .output()
        .expect("dpisafe runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "assess failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("assess prints JSON")
}

/// A JSON value as the document writes it: `none` for null, lists joined with commas.
fn text(value: &Value) -> String {
    match value {
        Value::Null => "none".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The entry of `list` (principles, risks) whose `id` is `id`.
fn entry<'a>(report: &'a Value, list: &str, id: &str) -> Option<&'a Value> {
    report[list]
        .as_array()?
        .iter()
        .find(|e| e["id"].as_str() == Some(id))
}

/// The value behind a label of the figures block, read from the JSON result.
fn figure(report: &Value, label: &str) -> Option<String> {
    let words: Vec<&str> = label.split(' ').collect();
    let summary = &report["summary"];
    let value = match words.as_slice() {
        ["overall", "score"] => &summary["score"],
        ["overall", "rated"] => &summary["rated"],
        ["overall", "band"] => &summary["band"],
        ["coverage" | "evidenced" | "waived"] => &summary[words[0]],
        ["deployment", "coverage"] => &summary["deployment_coverage"],
        ["applicable" | "yes" | "partial" | "no"] => &summary["answers"][words[0]],
        ["n/a"] => &summary["answers"]["not_applicable"],
        ["not", "assessed"] => &summary["answers"]["not_assessed"],
        ["critical", "failures"] => &summary["critical_failures"],
        ["principle", id, field @ ..] => &entry(report, "principles", id)?[field.join("_")],
        ["risk", id, field] => &entry(report, "risks", id)?[*field],
        ["gender", "cap"] => &report["gender"]["cap"]["cap"],
        ["gender", "cap", "checks"] => &report["gender"]["cap"]["checks"],
        ["gender", "group", group, field] => report["gender"]["groups"]
            .as_array()?
            .iter()
            .find(|g| g["group"].as_str() == Some(group))?
            .get(*field)?,
        ["gender", field @ ..] => &report["gender"][field.join("_")],
        ["actions"] => return Some(report["actions"].as_array()?.len().to_string()),
        ["action", rank] => {
            let rank: usize = rank.parse().ok()?;
            let action = report["actions"].as_array()?.get(rank.checked_sub(1)?)?;
            let waived = if action["waived"] == Value::Bool(true) {
                " waived"
            } else {
                ""
            };
            return Some(format!(
                "{} {} {}{waived}",
                text(&action["question"]),
                text(&action["priority"]),
                text(&action["kind"])
            ));
        }
        _ => return None,
    };
    Some(text(value))
}

/// Whether a documented figure equals the JSON's: numbers by value, everything else as text.
fn same(documented: &str, actual: &str) -> bool {
    match (documented.parse::<f64>(), actual.parse::<f64>()) {
        (Ok(a), Ok(b)) => (a - b).abs() < 1e-9,
        _ => documented == actual,
    }
}

/// The `label: value` lines of the fenced block that follows the marker in the document.
fn documented_figures() -> Vec<(String, String)> {
    let path = root().join(DOCUMENT);
    let doc = std::fs::read_to_string(&path).expect("docs/scoring.md is readable");
    let mut lines = doc.lines().skip_while(|l| l.trim() != MARKER);
    assert!(lines.next().is_some(), "{DOCUMENT} has no `{MARKER}` line");
    assert_eq!(
        lines.next().map(str::trim),
        Some("```text"),
        "a ```text block must follow `{MARKER}` in {DOCUMENT}"
    );
    let mut figures = Vec::new();
    for line in lines.by_ref() {
        if line.trim() == "```" {
            return figures;
        }
        let (label, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("`{line}` in {DOCUMENT} is not `label: value`"));
        figures.push((label.trim().to_owned(), value.trim().to_owned()));
    }
    panic!("the figures block of {DOCUMENT} is not closed");
}

/// Every figure of `expected` that differs from `report`, described.
fn differences(report: &Value, expected: &[(&str, &str)]) -> Vec<String> {
    expected
        .iter()
        .filter_map(|(label, want)| match figure(report, label) {
            Some(got) if same(want, &got) => None,
            Some(got) => Some(format!("{label}: the document says {want}, the JSON {got}")),
            None => Some(format!("{label}: no such figure in the JSON")),
        })
        .collect()
}

#[test]
fn assess_prints_every_figure_of_the_worked_example() {
    let report = assess(&[]);
    let wrong = differences(&report, FIGURES);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(report["assessment"]["as_of"], "2026-10-01");
    assert_eq!(report["warnings"], Value::Array(Vec::new()));
}

#[test]
fn the_document_lists_exactly_the_checked_figures() {
    let documented = documented_figures();
    let report = assess(&[]);
    let pairs: Vec<(&str, &str)> = documented
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    let wrong = differences(&report, &pairs);
    assert!(
        wrong.is_empty(),
        "{DOCUMENT} disagrees with dpisafe:\n{}",
        wrong.join("\n")
    );
    assert_eq!(
        pairs, FIGURES,
        "the figures block of {DOCUMENT} and FIGURES in tests/scoring_doc.rs must list the same figures"
    );
}

#[test]
fn the_waiver_changes_no_figure_and_holds_through_its_expiry_date() {
    let expired = assess(&["--as-of", "2027-04-01"]);
    let unchanged: Vec<(&str, &str)> = FIGURES
        .iter()
        .copied()
        .filter(|(label, _)| !matches!(*label, "waived" | "action 1"))
        .collect();
    let wrong = differences(&expired, &unchanged);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(figure(&expired, "waived").as_deref(), Some("0"));
    assert_eq!(
        figure(&expired, "action 1").as_deref(),
        Some("F5.Q2 critical remedy")
    );
    assert_eq!(expired["warnings"][0]["code"], "waiver-expired");

    dpisafe()
        .args(["check", FIXTURE, "--as-of", "2027-03-31"])
        .assert()
        .code(0);
    dpisafe()
        .args(["check", FIXTURE, "--as-of", "2027-04-01"])
        .assert()
        .code(1);
}
