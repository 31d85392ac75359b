//! Structure-aware: two valid questionnaires of one deployment (the national ID example's
//! registry and civil-society respondents) are changed by a list of edits drawn from the
//! fuzzer's bytes (answers, notes, evidence entries and what was found of them, waivers,
//! the deployment, the respondent and its scope, or any key set to any text), written back
//! as text, loaded and validated. When both stay valid they are merged, assessed, judged by
//! the default gate and rendered in every format.
//!
//! Random bytes almost never get past the schema; these edits keep most inputs valid, so the
//! scoring, merging, waiver and rendering code sees them. Nothing here reads the disk: what
//! was found of each evidence file is itself one of the edits.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use dpisafe::questionnaire::Questionnaire;
use dpisafe::questionnaire::evidence::Found;
use dpisafe::source::Limits;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// Which of the two respondents an edit changes.
#[derive(Debug, Arbitrary)]
enum Who {
    Registry,
    CivilSociety,
}

/// A value for an answer: the five the format knows, or any text.
#[derive(Debug, Arbitrary)]
enum Choice {
    Yes,
    Partial,
    No,
    NotApplicable,
    Unknown,
    Other(String),
}

/// A date, mostly near the assessment's, sometimes impossible.
#[derive(Debug, Arbitrary)]
struct When {
    year: u8,
    month: u8,
    day: u8,
}

/// An evidence reference: a file, an address, or any text.
#[derive(Debug, Arbitrary)]
enum Reference {
    File(u8),
    Address(String),
    Doi(String),
    Text(String),
}

/// What was found of an evidence file, as `evidence::inspect` would record it.
#[derive(Debug, Arbitrary)]
enum Seen {
    Address,
    File { verified: bool },
    Missing,
    DigestMismatch(String),
    Unreadable(String),
}

#[derive(Debug, Arbitrary)]
enum Edit {
    Answer {
        who: Who,
        question: u8,
        choice: Choice,
        notes: Option<String>,
    },
    Remove {
        who: Who,
        question: u8,
    },
    Evidence {
        who: Who,
        question: u8,
        reference: Reference,
        kind: u8,
        date: Option<When>,
        sha256: Option<bool>,
        title: Option<String>,
    },
    Waiver {
        who: Who,
        question: u8,
        reason: String,
        approved_by: String,
        expires: When,
    },
    Stage {
        who: Who,
        stage: u8,
    },
    Blocks {
        who: Who,
        mask: u8,
    },
    Authority {
        who: Who,
        authority: u8,
    },
    Scope {
        who: Who,
        mask: u8,
    },
    AssessedOn {
        who: Who,
        date: When,
    },
    Name {
        who: Who,
        name: String,
    },
    /// Any top-level or deployment key set to any text: unknown keys, wrong types.
    Key {
        who: Who,
        deployment: bool,
        key: String,
        value: String,
    },
}

#[derive(Debug, Arbitrary)]
struct Input {
    edits: Vec<Edit>,
    /// What each evidence entry's file was found to be, in order.
    seen: Vec<Seen>,
    /// Whether to write the questionnaires on one line or indented (both JSON, which YAML
    /// reads; positions then differ).
    flow: bool,
}

const STAGES: [&str; 6] = ["L1", "L2", "L3", "L4", "L5", "L9"];
const AUTHORITIES: [&str; 6] = ["R1", "R2", "R3", "R4", "R5", "R0"];
const BLOCKS: [&str; 5] = ["id", "payments", "data-exchange", "dpg", "other"];
const KINDS: [&str; 7] = [
    "law",
    "policy",
    "assessment",
    "audit",
    "report",
    "dataset",
    "nonsense",
];
const FILES: [&str; 3] = ["evidence/hria-2023.md", "../outside.md", "/etc/passwd"];

/// The two seed questionnaires as JSON values, parsed once.
fn seeds() -> &'static [Value; 2] {
    static SEEDS: OnceLock<[Value; 2]> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let parse = |text: &str| {
            dpisafe::source::yaml::parse(text, &Limits::default())
                .map(|parsed| parsed.root.to_json())
                .unwrap_or_else(|_| panic!("a seed questionnaire parses"))
        };
        [
            parse(include_str!(
                "../../examples/national-id/questionnaire.yaml"
            )),
            parse(include_str!(
                "../../examples/national-id/civil-society.yaml"
            )),
        ]
    })
}

/// The framework's question ids, in order.
fn question_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        dpisafe::assessment::embedded_framework()
            .questions
            .iter()
            .map(|q| q.id.clone())
            .collect()
    })
}

