//! Conventions every command keeps: help with examples, completions and a man page, `-v`,
//! `-o -` for standard output, data on stdout and diagnostics on stderr.

use clap::CommandFactory;

use crate::common::{dpisafe, fixture, root, run, scratch, stdout_of};

const EXAMPLE: &str = "examples/national-id/questionnaire.yaml";

/// Every subcommand path (`["framework", "show"]` …), `help` left out.
fn command_paths(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_owned());
        out.push(path.clone());
        command_paths(sub, &path, out);
    }
}

#[test]
fn every_command_and_subcommand_has_examples_in_its_help() {
    let mut paths = vec![Vec::new()];
    command_paths(&dpisafe::cli::Cli::command(), &[], &mut paths);
    assert!(paths.len() > 15, "{paths:?}");
    let missing: Vec<String> = paths
        .iter()
        .filter(|path| {
            let (code, stdout, _) = run(dpisafe().args(path.iter()).arg("--help"));
            code != 0 || !stdout.contains("\nExamples:\n  dpisafe ")
        })
        .map(|path| format!("dpisafe {}", path.join(" ")))
        .collect();
    assert!(missing.is_empty(), "no Examples: section in {missing:?}");
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, stdout, stderr) = run(dpisafe().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.len() > 500, "{shell}: {stdout}");
        assert!(stdout.contains("dpisafe"), "{shell}");
        for subcommand in ["interview", "assess", "report"] {
            assert!(stdout.contains(subcommand), "{shell} lacks {subcommand}");
        }
    }
    let (code, _, stderr) = run(dpisafe().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let (code, page, _) = run(dpisafe().arg("man"));
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie") || page.contains("\n.TH "), "{page}");
    assert!(page.contains(".TH dpisafe 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing");
    }
    for command in ["interview", "completions", "assess", "check"] {
        assert!(page.contains(command), "{command} missing");
    }
    let dir = scratch("man-page");
    let file = dir.join("dpisafe.1");
    dpisafe().args(["man", "-o"]).arg(&file).assert().code(0);
    assert_eq!(std::fs::read_to_string(&file).expect("written"), page);
    // Like every output, an existing file is not replaced without --force.
    let (code, _, stderr) = run(dpisafe().args(["man", "-o"]).arg(&file));
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn man_all_writes_every_page_the_main_page_names() {
    let dir = scratch("man-all").join("man1");
    let (code, _, err) = run(dpisafe().args(["man", "--all", "-o"]).arg(&dir));
    assert_eq!(code, 0, "{err}");
    let mut named = 0;
    let reference = regex::Regex::new(r"dpisafe((?:\\-[a-z0-9]+)+)\(1\)").expect("regex");
    for entry in std::fs::read_dir(&dir).expect("pages") {
        let page = std::fs::read_to_string(entry.expect("entry").path()).expect("page");
        assert!(page.contains(".TH dpisafe"), "roff");
        // Every page another page refers to, `dpisafe\-check(1)` in roff, is there.
        for found in reference.captures_iter(&page) {
            let file = format!("dpisafe{}.1", found[1].replace("\\-", "-"));
            assert!(dir.join(&file).is_file(), "{file} is named but missing");
            named += 1;
        }
    }
    assert!(named >= 20, "{named} references");
    assert!(dir.join("dpisafe-framework-show.1").is_file());
    assert!(!dir.join("dpisafe-help.1").exists(), "no page for `help`");
    // A second run writes nothing over the first without --force, and nothing at all.
    let (code, _, stderr) = run(dpisafe().args(["man", "--all", "-o"]).arg(&dir));
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    let (code, _, _) = run(dpisafe().args(["man", "--all", "--force", "-o"]).arg(&dir));
    assert_eq!(code, 0);
    let (code, _, stderr) = run(dpisafe().args(["man", "--all"]));
    assert_eq!(code, 2, "--all needs -o");
    assert!(stderr.contains("--output"), "{stderr}");
}

#[test]
fn completions_offer_the_values_of_options_with_choices() {
    let script = stdout_of(dpisafe().args(["completions", "bash"]));
    for values in [
        "\"L1 L2 L3 L4 L5\"",
        "\"R1 R2 R3 R4 R5\"",
        "\"id payments data-exchange gbv-service\"",
        "\"en fr es ar\"",
        "\"text json sarif junit\"",
    ] {
        assert!(script.contains(values), "{values} offered");
    }
    for option in [
        "--stage",
        "--authority",
        "--blocks",
        "--format",
        "--lang",
        "--mode",
    ] {
        let files = format!("{option})\n                    COMPREPLY=($(compgen -f");
        assert!(!script.contains(&files), "{option} completes file names");
    }
    // A custom framework may name other stages: the hint does not restrict parsing.
    let (_, _, stderr) = run(dpisafe().args(["init", "--stage", "L9"]));
    assert!(
        stderr.contains("use one of: L1, L2, L3, L4, L5"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("did you mean"),
        "nothing is close to L9: {stderr}"
    );
}

#[test]
fn verbose_explains_each_step_on_stderr_and_leaves_stdout_alone() {
    let (_, plain, _) = run(dpisafe().args(["assess", EXAMPLE]));
    let (code, stdout, stderr) = run(dpisafe().args(["-v", "assess", EXAMPLE]));
    assert_eq!(code, 0);
    assert_eq!(stdout, plain, "--verbose changes nothing on stdout");
    for step in [
        "dpisafe: framework: the embedded universal-dpi-safeguards@1.0 (18 principles, 13 risks",
        &format!("dpisafe: read {EXAMPLE} ("),
        &format!("dpisafe: validated {EXAMPLE} in "),
        "dpisafe: scored 1 respondent as of 2026-09-18 in ",
        "dpisafe: wrote ",
        "dpisafe: done in ",
    ] {
        assert!(stderr.contains(step), "{step:?} missing in\n{stderr}");
    }
    assert!(stderr.contains(" ms"), "{stderr}");
    let custom = fixture("frameworks/mini.yaml");
    let (_, _, stderr) = run(dpisafe()
        .arg("--verbose")
        .arg("--framework")
        .arg(&custom)
        .args(["framework", "list"]));
    assert!(stderr.contains("mini.yaml ("), "{stderr}");
    let (code, _, stderr) = run(dpisafe().args(["-v", "-q", "validate", EXAMPLE]));
    assert_eq!(code, 2, "{stderr}");
    let (_, _, quiet) = run(dpisafe().args(["validate", EXAMPLE]));
    assert!(
        !quiet.contains("dpisafe: "),
        "details only with -v: {quiet}"
    );
}

#[test]
fn dash_means_standard_output_for_every_command_with_o() {
    let dir = scratch("dash-output");
    let example = root().join(EXAMPLE);
    let result = dir.join("result.json");
    dpisafe()
        .args(["assess", "--format", "json", "-o"])
        .arg(&result)
        .arg(&example)
        .assert()
        .code(0);
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (args(&["init", "--blocks", "id", "-o", "-"]), "dpisafe: 1"),
        (args_with(&["assess", "-o", "-"], &example), "Overall "),
        (
            args_with(&["assess", "--format", "json", "-o", "-"], &example),
            "\"dpisafe_report\"",
        ),
        (args_with(&["check", "-o", "-"], &example), "FAIL"),
        (
            args_with(&["report", "--format", "md", "-o", "-"], &example),
            "# ",
        ),
        (
            args_with(&["render", "--format", "html", "-o", "-"], &result),
            "<html",
        ),
        (args(&["man", "-o", "-"]), ".TH dpisafe"),
    ];
    for (argv, expected) in cases {
        let (code, stdout, stderr) = run(dpisafe().current_dir(&dir).args(&argv));
        assert!(code == 0 || code == 1, "{argv:?}: {stderr}");
        assert!(
            stdout.contains(expected),
            "{argv:?} wrote no {expected:?} to stdout:\n{stdout}"
        );
        assert!(!dir.join("-").exists(), "{argv:?} made a file called `-`");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_report_goes_to_standard_output_with_dash() {
    let dir = scratch("dash-pdf");
    let output = dpisafe()
        .current_dir(&dir)
        .args(["report", "--format", "pdf", "-o", "-"])
        .arg(root().join(EXAMPLE))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.starts_with(b"%PDF-"), "not a PDF on stdout");
    assert!(output.stdout.len() > 10_000);
    assert!(!dir.join("-").exists());
}

#[test]
fn data_goes_to_stdout_and_diagnostics_to_stderr() {
    let dir = scratch("streams");
    // Diagnostics only.
    let (code, stdout, stderr) = run(dpisafe().args(["validate", EXAMPLE]));
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(stderr.contains("valid (84 answers"), "{stderr}");
    let bad = fixture("questionnaires/invalid/na-without-reason.yaml");
    let (code, stdout, stderr) = run(dpisafe().arg("assess").arg(&bad));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("na-without-reason.yaml:"), "{stderr}");
    // Data only on stdout; the verdict line of a JSON check is a note on stderr.
    let (code, stdout, stderr) = run(dpisafe().args(["check", "--format", "json", EXAMPLE]));
    assert_eq!(code, 1);
    serde_json::from_str::<serde_json::Value>(&stdout).expect("stdout is only JSON");
    assert!(stderr.starts_with("FAIL"), "{stderr}");
    // Written to a file: nothing on stdout, the note on stderr.
    let out = dir.join("summary.txt");
    let (code, stdout, stderr) = run(dpisafe().args(["assess", EXAMPLE, "-o"]).arg(&out));
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert!(stderr.contains("wrote "), "{stderr}");
    let (code, stdout, stderr) = run(dpisafe().args(["schema", "report"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    serde_json::from_str::<serde_json::Value>(&stdout).expect("a schema");
}

fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
    list.iter().map(Into::into).collect()
}

fn args_with(list: &[&str], file: &std::path::Path) -> Vec<std::ffi::OsString> {
    let mut all = args(list);
    all.push(file.into());
    all
}

/// A result that could not be written is never reported as written: a full disk on standard
/// output is exit 2 with a message naming it, for every command that writes there.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_standard_output_is_an_error() {
    let cases: [&[&str]; 5] = [
        &["assess", "examples/g2p-payments/questionnaire.yaml"],
        &[
            "assess",
            "examples/g2p-payments/questionnaire.yaml",
            "--format",
            "json",
        ],
        &[
            "check",
            "examples/g2p-payments/questionnaire.yaml",
            "--format",
            "sarif",
        ],
        &[
            "report",
            "examples/g2p-payments/questionnaire.yaml",
            "--format",
            "md",
        ],
        &["schema", "report"],
    ];
    for args in cases {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_dpisafe"))
            .args(args)
            .current_dir(crate::common::root())
            .env("NO_COLOR", "1")
            .stdout(full)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot write `standard output`"),
            "{args:?}: {err}"
        );
    }
}

/// A deployment name written to take over a terminal or a CI log stays inert in every text
/// output: no escape or C1 control reaches the screen, and no line begins with the name's own
/// line (GitHub Actions reads `::error` and `::add-mask::` at the start of a line).
#[test]
fn hostile_names_are_inert_in_terminal_outputs() {
    let dir = crate::common::scratch("hostile-terminal");
    let hostile = r#""Rail\e[2J\e[H\e[32mPASS: all clear\e[0m\u009b31m\u202e\n::error file=x::pwned\n::add-mask::y""#;
    let file = crate::common::edited_rail(&dir, |text| {
        text.replace("  name: Test payment rail", &format!("  name: {hostile}"))
    });
    let file = file.to_str().expect("path");
    let runs: [&[&str]; 5] = [
        &["assess", file],
        &["check", file],
        &["portfolio", file, "--no-redact"],
        &["diff", file, file],
        &["validate", file],
    ];
    for format in ["md", "html"] {
        let (code, out, err) =
            crate::common::run(crate::common::dpisafe().args(["report", file, "--format", format]));
        assert_eq!(code, 0, "{err}");
        assert!(
            out.contains("PASS: all clear"),
            "the name is kept, its controls dropped"
        );
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{0}'),
            "{format}: {out}"
        );
    }
    for args in runs {
        let (_, out, err) = crate::common::run(crate::common::dpisafe().args(args));
        if args[0] != "validate" {
            assert!(
                out.contains(r"Rail\u{1b}[2J"),
                "the name is shown, escaped: {out}"
            );
        }
        for (channel, text) in [("stdout", &out), ("stderr", &err)] {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{9b}') && !text.contains('\u{202e}'),
                "{args:?} {channel}: {text}"
            );
            assert!(
                !text.lines().any(|l| l.trim_start().starts_with("::")),
                "{args:?} {channel}: {text}"
            );
        }
    }
}

