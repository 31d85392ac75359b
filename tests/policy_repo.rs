//! The CI recipe for policy repositories, run the way GitHub and pre-commit would run it: the
//! `check` step of `action.yml`, as written there, with the inputs `ci/github-workflow.yml`
//! passes, on a copy of `examples/policy-repo/`; and the hooks of `.pre-commit-hooks.yaml` as
//! the example's `.pre-commit-config.yaml` names them. Waivers are judged on fixed dates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{copy_dir, path_with_dpisafe, root, scratch};

/// A day before the example's waiver expires (2027-06-30), and the day after.
const BEFORE_EXPIRY: &str = "2026-09-01";
const AFTER_EXPIRY: &str = "2027-07-01";

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect(path);
    serde_saphyr::from_str(&text).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn epoch(date: &str) -> String {
    let days = dpisafe::questionnaire::Date::parse(date)
        .expect("a date")
        .days();
    (days * 86_400).to_string()
}

/// A fresh checkout of the example policy repository.
fn checkout(name: &str) -> PathBuf {
    let dir = scratch(name).join("repo");
    copy_dir(&root().join("examples/policy-repo"), &dir);
    dir
}

/// The `with:` of the workflow step that uses the dpisafe action.
fn workflow_inputs() -> BTreeMap<String, String> {
    let workflow = yaml("ci/github-workflow.yml");
    let steps = workflow["jobs"]["safeguards"]["steps"]
        .as_array()
        .expect("steps");
    let step = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.contains("/dpisafe@")))
        .expect("a step uses the dpisafe action");
    step["with"]
        .as_object()
        .expect("with")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("text input").to_owned()))
        .collect()
}

/// The action's inputs: given values over defaults, as GitHub resolves `${{ inputs.x }}`.
fn resolve_inputs(action: &Value, given: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let declared = action["inputs"].as_object().expect("inputs");
    for name in given.keys() {
        assert!(
            declared.contains_key(name),
            "the action has no input `{name}`"
        );
    }
    declared
        .iter()
        .map(|(name, spec)| {
            let value = given.get(name).cloned().or_else(|| {
                assert_ne!(spec["required"], true, "required input `{name}` not given");
                spec["default"].as_str().map(str::to_owned)
            });
            (name.clone(), value.unwrap_or_default())
        })
        .collect()
}

/// `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}`; any other expression is a test
/// failure, so the action cannot grow one this test does not understand.
fn expand(
    value: &str,
    inputs: &BTreeMap<String, String>,
    outputs: &BTreeMap<String, String>,
) -> String {
    let re = regex::Regex::new(r"\$\{\{\s*([^}]+?)\s*\}\}").expect("regex");
    re.replace_all(value, |caps: &regex::Captures<'_>| {
        let expr = &caps[1];
        if let Some(name) = expr.strip_prefix("inputs.") {
            inputs.get(name).cloned().unwrap_or_default()
        } else if let Some(rest) = expr.strip_prefix("steps.check.outputs.") {
            outputs.get(rest).cloned().unwrap_or_default()
        } else {
            panic!("the test does not know the expression `{expr}`")
        }
    })
    .into_owned()
}

/// What one run of the action's steps left behind.
struct ActionRun {
    dir: PathBuf,
    outputs: BTreeMap<String, String>,
    job_status: i32,
    log: String,
}

/// Runs the action's `check` step and then its exit-code step, with bash, in `dir`.
fn run_action(dir: &Path, given: &BTreeMap<String, String>, as_of: &str) -> ActionRun {
    let action = yaml("action.yml");
    let inputs = resolve_inputs(&action, given);
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let check = steps
        .iter()
        .find(|s| s["id"] == "check")
        .expect("a step with id check");
    let github_output = dir.with_file_name("github-output");
    std::fs::write(&github_output, "").expect("output file");
    let bash = |step: &Value, outputs: &BTreeMap<String, String>| {
        let mut cmd = Command::new("bash");
        cmd.arg("-eo")
            .arg("pipefail")
            .arg("-c")
            .arg(step["run"].as_str().expect("run"))
            .current_dir(dir)
            .env("PATH", path_with_dpisafe())
            .env("GITHUB_OUTPUT", &github_output)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", epoch(as_of));
        for (name, value) in step["env"].as_object().into_iter().flatten() {
            cmd.env(name, expand(value.as_str().expect("env"), &inputs, outputs));
        }
        cmd.output().expect("bash runs")
    };
    let ran = bash(check, &BTreeMap::new());
    assert!(
        ran.status.success(),
        "the check step itself must succeed and keep the code: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let outputs: BTreeMap<String, String> = std::fs::read_to_string(&github_output)
        .expect("outputs")
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let keep = steps
        .iter()
        .find(|s| s["name"] == "Keep dpisafe's exit code")
        .expect("the exit-code step");
    let job = bash(keep, &outputs);
    ActionRun {
        dir: dir.to_owned(),
        outputs,
        job_status: job.status.code().unwrap_or(-1),
        log: String::from_utf8_lossy(&ran.stdout).into_owned()
            + &String::from_utf8_lossy(&ran.stderr),
    }
}

fn sarif_results(run: &ActionRun) -> Vec<Value> {
    let path = run.dir.join(&run.outputs["result"]);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("the SARIF file"))
            .expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .clone()
}

