//! The walk-throughs in docs/ (and the example policy repository's README) are run: every
//! command in their ```sh blocks, in order, in one bash session, from a copy of the
//! repository's examples, with the exit code the page gives (`# exit 1`) or 0. Like someone
//! pasting them one by one into a terminal, a `cd` or a variable holds for the lines after it.
//! Each page works in a scratch directory it makes itself, so it runs twice in a row and leaves
//! the examples as they were. Their links must lead somewhere, and README.md must lead to them.

use std::path::{Path, PathBuf};
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

/// The commands a page may use: dpisafe, and the shell steps that set up its scratch directory.
const KNOWN: [&str; 6] = ["dpisafe", "sed", "cd", "cp", "mkdir", "work=$(mktemp"];

/// A page's lines as one bash script that stops at the first line whose exit code is not the
/// one the page promises, naming it.
fn script(path: &str, lines: &[String]) -> String {
    let mut script = String::new();
    for (n, line) in lines.iter().enumerate() {
        let word = line.split_whitespace().next().unwrap_or_default();
        if word == "cargo" {
            continue; // installing is not run by the test suite
        }
        assert!(
            KNOWN.contains(&word),
            "{path}: the test does not know how to run `{word}` in `{line}`"
        );
        let mut expected = expected_exit(line);
        if cfg!(not(feature = "pdf")) && line.contains("--format pdf") {
            expected = 2; // this build has no PDF engine
        }
        script.push_str(&format!(
            "{line}\nrc=$?; if [ $rc -ne {expected} ]; then \
             echo \"walk-through line {n}: exit $rc, not {expected}\" >&2; exit 99; fi\n",
        ));
    }
    script
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path.strip_prefix(dir).expect("under").to_owned());
            }
        }
    }
    files.sort();
    files
}

/// Runs a page's commands twice in a row from a copy of the examples, which must come out
/// unchanged; returns how many dpisafe commands the page has.
fn run_page(path: &str) -> usize {
    let page = std::fs::read_to_string(root().join(path)).expect(path);
    let lines = shell_lines(&page);
    let script = script(path, &lines);
    let base = scratch(&format!("docs-{}", path.replace('/', "-")));
    copy_dir(&root().join("examples"), &base.join("examples"));
    let before = files_under(&base.join("examples"));
    let tmp = base.join("tmp");
    std::fs::create_dir_all(&tmp).expect("tmp");
    for round in 1..=2 {
        let output = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(&base)
            .env("PATH", path_with_dpisafe())
            .env("TMPDIR", &tmp)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .expect("bash runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let failed = stderr
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("walk-through line "))
            .and_then(|l| l.split(':').next())
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| lines[n].as_str())
            .unwrap_or_default();
        assert!(
            output.status.success(),
            "{path} (run {round}): `{failed}`\n{}{stderr}",
            String::from_utf8_lossy(&output.stdout),
        );
    }
    assert_eq!(
        files_under(&base.join("examples")),
        before,
        "{path} wrote into the examples"
    );
    lines.iter().filter(|l| l.starts_with("dpisafe ")).count()
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
    // A line that exits otherwise than promised stops the script, naming the line.
    let script = script("page", &["dpisafe validate missing.yaml".to_owned()]);
    let output = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("PATH", path_with_dpisafe())
        .current_dir(scratch("docs-failing"))
        .output()
        .expect("bash runs");
    assert_eq!(output.status.code(), Some(99));
    assert!(String::from_utf8_lossy(&output.stderr).contains("walk-through line 0: exit 2, not 0"));
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