/// System files are never opened: as a file to validate, as a portfolio entry, or as
/// evidence (where `/proc/kmsg` would block forever and `/proc/self/environ` would leak).
#[cfg(target_os = "linux")]
#[test]
fn system_files_are_never_read() {
    for args in [
        &["validate", "/proc/self/status"][..],
        &["portfolio", "/proc/self/status"][..],
    ] {
        let (code, out, err) = crate::common::run(crate::common::dpisafe().args(args));
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("is a system file"), "{args:?}: {err}");
    }
    let dir = crate::common::scratch("system-evidence");
    let file = crate::common::edited_rail(&dir, |text| {
        let text = text.replacen("ref: evidence/hria.md", "ref: /proc/self/environ", 1);
        assert!(
            text.contains("/proc/self/environ"),
            "the fixture cites evidence/hria.md"
        );
        text
    });
    let (_, out, err) = crate::common::run(
        crate::common::dpisafe()
            .arg("assess")
            .arg(&file)
            .args(["--format", "json"]),
    );
    assert!(
        err.contains("never read") || err.contains("outside the evidence root"),
        "{err}"
    );
    assert!(!out.contains("record the new digest") && !err.contains("record the new digest"));
}

/// Of many runs racing to write one new file without `--force`, exactly one wins and the
/// others are refused; `-o` never replaces a device, whatever `--force` says.
#[cfg(unix)]
#[test]
fn output_files_are_created_once_and_never_over_a_device() {
    let dir = crate::common::scratch("output-race");
    let target = dir.join("result.json");
    let children: Vec<std::process::Child> = (0..16)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_dpisafe"))
                .args(["assess", "examples/g2p-payments/questionnaire.yaml"])
                .args(["--format", "json", "-o"])
                .arg(&target)
                .current_dir(crate::common::root())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("starts")
        })
        .collect();
    let codes: Vec<Option<i32>> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("ends").status.code())
        .collect();
    assert_eq!(
        codes.iter().filter(|c| **c == Some(0)).count(),
        1,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| **c == Some(2)).count(),
        15,
        "{codes:?}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n != "result.json")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file is left: {leftovers:?}"
    );

    let (code, _, err) = crate::common::run(crate::common::dpisafe().args([
        "assess",
        "examples/g2p-payments/questionnaire.yaml",
        "-o",
        "/dev/null",
        "--force",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is not a regular file") && err.contains("-o -"),
        "{err}"
    );
    let null = std::fs::metadata("/dev/null")
        .expect("still there")
        .file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&null));
}

