use super::*;
use crate::questionnaire::AnswerValue;
use crate::source::SourceFile;

const HEAD: &str = "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\nassessed_on: 2026-05-01\ndeployment:\n  name: \"X\"\n  building_blocks: [id]\n  stage: L5\n";

fn answer(value: AnswerValue) -> RawAnswer {
    RawAnswer {
        answer: Some(value),
        ..RawAnswer::default()
    }
}

fn set(text: &str, id: &str, raw: &RawAnswer) -> String {
    set_answer(
        text,
        crate::validate::framework::embedded(),
        id,
        raw,
        &Limits::default(),
    )
    .expect("edits")
}

/// The loaded questionnaire's answers as (id, value) in file order; panics when invalid.
fn answers(text: &str) -> Vec<(String, Option<&'static str>)> {
    let source = SourceFile::new("q.yaml", text);
    let loaded = crate::validate::questionnaire::load(
        &source,
        crate::validate::framework::embedded(),
        &Limits::default(),
    );
    let q = loaded
        .value
        .unwrap_or_else(|| panic!("invalid:\n{text}\n{:#?}", loaded.diagnostics));
    q.answers
        .iter()
        .map(|a| (a.question.clone(), a.value.map(AnswerValue::as_str)))
        .collect()
}

#[test]
fn replacing_an_entry_keeps_every_comment_and_the_neighbours() {
    let text = format!(
        "{HEAD}answers:\n  # F1.Q1 (critical)\n  F1.Q1:   # asked Maria\n    # draft, check with legal\n    answer:        # yes | partial | no | n/a\n    evidence: []\n    notes: \"old\"   # from the workshop\n  # F1.Q2\n  F1.Q2:\n    answer: no\nwaivers: []\n"
    );
    let raw = RawAnswer {
        answer: Some(AnswerValue::Partial),
        evidence: vec![RawEvidence {
            reference: "docs/hria.pdf".to_owned(),
            kind: Some("assessment".to_owned()),
            date: Some("2026-03-02".to_owned()),
            sha256: None,
            title: Some("HRIA \"v2\"".to_owned()),
        }],
        reason: None,
        notes: Some("new: see #4".to_owned()),
    };
    let out = set(&text, "F1.Q1", &raw);
    let expected = format!(
        "{HEAD}answers:\n  # F1.Q1 (critical)\n  F1.Q1: # asked Maria\n    # draft, check with legal\n    answer: partial # yes | partial | no | n/a\n    evidence:\n      - ref: \"docs/hria.pdf\"\n        kind: \"assessment\"\n        date: \"2026-03-02\"\n        title: \"HRIA \\\"v2\\\"\"\n    notes: \"new: see #4\" # from the workshop\n  # F1.Q2\n  F1.Q2:\n    answer: no\nwaivers: []\n"
    );
    assert_eq!(out, expected);
    assert_eq!(
        answers(&out),
        [
            ("F1.Q1".to_owned(), Some("partial")),
            ("F1.Q2".to_owned(), Some("no"))
        ]
    );
}

#[test]
fn a_block_scalar_is_rewritten_as_data_not_kept_as_comments() {
    let text = format!(
        "{HEAD}answers:\n  F1.Q1:\n    answer: no\n    notes: |\n      first line\n      # not a comment\n\n      after a blank\n  F1.Q2:\n    answer: no\n"
    );
    let out = set(&text, "F1.Q1", &answer(AnswerValue::Yes));
    assert!(!out.contains("# not a comment"), "{out}");
    assert!(
        out.contains("  F1.Q1:\n    answer: yes\n    evidence: []\n    notes:\n  F1.Q2:"),
        "{out}"
    );
    answers(&out);
}

#[test]
fn an_entry_in_flow_style_and_one_at_the_end_without_a_line_break() {
    let text = format!(
        "{HEAD}answers:\n  F1.Q1: {{answer: no, notes: \"x\"}}  # quick\n  F1.Q2: {{answer: no}}"
    );
    let out = set(&text, "F1.Q2", &answer(AnswerValue::Yes));
    assert!(
        out.ends_with("  F1.Q2:\n    answer: yes\n    evidence: []\n    notes:"),
        "{out:?}"
    );
    let out = set(&out, "F1.Q1", &answer(AnswerValue::Partial));
    assert!(
        out.contains("  F1.Q1: # quick\n    answer: partial\n"),
        "{out}"
    );
    assert_eq!(answers(&out)[0].1, Some("partial"));
}

