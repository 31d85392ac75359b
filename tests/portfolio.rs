//! `dpisafe portfolio`: inputs (files, directories, quoted patterns, saved results), bad files
//! skipped or fatal with --strict, redaction, every format, order, grouping and determinism.

use serde_json::Value;

use crate::common::{dpisafe, run, scratch, stdout_of};

const PROGRAMMES: &str = "tests/fixtures/portfolio/programmes";
const BAD: &str = "tests/fixtures/portfolio/bad";
const LEGAL_AID: &str = "examples/legal-aid-dpg/questionnaire.yaml";

/// The portfolio's JSON for these arguments (the command must succeed).
fn json(args: &[&str]) -> Value {
    let out = stdout_of(
        dpisafe()
            .arg("portfolio")
            .args(args)
            .args(["--format", "json"]),
    );
    serde_json::from_str(&out).expect("JSON")
}

/// The row labels of every group, in order.
fn labels(portfolio: &Value) -> Vec<Vec<String>> {
    portfolio["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            g["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|r| r["label"].as_str().expect("label").to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn bad_files_are_reported_skipped_and_listed() {
    let (code, out, err) = run(dpisafe().args(["portfolio", PROGRAMMES, BAD, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    // Each bad file's problem, located, on stderr.
    assert!(
        err.contains("error[yaml-syntax]") && err.contains("bad/syntax.yaml:7:8"),
        "{err}"
    );
    assert!(
        err.contains("error[unknown-question]") && err.contains("bad/unknown-question.yaml:31:3"),
        "{err}"
    );
    assert!(err.contains("skipped 2 invalid inputs"), "{err}");
    // Hidden directories and `target` are not walked (their files are invalid on purpose).
    assert!(
        !err.contains(".drafts") && !err.contains("target/"),
        "{err}"
    );
    let portfolio: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(portfolio["deployments"], 2);
    let skipped = portfolio["skipped"].as_array().expect("skipped");
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0]["problems"], serde_json::json!(["yaml-syntax"]));
    assert_eq!(
        skipped[1]["problems"],
        serde_json::json!(["unknown-question"])
    );
    // Redacted by default: the skipped file is named by its position only.
    assert_eq!(skipped[0]["file"], Value::Null);
    assert_eq!(skipped[0]["input"], 4);
    let table = stdout_of(dpisafe().args(["portfolio", PROGRAMMES, BAD]));
    assert!(table.contains("input 4 (yaml-syntax)"), "{table}");
}

#[test]
fn strict_makes_any_bad_file_fatal_with_no_output() {
    let (code, out, err) = run(dpisafe().args(["portfolio", PROGRAMMES, BAD, "--strict"]));
    assert_eq!(code, 2);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("2 inputs are invalid or unreadable with --strict"),
        "{err}"
    );
    let dir = scratch("portfolio-strict");
    let target = dir.join("p.json");
    let (code, _, _) = run(dpisafe()
        .args([
            "portfolio",
            PROGRAMMES,
            BAD,
            "--strict",
            "--format",
            "json",
            "-o",
        ])
        .arg(&target));
    assert_eq!(code, 2);
    assert!(!target.exists(), "nothing is written under --strict");
    // Without bad files, --strict changes nothing.
    let (code, _, err) = run(dpisafe().args(["portfolio", PROGRAMMES, "--strict"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn no_readable_input_exits_2() {
    let (code, out, err) = run(dpisafe().args(["portfolio", BAD]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no questionnaire or result could be read"),
        "{err}"
    );
    let (code, _, err) =
        run(dpisafe().args(["portfolio", "tests/fixtures/portfolio/nowhere/*.yaml"]));
    assert_eq!(code, 2);
    assert!(err.contains("no file matches"), "{err}");
}

#[test]
fn a_saved_result_is_a_row_like_a_questionnaire() {
    let dir = scratch("portfolio-result");
    let result = dir.join("legal-aid.json");
    let (code, _, err) = run(dpisafe()
        .args(["assess", LEGAL_AID, "--format", "json", "-o"])
        .arg(&result));
    assert_eq!(code, 0, "{err}");
    let from_result = json(&[result.to_str().expect("path")]);
    let from_questionnaire = json(&[LEGAL_AID]);
    assert_eq!(from_result["deployments"], 1);
    // The same figures whether the file is scored now or was scored before.
    assert_eq!(from_result["groups"], from_questionnaire["groups"]);
    // A JSON file that is not a result is read as a questionnaire and rejected.
    let other = dir.join("other.json");
    std::fs::write(&other, "{\"dpisafe_report\": 99}").expect("writes");
    let (code, _, err) = run(dpisafe().args(["portfolio", PROGRAMMES]).arg(&other));
    assert_eq!(code, 0);
    assert!(
        err.contains("error[invalid-result]") && err.contains("report format 99"),
        "{err}"
    );
}

#[test]
fn directories_and_quoted_patterns_expand_in_sorted_order() {
    // The two respondents of the national ID, same deployment and date, are one row.
    let from_dir = json(&[PROGRAMMES]);
    assert_eq!(
        labels(&from_dir),
        [[
            "National Digital ID — phase 2",
            "Social protection cash transfer payment rail"
        ]]
    );
    let open = json(&[PROGRAMMES, "--no-redact"]);
    let id = &open["groups"][0]["rows"][0];
    assert_eq!(id["respondents"].as_array().expect("respondents").len(), 2);
    assert!(
        id["file"].as_str().expect("file").contains(".yaml + "),
        "{id}"
    );
    let pattern = format!("{PROGRAMMES}/*/questionnaire.yaml");
    let from_pattern = json(&[&pattern]);
    assert_eq!(
        labels(&from_pattern),
        [[
            "National Digital ID — phase 2",
            "Social protection cash transfer payment rail"
        ]]
    );
    // A file reached twice (directory and pattern) is one row.
    let both = json(&[PROGRAMMES, &pattern]);
    assert_eq!(both["deployments"], 2);
}

#[test]
fn redaction_is_on_by_default_and_no_redact_adds_respondents_and_files() {
    for format in ["table", "md", "html", "csv", "json"] {
        let redacted = stdout_of(dpisafe().args(["portfolio", PROGRAMMES, "--format", format]));
        assert!(
            !redacted.contains("Villanueva") && !redacted.contains("Registry Office"),
            "{format}: respondent shown"
        );
        assert!(
            !redacted.contains("regulator.yaml"),
            "{format}: source path shown"
        );
        let open =
            stdout_of(dpisafe().args(["portfolio", PROGRAMMES, "--format", format, "--no-redact"]));
        assert!(
            open.contains("Maria Teresa Villanueva") && open.contains("Ramon Dela Cruz"),
            "{format}: respondents missing"
        );
        assert!(open.contains("regulator.yaml"), "{format}: file missing");
    }
}

#[test]
fn rows_follow_names_unless_sorted_by_score() {
    let by_name = json(&[PROGRAMMES, LEGAL_AID]);
    assert_eq!(
        labels(&by_name)[0],
        [
            "Counter-trafficking legal aid and labour grievance platform",
            "National Digital ID — phase 2",
            "Social protection cash transfer payment rail",
        ]
    );
    let by_score = json(&[PROGRAMMES, LEGAL_AID, "--sort", "score"]);
    let scores: Vec<f64> = by_score["groups"][0]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["score"].as_f64().expect("scored"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(
        labels(&by_score)[0][0],
        "Counter-trafficking legal aid and labour grievance platform"
    );
    // The labels stay those of name order, so a row keeps its name in every order.
    let mut sorted = labels(&by_score)[0].clone();
    sorted.sort();
    assert_eq!(sorted, labels(&by_name)[0]);
}

#[test]
fn group_by_block_stage_and_country() {
    let blocks = json(&[PROGRAMMES, LEGAL_AID, "--group-by", "block"]);
    let names: Vec<&str> = blocks["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["key"].as_str().expect("key"))
        .collect();
    assert_eq!(names, ["id", "payments", "data-exchange", "gbv-service"]);
    // The payment rail has two building blocks, so it is in both groups.
    let rail = "Social protection cash transfer payment rail".to_owned();
    let labels = labels(&blocks);
    assert!(labels[1].contains(&rail) && labels[2].contains(&rail));
    assert_eq!(blocks["deployments"], 3, "each row counted once");
    let table = stdout_of(dpisafe().args(["portfolio", PROGRAMMES, "--group-by", "block"]));
    assert!(table.contains("appears in the group of each"), "{table}");

    let stages = json(&[PROGRAMMES, LEGAL_AID, "--group-by", "stage"]);
    let keys: Vec<&str> = stages["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["key"].as_str().expect("key"))
        .collect();
    assert_eq!(keys, ["L4", "L5"]);
    let countries = json(&[PROGRAMMES, LEGAL_AID, "--group-by", "country"]);
    let groups = countries["groups"].as_array().expect("groups");
    let keys: Vec<&str> = groups
        .iter()
        .map(|g| g["key"].as_str().expect("key"))
        .collect();
    assert_eq!(keys, ["KE", "PH", "TH"]);
    // Each group has its own summary.
    assert_eq!(groups[1]["summary"]["deployments"], 1);
}

#[test]
fn summaries_count_weak_principles_and_critical_failures() {
    let portfolio = json(&[PROGRAMMES]);
    let summary = &portfolio["groups"][0]["summary"];
    let f3 = summary["principles"]
        .as_array()
        .expect("principles")
        .iter()
        .find(|p| p["id"] == "F3")
        .expect("F3");
    // The merged national-ID row is weak or failing on F3; the rail is weak too.
    assert_eq!(f3["scored"], 2);
    assert_eq!(f3["weak_or_worse"], 2);
    let weakest = summary["weakest_principles"].as_array().expect("weakest");
    assert_eq!(weakest.len(), 5);
    let risks = summary["risks"].as_array().expect("risks");
    let means: Vec<f64> = risks.iter().filter_map(|r| r["mean"].as_f64()).collect();
    assert!(
        means.windows(2).all(|w| w[0] >= w[1]),
        "highest exposure first"
    );
    let critical = summary["critical_failures"].as_array().expect("critical");
    // Both national-ID respondents answer F3.Q1 `no`: one deployment, counted once.
    let f3q1 = critical
        .iter()
        .find(|c| c["question"] == "F3.Q1")
        .expect("F3.Q1");
    assert_eq!(f3q1["deployments"], 1);
    assert_eq!(f3q1["principle"], "F3");
}

#[test]
fn json_matches_its_schema() {
    let portfolio = json(&[PROGRAMMES, BAD, "--group-by", "block", "--no-redact"]);
    assert_eq!(portfolio["dpisafe_portfolio"], 1);
    let problems = dpisafe::schema::SchemaKind::Portfolio.check_json(&portfolio);
    assert!(problems.is_empty(), "{problems:?}");
    let schema = stdout_of(dpisafe().args(["schema", "portfolio"]));
    assert!(schema.contains("dpisafe portfolio"));
}

#[test]
fn a_questionnaire_without_a_date_is_refused_even_with_as_of() {
    let dir = scratch("portfolio-undated");
    let text = std::fs::read_to_string(LEGAL_AID).expect("example");
    let undated: String = text
        .lines()
        .filter(|l| !l.starts_with("assessed_on:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let file = dir.join("undated.yaml");
    std::fs::write(&file, undated).expect("writes");
    for extra in [&[][..], &["--as-of", "2026-11-01"][..]] {
        let (code, out, err) = run(dpisafe().arg("portfolio").arg(&file).args(extra));
        assert_eq!(code, 2, "the only input is skipped: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("error[missing-key]") && err.contains("assessed_on: 2026-10-01"),
            "the hint shows the line to add: {err}"
        );
    }
}

#[test]
fn output_file_is_written_atomically_and_never_over_an_input() {
    let dir = scratch("portfolio-output");
    let target = dir.join("portfolio.csv");
    let (code, _, err) = run(dpisafe()
        .args(["portfolio", PROGRAMMES, "--format", "csv", "-o"])
        .arg(&target));
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(&target).expect("written");
    assert!(csv.starts_with("group,label,country,stage,"));
    assert!(csv.ends_with("\r\n"));
    let (code, _, err) = run(dpisafe()
        .args(["portfolio", PROGRAMMES, "--format", "csv", "-o"])
        .arg(&target));
    assert_eq!(code, 2, "an existing file needs --force");
    assert!(err.contains("--force"), "{err}");
    let input = format!("{PROGRAMMES}/ke-rail/questionnaire.yaml");
    let (code, _, _) = run(dpisafe().args(["portfolio", PROGRAMMES, "--force", "-o", &input]));
    assert_eq!(code, 2, "an input is never overwritten");
}

#[test]
fn csv_text_that_reads_as_a_formula_is_prefixed() {
    let csv = stdout_of(dpisafe().args([
        "portfolio",
        "tests/fixtures/portfolio/formula",
        "--format",
        "csv",
        "--no-redact",
    ]));
    let row = csv.lines().nth(1).expect("a row");
    assert!(
        row.starts_with(
            "All deployments,\"'=HYPERLINK(\"\"http://example.invalid/x\"\",\"\"Open\"\")\",KE,"
        ),
        "the name is text, not a formula: {row}"
    );
    assert!(row.contains(",'-Ann Example,"), "respondents too: {row}");
    assert!(
        row.contains(",2026-10-01,25.0,not rated,3.1,0,1,89,,25.0,"),
        "numbers are never prefixed: {row}"
    );
    let markdown = stdout_of(dpisafe().args([
        "portfolio",
        "tests/fixtures/portfolio/formula",
        "--format",
        "md",
    ]));
    assert!(
        !markdown.contains("'=HYPERLINK"),
        "only the CSV, which spreadsheets open, is prefixed"
    );
}

#[test]
fn every_format_snapshot() {
    for format in ["table", "md", "html", "csv", "json"] {
        let out = stdout_of(dpisafe().args([
            "portfolio",
            PROGRAMMES,
            BAD,
            LEGAL_AID,
            "--format",
            format,
        ]));
        insta::assert_snapshot!(format!("portfolio_{format}"), out);
    }
    let grouped = stdout_of(dpisafe().args([
        "portfolio",
        PROGRAMMES,
        LEGAL_AID,
        "--group-by",
        "block",
        "--no-redact",
    ]));
    insta::assert_snapshot!("portfolio_table_by_block_unredacted", grouped);
}

#[test]
fn output_is_the_same_bytes_whatever_the_threads() {
    let args = ["portfolio", "examples", PROGRAMMES, BAD, "--format", "json"];
    let one = stdout_of(dpisafe().env("RAYON_NUM_THREADS", "1").args(args));
    let four = stdout_of(dpisafe().env("RAYON_NUM_THREADS", "4").args(args));
    let again = stdout_of(dpisafe().env("RAYON_NUM_THREADS", "4").args(args));
    assert_eq!(one, four);
    assert_eq!(four, again);
    for format in ["table", "md", "html", "csv"] {
        let a = stdout_of(dpisafe().args(["portfolio", "examples", "--format", format]));
        let b = stdout_of(dpisafe().args(["portfolio", "examples", "--format", format]));
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn html_is_self_contained_and_accessible() {
    let html = stdout_of(dpisafe().args(["portfolio", PROGRAMMES, "--format", "html"]));
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("src=\""),
        "no external requests"
    );
    assert!(html.contains("<th scope=\"col\""));
    assert!(html.contains("<th scope=\"row\""));
    // The heat map prints the number in each coloured cell.
    assert!(
        html.contains("<td class=\"num b-weak\">58.3</td>"),
        "{html}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_names_every_deployment_and_is_reproducible() {
    let dir = scratch("portfolio-pdf");
    let first = dir.join("a.pdf");
    let second = dir.join("b.pdf");
    for path in [&first, &second] {
        let (code, _, err) = run(dpisafe()
            .args(["portfolio", PROGRAMMES, LEGAL_AID, "--format", "pdf", "-o"])
            .arg(path));
        assert_eq!(code, 0, "{err}");
    }
    let a = std::fs::read(&first).expect("pdf");
    assert!(a.starts_with(b"%PDF"));
    assert_eq!(a, std::fs::read(&second).expect("pdf"), "byte-identical");
    let text = crate::pdf::text(&first);
    for name in [
        "National Digital ID — phase 2",
        "Social protection cash transfer payment rail",
        "Counter-trafficking legal aid and labour grievance platform",
    ] {
        assert!(text.contains(name), "{name} missing from the PDF");
    }
    // Dated with the latest assessed_on among the rows, not today.
    assert!(text.contains("2026-10-14"), "{text}");
}

#[test]
fn a_policy_found_beside_the_questionnaires_is_left_out_not_reported() {
    let (code, out, err) =
        run(dpisafe().args(["portfolio", "examples/policy-repo", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let portfolio: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(portfolio["skipped"].as_array().map(Vec::len), Some(0));
    assert!(
        err.contains("left out 1 file of another dpisafe format") && err.contains("(policy)"),
        "{err}"
    );
    assert!(!err.contains("error["), "{err}");

    // Named on the command line, the same file is read, and reported as not a questionnaire.
    let (code, _, err) = run(dpisafe().args([
        "portfolio",
        "examples/policy-repo/dpisafe-policy.yaml",
        "--strict",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("dpisafe-policy.yaml:"), "{err}");
}

#[test]
fn the_terminal_table_fits_columns_and_never_wraps_a_row() {
    let wide = stdout_of(
        dpisafe()
            .args(["portfolio", "examples"])
            .env_remove("COLUMNS"),
    );
    assert_eq!(
        wide.lines()
            .filter(|l| l.starts_with(" Deployment "))
            .count(),
        1,
        "piped without COLUMNS: one matrix, one line per row"
    );
    let narrow = stdout_of(
        dpisafe()
            .args(["portfolio", "examples"])
            .env("COLUMNS", "80"),
    );
    for line in narrow.lines().filter(|l| l.contains(" | ")) {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let headers: Vec<&str> = narrow
        .lines()
        .filter(|l| l.starts_with(" Deployment "))
        .collect();
    assert!(headers.len() > 1, "split into several tables: {narrow}");
    for id in ["F1", "F9", "O1", "O9", "Overall", "Crit"] {
        assert!(
            headers.iter().any(|h| h.split('|').any(|c| c.trim() == id)),
            "{id} is in one of the tables"
        );
    }
}

#[test]
fn examples_are_four_deployments_with_respondents_merged_and_history_kept() {
    let (code, out, err) =
        run(dpisafe().args(["portfolio", "examples", "--format", "json", "--no-redact"]));
    assert_eq!(code, 0, "{err}");
    let portfolio: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(portfolio["deployments"], 4);
    let rows = portfolio["groups"][0]["rows"].as_array().expect("rows");
    let id = rows
        .iter()
        .find(|r| r["deployment"] == "National Digital ID — phase 2")
        .expect("national ID");
    assert_eq!(id["respondents"].as_array().expect("list").len(), 2, "{id}");
    let repo = rows
        .iter()
        .find(|r| r["deployment"] == "Inter-agency data exchange — pilot")
        .expect("policy repository");
    assert_eq!(
        repo["assessed_on"], "2026-08-03",
        "the regressed variant is the latest"
    );
    assert_eq!(repo["history"][0]["assessed_on"], "2026-07-01");
    assert!(
        err.contains("(policy)"),
        "the policy beside them is left out: {err}"
    );
}

#[test]
fn unrated_rows_are_shown_but_left_out_of_the_means() {
    let thin = "tests/calibration/five-answers-only.yaml";
    let with = json(&[LEGAL_AID, thin]);
    let without = json(&[LEGAL_AID]);
    assert_eq!(with["deployments"], 2);
    let summary = &with["groups"][0]["summary"];
    assert_eq!(summary["unrated"], 1);
    assert_eq!(
        summary["mean_score"], without["groups"][0]["summary"]["mean_score"],
        "five answers do not move the mean"
    );
    assert_eq!(
        summary["principles"],
        without["groups"][0]["summary"]["principles"]
    );
    let table = stdout_of(dpisafe().args(["portfolio", LEGAL_AID, thin]));
    assert!(table.contains("not rated — 8 % answered"), "{table}");
    assert!(table.contains("1 row is not rated"), "{table}");
    let csv = stdout_of(dpisafe().args(["portfolio", LEGAL_AID, thin, "--format", "csv"]));
    assert!(csv.contains(",not rated,"), "{csv}");
}

#[test]
fn saved_results_met_in_a_directory_are_not_deployments() {
    let dir = scratch("portfolio-results-beside");
    std::fs::copy(LEGAL_AID, dir.join("questionnaire.yaml")).expect("copies");
    let result = stdout_of(dpisafe().args(["assess", LEGAL_AID, "--format", "json"]));
    std::fs::write(dir.join("baseline.json"), &result).expect("writes");
    let (code, out, err) = run(dpisafe()
        .arg("portfolio")
        .arg(&dir)
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let portfolio: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(portfolio["deployments"], 1, "{err}");
    assert!(err.contains("(result)"), "{err}");
    // Named, it is read.
    let named = json(&[dir.join("baseline.json").to_str().expect("path")]);
    assert_eq!(named["deployments"], 1);
}

/// Links that loop back up the tree neither hang a `**` pattern nor count a file twice.
#[cfg(unix)]
#[test]
fn a_pattern_over_link_loops_finishes_and_reads_each_file_once() {
    let dir = scratch("portfolio-link-loops");
    let deep = dir.join("a/b");
    std::fs::create_dir_all(&deep).expect("dirs");
    std::fs::copy(LEGAL_AID, dir.join("a/q.yaml")).expect("copies");
    for name in ["l1", "l2", "l3", "l4"] {
        std::os::unix::fs::symlink("../..", deep.join(name)).expect("link");
    }
    let pattern = format!("{}/**/*.yaml", dir.display());
    // Followed, the four links would make the walk run for hours; walked, the file is one row.
    let portfolio = json(&[&pattern]);
    assert_eq!(portfolio["deployments"], 1);
}