/// The rule ids of error results that are not suppressed by a waiver, in order.
fn unsuppressed_errors(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .filter(|r| r["level"] == "error" && r["suppressions"].is_null())
        .map(|r| r["ruleId"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn the_workflow_passes_on_the_example_and_uploads_the_waiver_as_suppressed() {
    let inputs = workflow_inputs();
    assert_eq!(inputs["questionnaire"], "questionnaire.yaml");
    assert_eq!(inputs["policy"], "dpisafe-policy.yaml");
    let run = run_action(&checkout("policy-repo-pass"), &inputs, BEFORE_EXPIRY);
    assert_eq!(run.outputs["exit-code"], "0", "{}", run.log);
    assert_eq!(run.job_status, 0);
    assert_eq!(run.outputs["result"], "dpisafe.sarif");
    assert!(run.log.contains("dpisafe check questionnaire.yaml --format sarif -o dpisafe.sarif --force --policy dpisafe-policy.yaml"), "{}", run.log);
    assert!(run.log.contains("PASS"), "{}", run.log);
    let results = sarif_results(&run);
    let waived = results
        .iter()
        .find(|r| r["ruleId"] == "F8.Q3")
        .expect("F8.Q3 is reported");
    let justification = waived["suppressions"][0]["justification"]
        .as_str()
        .expect("suppressed with a justification");
    assert!(justification.contains("Steering board, minute 2026/07"));
    assert!(justification.contains("2027-06-30"));
    // The policy allows the two non-critical `no` answers, so they are notes, not errors: a
    // passing check blocks no merge in code scanning.
    assert!(unsuppressed_errors(&results).is_empty(), "{results:?}");
    for id in ["O9.Q1", "G-GBV-05"] {
        let result = results
            .iter()
            .find(|r| r["ruleId"] == id)
            .expect("reported");
        assert_eq!(result["level"], "note", "{id}");
    }
}

#[test]
fn the_regressed_questionnaire_fails_with_the_violations_the_readme_lists() {
    let mut inputs = workflow_inputs();
    inputs.insert(
        "questionnaire".to_owned(),
        "regressed/questionnaire.yaml".to_owned(),
    );
    let run = run_action(&checkout("policy-repo-fail"), &inputs, BEFORE_EXPIRY);
    assert_eq!(run.outputs["exit-code"], "1", "{}", run.log);
    assert_eq!(run.job_status, 1, "the job fails with dpisafe's code");
    let results = sarif_results(&run);
    assert_eq!(
        unsuppressed_errors(&results),
        [
            "O3.Q3",
            "evidence-changed",
            "evidence-changed",
            "evidence-changed",
            "policy/min-coverage",
            "policy/min-principle"
        ]
    );
    let sarif = std::fs::read_to_string(run.dir.join("dpisafe.sarif")).expect("SARIF written");
    for expected in [
        "Coverage is 93.5 %, below the required 95 %. It fails the policy.",
        "O3 Ensure data privacy by design (capped by O3.Q3) is 39, below the required 70",
        "`../evidence/data-sharing-rules.md` no longer matches its recorded sha256 (answer to F5.Q1)",
        "(answer to F5.Q2)",
        "(answer to O5.Q1)",
    ] {
        assert!(sarif.contains(expected), "`{expected}` in the SARIF");
    }
    let readme =
        std::fs::read_to_string(root().join("examples/policy-repo/README.md")).expect("README");
    for claim in [
        "fails** (exit 1) with six violations",
        "coverage is 93.5 %, below the required 95 %",
        "O3 (data privacy by design) is 39, below the 70",
        "O3.Q3, a critical question, is answered `no`",
        "(F5.Q1, F5.Q2, O5.Q1)",
    ] {
        assert!(readme.contains(claim), "the README says `{claim}`");
    }
    let text = Command::new(env!("CARGO_BIN_EXE_dpisafe"))
        .args([
            "check",
            "regressed/questionnaire.yaml",
            "--policy",
            "dpisafe-policy.yaml",
        ])
        .current_dir(&run.dir)
        .env("SOURCE_DATE_EPOCH", epoch(BEFORE_EXPIRY))
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    let verdict = String::from_utf8_lossy(&text.stdout);
    assert!(verdict.contains("6 violations"), "{verdict}");
}

#[test]
fn the_example_fails_once_its_waiver_has_expired() {
    let run = run_action(
        &checkout("policy-repo-expired"),
        &workflow_inputs(),
        AFTER_EXPIRY,
    );
    assert_eq!(run.outputs["exit-code"], "1", "{}", run.log);
    assert!(run.log.contains("warning[waiver-expired]"), "{}", run.log);
    let results = sarif_results(&run);
    assert_eq!(
        unsuppressed_errors(&results),
        ["F8.Q3"],
        "F8.Q3 is no longer suppressed"
    );
}

#[test]
fn an_invalid_questionnaire_fails_the_job_with_exit_2_and_nothing_to_upload() {
    let dir = checkout("policy-repo-invalid");
    let broken = std::fs::read_to_string(dir.join("questionnaire.yaml"))
        .expect("questionnaire")
        .replacen("    answer: yes", "    answr: yes", 1);
    std::fs::write(dir.join("questionnaire.yaml"), broken).expect("written");
    let run = run_action(&dir, &workflow_inputs(), BEFORE_EXPIRY);
    assert_eq!(run.outputs["exit-code"], "2");
    assert_eq!(run.job_status, 2);
    assert!(run.log.contains("error[unknown-key]"), "{}", run.log);
    assert!(!dir.join("dpisafe.sarif").exists(), "no partial result");
}

#[test]
fn every_cited_evidence_file_is_present_and_unchanged() {
    let dir = root().join("examples/policy-repo");
    let out = Command::new(env!("CARGO_BIN_EXE_dpisafe"))
        .args(["validate", "questionnaire.yaml"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
    let questionnaire = std::fs::read_to_string(dir.join("questionnaire.yaml")).expect("read");
    assert_eq!(
        questionnaire.matches("sha256: ").count(),
        12,
        "12 cited files"
    );
}

/// Files of the example repository, relative to its root, as pre-commit lists them.
fn repository_files(dir: &Path, prefix: &str, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let entry = entry.expect("entry");
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("type").is_dir() {
            repository_files(&entry.path(), &format!("{name}/"), found);
        } else {
            found.push(name);
        }
    }
    found.sort();
}

#[test]
fn the_pre_commit_hooks_run_as_the_example_configures_them() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let config = yaml("examples/policy-repo/.pre-commit-config.yaml");
    let dir = checkout("policy-repo-pre-commit");
    let mut files = Vec::new();
    repository_files(&dir, "", &mut files);
    let configured = config["repos"][0]["hooks"].as_array().expect("hooks");
    assert_eq!(configured.len(), 2);
    for use_ in configured {
        let id = use_["id"].as_str().expect("id");
        let hook = hooks
            .as_array()
            .expect("a list of hooks")
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("`{id}` is defined"));
        assert_eq!(
            hook["language"], "script",
            "the hook script builds dpisafe itself, locked and without the PDF engine"
        );
        let entry: Vec<&str> = hook["entry"].as_str().expect("entry").split(' ').collect();
        assert_eq!(entry[0], "scripts/pre-commit-hook.sh");
        let mut args: Vec<String> = entry[1..].iter().map(|s| (*s).to_owned()).collect();
        args.extend(
            use_["args"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|a| a.as_str().expect("arg").to_owned()),
        );
        if hook["pass_filenames"] != false {
            let pattern = regex::Regex::new(hook["files"].as_str().expect("files")).expect("regex");
            let matched: Vec<String> = files
                .iter()
                .filter(|f| pattern.is_match(f))
                .cloned()
                .collect();
            assert_eq!(
                matched,
                ["questionnaire.yaml", "regressed/questionnaire.yaml"],
                "{id} sees the questionnaires and nothing else"
            );
            args.extend(matched);
        }
        // The hook's own script, told to use the binary under test instead of building one.
        let out = Command::new(root().join(entry[0]))
            .args(&args)
            .current_dir(&dir)
            .env("DPISAFE_BIN", env!("CARGO_BIN_EXE_dpisafe"))
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", epoch(BEFORE_EXPIRY))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{id}: {} {args:?}: {}",
            entry[0],
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The JUnit a CI server reads agrees with the exit code: no failure when the check passes,
/// failures pointing at the answers when it fails.
#[test]
fn junit_failures_are_exactly_what_fails_the_gate() {
    let junit = |questionnaire: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_dpisafe"))
            .args(["check", questionnaire, "--policy", "dpisafe-policy.yaml"])
            .args(["--format", "junit"])
            .current_dir(root().join("examples/policy-repo"))
            .env("SOURCE_DATE_EPOCH", epoch(BEFORE_EXPIRY))
            .output()
            .expect("runs");
        let code = output.status.code();
        (code, String::from_utf8(output.stdout).expect("UTF-8"))
    };
    let (code, pass) = junit("questionnaire.yaml");
    assert_eq!(code, Some(0));
    assert!(pass.contains(r#"<testsuites name="#), "{pass}");
    assert_eq!(pass.matches("<failure").count(), 0, "{pass}");
    assert!(
        pass.contains(r#"value="allowed""#),
        "allowed shortfalls are properties"
    );
    let (code, fail) = junit("regressed/questionnaire.yaml");
    assert_eq!(code, Some(1));
    // The critical O3.Q3 at its line, and the two thresholds and three evidence problems.
    assert!(
        fail.contains("regressed/questionnaire.yaml:147:3"),
        "{fail}"
    );
    assert_eq!(fail.matches("<failure").count(), 7, "{fail}");
}

/// Every third-party action the action and the workflow use is pinned by a full commit SHA,
/// so a moved tag cannot change what runs; the workflow's own `OWNER/dpisafe@REF` is a
/// placeholder the user fills in.
#[test]
fn third_party_actions_are_pinned_by_commit() {
    let pinned = regex::Regex::new(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$").expect("regex");
    let mut seen = 0;
    for (file, steps) in [
        ("action.yml", yaml("action.yml")["runs"]["steps"].clone()),
        (
            "ci/github-workflow.yml",
            yaml("ci/github-workflow.yml")["jobs"]["safeguards"]["steps"].clone(),
        ),
    ] {
        for step in steps.as_array().expect("steps") {
            let Some(uses) = step["uses"].as_str() else {
                continue;
            };
            if uses == "OWNER/dpisafe@REF" {
                continue;
            }
            assert!(
                pinned.is_match(uses),
                "{file}: `{uses}` is not pinned by SHA"
            );
            seen += 1;
        }
    }
    assert_eq!(seen, 3, "checkout, cache and upload-sarif");
    let workflow = yaml("ci/github-workflow.yml");
    assert!(
        workflow["jobs"]["safeguards"]["timeout-minutes"].is_u64(),
        "the job has a timeout"
    );
}

/// The action caches its build under a key naming dpisafe's version and the action's ref, so
/// a new version builds once and later runs restore it.
#[test]
fn the_action_caches_its_build_by_version_and_ref() {
    let action = yaml("action.yml");
    let steps = action["runs"]["steps"].as_array().expect("steps");
    let name = steps
        .iter()
        .find(|s| s["id"] == "build")
        .expect("the step that names the build");
    let dir = scratch("action-cache-key");
    let output = dir.join("github-output");
    std::fs::write(&output, "").expect("output file");
    let ran = Command::new("bash")
        .args(["-eo", "pipefail", "-c"])
        .arg(name["run"].as_str().expect("run"))
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_OUTPUT", &output)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("RUNNER_TEMP", &dir)
        .env("ACTION_REF", "0123abcd")
        .output()
        .expect("bash runs");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let written = std::fs::read_to_string(&output).expect("outputs");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        written.contains(&format!("key=dpisafe-Linux-X64-{version}-0123abcd\n")),
        "{written}"
    );
    let cache = steps
        .iter()
        .find(|s| s["id"] == "cache")
        .expect("the cache step");
    assert_eq!(cache["with"]["key"], "${{ steps.build.outputs.key }}");
    let build = steps
        .iter()
        .find(|s| s["name"] == "Build dpisafe from source")
        .expect("the build step");
    assert!(
        build["if"]
            .as_str()
            .is_some_and(|c| c.contains("steps.cache.outputs.cache-hit != 'true'")),
        "no build on a cache hit"
    );
    assert!(
        build["run"]
            .as_str()
            .is_some_and(|r| r.contains("--locked --no-default-features")),
        "locked, without the PDF engine"
    );
}