/// A signal while the output is being written removes the temporary file and exits with
/// 128 + the signal: 130 for SIGINT (Ctrl-C), 143 for SIGTERM (a CI runner cancelling).
#[test]
fn a_signal_during_a_write_leaves_nothing_behind() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = crate::common::scratch(&format!("signal-{signal}"));
        let target = dir.join("result.json");
        // Debug builds hold the temporary file open this long before renaming it.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dpisafe"))
            .args(["assess", "examples/g2p-payments/questionnaire.yaml"])
            .args(["--format", "json", "-o"])
            .arg(&target)
            .current_dir(crate::common::root())
            .env("DPISAFE_TEST_HOLD_MS", "20000")
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        let temporary = || {
            std::fs::read_dir(&dir)
                .expect("dir")
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        };
        let started = std::time::Instant::now();
        while !temporary() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(15),
                "the temporary file never appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let status = child.wait().expect("ends");
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "ended on the signal, not after the hold"
        );
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

/// A questionnaire from a pull request cannot learn about the runner's files: a reference
/// outside the evidence root is never read, and no digest or existence of it is reported.
#[test]
fn evidence_outside_the_root_is_never_read() {
    let dir = crate::common::scratch("evidence-root");
    let file = crate::common::edited_rail(&dir, |text| {
        text.replacen("ref: evidence/hria.md", "ref: /etc/hostname", 1)
            .replacen(
                "ref: evidence/grievance.md",
                "ref: ../../../../../etc/no-such-file",
                1,
            )
    });
    for format in ["text", "json", "sarif"] {
        let (_, out, err) = crate::common::run(
            crate::common::dpisafe()
                .arg("check")
                .arg(&file)
                .args(["--format", format])
                .current_dir(&dir),
        );
        let all = format!("{out}{err}");
        assert!(all.contains("outside the evidence root"), "{format}: {all}");
        assert!(!all.contains("record the new digest"), "{format}: {all}");
        assert!(
            !all.contains("does not exist"),
            "existence is not told: {all}"
        );
    }
}

