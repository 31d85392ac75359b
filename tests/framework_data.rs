//! The embedded framework: complete, consistent, and faithful to the reference notes; and
//! `framework lint` on broken framework files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dpisafe::diagnostic::{self, Severity};
use dpisafe::framework::{self, PrincipleKind};
use dpisafe::source::{self, Limits};

fn shared(path: &str) -> Option<String> {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join("shared")
            .join(path),
    )
    .ok()
}

#[test]
fn embedded_framework_loads_without_warnings() {
    let source = source::SourceFile::new(framework::EMBEDDED_NAME, framework::EMBEDDED_TEXT);
    let loaded = dpisafe::validate::framework::load(&source, &Limits::default());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert!(loaded.value.is_some());
}

#[test]
fn has_the_framework_structure() {
    let f = dpisafe::validate::framework::embedded();
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        ids(f.principles.iter().map(|p| p.id.as_str()).collect()),
        "F1 F2 F3 F4 F5 F6 F7 F8 F9 O1 O2 O3 O4 O5 O6 O7 O8 O9"
    );
    assert!(
        f.principles[..9]
            .iter()
            .all(|p| p.kind == PrincipleKind::Foundational)
    );
    assert!(
        f.principles[9..]
            .iter()
            .all(|p| p.kind == PrincipleKind::Operational)
    );
    assert_eq!(
        ids(f.risks.iter().map(|r| r.id.as_str()).collect()),
        "RS1 RS2 RS3 RS4 RI1 RI2 RI3 RI4 SV1 SV2 SV3 SV4 SV5"
    );
    assert_eq!(
        ids(f.authorities.iter().map(|a| a.id.as_str()).collect()),
        "R1 R2 R3 R4 R5"
    );
    assert_eq!(
        ids(f.stages.iter().map(|s| s.id.as_str()).collect()),
        "L1 L2 L3 L4 L5"
    );
    assert!(f.metadata.attribution.contains("CC BY-SA 4.0"));
}

#[test]
fn every_principle_has_three_to_six_questions_and_at_least_seventy_in_all() {
    let f = dpisafe::validate::framework::embedded();
    let mut per_principle: BTreeMap<&str, usize> = BTreeMap::new();
    for q in f.questions.iter().filter(|q| !q.is_gender()) {
        *per_principle.entry(q.principle.as_str()).or_default() += 1;
        assert!(
            !q.guidance.is_empty() && !q.evidence.is_empty(),
            "{} lacks guidance or evidence",
            q.id
        );
        assert!(q.weight >= 1, "{}", q.id);
    }
    assert_eq!(per_principle.len(), 18);
    for (principle, count) in &per_principle {
        assert!((3..=6).contains(count), "{principle} has {count} questions");
    }
    assert!(per_principle.values().sum::<usize>() >= 70);
}

#[test]
fn every_risk_is_mitigated_by_several_questions() {
    let f = dpisafe::validate::framework::embedded();
    for risk in &f.risks {
        let count = f
            .questions
            .iter()
            .filter(|q| !q.is_gender() && q.risks.contains(&risk.id))
            .count();
        assert!(
            count >= 3,
            "{} is mitigated by only {count} questions",
            risk.id
        );
    }
}

#[test]
fn gender_lens_holds_the_forty_checks_with_eleven_critical() {
    let f = dpisafe::validate::framework::embedded();
    let checks: Vec<_> = f.questions.iter().filter(|q| q.is_gender()).collect();
    assert_eq!(checks.len(), 40);
    let critical: BTreeSet<&str> = checks
        .iter()
        .filter(|c| c.critical)
        .map(|c| c.id.as_str())
        .collect();
    let expected = "G-ACCESS-01 G-ACCESS-04 G-DATA-01 G-GBV-01 G-GBV-02 G-GOVERN-01 G-PAY-01 \
                    G-PRIVACY-02 G-REDRESS-01 G-SAFETY-01 G-SAFETY-04";
    assert_eq!(critical.into_iter().collect::<Vec<_>>().join(" "), expected);
    let Some(reference) = shared("reference/gender.md") else {
        return;
    };
    for check in checks {
        assert!(
            reference.contains(&format!("| {} |", check.id)),
            "{} is not in gender.md",
            check.id
        );
    }
}

#[test]
fn holds_every_process_of_the_reference_table() {
    let f = dpisafe::validate::framework::embedded();
    let Some(tsv) = shared("reference/framework-processes.tsv") else {
        return;
    };
    let rows: Vec<Vec<&str>> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(f.processes.len(), rows.len());
    for row in rows {
        let (id, principle) = (row[0], row[2]);
        let matching = f.processes_named(id);
        assert!(!matching.is_empty(), "process {id} missing");
        assert!(
            matching.iter().all(|p| p.principle == principle),
            "{id} under the wrong principle"
        );
    }
    let f410 = f.processes_named("F4.10");
    assert_eq!(f410.len(), 2, "F4.10 names two processes and keeps both");
}

#[test]
fn rs3_lists_the_questions_and_processes_that_mitigate_it() {
    let f = dpisafe::validate::framework::embedded();
    let questions: Vec<&str> = f
        .questions
        .iter()
        .filter(|q| q.risks.iter().any(|r| r == "RS3"))
        .map(|q| q.id.as_str())
        .collect();
    assert!(questions.contains(&"G-SAFETY-04"));
    assert!(questions.len() >= 5);
}

#[test]
fn broken_frameworks_are_reported_with_positions() {
    insta::glob!("fixtures/frameworks/invalid/*.yaml", |path| {
        let source = dpisafe::validate::read(path, &Limits::default()).expect("readable");
        let source = source::SourceFile::new(
            format!(
                "invalid/{}",
                path.file_name().expect("name").to_string_lossy()
            ),
            source.text,
        );
        let loaded = dpisafe::validate::framework::load(&source, &Limits::default());
        assert!(
            loaded.value.is_none(),
            "{} should be rejected",
            path.display()
        );
        assert!(
            loaded
                .diagnostics
                .iter()
                .all(|d| d.pos.is_some() || d.severity == Severity::Warning)
        );
        insta::assert_snapshot!(diagnostic::render(
            &loaded.diagnostics,
            Some(&source),
            false
        ));
    });
}
