//! `dpisafe assess`: the terminal summary and JSON result of every example, the result's
//! schema and round trip, merging respondents, evidence files, and exit codes.

use dpisafe::report::{Report, Status};
use dpisafe::schema::SchemaKind;

use crate::common::{dpisafe, fixture, run, scratch, stdout_of};

const EXAMPLES: [&str; 3] = ["national-id", "g2p-payments", "legal-aid-dpg"];

fn example(name: &str) -> String {
    format!("examples/{name}/questionnaire.yaml")
}

fn assess_json(args: &[&str]) -> Report {
    let mut cmd = dpisafe();
    cmd.arg("assess").args(args).args(["--format", "json"]);
    let text = stdout_of(&mut cmd);
    serde_json::from_str(&text).expect("the result decodes into the report type")
}

#[test]
fn table_summary_of_every_example() {
    for name in EXAMPLES {
        let out = stdout_of(dpisafe().args(["assess", &example(name)]));
        assert!(!out.contains('\u{1b}'), "no colour with NO_COLOR");
        insta::assert_snapshot!(format!("assess_table_{name}"), out);
    }
}

#[test]
fn the_summary_fits_80_columns_and_says_what_to_do_next() {
    for name in EXAMPLES {
        let out = stdout_of(
            dpisafe()
                .args(["assess", &example(name)])
                .env("COLUMNS", "80"),
        );
        for line in out
            .lines()
            .filter(|l| !l.trim_start().starts_with("dpisafe "))
        {
            let width = line.chars().count();
            assert!(width <= 80, "{name}: {width} columns: {line}");
        }
        assert!(
            out.contains(&format!(
                "dpisafe report {} --brief --format pdf -o brief.pdf",
                example(name)
            )),
            "{name}: the next commands name the file"
        );
    }
    let out = stdout_of(
        dpisafe()
            .args(["assess", &example("national-id")])
            .env("COLUMNS", "80"),
    );
    assert!(
        out.contains("remedy: Publish a route to enrol without"),
        "an action says what to do, not only its id"
    );
    // A label with accents is measured in columns, not bytes: its wrapped value continues
    // right under where it started.
    let fr = stdout_of(
        dpisafe()
            .args(["assess", &example("national-id"), "--lang", "fr"])
            .env("COLUMNS", "80"),
    );
    let at = fr.find("Fiabilité").expect("the confidence line");
    let start = fr[at..]
        .find(" 82.8")
        .map(|i| fr[at..at + i].chars().count() + 1);
    let next = fr[at..].lines().nth(1).expect("a continuation");
    assert_eq!(
        Some(next.len() - next.trim_start().len()),
        start,
        "continuation under the value:\n{fr}"
    );
    let wide = stdout_of(
        dpisafe()
            .args(["assess", &example("national-id")])
            .env("COLUMNS", "200"),
    );
    assert!(
        wide.lines().count() < out.lines().count(),
        "a wider terminal wraps less"
    );
}

#[test]
fn json_result_of_every_example_validates_and_round_trips() {
    for name in EXAMPLES {
        let text = stdout_of(dpisafe().args(["assess", &example(name), "--format", "json"]));
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            SchemaKind::Report.check_json(&value),
            Vec::<String>::new(),
            "{name} does not match schemas/report.schema.json"
        );
        let report: Report = serde_json::from_value(value).expect("decodes");
        let again = serde_json::to_string_pretty(&report).expect("encodes") + "\n";
        assert_eq!(
            again, text,
            "{name}: decoding and encoding changes the result"
        );
        assert_eq!(report.principles.len(), 18);
        assert_eq!(report.risks.len(), 13);
        assert_eq!(report.stages.len(), 5);
        assert_eq!(report.authorities.len(), 5);
    }
}

#[test]
fn json_result_snapshot() {
    let text = stdout_of(dpisafe().args([
        "assess",
        "tests/fixtures/check/payment-rail.yaml",
        "--format",
        "json",
    ]));
    insta::assert_snapshot!("assess_json_payment_rail", text);
}

#[test]
fn same_input_gives_identical_bytes() {
    for format in ["table", "json"] {
        let first =
            stdout_of(dpisafe().args(["assess", &example("g2p-payments"), "--format", format]));
        let second =
            stdout_of(dpisafe().args(["assess", &example("g2p-payments"), "--format", format]));
        assert_eq!(first, second, "{format} differs between runs");
    }
}

#[test]
fn critical_failures_are_named_and_cap_the_scores() {
    let report = assess_json(&[&example("national-id")]);
    assert!(
        report
            .summary
            .critical_failures
            .contains(&"F3.Q1".to_owned())
    );
    let f3 = report.principles.iter().find(|p| p.id == "F3").expect("F3");
    assert_eq!(f3.capped_by.as_deref(), Some("F3.Q1"));
    assert!(f3.score.is_some_and(|s| s <= 39.0));
    assert!(report.summary.score.is_some_and(|s| s <= 59.0));
}