fn question(index: u8) -> String {
    let ids = question_ids();
    ids[usize::from(index) % ids.len()].clone()
}

fn date(when: &When) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        2000 + u32::from(when.year % 40),
        when.month % 14,
        when.day % 33
    )
}

fn pick<'a>(values: &[&'a str], index: u8) -> &'a str {
    values[usize::from(index) % values.len()]
}

fn subset(values: &[&str], mask: u8) -> Value {
    let picked: Vec<&str> = values
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, v)| *v)
        .collect();
    json!(picked)
}

fn object<'a>(value: &'a mut Value, key: &str) -> Option<&'a mut serde_json::Map<String, Value>> {
    let map = value.as_object_mut()?;
    map.entry(key.to_owned())
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

fn apply(edit: &Edit, docs: &mut [Value; 2]) {
    let target = match edit_who(edit) {
        Who::Registry => &mut docs[0],
        Who::CivilSociety => &mut docs[1],
    };
    match edit {
        Edit::Answer {
            question: q,
            choice,
            notes,
            ..
        } => {
            let value = match choice {
                Choice::Yes => json!("yes"),
                Choice::Partial => json!("partial"),
                Choice::No => json!("no"),
                Choice::NotApplicable => json!("na"),
                Choice::Unknown => json!("unknown"),
                Choice::Other(text) => json!(text),
            };
            if let Some(answers) = object(target, "answers") {
                let mut entry = json!({ "answer": value });
                if let Some(notes) = notes {
                    entry["notes"] = json!(notes);
                } else if matches!(choice, Choice::NotApplicable) {
                    entry["notes"] = json!("Not part of this deployment.");
                }
                answers.insert(question(*q), entry);
            }
        }
        Edit::Remove { question: q, .. } => {
            if let Some(answers) = object(target, "answers") {
                answers.remove(&question(*q));
            }
        }
        Edit::Evidence {
            question: q,
            reference,
            kind,
            date: when,
            sha256,
            title,
            ..
        } => {
            let reference = match reference {
                Reference::File(i) => pick(&FILES, *i).to_owned(),
                Reference::Address(tail) => format!("https://example.org/{tail}"),
                Reference::Doi(tail) => format!("doi:10.1000/{tail}"),
                Reference::Text(text) => text.clone(),
            };
            let mut entry = json!({ "ref": reference, "kind": pick(&KINDS, *kind) });
            if let Some(when) = when {
                entry["date"] = json!(date(when));
            }
            match sha256 {
                Some(true) => entry["sha256"] = json!("0".repeat(64)),
                Some(false) => entry["sha256"] = json!("not-a-digest"),
                None => {}
            }
            if let Some(title) = title {
                entry["title"] = json!(title);
            }
            if let Some(answers) = object(target, "answers") {
                if let Some(answer) = answers
                    .get_mut(&question(*q))
                    .and_then(Value::as_object_mut)
                {
                    let list = answer.entry("evidence").or_insert_with(|| json!([]));
                    if let Some(list) = list.as_array_mut() {
                        list.push(entry);
                    }
                }
            }
        }
        Edit::Waiver {
            question: q,
            reason,
            approved_by,
            expires,
            ..
        } => {
            if let Some(map) = target.as_object_mut() {
                let list = map.entry("waivers").or_insert_with(|| json!([]));
                if let Some(list) = list.as_array_mut() {
                    list.push(json!({
                        "question": question(*q),
                        "reason": reason,
                        "approved_by": approved_by,
                        "expires": date(expires),
                    }));
                }
            }
        }
        Edit::Stage { stage, .. } => {
            if let Some(deployment) = object(target, "deployment") {
                deployment.insert("stage".to_owned(), json!(pick(&STAGES, *stage)));
            }
        }
        Edit::Blocks { mask, .. } => {
            if let Some(deployment) = object(target, "deployment") {
                deployment.insert("building_blocks".to_owned(), subset(&BLOCKS, *mask));
            }
        }
        Edit::Authority { authority, .. } => {
            if let Some(respondent) = object(target, "respondent") {
                respondent.insert(
                    "authority".to_owned(),
                    json!(pick(&AUTHORITIES, *authority)),
                );
            }
        }
        Edit::Scope { mask, .. } => {
            if let Some(map) = target.as_object_mut() {
                if *mask == 0 {
                    map.remove("scope");
                } else {
                    map.insert(
                        "scope".to_owned(),
                        json!({ "authorities": subset(&AUTHORITIES, *mask) }),
                    );
                }
            }
        }
        Edit::AssessedOn { date: when, .. } => {
            if let Some(map) = target.as_object_mut() {
                map.insert("assessed_on".to_owned(), json!(date(when)));
            }
        }
        Edit::Name { name, .. } => {
            if let Some(deployment) = object(target, "deployment") {
                deployment.insert("name".to_owned(), json!(name));
            }
        }
        Edit::Key {
            deployment,
            key,
            value,
            ..
        } => {
            let map = if *deployment {
                object(target, "deployment")
            } else {
                target.as_object_mut()
            };
            if let Some(map) = map {
                map.insert(key.clone(), json!(value));
            }
        }
    }
}

