use super::*;
use crate::framework::Applicability;
use crate::interview::script::Script;
use crate::questionnaire::template::{self, Blank};

const PLAIN: Style = Style {
    width: 80,
    color: false,
};

/// A new questionnaire for a national ID at L1 (a short walk), answered by the government.
fn new_text() -> String {
    let blank = Blank {
        scope: Applicability {
            building_blocks: vec!["id".to_owned()],
            stage: Some("L1".to_owned()),
            authority: Some("R1".to_owned()),
        },
        name: Some("Civil registry".to_owned()),
        ..Blank::dated(crate::questionnaire::Date::parse("2026-05-01").expect("a date"))
    };
    template::render(crate::validate::framework::embedded(), &blank).expect("renders")
}

fn session(text: &str) -> Session<'static> {
    let source = SourceFile::new("q.yaml", text);
    let framework = crate::validate::framework::embedded();
    let loaded = crate::validate::questionnaire::load(&source, framework, &Limits::default())
        .value
        .expect("valid");
    Session::new(framework, source, loaded, Limits::default(), PLAIN)
}

fn value_in(text: &str, id: &str) -> Option<AnswerValue> {
    session(text).questionnaire.answer(id).and_then(|a| a.value)
}

#[test]
fn a_walk_saves_each_answer_as_it_is_given() {
    let mut walk = session(&new_text());
    let ids: Vec<String> = walk.questions.iter().map(|q| q.id.clone()).collect();
    assert!(ids.len() > 5, "{ids:?}");
    let mut io = Script::new(&[
        "y",                     // first question: yes
        "docs/hria.pdf",         //   evidence, not on disk
        "memo",                  //     not a kind
        "",                      //     no kind
        "2026-13-01",            //     not a date
        "2026-03-02",            //     its date
        "https://example.org/x", //   evidence
        "audit",                 //     its kind
        "",                      //     no date
        "",                      //   end of evidence
        "Reviewed in March",     //   notes
        "a",                     // second: n/a
        "",                      //   a reason is required
        "Not our mandate",       //   reason
        "",                      //   no notes
        "s",                     // third: skipped
        "b",                     // back to the third
        "b",                     // back to the second
        "",                      // keep it: on to the next open one, the third
        "?",
        "maybe",
        "no",
        "",
        "",
        "q",
    ]);
    let outcome = walk.run(&mut io);
    assert_eq!(
        outcome,
        Outcome::Stopped {
            answered: 3,
            total: ids.len()
        }
    );
    assert_eq!(io.saves.len(), 3, "one save per answer");
    let text = io.last_save();
    assert_eq!(walk.text(), text);
    let reloaded = session(text);
    let first = reloaded.questionnaire.answer(&ids[0]).expect("answered");
    assert_eq!(first.value, Some(AnswerValue::Yes));
    let refs: Vec<&str> = first
        .evidence
        .iter()
        .map(|e| e.reference.as_str())
        .collect();
    assert_eq!(refs, ["docs/hria.pdf", "https://example.org/x"]);
    assert_eq!(first.evidence[0].kind, None);
    assert_eq!(
        first.evidence[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-02")
    );
    assert_eq!(first.evidence[1].kind.as_deref(), Some("audit"));
    assert_eq!(first.evidence[1].date, None);
    assert_eq!(first.notes.as_deref(), Some("Reviewed in March"));
    let second = reloaded.questionnaire.answer(&ids[1]).expect("answered");
    assert_eq!(second.value, Some(AnswerValue::NotApplicable));
    assert_eq!(second.reason.as_deref(), Some("Not our mandate"));
    assert_eq!(value_in(text, &ids[2]), Some(AnswerValue::No));
    assert_eq!(value_in(text, &ids[3]), None);
    let shown = io.shown();
    assert!(
        shown.contains("no file `docs/hria.pdf` beside the questionnaire yet"),
        "{shown}"
    );
    assert!(shown.contains("choose one of law, policy"), "{shown}");
    assert!(shown.contains("`2026-13-01` is not a real date"), "{shown}");
    assert!(shown.contains("n/a needs a reason"), "{shown}");
    assert!(shown.contains("`maybe` is not an answer"), "{shown}");
    assert!(shown.contains("back to the previous question"), "{shown}");
    assert!(shown.contains("── 1 of "), "{shown}");
    assert!(
        shown.contains("Answered  n/a · reason \"Not our mandate\""),
        "{shown}"
    );
    assert!(shown.contains("3 of"), "{shown}");
    assert!(
        shown.contains("`dpisafe interview q.yaml` goes on"),
        "{shown}"
    );
    // The template's guidance comments are all still there.
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count(),
        new_text()
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    );
}