#[test]
fn a_comment_at_the_margin_inside_an_entry_does_not_end_it() {
    let text = format!(
        "{HEAD}answers:\n  F1.Q1:\n    answer: no\n# stray note at the margin\n    notes: \"kept as data\"\n  F1.Q2:\n    answer: no\n"
    );
    let out = set(&text, "F1.Q1", &answer(AnswerValue::Yes));
    assert!(out.contains("# stray note at the margin\n"), "{out}");
    assert_eq!(out.matches("notes:").count(), 1, "{out}");
    answers(&out);
}

#[test]
fn new_entries_go_in_framework_order() {
    let text = format!(
        "{HEAD}answers:\n  # about F1.Q2\n  F1.Q2:\n    answer: no\n  # about F1.Q5\n  F1.Q5:\n    answer: no\nwaivers: []\n"
    );
    let out = set(&text, "F1.Q3", &answer(AnswerValue::Yes));
    let out = set(&out, "F1.Q1", &answer(AnswerValue::Partial));
    let out = set(&out, "F2.Q1", &answer(AnswerValue::No));
    let order: Vec<String> = answers(&out).into_iter().map(|(id, _)| id).collect();
    assert_eq!(order, ["F1.Q1", "F1.Q2", "F1.Q3", "F1.Q5", "F2.Q1"]);
    assert!(out.contains("answers:\n  F1.Q1:\n    answer: partial\n    evidence: []\n    notes:\n  # about F1.Q2\n"), "{out}");
    assert!(out.ends_with("    notes:\nwaivers: []\n"), "{out}");
}

#[test]
fn answers_without_entries_or_missing_are_opened() {
    for answers_line in [
        "answers:\n",
        "answers: {}   # none yet\n",
        "answers: ~\n",
        "",
    ] {
        let text = format!("{HEAD}{answers_line}");
        let out = set(&text, "F1.Q1", &answer(AnswerValue::No));
        assert_eq!(answers(&out), [("F1.Q1".to_owned(), Some("no"))], "{out}");
        if answers_line.contains("# none yet") {
            assert!(out.contains("answers: # none yet\n  F1.Q1:\n"), "{out}");
        }
    }
}

#[test]
fn answers_in_flow_style_are_refused_with_a_reason() {
    let text = format!("{HEAD}answers: {{F1.Q1: {{answer: no}}}}\n");
    let err = set_answer(
        &text,
        crate::validate::framework::embedded(),
        "F1.Q2",
        &answer(AnswerValue::Yes),
        &Limits::default(),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("flow style"), "{err}");
}

#[test]
fn windows_line_breaks_stay_windows_line_breaks() {
    let text = format!("{HEAD}answers:\n  F1.Q1:\n    answer: no\n  F1.Q2:\n    answer: no\n")
        .replace('\n', "\r\n");
    let out = set(&text, "F1.Q1", &answer(AnswerValue::Yes));
    let out = set(&out, "F1.Q3", &answer(AnswerValue::Yes));
    assert_eq!(
        out.matches('\n').count(),
        out.matches("\r\n").count(),
        "{out:?}"
    );
    assert_eq!(answers(&out).len(), 3);
}

#[test]
fn comment_detection_ignores_hashes_inside_quotes() {
    assert_eq!(comment_start("notes: \"a # b\"  # c"), Some(16));
    assert_eq!(comment_start("notes: 'it''s # x'"), None);
    assert_eq!(comment_start("notes: issue#4"), None);
    assert_eq!(comment_start("  # whole line"), Some(2));
    assert!(opens_block_scalar("notes: |-"));
    assert!(opens_block_scalar("- >  # folded"));
    assert!(!opens_block_scalar("notes: a | b"));
}
