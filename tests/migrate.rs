//! `dpisafe migrate`: questionnaires written for an older framework version carried over
//! through the alias table, editing only the ids and keeping every other byte.

use std::path::{Path, PathBuf};

use crate::common::{dpisafe, fixture, run, scratch};

const NEW_FRAMEWORK: &str = "tests/fixtures/migrate/pocket-2.0.yaml";

/// A copy of a migrate fixture in a fresh scratch directory.
fn copy(fixture_name: &str, test: &str) -> (PathBuf, String) {
    let dir = scratch(test);
    let text =
        std::fs::read_to_string(fixture(&format!("migrate/{fixture_name}"))).expect("fixture");
    let path = dir.join(fixture_name);
    std::fs::write(&path, &text).expect("copies");
    (path, text)
}

fn migrate(path: &Path) -> assert_cmd::Command {
    let mut cmd = dpisafe();
    cmd.args([
        "--framework",
        NEW_FRAMEWORK,
        "migrate",
        "--date",
        "2026-10-01",
    ])
    .arg(path);
    cmd
}

#[test]
fn one_to_one_aliases_carry_over_and_nothing_else_moves() {
    let (path, original) = copy("renumbered.yaml", "migrate-carried");
    let out = path.with_file_name("migrated.yaml");
    let (code, stdout, stderr) = run(migrate(&path).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("from pocket@1.0 to pocket@2.0"), "{stderr}");
    assert!(
        stderr.contains("line 14   answer     F1.Q2 → F1.Q3"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 23   waiver     F1.Q2 → F1.Q3"),
        "{stderr}"
    );
    let migrated = std::fs::read_to_string(&out).expect("written");
    // Exactly three spans changed; comments, the folded note that mentions F1.Q2, the quoting
    // and the blank lines are the user's bytes.
    let expected = original
        .replacen("framework: pocket@1.0", "framework: pocket@2.0", 1)
        .replacen("  \"F1.Q2\":", "  \"F1.Q3\":", 1)
        .replacen("question: 'F1.Q2'", "question: 'F1.Q3'", 1);
    assert_eq!(migrated, expected);
    assert!(migrated.contains("      F1.Q2 in this note is text and stays.\n"));
    insta::assert_snapshot!("migrate_renumbered_file", migrated);
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), original);

    let (code, _, stderr) = run(dpisafe()
        .args(["--framework", NEW_FRAMEWORK, "validate"])
        .arg(&out));
    assert_eq!(code, 0, "the migrated file validates: {stderr}");
    assert!(stderr.contains("valid (3 answers, 1 waiver)"), "{stderr}");
}

#[test]
fn a_split_question_and_an_unknown_id_need_review() {
    let (path, original) = copy("split.yaml", "migrate-split");
    let out = path.with_file_name("migrated.yaml");
    let (code, _, stderr) = run(migrate(&path).arg("-o").arg(&out));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("warning[needs-review]: answer `F1.Q3` needs review"),
        "{stderr}"
    );
    assert!(stderr.contains("split.yaml:10:3"), "{stderr}");
    assert!(stderr.contains("→ F1.Q4 or F1.Q5"), "{stderr}");
    assert!(stderr.contains("unknown to the new framework"), "{stderr}");
    assert!(stderr.contains("exit 1"), "{stderr}");
    // Written from before `assessed_on` was required: the date is added, marked for a person.
    assert!(
        stderr.contains("Added: assessed_on: 2026-10-01. Correct it"),
        "{stderr}"
    );
    // Written all the same, with the reference moved on and the ids left for a person.
    let migrated = std::fs::read_to_string(&out).expect("written");
    assert_eq!(
        migrated,
        original.replacen(
            "framework: pocket@1.0\n",
            "framework: pocket@2.0\nassessed_on: 2026-10-01  \
             # added by migrate: correct it to the date the answers describe\n",
            1
        )
    );
    let (code, _, stderr) = run(dpisafe()
        .args(["--framework", NEW_FRAMEWORK, "validate"])
        .arg(&out));
    // Only the unknown id fails validation: the split F1.Q3 is also a (different) question
    // of 2.0, which is why migrate lists it rather than trusting validate to catch it.
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid (1 problem)"), "{stderr}");
    assert!(stderr.contains("the answer names `F9.Q9`"), "{stderr}");

    let (code, stdout, _) = run(migrate(&path).args(["--dry-run", "--report", "json"]));
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["added_assessed_on"], "2026-10-01");
    let reasons: Vec<(&str, &str)> = report["needs_review"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id"),
                r["reason"].as_str().expect("reason"),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("F1.Q2", "collision"),
            ("F1.Q3", "split"),
            ("F9.Q9", "unknown"),
            ("F1.Q3", "split")
        ]
    );
    assert_eq!(
        report["needs_review"][1]["candidates"],
        serde_json::json!(["F1.Q4", "F1.Q5"])
    );
    assert_eq!(report["written"], serde_json::Value::Null);
}

