//! Calibration: the hand-written scenarios of `tests/calibration/` against the table "What the
//! tool must say" in `docs/scoring.md`. The table was written by reasoning about each
//! scenario before the tool was run on it; this test holds the tool to it, column by column.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::common::{dpisafe, root, run};

const HEADER: &str =
    "| Scenario | Situation | Overall | Capped | Critical failures | Gender | Never low |";

/// One row of the table.
#[derive(Debug)]
struct Scenario {
    stem: String,
    overall: String,
    capped: BTreeSet<String>,
    critical: BTreeSet<String>,
    gender: String,
    never_low: BTreeSet<String>,
}

/// `—` is an empty list; otherwise ids separated by commas.
fn ids(cell: &str) -> BTreeSet<String> {
    if cell == "—" {
        return BTreeSet::new();
    }
    cell.split(',').map(|id| id.trim().to_owned()).collect()
}

fn table() -> Vec<Scenario> {
    let doc = std::fs::read_to_string(root().join("docs/scoring.md")).expect("docs/scoring.md");
    let start = doc
        .find(HEADER)
        .expect("docs/scoring.md has the calibration table");
    doc[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 7, "seven cells: {line}");
            Scenario {
                stem: cells[0].trim_matches('`').to_owned(),
                overall: cells[2].to_owned(),
                capped: ids(cells[3]),
                critical: ids(cells[4]),
                gender: cells[5].to_owned(),
                never_low: ids(cells[6]),
            }
        })
        .collect()
}

fn assess(stem: &str) -> Value {
    let file = format!("tests/calibration/{stem}.yaml");
    let (code, _, err) = run(dpisafe().arg("validate").arg(&file));
    assert_eq!(code, 0, "{stem} validates: {err}");
    let (code, out, err) = run(dpisafe().args(["assess", &file, "--format", "json"]));
    assert_eq!(code, 0, "{stem}: {err}");
    serde_json::from_str(&out).expect("JSON")
}

/// The band of `value` under the framework's score bands (highest first).
fn band_of(value: f64) -> String {
    let framework = dpisafe::validate::framework::embedded();
    dpisafe::evaluate::score::band_in(&framework.scoring.bands, value)
}

/// What the report says about one scenario, in the table's words; the differences from the
/// row, one line each.
fn differences(row: &Scenario, report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let summary = &report["summary"];
    let overall = if summary["rated"] == true {
        summary["band"].as_str().unwrap_or("none").to_owned()
    } else {
        assert!(
            summary["band"].is_null(),
            "{}: no band when not rated",
            row.stem
        );
        "not rated".to_owned()
    };
    if overall != row.overall {
        out.push(format!("overall {overall}, expected {}", row.overall));
    }
    let principles = report["principles"].as_array().expect("principles");
    let capped: BTreeSet<String> = principles
        .iter()
        .filter(|p| !p["capped_by"].is_null())
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    if capped != row.capped {
        out.push(format!("capped {capped:?}, expected {:?}", row.capped));
    }
    for p in principles.iter().filter(|p| !p["capped_by"].is_null()) {
        if p["rated"] != true || p["band"] != "failing" {
            out.push(format!("{} is capped, so certainly failing", p["id"]));
        }
    }
    let critical: BTreeSet<String> = summary["critical_failures"]
        .as_array()
        .expect("critical failures")
        .iter()
        .map(|id| id.as_str().expect("id").to_owned())
        .collect();
    if critical != row.critical {
        out.push(format!(
            "critical {critical:?}, expected {:?}",
            row.critical
        ));
    }
    let g = &report["gender"];
    let gender = match (g["rated"].as_bool(), g["index"].as_f64()) {
        (Some(true), Some(index)) => band_of(index),
        _ => "not rated".to_owned(),
    };
    if gender != row.gender {
        out.push(format!("gender {gender}, expected {}", row.gender));
    }
    for risk in report["risks"].as_array().expect("risks") {
        let id = risk["id"].as_str().expect("id");
        if row.never_low.contains(id) && risk["band"] == "low" {
            out.push(format!("{id} is low"));
        }
        if risk["rated"] == false && !risk["band"].is_null() {
            out.push(format!("{id} is not rated but has a level"));
        }
    }
    out
}

#[test]
fn every_scenario_gets_the_verdict_the_table_reasons_out() {
    let rows = table();
    assert!(
        rows.len() >= 15,
        "at least 15 scenarios, found {}",
        rows.len()
    );
    let mut wrong = Vec::new();
    for row in &rows {
        let report = assess(&row.stem);
        for difference in differences(row, &report) {
            wrong.push(format!("{}: {difference}", row.stem));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_scenario_file_has_a_row_and_every_row_a_file() {
    let dir = root().join("tests/calibration");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .expect("tests/calibration")
        .filter_map(|entry| {
            let path = entry.expect("entry").path();
            (path.extension().and_then(|e| e.to_str()) == Some("yaml")).then(|| stem(&path))
        })
        .collect();
    let rows: BTreeSet<String> = table().into_iter().map(|r| r.stem).collect();
    assert_eq!(files, rows);
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 name")
        .to_owned()
}

/// The thresholds the table's rows sit on, checked by their figures.
#[test]
fn the_threshold_scenarios_sit_where_their_names_say() {
    let coverage = |stem: &str| {
        assess(stem)["summary"]["coverage"]
            .as_f64()
            .expect("coverage")
    };
    assert_eq!(coverage("coverage-just-above"), 60.8);
    assert_eq!(coverage("coverage-exactly-60"), 60.0);
    assert_eq!(coverage("coverage-just-below"), 59.2);
    let scoped = assess("ministry-r1-scope");
    assert_eq!(
        scoped["summary"]["coverage"], 100.0,
        "the whole scope is answered"
    );
    let whole = scoped["summary"]["deployment_coverage"]
        .as_f64()
        .expect("deployment coverage");
    assert!(whole < 100.0, "the rest of the deployment is not: {whole}");
    assert!(
        !scoped["summary"]["outside_scope"]
            .as_array()
            .expect("list")
            .is_empty()
    );
}

/// What `check` makes of the two coverage rules: a complete single-authority questionnaire
/// meets `min_coverage` (its scope) but not `min_deployment_coverage` (the whole deployment),
/// and five answers cannot meet `min_overall` however good they are.
#[test]
fn policies_judge_the_scope_and_refuse_a_verdict_on_thin_answers() {
    let dir = crate::common::scratch("calibration-policies");
    let policy = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("dpisafe_policy: 1\n{text}\n")).expect("writes");
        path
    };
    let check = |questionnaire: &str, policy: &Path| {
        run(dpisafe()
            .args(["check", &format!("tests/calibration/{questionnaire}.yaml")])
            .arg("--policy")
            .arg(policy))
    };
    let scope = policy("scope.yaml", "min_coverage: 90");
    let (code, out, err) = check("ministry-r1-scope", &scope);
    assert_eq!(code, 0, "{out}{err}");
    let whole = policy("whole.yaml", "min_deployment_coverage: 95");
    let (code, out, _) = check("ministry-r1-scope", &whole);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("coverage of the whole deployment"), "{out}");
    let overall = policy("overall.yaml", "min_overall: 10");
    let (code, out, _) = check("five-answers-only", &overall);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is not rated"), "{out}");
    assert!(
        out.contains("not rated — "),
        "the headline says so too: {out}"
    );
}
