//! Hostile input through the command line, as an unattended CI job meets it: every bad file
//! gives exit 2, a located diagnostic, nothing on stdout and no panic, whatever the command;
//! the input limits hold; an interrupted run leaves no partial output; and nothing in the
//! dependency tree can reach the network.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{dpisafe, fixture, root, run, scratch};

/// The commands that read a questionnaire, as a CI job would call them.
const COMMANDS: [&[&str]; 4] = [
    &["validate"],
    &["assess", "--format", "json"],
    &["check", "--format", "sarif"],
    &["report", "--format", "md", "--as-of", "2026-10-01"],
];

fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .expect("fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Runs `args` + `file` and checks the bad-input contract; returns stderr.
fn rejects(args: &[&str], file: &Path) -> String {
    let (code, out, err) = run(dpisafe().args(args).arg(file));
    let shown = file.display();
    assert_eq!(code, 2, "{args:?} {shown}: exit {code}\n{err}");
    assert!(out.is_empty(), "{args:?} {shown}: partial output on stdout");
    assert!(!err.contains("panicked"), "{args:?} {shown}: {err}");
    assert!(err.contains("error"), "{args:?} {shown}: no error message");
    err
}

#[test]
fn every_invalid_questionnaire_fails_cleanly_in_every_command() {
    let files = files_in("questionnaires/invalid");
    assert!(files.len() >= 40, "the corpus has {} cases", files.len());
    for file in &files {
        for command in COMMANDS {
            let err = rejects(command, file);
            let name = file.file_name().and_then(|n| n.to_str()).expect("name");
            // Every case but an empty file has a place to point at.
            if name != "empty-document.yaml" {
                let located = err.split(name).skip(1).any(|rest| {
                    rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                });
                assert!(located, "{command:?} {name}: no file:line:col in\n{err}");
            }
        }
    }
}

#[test]
fn every_broken_framework_fails_cleanly() {
    let questionnaire = fixture("check/payment-rail.yaml");
    for file in files_in("frameworks/invalid") {
        let (code, out, err) = run(dpisafe()
            .arg("--framework")
            .arg(&file)
            .arg("validate")
            .arg(&questionnaire));
        assert_eq!(code, 2, "{}", file.display());
        assert!(out.is_empty());
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn files_that_are_not_files() {
    let dir = scratch("not-files");
    let missing = dir.join("missing.yaml");
    let not_a_dir = fixture("check/payment-rail.yaml").join("x.yaml");
    for (path, expected) in [
        (dir.clone(), "is a directory"),
        (missing, "no such file"),
        (not_a_dir, "cannot read"),
    ] {
        for command in COMMANDS {
            let err = rejects(command, &path);
            assert!(
                err.contains(expected),
                "{command:?} {}: {err}",
                path.display()
            );
        }
    }
}

#[test]
fn a_device_that_never_ends_is_refused_not_read_forever() {
    let err = rejects(&["validate"], Path::new("/dev/zero"));
    assert!(
        err.contains("not a regular file") || err.contains("is a system file"),
        "{err}"
    );
}

#[test]
fn limits_hold_with_clear_messages() {
    let dir = scratch("limits");
    // 50 MB: refused before it is read.
    let huge = dir.join("huge.yaml");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(50 * 1024 * 1024).expect("sparse 50 MB");
    let err = rejects(&["validate"], &huge);
    assert!(
        err.contains("file-too-large") && err.contains("52428800 bytes"),
        "{err}"
    );
    // 10,000 levels of nesting.
    let deep = dir.join("deep.yaml");
    let text = format!("{}x{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    std::fs::write(&deep, text).expect("write");
    let err = rejects(&["validate"], &deep);
    assert!(err.contains("deep"), "names the depth limit: {err}");
    // A billion laughs: aliases that expand past the node budget.
    let err = rejects(
        &["validate"],
        &fixture("questionnaires/invalid/alias-bomb.yaml"),
    );
    assert!(err.contains("nodes") || err.contains("alias"), "{err}");
    // One value longer than a file may be.
    let long = dir.join("long.yaml");
    std::fs::write(
        &long,
        format!("dpisafe: 1\nnotes: \"{}\"\n", "x".repeat(17 * 1024 * 1024)),
    )
    .expect("write");
    let err = rejects(&["validate"], &long);
    assert!(err.contains("file-too-large"), "{err}");
}

#[test]
fn a_byte_order_mark_and_crlf_keep_positions_right() {
    let dir = scratch("bom");
    let text = std::fs::read_to_string(fixture("check/payment-rail.yaml")).expect("fixture");
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let good = dir.join("good.yaml");
    std::fs::write(&good, &crlf).expect("write");
    let (code, _, err) = run(dpisafe().arg("validate").arg(&good));
    assert_eq!(code, 0, "{err}");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, crlf.replace("  F1.Q2:", "  F1.Q9:")).expect("write");
    let err = rejects(&["validate"], &bad);
    assert!(
        err.contains("bad.yaml:18:3"),
        "line and column ignore the BOM and CR: {err}"
    );
}

#[test]
fn an_interrupted_report_leaves_no_partial_file() {
    let dir = scratch("interrupt");
    for delay in [5, 40, 120, 250, 500] {
        let out = dir.join(format!("report-{delay}.pdf"));
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dpisafe"))
            .current_dir(root())
            .args([
                "report",
                "examples/national-id/questionnaire.yaml",
                "--format",
                "pdf",
                "-o",
            ])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        if out.exists() {
            let bytes = std::fs::read(&out).expect("read");
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "after {delay} ms the output is a partial PDF"
            );
        }
    }
}

#[test]
fn no_dependency_can_reach_the_network() {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let forbidden = [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "curl-sys",
        "isahc",
        "attohttpc",
        "surf",
        "h2",
        "rustls",
        "native-tls",
        "openssl",
        "openssl-sys",
        "tokio-rustls",
        "hyper-tls",
        "websocket",
        "tungstenite",
    ];
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    assert!(names.len() > 50, "Cargo.lock read");
    for name in forbidden {
        assert!(!names.contains(&name), "{name} is in the dependency tree");
    }
}