#[test]
fn dry_run_shows_the_changed_lines_and_writes_nothing() {
    let (path, original) = copy("renumbered.yaml", "migrate-dry-run");
    let (code, stdout, stderr) = run(migrate(&path).args(["--in-place", "--dry-run"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("dry run: nothing written"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), original);
    assert!(!path.with_file_name("renumbered.yaml.bak").exists());
    let files = std::fs::read_dir(path.parent().expect("dir"))
        .expect("lists")
        .count();
    assert_eq!(files, 1, "no temporary or backup file is left");
    let stable = stdout.replace(&path.display().to_string(), "renumbered.yaml");
    insta::assert_snapshot!("migrate_dry_run_diff", stable);
}

#[test]
fn a_dry_run_that_adds_the_date_shows_only_the_lines_that_change() {
    // split.yaml has no `assessed_on`: migrate adds a line, which used to turn the preview
    // into the whole file.
    let (path, original) = copy("split.yaml", "migrate-dry-run-date");
    assert!(!original.contains("assessed_on"));
    let (code, stdout, stderr) = run(migrate(&path).arg("--dry-run"));
    assert_eq!(code, 1, "the split question needs review: {stderr}");
    let hunks: Vec<&str> = stdout.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(hunks, ["@@ -3 +3,2 @@"], "{stdout}");
    assert!(
        stdout
            .contains("\n-framework: pocket@1.0\n+framework: pocket@2.0\n+assessed_on: 2026-10-01"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
}

#[test]
fn in_place_keeps_a_backup_and_never_overwrites_one() {
    let (path, original) = copy("renumbered.yaml", "migrate-in-place");
    let backup = path.with_file_name("renumbered.yaml.bak");
    let (code, stdout, stderr) = run(migrate(&path).arg("--in-place"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("(the original is"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&backup).expect("backup"), original);
    let migrated = std::fs::read_to_string(&path).expect("replaced");
    assert!(migrated.contains("framework: pocket@2.0"));

    // Already migrated: nothing to change, nothing rewritten.
    let (code, _, stderr) = run(migrate(&path).arg("--in-place"));
    assert_eq!(code, 0);
    assert!(
        stderr.contains("left as it was: nothing to change"),
        "{stderr}"
    );

    // A second migration of the old text would need the backup's place: refused, untouched.
    std::fs::write(&path, &original).expect("restores");
    let (code, _, stderr) = run(migrate(&path).args(["--in-place", "--force"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("renumbered.yaml.bak already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), original);
    assert_eq!(std::fs::read_to_string(&backup).expect("kept"), original);
}

#[test]
fn output_never_replaces_a_file_or_the_input() {
    let (path, original) = copy("renumbered.yaml", "migrate-output");
    let out = path.with_file_name("taken.yaml");
    std::fs::write(&out, "mine\n").expect("writes");
    let (code, _, stderr) = run(migrate(&path).arg("-o").arg(&out));
    assert_eq!(code, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "mine\n");
    let (code, _, _) = run(migrate(&path).arg("-o").arg(&path).arg("--force"));
    assert_eq!(
        code, 2,
        "-o never names the input; --in-place does that with a backup"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), original);
    let (code, _, _) = run(migrate(&path).arg("-o").arg(&out).arg("--force"));
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .expect("replaced")
            .contains("pocket@2.0")
    );
}

#[test]
fn byte_order_mark_and_crlf_line_ends_survive() {
    let (path, original) = copy("renumbered.yaml", "migrate-crlf");
    let crlf = format!("\u{FEFF}{}", original.replace('\n', "\r\n"));
    std::fs::write(&path, &crlf).expect("writes");
    let out = path.with_file_name("migrated.yaml");
    let (code, _, stderr) = run(migrate(&path).arg("-o").arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let migrated = std::fs::read_to_string(&out).expect("written");
    let expected = crlf
        .replacen("pocket@1.0", "pocket@2.0", 1)
        .replacen("\"F1.Q2\"", "\"F1.Q3\"", 1)
        .replacen("'F1.Q2'", "'F1.Q3'", 1);
    assert_eq!(migrated, expected);
}

#[test]
fn a_framework_that_does_not_supersede_the_file_is_refused() {
    let (path, original) = copy("renumbered.yaml", "migrate-unsupported");
    std::fs::write(&path, original.replace("pocket@1.0", "pocket@0.5")).expect("writes");
    let (code, stdout, stderr) = run(&mut migrate(&path));
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "no output: {stdout}");
    assert!(stderr.contains("error[cannot-migrate]"), "{stderr}");
    assert!(stderr.contains("renumbered.yaml:4:12"), "{stderr}");
    assert!(stderr.contains("replaces version 1.0"), "{stderr}");

    let (code, _, stderr) = run(dpisafe()
        .args(["migrate"])
        .arg(fixture("migrate/split.yaml")));
    assert_eq!(code, 2, "the embedded framework is not a pocket version");
    assert!(stderr.contains("a different framework"), "{stderr}");
}

#[test]
fn invalid_input_and_clashing_outputs_are_usage_errors() {
    let (path, original) = copy("renumbered.yaml", "migrate-invalid");
    std::fs::write(&path, original.replace("answer: partial", "answer: maybe")).expect("writes");
    let (code, stdout, stderr) = run(&mut migrate(&path));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("renumbered.yaml:15:13"), "{stderr}");

    let (code, _, stderr) =
        run(migrate(&fixture("migrate/renumbered.yaml")).args(["--report", "json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("both go to standard output"), "{stderr}");
}

#[test]
fn a_current_questionnaire_needs_nothing() {
    let path = "examples/national-id/questionnaire.yaml";
    let original = std::fs::read_to_string(crate::common::root().join(path)).expect("example");
    let (code, stdout, stderr) = run(dpisafe().args(["migrate", path]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, original, "the file comes back byte for byte");
    assert!(
        stderr.contains("written for universal-dpi-safeguards@1.0"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing needed renaming"), "{stderr}");
}

#[test]
fn framework_lint_checks_supersedes() {
    let dir = scratch("migrate-lint");
    let text = std::fs::read_to_string(fixture("migrate/pocket-2.0.yaml")).expect("fixture");
    let path = dir.join("framework.yaml");
    std::fs::write(
        &path,
        text.replace("supersedes: [\"1.0\"]", "supersedes: [\"2.0\"]"),
    )
    .expect("writes");
    let (code, _, stderr) = run(dpisafe().args(["framework", "lint"]).arg(&path));
    assert_eq!(code, 2);
    assert!(stderr.contains("error[inconsistent-framework]"), "{stderr}");
    assert!(
        stderr.contains("version 2.0 cannot supersede itself"),
        "{stderr}"
    );
    let (code, _, _) = run(dpisafe().args(["framework", "lint", NEW_FRAMEWORK]));
    assert_eq!(code, 0);
}

#[test]
fn a_file_that_would_still_be_invalid_is_not_written() {
    let (path, original) = copy("renumbered.yaml", "migrate-still-invalid");
    std::fs::write(&path, original.replace("stage: L1", "stage: L9")).expect("writes");
    let out = path.with_file_name("migrated.yaml");
    let (code, _, stderr) = run(migrate(&path).arg("-o").arg(&out));
    assert_eq!(code, 2);
    assert!(stderr.contains("error[unknown-stage]"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn answers_to_items_retired_by_the_overlap_review_carry_over_or_wait_for_a_merge() {
    let (path, original) = copy("overlaps-1.0.yaml", "migrate-overlaps");
    let out = path.with_file_name("migrated.yaml");
    let (code, _, stderr) = run(dpisafe().arg("migrate").arg(&path).arg("-o").arg(&out));
    assert_eq!(code, 1, "a merge is left for a person: {stderr}");
    assert!(stderr.contains("G-REDRESS-01 → F8.Q1"), "{stderr}");
    assert!(stderr.contains("F4.Q4 → O3.Q3"), "{stderr}");
    assert!(
        stderr.contains("O5.Q2"),
        "the collision with F1.Q1 is listed: {stderr}"
    );
    let migrated = std::fs::read_to_string(&out).expect("written");
    assert!(
        migrated.contains("  F8.Q1:   # now asked as F8.Q1"),
        "{migrated}"
    );
    assert!(
        migrated.contains("  - question: F8.Q1"),
        "the waiver follows"
    );
    assert!(
        migrated.contains("  O5.Q2:"),
        "left as it was, for a person to merge"
    );
    assert_ne!(migrated, original);
}