/// `--evidence-root DIR` sets the root: a file outside it is not read even beside the
/// questionnaire, and one inside it is; `--max-hash-mib` lowers the hashing limit.
#[test]
fn the_evidence_root_and_the_hashing_limit_can_be_set() {
    let dir = crate::common::scratch("evidence-root-flag");
    let documents = dir.join("common-documents");
    std::fs::create_dir_all(&documents).expect("dir");
    std::fs::write(documents.join("big.md"), vec![b'x'; 2 * 1024 * 1024]).expect("writes");
    let project = dir.join("project");
    std::fs::create_dir_all(&project).expect("dir");
    let file = crate::common::edited_rail(&project, |text| {
        // Its recorded sha256 is another file's, so a read file shows as changed.
        text.replacen(
            "ref: evidence/hria.md",
            "ref: ../common-documents/big.md",
            1,
        )
    });
    let check = |extra: &[&str]| {
        let (_, out, err) = crate::common::run(
            crate::common::dpisafe()
                .args(extra)
                .arg("check")
                .arg(&file)
                .current_dir(&project),
        );
        format!("{out}{err}")
    };
    // By default the root is the questionnaire's directory here: ../common-documents is outside it.
    assert!(check(&[]).contains("outside the evidence root"));
    // A root that holds both: the file is read, and its digest compared.
    let wide = check(&["--evidence-root", dir.to_str().expect("path")]);
    assert!(!wide.contains("outside the evidence root"), "{wide}");
    assert!(
        wide.contains("no longer matches its recorded sha256"),
        "{wide}"
    );
    // The same, with a hashing limit below the file's 2 MiB: not hashed, and said so.
    let limited = check(&[
        "--evidence-root",
        dir.to_str().expect("path"),
        "--max-hash-mib",
        "1",
    ]);
    assert!(limited.contains("larger than 1 MiB"), "{limited}");
    // A root that holds only the questionnaire's own folder keeps ../common-documents out.
    let narrow = check(&["--evidence-root", project.to_str().expect("path")]);
    assert!(narrow.contains("outside the evidence root"), "{narrow}");
}

