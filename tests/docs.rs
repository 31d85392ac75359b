//! The walk-throughs in docs/ (and the example policy repository's README) are run: every
//! `dpisafe` command in their ```sh blocks, in order, through bash, from a copy of the
//! repository's examples, with the exit code the page gives (`# exit 1`) or 0. A `cd` holds
//! for the blocks after it, as in the terminal of someone pasting them one by one. Their links
//! must lead somewhere, and README.md must lead to them.

use std::path::PathBuf;
use std::process::Command;

use crate::common::{copy_dir, path_with_dpisafe, root, scratch};

const PAGES: [&str; 4] = [
    "docs/walkthrough-dpi-team.md",
    "docs/walkthrough-advisor.md",
    "docs/walkthrough-ci.md",
    "examples/policy-repo/README.md",
];

/// Waivers in the examples are judged on this day, before any of them expires.
const SOURCE_DATE_EPOCH: &str = "1788220800"; // 2026-09-01

/// The shell lines of a page's ```sh blocks, with `\` continuations joined.
fn shell_lines(page: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in page.lines() {
        match (in_block, line.trim_start()) {
            (false, "```sh") => in_block = true,
            (true, "```") => in_block = false,
            (true, text) => {
                if let Some(start) = text.strip_suffix('\\') {
                    pending.push_str(start);
                    continue;
                }
                pending.push_str(text);
                let full = std::mem::take(&mut pending);
                if !full.trim().is_empty() && !full.trim_start().starts_with('#') {
                    lines.push(full.trim().to_owned());
                }
            }
            (false, _) => {}
        }
    }
    lines
}

/// The exit code a line's `# exit N` comment promises, or 0.
fn expected_exit(line: &str) -> i32 {
    line.rsplit_once("# exit ")
        .and_then(|(_, code)| code.trim().parse().ok())
        .unwrap_or(0)
}

/// Runs a page's commands; returns how many dpisafe commands ran.
fn run_page(path: &str) -> usize {
    let page = std::fs::read_to_string(root().join(path)).expect(path);
    let base = scratch(&format!("docs-{}", path.replace('/', "-")));
    copy_dir(&root().join("examples"), &base.join("examples"));
    let search_path = path_with_dpisafe();
    let mut cwd: PathBuf = base.clone();
    let mut ran = 0;
    for line in shell_lines(&page) {
        let word = line.split_whitespace().next().unwrap_or_default();
        match word {
            "cargo" => continue, // installing is not run by the test suite
            "cd" => {
                cwd = cwd.join(line.split_whitespace().nth(1).expect("cd DIR"));
                assert!(cwd.is_dir(), "{path}: `{line}`: no such directory");
                continue;
            }
            "dpisafe" | "sed" => {}
            other => panic!("{path}: the test does not know how to run `{other}` in `{line}`"),
        }
        let mut expected = expected_exit(&line);
        if cfg!(not(feature = "pdf")) && line.contains("--format pdf") {
            expected = 2; // this build has no PDF engine
        }
        let output = Command::new("bash")
            .arg("-c")
            .arg(&line)
            .current_dir(&cwd)
            .env("PATH", &search_path)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .expect("bash runs");
        assert_eq!(
            output.status.code(),
            Some(expected),
            "{path}: `{line}`\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        if word == "dpisafe" {
            ran += 1;
        }
    }
    ran
}

#[test]
fn the_team_walkthrough_runs() {
    assert!(run_page(PAGES[0]) >= 10);
}

#[test]
fn the_advisor_walkthrough_runs() {
    assert!(run_page(PAGES[1]) >= 7);
}

#[test]
fn the_ci_walkthrough_runs() {
    assert!(run_page(PAGES[2]) >= 9);
}

#[test]
fn the_policy_repo_readme_runs() {
    assert!(run_page(PAGES[3]) >= 3);
}

#[test]
fn a_failing_command_in_a_page_fails_the_test() {
    let lines = shell_lines(
        "```sh\ndpisafe validate missing.yaml    # exit 2\ndpisafe \\\n  assess x\n```\n",
    );
    assert_eq!(
        lines,
        [
            "dpisafe validate missing.yaml    # exit 2",
            "dpisafe assess x"
        ]
    );
    assert_eq!(expected_exit(&lines[0]), 2);
    assert_eq!(expected_exit(&lines[1]), 0);
}

#[test]
fn links_in_the_pages_lead_to_files_and_readme_leads_to_the_pages() {
    for path in PAGES.iter().chain(&["README.md", "docs/questionnaire.md"]) {
        let page = std::fs::read_to_string(root().join(path)).expect(path);
        let dir = root().join(path).parent().expect("dir").to_owned();
        for target in page.split("](").skip(1) {
            let target = &target[..target.find(')').expect("closed link")];
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            let file = target.split('#').next().unwrap_or_default();
            assert!(dir.join(file).exists(), "{path}: broken link `{target}`");
        }
    }
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    for page in [
        "docs/walkthrough-dpi-team.md",
        "docs/walkthrough-advisor.md",
        "docs/walkthrough-ci.md",
        "docs/questionnaire.md",
        "examples/policy-repo",
    ] {
        assert!(readme.contains(&format!("]({page}")), "README links {page}");
    }
    assert!(readme.contains("cargo install --path ."));
    assert!(readme.contains("--no-default-features"));
}
