//! The command line as a user meets it: output, exit codes and files written.

use crate::common::{dpisafe, fixture, scratch, stdout_of};

#[test]
fn framework_list_shows_the_eighteen_principles() {
    let out = stdout_of(dpisafe().args(["framework", "list"]));
    for id in ["F1", "F9", "O1", "O9"] {
        assert!(out.contains(&format!("│ {id} ")), "{id} missing:\n{out}");
    }
    assert!(out.contains("Do no harm") && out.contains("Practice inclusive governance"));
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("│ F") || l.starts_with("│ O"))
            .count(),
        18
    );
}

#[test]
fn framework_list_tables_fit_the_terminal() {
    for flag in ["--risks", "--processes", "--questions"] {
        let wide = stdout_of(
            dpisafe()
                .args(["framework", "list", flag])
                .env_remove("COLUMNS"),
        );
        let narrow = stdout_of(
            dpisafe()
                .args(["framework", "list", flag])
                .env("COLUMNS", "80"),
        );
        for line in narrow
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '├', '└']))
        {
            assert!(line.chars().count() <= 80, "{flag}: {line}");
        }
        // Piped without COLUMNS, a row stays on one line as before.
        assert!(wide.lines().count() <= narrow.lines().count(), "{flag}");
    }
    let plain = stdout_of(dpisafe().args(["framework", "list"]).env("COLUMNS", "80"));
    assert!(plain.contains("│ F1 │ Do no harm"), "{plain}");
}

#[test]
fn framework_list_variants() {
    let risks = stdout_of(dpisafe().args(["framework", "list", "--risks"]));
    assert_eq!(
        risks
            .lines()
            .filter(|l| l.starts_with("│ R") || l.starts_with("│ S"))
            .count(),
        13
    );
    let processes = stdout_of(dpisafe().args(["framework", "list", "--processes"]));
    assert!(processes.contains("F4.10a") && processes.contains("O3.21"));
    let questions = stdout_of(dpisafe().args(["framework", "list", "--questions"]));
    assert!(questions.contains("F8.Q1") && questions.contains("G-PAY-01"));
}

#[test]
fn framework_show_rs3_lists_mitigating_questions_and_processes() {
    let out = stdout_of(dpisafe().args(["framework", "show", "RS3"]));
    assert!(out.starts_with("RS3  Physical insecurity"), "{out}");
    assert!(out.contains("Mitigated by") && out.contains("questions:"));
    assert!(out.contains("G-SAFETY-04"));
    assert!(out.contains("framework processes:"));
}

#[test]
fn framework_show_principle_question_process_stage_authority() {
    let principle = stdout_of(dpisafe().args(["framework", "show", "F8"]));
    assert!(
        principle.contains("Ensure effective remedy and redress") && principle.contains("F8.Q1")
    );
    let question = stdout_of(dpisafe().args(["framework", "show", "F8.Q1"]));
    assert!(question.contains("Guidance:") && question.contains("Evidence to ask for:"));
    let process = stdout_of(dpisafe().args(["framework", "show", "F4.10"]));
    assert!(process.contains("F4.10a") && process.contains("F4.10b"));
    let stage = stdout_of(dpisafe().args(["framework", "show", "L4"]));
    assert!(stage.contains("life-cycle stage"));
    let authority = stdout_of(dpisafe().args(["framework", "show", "R2"]));
    assert!(authority.contains("Regulator"));
}