/// A policy's `evidence_root` (relative to the policy file) and `max_hash_mib` set the same
/// as the flags, which override them. The root may only narrow the repository holding the
/// policy, and one that is not a directory is refused at its line.
#[test]
fn a_policy_sets_the_evidence_root_and_the_hashing_limit() {
    let dir = crate::common::scratch("evidence-root-policy");
    std::fs::create_dir_all(dir.join(".git")).expect("dir");
    let documents = dir.join("common-documents");
    std::fs::create_dir_all(&documents).expect("dir");
    std::fs::write(documents.join("big.md"), vec![b'x'; 2 * 1024 * 1024]).expect("writes");
    let project = dir.join("project");
    std::fs::create_dir_all(&project).expect("dir");
    let file = crate::common::edited_rail(&project, |text| {
        text.replacen(
            "ref: evidence/hria.md",
            "ref: ../common-documents/big.md",
            1,
        )
    });
    let policy = project.join("policy.yaml");
    let check = |policy_text: &str, extra: &[&str]| {
        std::fs::write(&policy, policy_text).expect("writes");
        let (code, out, err) = crate::common::run(
            crate::common::dpisafe()
                .args(extra)
                .arg("check")
                .arg(&file)
                .arg("--policy")
                .arg(&policy)
                .current_dir(&project),
        );
        (code, format!("{out}{err}"))
    };
    // The Git work tree is the default root: the shared document is read and compared.
    let (_, whole) = check("dpisafe_policy: 1\n", &[]);
    assert!(!whole.contains("outside the evidence root"), "{whole}");
    assert!(
        whole.contains("no longer matches its recorded sha256"),
        "{whole}"
    );
    let (_, limited) = check("dpisafe_policy: 1\nmax_hash_mib: 1\n", &[]);
    assert!(limited.contains("larger than 1 MiB"), "{limited}");
    // The policy narrows the root to its own folder.
    let (_, narrow) = check("dpisafe_policy: 1\nevidence_root: .\n", &[]);
    assert!(narrow.contains("outside the evidence root"), "{narrow}");
    // The flags win over the policy's keys.
    let (_, flagged) = check(
        "dpisafe_policy: 1\nevidence_root: .\nmax_hash_mib: 1\n",
        &[
            "--evidence-root",
            dir.to_str().expect("path"),
            "--max-hash-mib",
            "4",
        ],
    );
    assert!(!flagged.contains("outside the evidence root"), "{flagged}");
    assert!(!flagged.contains("larger than"), "{flagged}");
    // Refused, each at its line and column: a misspelt root, a root beyond the repository,
    // and a hashing limit of zero.
    for (text, at, says) in [
        (
            "dpisafe_policy: 1\nevidence_root: evidense\n",
            "policy.yaml:2:16",
            "is not a directory",
        ),
        (
            "dpisafe_policy: 1\nevidence_root: ../..\n",
            "policy.yaml:2:16",
            "outside the repository",
        ),
        (
            "dpisafe_policy: 1\nmax_hash_mib: 0\n",
            "policy.yaml:2:15",
            "max_hash_mib",
        ),
    ] {
        let (code, out) = check(text, &[]);
        assert_eq!(code, 2, "{out}");
        assert!(out.contains(at) && out.contains(says), "{text}: {out}");
    }
}

