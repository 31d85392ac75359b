//! `dpisafe diff`: progress between two assessments of one deployment, from questionnaires or
//! saved results; improvements, regressions, the refusal of different deployments and the
//! three output formats.

use crate::common::{dpisafe, fixture, run, scratch, stdout_of};

const OLD: &str = "tests/fixtures/diff/2025.yaml";
const OLD_RESULT: &str = "tests/fixtures/diff/2025.json";
const IMPROVED: &str = "tests/fixtures/diff/2026.yaml";
const REGRESSED: &str = "tests/fixtures/diff/2026-regressed.yaml";

fn json_diff(old: &str, new: &str) -> serde_json::Value {
    let out = stdout_of(dpisafe().args(["diff", old, new, "--format", "json"]));
    serde_json::from_str(&out).expect("the diff is JSON")
}

#[test]
fn an_improvement_exits_0_even_when_regressions_would_fail() {
    let (code, out, _) = run(dpisafe().args(["diff", OLD, IMPROVED, "--fail-on-regression"]));
    assert_eq!(code, 0);
    assert!(out.contains("Verdict     improved: 0 regressions"), "{out}");
    assert!(out.contains("Nothing regressed."), "{out}");
    assert!(
        out.contains("added none · removed F1.Q1 · still failing none"),
        "{out}"
    );
    let diff = json_diff(OLD, IMPROVED);
    assert_eq!(diff["summary"]["change"], "improved");
    assert_eq!(diff["overall"]["score"]["old"], 59.0);
    assert_eq!(diff["overall"]["score"]["new"], 93.8);
    assert_eq!(diff["overall"]["score"]["delta"], 34.8);
    let f1 = &diff["principles"][0];
    assert_eq!(
        (
            &f1["id"],
            &f1["change"],
            &f1["capped_by"]["old"],
            &f1["capped_by"]["new"]
        ),
        (
            &"F1".into(),
            &"improved".into(),
            &"F1.Q1".into(),
            &serde_json::Value::Null
        )
    );
}

#[test]
fn a_regression_is_named_and_fails_only_when_asked() {
    let (code, out, _) = run(dpisafe().args(["diff", OLD, REGRESSED]));
    assert_eq!(
        code, 0,
        "without --fail-on-regression a regression is reported, not failed"
    );
    assert!(out.contains("Regressed (12 items):"), "{out}");
    assert!(out.contains("  F3.Q1  yes, evidenced → no"), "{out}");
    assert!(
        out.contains("  O1.Q1  yes, evidenced → not assessed"),
        "{out}"
    );

    let (code, out_failing, err) =
        run(dpisafe().args(["diff", OLD, REGRESSED, "--fail-on-regression"]));
    assert_eq!(code, 1);
    assert_eq!(
        out_failing, out,
        "the flag changes the exit code, not the output"
    );
    assert!(
        err.contains("regressed: overall score, coverage, evidenced share, F3.Q1, F3, RS1, RI3"),
        "{err}"
    );
}

