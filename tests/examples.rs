//! Every bundled example validates, and every questionnaire `init` can write validates.

use std::path::Path;

use dpisafe::framework::Applicability;
use dpisafe::questionnaire::{AnswerValue, template};
use dpisafe::source::{Limits, SourceFile};

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/")
        .filter_map(Result::ok)
        .map(|e| e.path().join("questionnaire.yaml"))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found
}

#[test]
fn every_example_validates_and_is_fully_answered() {
    let framework = dpisafe::validate::framework::embedded();
    let paths = examples();
    assert!(
        paths.len() >= 3,
        "expected at least three examples, found {paths:?}"
    );
    for path in paths {
        let source = dpisafe::validate::read(&path, &Limits::default()).expect("readable");
        let loaded = dpisafe::validate::questionnaire::load(&source, framework, &Limits::default());
        assert!(
            loaded.diagnostics.is_empty(),
            "{}: {:#?}",
            path.display(),
            loaded.diagnostics
        );
        let q = loaded.value.expect("valid");
        let scope = Applicability {
            building_blocks: q.deployment.building_blocks.clone(),
            stage: Some(q.deployment.stage.clone()),
            authority: None,
        };
        for question in framework
            .questions
            .iter()
            .filter(|question| framework.applies(question, &scope))
        {
            let answer = q.answer(&question.id);
            assert!(
                answer.is_some_and(|a| a.value.is_some()),
                "{}: {} is not answered",
                path.display(),
                question.id
            );
        }
        let with_evidence = q
            .answers
            .iter()
            .filter(|a| matches!(a.value, Some(AnswerValue::Yes)))
            .filter(|a| !a.evidence.is_empty())
            .count();
        assert!(
            with_evidence > 10,
            "{}: yes answers should carry evidence",
            path.display()
        );
    }
}

#[test]
fn examples_cover_strong_failing_and_not_applicable_states() {
    let framework = dpisafe::validate::framework::embedded();
    let mut critical_no = 0;
    let mut not_applicable = 0;
    for path in examples() {
        let source = dpisafe::validate::read(&path, &Limits::default()).expect("readable");
        let q = dpisafe::validate::questionnaire::load(&source, framework, &Limits::default())
            .value
            .expect("valid");
        for answer in &q.answers {
            let critical = framework
                .question(&answer.question)
                .is_some_and(|qq| qq.critical);
            critical_no += usize::from(critical && answer.value == Some(AnswerValue::No));
            not_applicable += usize::from(answer.value == Some(AnswerValue::NotApplicable));
        }
    }
    assert!(
        critical_no >= 2,
        "some example should fail critical questions"
    );
    assert!(
        not_applicable >= 2,
        "some example should use n/a with reasons"
    );
}

#[test]
fn every_init_combination_validates() {
    let framework = dpisafe::validate::framework::embedded();
    let blocks = [
        vec![],
        vec!["id"],
        vec!["payments", "data-exchange"],
        vec!["gbv-service"],
        vec!["id", "payments", "data-exchange", "gbv-service"],
    ];
    let stages = [None, Some("L1"), Some("L3"), Some("L5")];
    let authorities = [None, Some("R1"), Some("R4"), Some("R5")];
    for block in &blocks {
        for stage in stages {
            for authority in authorities {
                let blank = template::Blank {
                    scope: Applicability {
                        building_blocks: block.iter().map(|b| (*b).to_owned()).collect(),
                        stage: stage.map(str::to_owned),
                        authority: authority.map(str::to_owned),
                    },
                    name: Some("Национальный ID — \"phase\": 2 # ทดสอบ".to_owned()),
                    country: Some("NO".to_owned()),
                    date: dpisafe::questionnaire::Date::parse("2026-05-01").expect("a date"),
                    organisation: Some("Ministère « ID » #2".to_owned()),
                };
                let text = template::render(framework, &blank).expect("renders");
                let source = SourceFile::new("init.yaml", text);
                let loaded =
                    dpisafe::validate::questionnaire::load(&source, framework, &Limits::default());
                assert!(
                    loaded.diagnostics.is_empty(),
                    "{block:?} {stage:?} {authority:?}: {:#?}",
                    loaded.diagnostics
                );
                let q = loaded.value.expect("valid");
                assert_eq!(
                    q.deployment.country.as_deref(),
                    Some("NO"),
                    "NO stays Norway"
                );
                assert!(q.deployment.name.contains("ทดสอบ"));
            }
        }
    }
}

#[test]
fn init_for_an_early_stage_leaves_out_operations_questions() {
    let framework = dpisafe::validate::framework::embedded();
    let render = |stage: &str| {
        let blank = template::Blank {
            scope: Applicability {
                stage: Some(stage.to_owned()),
                ..Applicability::default()
            },
            ..template::Blank::dated(
                dpisafe::questionnaire::Date::parse("2026-05-01").expect("a date"),
            )
        };
        template::render(framework, &blank).expect("renders")
    };
    let early = render("L1").matches("\n    answer:").count();
    let late = render("L5").matches("\n    answer:").count();
    assert!(early < late, "L1 has {early} questions, L5 has {late}");
    assert_eq!(
        late,
        framework.questions.len(),
        "at L5 every question applies"
    );
}
