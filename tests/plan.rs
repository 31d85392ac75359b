//! The action register: `plan init`, `plan update`, `--plan` in assess, report and check, and
//! its diagnostics.

use crate::common::{dpisafe, fixture, run, scratch, stdout_of};

const QUESTIONNAIRE: &str = "examples/policy-repo/questionnaire.yaml";
const REGRESSED: &str = "examples/policy-repo/regressed/questionnaire.yaml";

fn plan_fixture(name: &str) -> String {
    fixture(&format!("plan/{name}")).display().to_string()
}

#[test]
fn plan_init_lists_every_action_open_with_what_it_is() {
    let dir = scratch("plan-init");
    let out = dir.join("plan.yaml");
    let (code, _, err) = run(dpisafe()
        .args(["plan", "init", QUESTIONNAIRE, "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("10 actions listed"), "{err}");
    let text = std::fs::read_to_string(&out).expect("written");
    insta::assert_snapshot!("plan_init_policy_repo", text);
    // What it wrote reads back as a register for the same assessment, with nothing stale.
    let (code, _, err) = run(dpisafe()
        .args(["assess", QUESTIONNAIRE, "--plan"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("plan-stale"), "{err}");
    // A second run does not replace the register the team has been filling in.
    let (code, _, err) = run(dpisafe()
        .args(["plan", "init", QUESTIONNAIRE, "-o"])
        .arg(&out));
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), text);
}

#[test]
fn report_with_a_plan_shows_owners_due_dates_and_what_is_overdue() {
    let plan = plan_fixture("policy-repo.yaml");
    let md =
        stdout_of(dpisafe().args(["report", QUESTIONNAIRE, "--format", "md", "--plan", &plan]));
    assert!(
        md.contains("Owner: Ministry of Justice, legal drafting unit · due 2026-06-30 · in progress · overdue"),
        "{md}"
    );
    assert!(
        md.contains("Owner: Programme office · due 2026-12-31 · open"),
        "{md}"
    );
    assert!(md.contains("No owner yet · not planned"), "{md}");
    let html =
        stdout_of(dpisafe().args(["report", QUESTIONNAIRE, "--format", "html", "--plan", &plan]));
    assert!(
        html.contains("4 of 10 actions tracked; 1 overdue on 2026-07-01"),
        "{html}"
    );
    assert!(
        html.contains("6 actions are not in the register yet"),
        "{html}"
    );
    let brief = stdout_of(dpisafe().args([
        "report",
        QUESTIONNAIRE,
        "--brief",
        "--format",
        "md",
        "--plan",
        &plan,
    ]));
    assert!(
        brief.contains("Owner: Technology provider · due 2027-03-31"),
        "{brief}"
    );
    assert!(
        brief.contains(
            "How to unblock the action past its due date in the register: A-F8.Q3 · Ministry of \
             Justice, legal drafting unit · due 2026-06-30."
        ),
        "what to decide names the overdue action, its owner and date: {brief}"
    );
    let json =
        stdout_of(dpisafe().args(["assess", QUESTIONNAIRE, "--format", "json", "--plan", &plan]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["plan"]["overdue"], serde_json::json!(["A-F8.Q3"]));
    assert_eq!(value["actions"][0]["id"], "A-F8.Q3");
    assert_eq!(value["actions"][0]["tracking"]["status"], "in-progress");
    assert_eq!(value["actions"][0]["tracking"]["overdue"], true);
    let table = stdout_of(
        dpisafe()
            .args(["assess", QUESTIONNAIRE, "--plan", &plan])
            .env("COLUMNS", "80"),
    );
    // Commands are kept whole, to be copied; everything else fits.
    let prose = table
        .lines()
        .filter(|l| !l.trim_start().starts_with("dpisafe "));
    assert!(prose.clone().all(|l| l.chars().count() <= 80), "{table}");
    assert!(
        table.contains("--plan"),
        "the next commands keep the register: {table}"
    );
}

#[test]
fn plan_update_marks_what_closed_and_adds_what_opened() {
    let dir = scratch("plan-update");
    let out = dir.join("plan-2.yaml");
    let plan = plan_fixture("policy-repo.yaml");
    let (code, _, err) = run(dpisafe()
        .args(["plan", "update", REGRESSED, "--plan", &plan, "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("closed (marked done): A-F7.Q1"), "{err}");
    assert!(err.contains("opened: A-O3.Q3"), "{err}");
    let text = std::fs::read_to_string(&out).expect("written");
    let entry = |id: &str| {
        let at = text.find(&format!("id: \"{id}\"")).expect(id);
        text[at..]
            .split("\n  -")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        entry("A-F7.Q1").contains("status: done\n    closed_on: 2026-08-03"),
        "{text}"
    );
    assert!(
        entry("A-F7.Q1").contains("owner: \"Programme office\""),
        "{text}"
    );
    assert!(entry("A-O3.Q3").contains("status: open"), "{text}");
    assert!(
        entry("A-F8.Q3").contains("notes: \"Drafting started in June 2026.\""),
        "{text}"
    );
    assert!(text.contains("assessed_on: 2026-08-03"), "{text}");
    // The updated register reads back cleanly against the newer assessment.
    let (code, _, err) = run(dpisafe().args(["assess", REGRESSED, "--plan"]).arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("plan-stale"), "{err}");
    // The old register, read against the newer assessment, says what it is missing.
    let (_, _, err) = run(dpisafe().args(["assess", REGRESSED, "--plan", &plan]));
    assert!(err.contains("warning[plan-stale]"), "{err}");
    assert!(err.contains("plan/policy-repo.yaml:12:5"), "{err}");
}

#[test]
fn diff_lists_actions_closed_and_opened() {
    let json = stdout_of(dpisafe().args(["diff", QUESTIONNAIRE, REGRESSED, "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["actions"]["closed"], serde_json::json!(["A-F7.Q1"]));
    assert_eq!(value["actions"]["opened"][0], "A-O3.Q3");
    let text = stdout_of(dpisafe().args(["diff", QUESTIONNAIRE, REGRESSED]));
    assert!(
        text.contains("Actions     closed 1 (A-F7.Q1) · opened 9"),
        "{text}"
    );
}

#[test]
fn check_can_fail_on_overdue_critical_actions() {
    let dir = scratch("plan-policy");
    let plan = plan_fixture("policy-repo.yaml");
    let gate = |strictness: &str| {
        let policy = dir.join(format!("{strictness}.yaml"));
        std::fs::write(
            &policy,
            format!("dpisafe_policy: 1\ncritical_failures: allow\noverdue_critical_actions: {strictness}\n"),
        )
        .expect("policy");
        run(dpisafe()
            .args([
                "check",
                QUESTIONNAIRE,
                "--plan",
                &plan,
                "--as-of",
                "2026-07-01",
                "--policy",
            ])
            .arg(&policy))
    };
    let (code, out, err) = gate("fail");
    assert_eq!(code, 1, "{out}{err}");
    let overdue = "the critical action A-F8.Q3 (owner: Ministry of Justice, legal drafting unit) \
                   was due on 2026-06-30 and is still in-progress";
    assert!(out.contains(overdue), "{out}");
    assert!(out.contains("plan/policy-repo.yaml:7:5"), "{out}");
    let (code, out, _) = gate("warn");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(overdue), "{out}");
    let (code, out, _) = gate("allow");
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains(overdue), "{out}");
}

#[test]
fn an_invalid_register_is_exit_2_with_every_problem_at_its_line() {
    let dir = scratch("plan-invalid");
    let out = dir.join("report.md");
    let plan = plan_fixture("invalid.yaml");
    let (code, stdout, err) = run(dpisafe()
        .args([
            "report",
            QUESTIONNAIRE,
            "--format",
            "md",
            "--plan",
            &plan,
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 2, "{err}");
    assert!(stdout.is_empty());
    assert!(!out.exists(), "nothing is written");
    for expected in [
        "error[unknown-action]",
        "invalid.yaml:4:9",
        "error[invalid-date]",
        "invalid.yaml:7:10",
        "error[duplicate-action]",
        "invalid.yaml:8:9",
        "error[not-planned-without-reason]",
        "invalid.yaml:9:13",
        "invalid.yaml:10:9",
        "invalid.yaml:11:13",
    ] {
        assert!(err.contains(expected), "{expected} in:\n{err}");
    }
    let (code, _, err) = run(dpisafe().args([
        "assess",
        QUESTIONNAIRE,
        "--plan",
        &plan_fixture("other-deployment.yaml"),
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("other-deployment.yaml:2:13"), "{err}");
    assert!(
        err.contains("the register tracks `Some other deployment`"),
        "{err}"
    );
}

#[test]
fn plan_commands_refuse_what_they_cannot_do() {
    let (code, _, err) = run(dpisafe().args(["plan", "update", QUESTIONNAIRE]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--plan"), "{err}");
    let plan = plan_fixture("policy-repo.yaml");
    let (code, _, err) = run(dpisafe().args(["plan", "init", QUESTIONNAIRE, "--plan", &plan]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("plan update"), "{err}");
    let schema = stdout_of(dpisafe().args(["schema", "plan"]));
    assert!(schema.contains("\"dpisafe_plan\""), "{schema}");
}

#[test]
fn register_text_is_inert_in_every_channel() {
    let dir = scratch("plan-hostile");
    let plan = dir.join("plan.yaml");
    std::fs::write(
        &plan,
        "dpisafe_plan: 1\ndeployment: \"Inter-agency data exchange — pilot\"\nactions:\n  - id: A-F8.Q3\n    owner: \"<script>alert(1)</script>\\n::error::x \\u001b[31m\"\n    due: 2026-01-01\n",
    )
    .expect("plan");
    let html = stdout_of(
        dpisafe()
            .args(["report", QUESTIONNAIRE, "--format", "html", "--plan"])
            .arg(&plan),
    );
    assert!(!html.contains("<script>alert"), "escaped in HTML");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    let table = stdout_of(
        dpisafe()
            .args(["assess", QUESTIONNAIRE, "--plan"])
            .arg(&plan),
    );
    assert!(
        !table.contains('\u{1b}'),
        "no escape sequence reaches the terminal"
    );
    assert!(!table.lines().any(|l| l.starts_with("::error")), "{table}");
    // Written back by `plan update`, the owner reads back the same.
    let out = dir.join("plan-2.yaml");
    stdout_of(
        dpisafe()
            .args(["plan", "update", QUESTIONNAIRE, "--plan"])
            .arg(&plan)
            .arg("-o")
            .arg(&out),
    );
    let json = stdout_of(
        dpisafe()
            .args(["assess", QUESTIONNAIRE, "--format", "json", "--plan"])
            .arg(&out),
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["actions"][0]["tracking"]["owner"],
        "<script>alert(1)</script>\n::error::x \u{1b}[31m"
    );
}

#[test]
fn portfolio_reads_each_deployments_register_beside_its_questionnaire() {
    let dir = scratch("plan-portfolio");
    let deployment = dir.join("exchange");
    crate::common::copy_dir(
        &crate::common::root().join("examples/policy-repo"),
        &deployment,
    );
    std::fs::remove_dir_all(deployment.join("regressed")).expect("one assessment");
    std::fs::copy(
        fixture("plan/policy-repo.yaml"),
        deployment.join("plan.yaml"),
    )
    .expect("plan");
    let (code, out, err) = run(dpisafe()
        .arg("portfolio")
        .arg(&dir)
        .args(["--plan", "plan.yaml"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("the action register tracks 4 of 10 actions; 1 overdue (A-F8.Q3)."),
        "{out}"
    );
    // Met while walking the directory, the register is not a deployment of its own.
    assert!(out.contains("1 deployment"), "{out}");
    assert!(err.contains("action register"), "{err}");
    let csv = stdout_of(dpisafe().arg("portfolio").arg(&dir).args([
        "--plan",
        "plan.yaml",
        "--format",
        "csv",
    ]));
    let header = csv.lines().next().unwrap_or_default();
    assert!(
        header.contains("critical_failures,actions,actions_overdue"),
        "{csv}"
    );
    assert!(
        csv.lines().nth(1).unwrap_or_default().contains(",1,10,1,"),
        "{csv}"
    );
    // A register that is broken leaves its deployment out, saying why.
    std::fs::write(
        deployment.join("plan.yaml"),
        "dpisafe_plan: 1\ndeployment: x\n",
    )
    .expect("plan");
    let (_, _, err) = run(dpisafe()
        .arg("portfolio")
        .arg(&dir)
        .args(["--plan", "plan.yaml"]));
    assert!(err.contains("the register tracks `x`"), "{err}");
}
