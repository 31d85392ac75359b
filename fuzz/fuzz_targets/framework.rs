//! Framework bytes → source → load and validate → diagnostics rendered; for a valid
//! framework: applicability over every question, the blank questionnaire `dpisafe init`
//! writes, that blank loaded back against the framework (it must be valid), and the same
//! blank with every question answered, assessed and rendered, as `--framework FILE` would.
#![no_main]

use dpisafe::framework::{Applicability, Framework};
use dpisafe::questionnaire::template::{self, Blank};
use dpisafe::source::{Limits, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let source = match dpisafe::assessment::from_bytes("fuzz-framework.yaml", data.to_vec()) {
        Ok(source) => source,
        Err(diagnostic) => {
            let _ = dpisafe::diagnostic::render(&[diagnostic], None, false);
            return;
        }
    };
    let loaded = dpisafe::assessment::framework(&source, &limits);
    let _ = dpisafe::diagnostic::render(&loaded.diagnostics, Some(&source), false);
    let Some(framework) = loaded.value else {
        return;
    };

    let fixed = Applicability {
        building_blocks: vec!["id".to_owned(), "payments".to_owned()],
        stage: Some("L3".to_owned()),
        authority: Some("R1".to_owned()),
    };
    let _applicable = framework
        .questions
        .iter()
        .filter(|q| framework.applies(q, &fixed))
        .count();
    let _ = framework.reference();

    // Everything, then a scope made of the framework's own ids (so `init` accepts it).
    let own = Applicability {
        building_blocks: framework
            .building_block_ids()
            .first()
            .map(|b| vec![(*b).to_owned()])
            .unwrap_or_default(),
        stage: framework.stage_ids().last().map(|s| (*s).to_owned()),
        authority: framework.authority_ids().first().map(|a| (*a).to_owned()),
    };
    for scope in [Applicability::default(), own] {
        let blank = Blank {
            scope,
            name: Some("Fuzz \"deployment\": #1".to_owned()),
            country: Some("KE".to_owned()),
            date: dpisafe_fuzz::default_date(),
            organisation: Some("Fuzz <office> & 'partners'".to_owned()),
        };
        match template::render(&framework, &blank) {
            Ok(text) => round_trip(&framework, &text, &limits),
            Err(err) => panic!("init refused a scope made of the framework's own ids: {err}"),
        }
    }
});

/// The blank must load cleanly; then answer every question and assess it.
fn round_trip(framework: &Framework, text: &str, limits: &Limits) {
    let blank = SourceFile::new("blank.yaml", text);
    let loaded = dpisafe::validate::questionnaire::load(&blank, framework, limits);
    if loaded.value.is_none() {
        panic!(
            "`init` wrote a questionnaire its own framework rejects:\n{}\n--- file ---\n{text}",
            dpisafe::diagnostic::render(&loaded.diagnostics, Some(&blank), false)
        );
    }
    let answers = ["yes", "partial", "no", "no"];
    let mut n = 0;
    let filled: String = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("answer:") && line.contains("# yes | partial") {
                n += 1;
                format!("    answer: {}\n", answers[n % answers.len()])
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let answered = SourceFile::new("answered.yaml", filled);
    let loaded = dpisafe::validate::questionnaire::load(&answered, framework, limits);
    match loaded.value {
        Some(questionnaire) => {
            dpisafe_fuzz::report_and_render(framework, &questionnaire);
        }
        None => panic!(
            "a filled-in `init` questionnaire was rejected:\n{}",
            dpisafe::diagnostic::render(&loaded.diagnostics, Some(&answered), false)
        ),
    }
}