#[test]
fn the_action_plan_puts_critical_failures_first_with_owners() {
    let report = assess_json(&[&example("national-id")]);
    let first = &report.actions[0];
    assert_eq!(format!("{:?}", first.priority), "Critical");
    assert!(first.authority.is_some() && first.stage.is_some());
    let ranks: Vec<usize> = report.actions.iter().map(|a| a.rank).collect();
    assert_eq!(ranks, (1..=report.actions.len()).collect::<Vec<_>>());
    let shortfalls = report
        .findings
        .iter()
        .filter(|f| f.status.is_shortfall())
        .count();
    let remedies = report
        .actions
        .iter()
        .filter(|a| matches!(format!("{:?}", a.kind).as_str(), "Remedy" | "Complete"))
        .count();
    assert_eq!(shortfalls, remedies, "every shortfall becomes an action");
    assert!(
        report.actions.iter().any(|a| !a.support.is_empty()),
        "actions name kinds of international support"
    );
}

#[test]
fn the_widow_whose_benefits_froze_shows_up_in_the_g2p_example() {
    let report = assess_json(&[&example("g2p-payments")]);
    let finding = report
        .findings
        .iter()
        .find(|f| f.question == "G-LIFE-03")
        .expect("G-LIFE-03 applies to payments");
    assert_eq!(finding.status, Status::No);
    assert!(report.actions.iter().any(|a| a.question == "G-LIFE-03"));
}

#[test]
fn merge_lists_disagreements_and_counts_the_least_favourable_answer() {
    let report = assess_json(&[
        "tests/fixtures/check/payment-rail.yaml",
        "tests/fixtures/merge/civil-society.yaml",
        "--merge",
    ]);
    let disputed: Vec<&str> = report
        .disagreements
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    assert_eq!(disputed, ["F3.Q1", "F8.Q3"]);
    let table = stdout_of(dpisafe().args([
        "assess",
        "tests/fixtures/check/payment-rail.yaml",
        "tests/fixtures/merge/civil-society.yaml",
        "--merge",
    ]));
    assert!(
        table.contains("  F8.Q3  ") && table.contains("Recipients' Rights Network no"),
        "the terminal names who said what:\n{table}"
    );
    let f8 = &report.disagreements[1];
    assert_eq!(f8.counted, Status::No);
    assert_eq!(f8.stances.len(), 2);
    assert_eq!(f8.stances[1].respondent, "Recipients' Rights Network");
    assert_eq!(f8.stances[1].location.line, 18);
    let finding = report
        .findings
        .iter()
        .find(|f| f.question == "F8.Q3")
        .expect("F8.Q3");
    assert_eq!(finding.status, Status::No, "the sceptical answer counts");
    assert_eq!(report.assessment.respondents.len(), 2);
    assert_eq!(
        report
            .assessment
            .assessed_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-10-15"),
        "the latest date"
    );
}