/// `--force` replaces an earlier output, never a file the run reads: an evidence document
/// the answers cite, or a template of `--templates`.
#[test]
fn force_never_writes_over_what_the_run_reads() {
    let dir = crate::common::scratch("force-inputs").join("check");
    crate::common::copy_dir(&crate::common::fixture("check"), &dir);
    let questionnaire = dir.join("payment-rail.yaml");
    let evidence = dir.join("evidence/hria.md");
    let before = std::fs::read(&evidence).expect("evidence");
    for (command, format) in [("assess", "json"), ("check", "json"), ("report", "md")] {
        let (code, _, err) = crate::common::run(
            crate::common::dpisafe()
                .arg(command)
                .arg(&questionnaire)
                .args(["--format", format, "--force", "-o"])
                .arg(&evidence),
        );
        assert_eq!(code, 2, "{command}: {err}");
        assert!(err.contains("one of the input files"), "{command}: {err}");
        assert_eq!(
            std::fs::read(&evidence).expect("evidence"),
            before,
            "{command}"
        );
    }
}

/// A saved result read back (`render`, a baseline, a portfolio entry) is held to the ranges
/// the tool writes: a score of 250 or a negative coverage is refused, not drawn.
#[test]
fn saved_results_with_figures_out_of_range_are_refused() {
    let dir = crate::common::scratch("result-ranges");
    let result = crate::common::stdout_of(crate::common::dpisafe().args([
        "assess",
        "examples/g2p-payments/questionnaire.yaml",
        "--format",
        "json",
    ]));
    let mut value: serde_json::Value = serde_json::from_str(&result).expect("JSON");
    value["summary"]["score"] = serde_json::json!(250.0);
    let file = dir.join("result.json");
    std::fs::write(&file, value.to_string()).expect("writes");
    let render = || {
        crate::common::run(
            crate::common::dpisafe()
                .arg("render")
                .arg(&file)
                .args(["--format", "md"]),
        )
    };
    let (code, out, err) = render();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("invalid-result")
            && err.contains("`summary/score` is 250.0, above the maximum of 100"),
        "{err}"
    );
    assert!(
        err.contains("result.json:1:"),
        "at its line and column: {err}"
    );
    // A key twice is refused at the second one, as in a questionnaire; a JSON parser would
    // quietly keep the last.
    let text = result.replacen(
        "\"dpisafe_report\"",
        "\"dpisafe_report\": 1,\n  \"dpisafe_report\"",
        1,
    );
    std::fs::write(&file, text).expect("writes");
    let (code, _, err) = render();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("the key `dpisafe_report` appears twice") && err.contains("result.json:3:"),
        "{err}"
    );
}