#[test]
fn framework_show_unknown_id_suggests_and_exits_2() {
    let output = dpisafe()
        .args(["framework", "show", "RS33"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `RS3`?"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn framework_coverage_is_honest_about_gaps() {
    let out = stdout_of(dpisafe().args(["framework", "coverage"]));
    assert!(out.contains("O7") && out.contains("none seen"), "{out}");
    assert!(
        out.contains(
            "The data holds 97 distinct process ids (104 records) of at least 144 published"
        ),
        "{out}"
    );
    assert!(out.contains("Not found so far"), "{out}");
    for missing in ["F1.3", "F2.1–F2.3", "O3.8–O3.9", "O7 (none seen)"] {
        assert!(out.contains(missing), "{missing} named: {out}");
    }
}

#[test]
fn a_conflicting_process_id_is_shown_as_the_framework_disagreeing_with_itself() {
    let out = stdout_of(dpisafe().args(["framework", "show", "O5.5"]));
    assert!(
        out.starts_with("The framework disagrees with itself"),
        "{out}"
    );
    assert!(
        out.contains("O5.5a  Track performance metrics regularly"),
        "{out}"
    );
    assert!(
        out.contains("O5.5b  Ensure access to personal information"),
        "{out}"
    );
    assert!(
        !out.contains("process-page variant"),
        "notes stay out: {out}"
    );
    let list = stdout_of(dpisafe().args(["framework", "list", "--processes"]));
    assert!(list.contains("1 of 2 under O5.5 (conflict)"), "{list}");
    assert!(list.contains("97 process ids in 104 records"), "{list}");
}

#[test]
fn a_reused_gender_check_shows_its_question_and_its_full_sources() {
    let out = stdout_of(dpisafe().args(["framework", "show", "G-REDRESS-01"]));
    assert!(out.contains("asked as F8.Q1"), "{out}");
    assert!(
        out.contains("https://iascgenderwithagemarker.com/"),
        "{out}"
    );
    assert!(
        out.contains("(not verified)"),
        "an unverifiable source says so: {out}"
    );
    assert!(out.contains("F8.Q1  (question under F8)"), "{out}");
    let asked = stdout_of(dpisafe().args(["framework", "show", "F8.Q1"]));
    assert!(asked.contains("also counts as G-REDRESS-01"), "{asked}");
    assert!(asked.contains("Action when it falls short:"), "{asked}");
}

#[test]
fn framework_lint_passes_a_good_file_and_fails_a_bad_one() {
    dpisafe()
        .args(["framework", "lint"])
        .arg(fixture("frameworks/mini.yaml"))
        .assert()
        .code(0);
    let output = dpisafe()
        .args(["framework", "lint"])
        .arg(fixture(
            "frameworks/invalid/question-points-at-missing-principle.yaml",
        ))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("question-points-at-missing-principle.yaml:"),
        "{stderr}"
    );
    assert!(stderr.contains("`F2`"), "{stderr}");
}

#[test]
fn custom_framework_is_used_by_other_commands() {
    let out = stdout_of(
        dpisafe()
            .arg("--framework")
            .arg(fixture("frameworks/mini.yaml"))
            .args(["framework", "list"]),
    );
    assert!(out.contains("│ F1 ") && !out.contains("│ O1 "));
    dpisafe()
        .arg("--framework")
        .arg(fixture("frameworks/invalid/duplicate-ids.yaml"))
        .args(["framework", "list"])
        .assert()
        .code(2);
}

#[test]
fn init_writes_only_applicable_questions_and_validates() {
    let dir = scratch("init");
    let file = dir.join("q.yaml");
    dpisafe()
        .args([
            "init",
            "--blocks",
            "id,payments",
            "--stage",
            "L4",
            "--authority",
            "R1",
            "-o",
        ])
        .arg(&file)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(
        text.contains("  F1.Q1:")
            && text.contains("#   Guidance: ")
            && text.contains("#   Evidence: ")
    );
    assert!(
        text.contains("G-PAY-01:"),
        "payments gender checks included"
    );
    assert!(
        !text.contains("G-GBV-02:"),
        "gbv-service-only checks left out"
    );
    assert!(text.contains("stage: L4") && text.contains("authority: R1"));
    dpisafe().arg("validate").arg(&file).assert().code(0);
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = scratch("init-existing");
    let file = dir.join("answers.yaml");
    std::fs::write(&file, "my answers\n").expect("write");
    let output = dpisafe()
        .args(["init", "-o"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "my answers\n"
    );
    dpisafe()
        .args(["init", "--force", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("dpisafe: 1")
    );
}

#[test]
fn init_into_a_missing_directory_is_a_clear_error() {
    let dir = scratch("init-missing");
    let output = dpisafe()
        .args(["init", "-o"])
        .arg(dir.join("nope/q.yaml"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not exist"));
}

#[test]
fn init_rejects_unknown_stage_with_suggestion() {
    let output = dpisafe()
        .args(["init", "--stage", "l4"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--stage") && stderr.contains("did you mean `L4`?"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn validate_exit_codes() {
    let output = dpisafe()
        .arg("validate")
        .arg(fixture("questionnaires/invalid/many-problems.yaml"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("many-problems.yaml:11:13"), "{stderr}");
    assert!(stderr.contains("invalid (9 problems)"), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "validate writes nothing to stdout"
    );
}

#[test]
fn validate_reports_missing_files_and_directories() {
    let missing = dpisafe()
        .args(["validate", "no/such/file.yaml"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    let dir = dpisafe()
        .arg("validate")
        .arg(fixture("questionnaires"))
        .output()
        .expect("runs");
    assert_eq!(dir.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&dir.stderr).contains("is a directory"));
}

#[test]
fn schema_command_prints_json_schema() {
    for kind in ["framework", "questionnaire", "policy", "report"] {
        let out = stdout_of(dpisafe().args(["schema", kind]));
        let schema: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
    dpisafe().args(["schema", "sarif"]).assert().code(2);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    dpisafe().arg("frobnicate").assert().code(2);
    dpisafe().arg("--help").assert().code(0);
    let help = stdout_of(dpisafe().args(["init", "--help"]));
    assert!(help.contains("Examples:"));
}

#[test]
fn validate_warns_about_missing_evidence_files_but_passes() {
    let dir = scratch("validate-evidence");
    let text = std::fs::read_to_string(fixture("check/payment-rail.yaml")).expect("fixture");
    std::fs::write(dir.join("q.yaml"), text).expect("write");
    let output = dpisafe()
        .arg("validate")
        .arg(dir.join("q.yaml"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "a missing file is a finding");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("warning[evidence-missing]"), "{err}");
    assert!(
        err.contains("evidence/hria.md") && err.contains("evidence/grievance.md"),
        "{err}"
    );
    assert!(
        err.contains("q.yaml: valid (27 answers, 1 waiver)"),
        "{err}"
    );
}