#[test]
fn merge_refuses_different_deployments_and_several_files_need_merge() {
    let (code, out, err) = run(dpisafe().args([
        "assess",
        "tests/fixtures/check/payment-rail.yaml",
        "tests/fixtures/merge/other-deployment.yaml",
        "--merge",
    ]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("merge-conflict") && err.contains("Another payment rail"),
        "{err}"
    );
    let (code, _, err) = run(dpisafe().args([
        "assess",
        "tests/fixtures/check/payment-rail.yaml",
        "tests/fixtures/merge/civil-society.yaml",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("--merge"), "{err}");
}

#[test]
fn missing_and_altered_evidence_files_are_findings_not_crashes() {
    let dir = scratch("evidence");
    let text = std::fs::read_to_string(fixture("check/payment-rail.yaml")).expect("fixture");
    let text = text
        .replace("evidence/grievance.md", "evidence/no-such-file.md")
        .replace("569b9bbd63b0", "000000000000");
    std::fs::write(dir.join("q.yaml"), text).expect("write");
    std::fs::create_dir_all(dir.join("evidence")).expect("dir");
    std::fs::copy(
        fixture("check/evidence/hria.md"),
        dir.join("evidence/hria.md"),
    )
    .expect("copy");
    let q = dir.join("q.yaml");
    let output = dpisafe()
        .args(["assess", "--format", "json", "--as-of", "2026-10-01"])
        .arg(&q)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("warning[evidence-missing]"), "{err}");
    assert!(err.contains("warning[evidence-changed]"), "{err}");
    assert!(
        err.contains("q.yaml:61:9"),
        "the missing file is located: {err}"
    );
    let report: Report = serde_json::from_slice(&output.stdout).expect("JSON");
    let f8 = report
        .findings
        .iter()
        .find(|f| f.question == "F8.Q3")
        .expect("F8.Q3");
    assert_eq!(
        f8.confidence.map(|c| format!("{c:?}")).as_deref(),
        Some("Claimed"),
        "a yes resting only on a missing file is claimed"
    );
    let codes: Vec<&str> = report.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["evidence-changed", "evidence-missing"]);
}

#[test]
fn output_file_is_written_and_inputs_are_never_overwritten() {
    let dir = scratch("assess-output");
    let out = dir.join("result.json");
    dpisafe()
        .args([
            "assess",
            &example("legal-aid-dpg"),
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let written: Report =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(written.assessment.deployment.stage, "L5");
    let before = std::fs::read(fixture("check/payment-rail.yaml")).expect("fixture");
    let (code, _, err) = run(dpisafe().args([
        "assess",
        "tests/fixtures/check/payment-rail.yaml",
        "--force",
        "-o",
        "tests/fixtures/check/payment-rail.yaml",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("one of the input files"), "{err}");
    assert_eq!(
        std::fs::read(fixture("check/payment-rail.yaml")).expect("fixture"),
        before
    );
}

#[test]
fn invalid_input_exits_2_and_writes_nothing() {
    let dir = scratch("assess-invalid");
    let out = dir.join("result.json");
    let (code, stdout, err) = run(dpisafe()
        .args([
            "assess",
            "tests/fixtures/questionnaires/invalid/unknown-question-id.yaml",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(err.contains("unknown-question-id.yaml:"), "{err}");
    assert!(!out.exists());
    let (code, _, _) = run(dpisafe().args(["assess", "no-such-file.yaml"]));
    assert_eq!(code, 2);
    let (code, _, err) =
        run(dpisafe().args(["assess", &example("national-id"), "--as-of", "2026-02-30"]));
    assert_eq!(code, 2);
    assert!(err.contains("not a real date"), "{err}");
}

#[test]
fn as_of_and_source_date_epoch_decide_waiver_expiry() {
    let expired = |report: &Report| {
        report
            .findings
            .iter()
            .filter_map(|f| f.waiver.as_ref())
            .filter(|w| w.expired)
            .count()
    };
    let before = assess_json(&[
        "tests/fixtures/check/payment-rail.yaml",
        "--as-of",
        "2027-03-31",
    ]);
    assert_eq!(
        expired(&before),
        0,
        "a waiver holds through its expiry date"
    );
    let after = assess_json(&[
        "tests/fixtures/check/payment-rail.yaml",
        "--as-of",
        "2027-04-01",
    ]);
    assert_eq!(expired(&after), 1);
    let text = stdout_of(
        dpisafe()
            .env("SOURCE_DATE_EPOCH", "1806537600") // 2027-04-01
            .args([
                "assess",
                "tests/fixtures/check/payment-rail.yaml",
                "--format",
                "json",
            ]),
    );
    let epoch: Report = serde_json::from_str(&text).expect("JSON");
    assert_eq!(epoch.assessment.as_of.to_string(), "2027-04-01");
    assert_eq!(expired(&epoch), 1);
}

#[test]
fn colour_only_when_asked_and_tables_stay_aligned() {
    let out = stdout_of(dpisafe().args(["--color", "always", "assess", &example("national-id")]));
    assert!(
        out.contains("\u{1b}[31mfailing\u{1b}[0m"),
        "bands are coloured"
    );
    let mut visible = String::new();
    let mut in_escape = false;
    for c in out.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (false, c) => visible.push(c),
            (true, _) => {}
        }
    }
    let widths: std::collections::BTreeSet<usize> = visible
        .lines()
        .skip_while(|l| !l.starts_with('┌'))
        .take_while(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    assert_eq!(
        widths.len(),
        1,
        "every row of the principles table is as wide:\n{visible}"
    );
}

#[test]
fn the_library_pipeline_merges_respondents_and_reports_every_problem() {
    use dpisafe::assessment;
    use dpisafe::source::{Limits, SourceFile};
    let limits = Limits::default();
    let framework = assessment::embedded_framework();
    let read =
        |path: &str| assessment::read(std::path::Path::new(path), &limits).expect("readable");
    let sources = [
        read("examples/national-id/questionnaire.yaml"),
        read("examples/national-id/civil-society.yaml"),
    ];
    let loaded = assessment::load(framework, &sources, &limits, &Default::default());
    let merged = loaded
        .value
        .expect("two respondents of one deployment merge");
    assert_eq!(merged.questionnaire.respondents.len(), 2);
    let as_of = merged.questionnaire.assessed_on;
    let report = merged.report(framework, as_of);
    assert_eq!(report.disagreements.len(), merged.disagreements.len());

    let broken = SourceFile::new("broken.yaml", "dpisafe: 1\nanswers: [\n");
    let loaded = assessment::load(
        framework,
        &[sources[0].clone(), broken],
        &limits,
        &Default::default(),
    );
    assert!(loaded.value.is_none(), "one invalid file stops the merge");
    assert!(
        loaded.diagnostics.iter().any(|d| d.file == "broken.yaml"),
        "its problem is returned: {:?}",
        loaded.diagnostics
    );
}
