//! `dpisafe interview` driven through a real pseudo-terminal, as a person would use it:
//! creating a questionnaire, answering, going back, skipping, pressing Ctrl-C in the middle
//! of a question, resuming, and finishing, with comments added by hand in between.

use std::path::Path;
use std::process::Command;

use dpisafe::questionnaire::{AnswerValue, Questionnaire};
use dpisafe::source::Limits;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_with_options};

use crate::common::{dpisafe, scratch};

const TIMEOUT_MS: u64 = 30_000;

/// 2026-05-28, offered as the assessment date.
const EPOCH: &str = "1779926400";

fn interview(dir: &Path, args: &[&str], no_color: bool) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dpisafe"));
    cmd.args(args)
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(TIMEOUT_MS))
        .strip_ansi_escape_codes(false);
    spawn_with_options(cmd, options).expect("spawns in a pseudo-terminal")
}

/// Waits for `text` and returns what came before it. rexpect reads the terminal byte by byte
/// as Latin-1 characters, so the needle is spelt that way and the answer is put back together
/// as UTF-8.
fn expect(session: &mut PtySession, text: &str) -> String {
    let needle: String = text.bytes().map(char::from).collect();
    let before = session
        .exp_string(&needle)
        .unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    utf8(&before)
}

fn utf8(latin1: &str) -> String {
    let bytes: Vec<u8> = latin1
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn send(session: &mut PtySession, line: &str) {
    session.send_line(line).expect("sends");
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("waits") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("ended with {other:?}"),
    }
}

fn load(path: &Path) -> Questionnaire {
    let source = dpisafe::validate::read(path, &Limits::default()).expect("readable");
    dpisafe::validate::questionnaire::load(
        &source,
        dpisafe::validate::framework::embedded(),
        &Limits::default(),
    )
    .value
    .unwrap_or_else(|| panic!("{} is invalid:\n{}", path.display(), source.text))
}

fn value(q: &Questionnaire, id: &str) -> Option<AnswerValue> {
    q.answer(id).and_then(|a| a.value)
}