#[test]
fn a_new_walk_resumes_at_the_first_question_without_an_answer() {
    let text = new_text();
    let ids: Vec<String> = session(&text)
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let mut io = Script::new(&["n", "", "", "s", "p", "", ""]);
    session(&text).run(&mut io);
    let saved = io.last_save().to_owned();
    let resumed = session(&saved);
    assert_eq!(resumed.start(), 1, "the skipped question comes first");
    let mut io = Script::new(&["q"]);
    session(&saved).run(&mut io);
    assert!(
        io.shown()
            .contains(&format!("── 2 of {} ── 2 answered", ids.len())),
        "{}",
        io.shown()
    );
    assert!(io.shown().contains(&ids[1]));
}

#[test]
fn the_kind_is_guessed_from_the_name() {
    assert_eq!(
        super::guess_kind("evidence/grievance-procedure.pdf"),
        Some("procedure")
    );
    assert_eq!(super::guess_kind("Audits/2025_AUDIT.pdf"), Some("audit"));
    assert_eq!(super::guess_kind("minutes-board.md"), Some("minutes"));
    assert_eq!(
        super::guess_kind("https://example.org/laws/x"),
        None,
        "only the last part"
    );
    assert_eq!(super::guess_kind("notes.txt"), None);
}

#[test]
fn end_of_input_in_the_middle_of_a_question_saves_nothing_for_it() {
    let mut walk = session(&new_text());
    let mut io = Script::new(&["y", "docs/a.pdf"]);
    let outcome = walk.run(&mut io);
    assert!(matches!(outcome, Outcome::Stopped { answered: 0, .. }));
    assert!(io.saves.is_empty());
}

#[test]
fn a_refused_save_leaves_the_answer_unrecorded_and_asks_again() {
    let mut walk = session(&new_text());
    let mut io = Script::new(&["n", "", "", "q"]);
    io.refuse_saves = true;
    walk.run(&mut io);
    assert!(
        io.shown().contains("not saved: the disk is full"),
        "{}",
        io.shown()
    );
    assert_eq!(walk.answered(), 0);
    assert_eq!(walk.text(), new_text());
}

#[test]
fn the_last_question_ends_the_walk_and_names_those_still_open() {
    let text = new_text();
    let total = session(&text).total();
    // Each "no" takes three lines: the answer, the end of evidence and empty notes.
    let script: Vec<&str> = std::iter::once("s")
        .chain((1..total).flat_map(|_| ["n", "", ""]))
        .collect();
    let mut io = Script::new(&script);
    let outcome = session(&text).run(&mut io);
    assert_eq!(
        outcome,
        Outcome::Finished {
            answered: total - 1,
            total
        }
    );
    let first = session(&text).questions[0].id.clone();
    let shown = io.shown().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        shown.contains(&format!("Still open: {first}.")),
        "{}",
        io.shown()
    );
}

#[test]
fn rewriting_every_example_answer_as_it_is_changes_no_data_and_no_comment() {
    for name in ["national-id", "g2p-payments", "legal-aid-dpg"] {
        let path = format!(
            "{}/examples/{name}/questionnaire.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("example");
        let original = session(&text);
        let comments = |t: &str| {
            let mut c: Vec<String> = t.lines().filter_map(edit_comment).collect();
            c.sort();
            c
        };
        let mut walk = session(&text);
        let mut io = Script::new(&[]);
        for answer in &original.questionnaire.answers {
            // `record` edits the text, validates it and checks that nothing else changed.
            walk.record(&mut io, &answer.question, raw(answer))
                .unwrap_or_else(|e| panic!("{name} {}: {e}", answer.question));
        }
        let current = walk.text().to_owned();
        assert_eq!(io.saves.len(), original.questionnaire.answers.len());
        assert_eq!(
            comments(&current),
            comments(&text),
            "{name}: comments differ"
        );
        assert_eq!(
            without(&original.questionnaire, ""),
            without(&session(&current).questionnaire, "")
        );
    }
}

/// The comment on a line, trimmed, if it has one.
fn edit_comment(line: &str) -> Option<String> {
    let at = line.find(" #").map(|i| i + 1).or_else(|| {
        line.trim_start()
            .starts_with('#')
            .then(|| line.len() - line.trim_start().len())
    })?;
    let comment = line[at..].trim();
    comment.starts_with('#').then(|| comment.to_owned())
}
