//! Every file in tests/fixtures/questionnaires/invalid must be rejected with positioned,
//! explained diagnostics; each fixture's diagnostics are pinned in a snapshot.

use std::path::Path;

use dpisafe::diagnostic::{self, Diagnostic, Severity};
use dpisafe::source::{self, Limits};

/// Validates one file as the CLI does and returns its diagnostics and source.
fn diagnostics_of(path: &Path) -> (Vec<Diagnostic>, Option<source::SourceFile>) {
    let name = format!(
        "invalid/{}",
        path.file_name().expect("file name").to_string_lossy()
    );
    let bytes = std::fs::read(path).expect("fixture readable");
    let source = match dpisafe::validate::from_bytes(&name, bytes) {
        Ok(source) => source,
        Err(diagnostic) => return (vec![diagnostic], None),
    };
    let loaded = dpisafe::validate::questionnaire::load(
        &source,
        dpisafe::validate::framework::embedded(),
        &Limits::default(),
    );
    assert!(loaded.value.is_none(), "{name} should be invalid");
    (loaded.diagnostics, Some(source))
}

#[test]
fn invalid_questionnaires_are_rejected_with_positions_and_hints() {
    insta::glob!("fixtures/questionnaires/invalid/*.yaml", |path| {
        let (diagnostics, source) = diagnostics_of(path);
        assert!(
            diagnostics.iter().any(|d| d.severity == Severity::Error),
            "{} produced no error",
            path.display()
        );
        for d in &diagnostics {
            assert!(
                d.hint.is_some(),
                "{}: no hint for `{}`",
                path.display(),
                d.message
            );
        }
        insta::assert_snapshot!(diagnostic::render(&diagnostics, source.as_ref(), false));
    });
}

#[test]
fn there_are_at_least_twenty_five_invalid_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/questionnaires/invalid");
    let count = std::fs::read_dir(dir).expect("fixture dir").count();
    assert!(count >= 25, "only {count} invalid fixtures");
}

#[test]
fn diagnostics_are_sorted_by_position() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/questionnaires/invalid/many-problems.yaml");
    let (diagnostics, _) = diagnostics_of(&path);
    let lines: Vec<u32> = diagnostics
        .iter()
        .filter_map(|d| d.pos.map(|p| p.line))
        .collect();
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted);
    assert!(
        diagnostics.len() >= 8,
        "expected every problem at once, got {}",
        diagnostics.len()
    );
}