#[test]
fn a_questionnaire_is_created_answered_interrupted_resumed_and_finished() {
    let dir = scratch("interview-walk");
    let file = dir.join("registry.yaml");

    // A new file: the facts first.
    let mut s = interview(&dir, &["interview", "registry.yaml"], true);
    expect(&mut s, "registry.yaml does not exist yet");
    expect(&mut s, "Deployment name: ");
    send(&mut s, "Civil registry");
    expect(&mut s, "Country");
    send(&mut s, "Kenya");
    expect(&mut s, "Kenya is KE: use it? [Y/n] ");
    send(&mut s, "");
    expect(&mut s, "Blocks, comma-separated");
    send(&mut s, "id");
    expect(&mut s, "Stage the deployment is at: ");
    send(&mut s, "L1");
    expect(&mut s, "Your authority");
    send(&mut s, "R1");
    expect(&mut s, "Organisation");
    send(&mut s, "Registry Office");
    expect(&mut s, "Assessment date [2026-05-28]: ");
    send(&mut s, "");
    let intro = expect(&mut s, " answered. Each answer is saved");
    assert!(intro.contains("wrote registry.yaml"), "{intro}");

    let created = load(&file);
    assert_eq!(created.deployment.name, "Civil registry");
    assert_eq!(created.deployment.country.as_deref(), Some("KE"));
    assert_eq!(created.assessed_on.to_string(), "2026-05-28");
    assert_eq!(
        created.respondents[0].organisation.as_deref(),
        Some("Registry Office")
    );
    let ids: Vec<String> = created.answers.iter().map(|a| a.question.clone()).collect();
    let total = ids.len();
    assert!(total > 6, "{ids:?}");
    let text = std::fs::read_to_string(&file).expect("created");
    assert!(
        text.contains("  #   Guidance:"),
        "the template's guidance comments are there"
    );

    // 1: yes, with two pieces of evidence and a note.
    let card = expect(&mut s, "> ");
    assert!(
        card.contains(&format!("── 1 of {total} ── 0 answered")),
        "{card}"
    );
    assert!(card.contains(&ids[0]) && card.contains("Guidance") && card.contains("Evidence"));
    assert!(
        !card.contains('\u{1b}'),
        "NO_COLOR: no escape codes\n{card:?}"
    );
    send(&mut s, "y");
    expect(&mut s, "evidence> ");
    send(&mut s, "docs/hria.pdf");
    expect(
        &mut s,
        "no file `docs/hria.pdf` beside the questionnaire yet",
    );
    expect(&mut s, "kind: law, policy, procedure");
    send(&mut s, "assessment");
    expect(
        &mut s,
        "issued or last reviewed, YYYY-MM-DD (Enter to leave out): ",
    );
    send(&mut s, "2026-03-02");
    expect(&mut s, "evidence> ");
    send(&mut s, "https://example.org/mitigation-plan");
    expect(&mut s, "kind");
    send(&mut s, "-");
    expect(&mut s, "issued or last reviewed");
    send(&mut s, "");
    expect(&mut s, "evidence> ");
    send(&mut s, "");
    expect(&mut s, "Notes");
    send(&mut s, "Reviewed in March");
    expect(&mut s, &format!("saved {}", ids[0]));

    // 2: n/a, which needs a reason.
    expect(&mut s, &format!("── 2 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "a");
    expect(&mut s, "Why does it not apply here? ");
    send(&mut s, "");
    expect(&mut s, "n/a needs a reason");
    send(&mut s, "The registry does not run this");
    expect(&mut s, "Notes");
    send(&mut s, "");
    expect(&mut s, &format!("saved {}", ids[1]));

    // 3: skipped; 4: back to 3, back to 2 (shown with its answer), Enter keeps it and goes
    // on to the first open question after it, which is 3 again.
    expect(&mut s, &format!("── 3 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "s");
    expect(&mut s, &format!("── 4 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "b");
    expect(&mut s, &format!("── 3 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "b");
    let card = expect(&mut s, "> ");
    assert!(
        card.contains(&format!("── 2 of {total} ── 2 answered")),
        "{card}"
    );
    assert!(
        card.contains("Answered  n/a · reason \"The registry does not run this\""),
        "{card}"
    );
    send(&mut s, "");
    expect(&mut s, &format!("── 3 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "?");
    expect(&mut s, "back to the previous question");
    send(&mut s, "no");
    expect(&mut s, "evidence> ");
    send(&mut s, "");
    expect(&mut s, "Notes");
    send(&mut s, "");
    expect(&mut s, &format!("saved {}", ids[2]));

    // 4: Ctrl-C halfway through giving evidence.
    expect(&mut s, &format!("── 4 of {total}"));
    expect(&mut s, "> ");
    send(&mut s, "p");
    expect(&mut s, "evidence> ");
    send(&mut s, "docs/half-typed.pdf");
    expect(&mut s, "kind");
    s.send_control('c').expect("Ctrl-C");
    expect(
        &mut s,
        "interrupted: every answer given so far is saved in registry.yaml",
    );
    assert_eq!(exit_code(&s), 130);

    let saved = load(&file);
    assert_eq!(value(&saved, &ids[0]), Some(AnswerValue::Yes));
    let first = saved.answer(&ids[0]).expect("answered");
    let refs: Vec<&str> = first
        .evidence
        .iter()
        .map(|e| e.reference.as_str())
        .collect();
    assert_eq!(
        refs,
        ["docs/hria.pdf", "https://example.org/mitigation-plan"]
    );
    assert_eq!(first.evidence[0].kind.as_deref(), Some("assessment"));
    assert_eq!(
        first.evidence[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(first.notes.as_deref(), Some("Reviewed in March"));
    assert_eq!(value(&saved, &ids[1]), Some(AnswerValue::NotApplicable));
    assert_eq!(
        saved.answer(&ids[1]).and_then(|a| a.reason.as_deref()),
        Some("The registry does not run this")
    );
    assert_eq!(value(&saved, &ids[2]), Some(AnswerValue::No));
    assert_eq!(
        value(&saved, &ids[3]),
        None,
        "the interrupted question is not half-saved"
    );
    dpisafe().arg("validate").arg(&file).assert().code(0);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("lists")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["registry.yaml"],
        "no temporary file left behind"
    );

    // Comments added by hand between sessions.
    let text = std::fs::read_to_string(&file).expect("readable");
    let text = text
        .replacen(
            &format!("  {}:\n", ids[0]),
            &format!("  {}:\n    # checked with legal on 2 May\n", ids[0]),
            1,
        )
        .replacen(
            &format!("  {}:\n", ids[3]),
            &format!("  # ask the ombudsman before answering\n  {}:\n", ids[3]),
            1,
        );
    std::fs::write(&file, &text).expect("writes");

    // Resumed at the first question without an answer, then finished by skipping the rest.
    // A document the next answer cites, now on disk.
    std::fs::create_dir_all(dir.join("board")).expect("dir");
    std::fs::write(dir.join("board/minutes-2026-04.pdf"), b"%PDF-1.7 minutes").expect("writes");
    let mut s = interview(&dir, &["interview", "registry.yaml"], true);
    let card = expect(&mut s, "> ");
    assert!(
        card.contains(&format!("{total} questions apply, 3 answered")),
        "{card}"
    );
    assert!(
        card.contains(&format!("── 4 of {total} ── 3 answered")),
        "{card}"
    );
    assert!(card.contains(&ids[3]), "{card}");
    send(&mut s, "partial");
    expect(&mut s, "evidence> ");
    send(&mut s, "board/minutes-2026-04.pdf");
    // The file is there: its kind comes from its name and its date from the file.
    expect(&mut s, "kind [minutes]: ");
    send(&mut s, "");
    expect(&mut s, "the file's date]: ");
    send(&mut s, "");
    expect(&mut s, "evidence> ");
    send(&mut s, "");
    expect(&mut s, "Notes");
    send(&mut s, "");
    expect(&mut s, &format!("saved {}", ids[3]));
    for _ in 4..total {
        expect(&mut s, "> ");
        send(&mut s, "s");
    }
    let end = expect(&mut s, "Score it with");
    assert!(
        end.contains(&format!(
            "That was the last question: 4 of {total} answered"
        )),
        "{end}"
    );
    // Every question has been seen: the walk offers an action register, which is declined.
    let offer = expect(&mut s, "with owners and due dates for those? [y/N] ");
    assert!(offer.contains("critical or high"), "{offer}");
    send(&mut s, "");
    assert_eq!(exit_code(&s), 0);
    assert!(
        !dir.join("plan.yaml").exists(),
        "declined: no register written"
    );

    let text = std::fs::read_to_string(&file).expect("readable");
    assert!(
        text.contains("    # checked with legal on 2 May\n"),
        "{text}"
    );
    assert!(
        text.contains("  # ask the ombudsman before answering\n"),
        "{text}"
    );
    let done = load(&file);
    assert_eq!(value(&done, &ids[3]), Some(AnswerValue::Partial));
    assert_eq!(value(&done, &ids[0]), Some(AnswerValue::Yes));
    dpisafe().arg("validate").arg(&file).assert().code(0);
}

#[test]
fn an_invalid_questionnaire_is_refused_with_its_location() {
    let dir = scratch("interview-invalid");
    let file = dir.join("bad.yaml");
    std::fs::write(
        &file,
        "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\ndeployment:\n  name: X\n  building_blocks: [id]\n  stage: L9\n",
    )
    .expect("writes");
    let before = std::fs::read(&file).expect("reads");
    let mut s = interview(&dir, &["interview", "bad.yaml"], true);
    let out = utf8(&s.exp_eof().expect("ends"));
    assert!(out.contains("bad.yaml:6:"), "{out}");
    assert!(out.contains("L9"), "{out}");
    assert_eq!(exit_code(&s), 2);
    assert_eq!(
        std::fs::read(&file).expect("reads"),
        before,
        "left as it was"
    );
}

#[test]
fn without_a_terminal_the_interview_refuses_and_points_to_init() {
    let dir = scratch("interview-no-tty");
    let output = dpisafe()
        .arg("interview")
        .arg(dir.join("new.yaml"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("standard input is not one"), "{stderr}");
    assert!(stderr.contains("dpisafe init -o FILE"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(!dir.join("new.yaml").exists());
}

#[test]
fn colour_in_a_terminal_and_none_with_no_color() {
    let dir = scratch("interview-colour");
    let example = crate::common::root().join("examples/national-id/questionnaire.yaml");
    let bad = crate::common::fixture("questionnaires/invalid/na-without-reason.yaml");
    for (args, what) in [
        (
            vec!["assess", example.to_str().expect("UTF-8")],
            "assess table",
        ),
        (
            vec!["validate", bad.to_str().expect("UTF-8")],
            "diagnostics",
        ),
    ] {
        let mut args = args;
        args.extend(["--color", "auto"]);
        let mut coloured = interview(&dir, &args, false);
        let out = utf8(&coloured.exp_eof().expect("ends"));
        assert!(
            out.contains("\u{1b}["),
            "{what} in a terminal is coloured:\n{out}"
        );
        let mut plain = interview(&dir, &args, true);
        let out = utf8(&plain.exp_eof().expect("ends"));
        assert!(
            !out.contains('\u{1b}'),
            "{what} with NO_COLOR has no escape codes:\n{out:?}"
        );
        assert!(out.len() > 100, "{what}: {out}");
    }
}