fn edit_who(edit: &Edit) -> &Who {
    match edit {
        Edit::Answer { who, .. }
        | Edit::Remove { who, .. }
        | Edit::Evidence { who, .. }
        | Edit::Waiver { who, .. }
        | Edit::Stage { who, .. }
        | Edit::Blocks { who, .. }
        | Edit::Authority { who, .. }
        | Edit::Scope { who, .. }
        | Edit::AssessedOn { who, .. }
        | Edit::Name { who, .. }
        | Edit::Key { who, .. } => who,
    }
}

/// `value` as text: JSON, which YAML reads, on one line (`flow`) or indented.
fn text_of(value: &Value, flow: bool) -> String {
    if flow {
        serde_json::to_string(value).expect("a JSON value serialises")
    } else {
        serde_json::to_string_pretty(value).expect("a JSON value serialises")
    }
}

/// Records what was "found" of each evidence entry, as `evidence::inspect` would.
fn see(questionnaire: &mut Questionnaire, seen: &mut impl Iterator<Item = Seen>) {
    for answer in &mut questionnaire.answers {
        for evidence in &mut answer.evidence {
            evidence.found = seen.next().map(|seen| match seen {
                Seen::Address => Found::Address,
                Seen::File { verified } => Found::File { verified },
                Seen::Missing => Found::Missing,
                Seen::DigestMismatch(actual) => Found::DigestMismatch { actual },
                Seen::Unreadable(reason) => Found::Unreadable { reason },
            });
        }
    }
}

fuzz_target!(|input: Input| {
    let mut docs = seeds().clone();
    for edit in input.edits.iter().take(64) {
        apply(edit, &mut docs);
    }
    let framework = dpisafe::assessment::embedded_framework();
    let limits = Limits::default();
    let mut seen = input.seen.into_iter();
    let mut questionnaires = Vec::new();
    for (name, doc) in ["questionnaire.yaml", "civil-society.yaml"]
        .iter()
        .zip(&docs)
    {
        let text = text_of(doc, input.flow);
        let source = match dpisafe::assessment::from_bytes(name, text.into_bytes()) {
            Ok(source) => source,
            Err(diagnostic) => {
                let _ = dpisafe::diagnostic::render(&[diagnostic], None, false);
                return;
            }
        };
        let loaded = dpisafe::validate::questionnaire::load(&source, framework, &limits);
        let _ = dpisafe::diagnostic::render(&loaded.diagnostics, Some(&source), false);
        let Some(mut questionnaire) = loaded.value else {
            return;
        };
        see(&mut questionnaire, &mut seen);
        questionnaires.push(questionnaire);
    }
    // The first respondent alone, as a baseline for the gate (rendered by the other targets).
    let first = &questionnaires[0];
    let alone = dpisafe::assessment::Assessment {
        questionnaire: first.clone(),
        disagreements: Vec::new(),
    }
    .report(framework, first.assessed_on);
    match dpisafe::assessment::merge(questionnaires) {
        Ok(assessment) => {
            let mut report = dpisafe_fuzz::assess_and_render(framework, &assessment);
            let policy = dpisafe::policy::Policy::default();
            let gate = dpisafe::gate::judge(&policy, &report, Some(("alone", &alone)));
            report.gate = Some(gate);
            let sarif = dpisafe::render::sarif::render(framework, &report, Some(&alone));
            if let Err(err) = serde_json::from_str::<Value>(&sarif) {
                panic!("SARIF with a gate is not JSON: {err}");
            }
            let _ = dpisafe::render::junit::render(framework, &report);
            let _ = dpisafe::render::verdict::render(&report, dpisafe::i18n::Lang::En);
        }
        Err(diagnostic) => {
            let _ = dpisafe::diagnostic::render(&[*diagnostic], None, false);
        }
    }
});