#[test]
fn answers_that_change_without_direction_are_changed_not_regressed() {
    let diff = json_diff(OLD, REGRESSED);
    let find = |id: &str| {
        diff["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .find(|q| q["question"] == id)
            .cloned()
            .expect("listed")
    };
    let na = find("F4.Q1");
    assert_eq!(na["change"], "changed");
    assert_eq!(na["new"]["status"], "n/a");
    let waiver = find("F1.Q1");
    assert_eq!(waiver["change"], "changed");
    assert_eq!(
        (&waiver["old"]["waiver"], &waiver["new"]["waiver"]),
        (&"in-force".into(), &"expired".into())
    );
    let unchanged = find("F1.Q2");
    assert_eq!(unchanged["change"], "unchanged");
    assert_eq!(
        diff["critical_failures"]["added"],
        serde_json::json!(["F3.Q1"])
    );
}

#[test]
fn a_saved_result_and_its_questionnaire_compare_the_same() {
    let from_yaml = json_diff(OLD, REGRESSED);
    let mut from_result = json_diff(OLD_RESULT, REGRESSED);
    assert_eq!(from_result["old"]["input"], "result");
    assert_eq!(from_yaml["old"]["input"], "questionnaire");
    from_result["old"]["input"] = "questionnaire".into();
    from_result["old"]["file"] = OLD.into();
    assert_eq!(from_result, from_yaml);
}

#[test]
fn different_deployments_are_refused_with_the_place() {
    let other = "tests/fixtures/diff/other-deployment.yaml";
    let (code, out, err) = run(dpisafe().args(["diff", OLD_RESULT, other]));
    assert_eq!(code, 2);
    assert!(out.is_empty(), "no partial output: {out}");
    assert!(err.contains("error[diff-mismatch]"), "{err}");
    assert!(err.contains("other-deployment.yaml:5:3"), "{err}");
    assert!(err.contains("--allow-different"), "{err}");
    let (code, out, _) = run(dpisafe().args(["diff", OLD_RESULT, other, "--allow-different"]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Inland payment rail (KE), formerly Harbour payment rail (KE)\n"),
        "{out}"
    );
}

#[test]
fn results_of_another_framework_version_are_refused_even_when_allowed() {
    let dir = scratch("diff-framework");
    let text = std::fs::read_to_string(fixture("diff/2025.json")).expect("fixture");
    let older = text.replacen("\"version\": \"1.0\"", "\"version\": \"0.9\"", 1);
    assert_ne!(older, text);
    let path = dir.join("older.json");
    std::fs::write(&path, older).expect("writes");
    let (code, _, err) = run(dpisafe()
        .args(["diff", "--allow-different"])
        .arg(&path)
        .arg(IMPROVED));
    assert_eq!(code, 2);
    assert!(err.contains("error[diff-mismatch]"), "{err}");
    assert!(err.contains("universal-dpi-safeguards@0.9"), "{err}");
}

#[test]
fn an_invalid_side_is_reported_with_its_position() {
    let dir = scratch("diff-invalid");
    let path = dir.join("broken.yaml");
    let text = std::fs::read_to_string(fixture("diff/2026.yaml")).expect("fixture");
    std::fs::write(&path, text.replace("answer: partial", "answer: maybe")).expect("writes");
    let (code, out, err) = run(dpisafe().args(["diff", OLD]).arg(&path));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("broken.yaml:"), "{err}");
}

#[test]
fn the_json_matches_its_schema_and_is_deterministic() {
    let first = stdout_of(dpisafe().args(["diff", OLD, REGRESSED, "--format", "json"]));
    let second = stdout_of(dpisafe().args(["diff", OLD, REGRESSED, "--format", "json"]));
    assert_eq!(first, second);
    let value: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(value["dpisafe_diff"], 1);
    let problems = dpisafe::schema::SchemaKind::Diff.check_json(&value);
    assert!(problems.is_empty(), "{problems:?}");
    let printed = stdout_of(dpisafe().args(["schema", "diff"]));
    assert_eq!(printed, dpisafe::schema::SchemaKind::Diff.text());
}

#[test]
fn output_goes_to_a_file_and_never_over_one() {
    let dir = scratch("diff-output");
    let path = dir.join("progress.md");
    let (code, out, _) = run(dpisafe()
        .args(["diff", OLD, IMPROVED, "--format", "md", "-o"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.starts_with("# Progress: Harbour payment rail (KE)\n"));
    let (code, _, err) = run(dpisafe().args(["diff", OLD, REGRESSED, "-o"]).arg(&path));
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), written);
    let (code, _, _) = run(dpisafe()
        .args(["diff", OLD, REGRESSED, "--force", "-o"])
        .arg(&path));
    assert_eq!(code, 0);
    assert_ne!(std::fs::read_to_string(&path).expect("replaced"), written);
}

#[test]
fn outputs_are_pinned() {
    insta::assert_snapshot!(
        "diff_table_regressed",
        stdout_of(dpisafe().args(["diff", OLD, REGRESSED]))
    );
    insta::assert_snapshot!(
        "diff_table_improved",
        stdout_of(dpisafe().args(["diff", OLD_RESULT, IMPROVED]))
    );
    insta::assert_snapshot!(
        "diff_md_regressed",
        stdout_of(dpisafe().args(["diff", OLD, REGRESSED, "--format", "md"]))
    );
    insta::assert_snapshot!(
        "diff_json_regressed",
        stdout_of(dpisafe().args(["diff", OLD, REGRESSED, "--format", "json"]))
    );
}

#[test]
fn the_table_is_coloured_only_when_asked() {
    let plain = stdout_of(dpisafe().args(["diff", OLD, REGRESSED]));
    assert!(!plain.contains('\u{1b}'));
    let coloured = stdout_of(dpisafe().args(["diff", OLD, REGRESSED, "--color", "always"]));
    assert!(
        coloured.contains("\u{1b}[31mregressed\u{1b}[0m"),
        "{coloured}"
    );
}

#[test]
fn as_of_judges_the_waivers_of_both_questionnaires_as_assess_does() {
    let waiver = |diff: &serde_json::Value| {
        diff["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .find(|q| q["question"] == "F1.Q1")
            .map(|q| (q["change"].clone(), q["new"]["waiver"].clone()))
            .expect("listed")
    };
    let by_own_dates = json_diff(OLD, REGRESSED);
    assert_eq!(waiver(&by_own_dates), ("changed".into(), "expired".into()));
    let out = stdout_of(dpisafe().args([
        "diff",
        OLD,
        REGRESSED,
        "--format",
        "json",
        "--as-of",
        "2026-01-01",
    ]));
    let on_one_day: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(waiver(&on_one_day), ("unchanged".into(), "in-force".into()));
    assert_eq!(on_one_day["old"]["as_of"], "2026-01-01");
    assert_eq!(on_one_day["new"]["as_of"], "2026-01-01");
}
