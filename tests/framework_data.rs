//! The embedded framework: complete, consistent, and faithful to the reference notes; and
//! `framework lint` on broken framework files.

use std::collections::{BTreeMap, BTreeSet};

use dpisafe::diagnostic::{self, Severity};
use dpisafe::framework::{self, PrincipleKind};
use dpisafe::source::{self, Limits};

#[test]
fn embedded_framework_loads_without_warnings() {
    let source = source::SourceFile::new(framework::EMBEDDED_NAME, framework::load::EMBEDDED_TEXT);
    let loaded = framework::load(&source, &Limits::default());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    assert!(loaded.value.is_some());
}

#[test]
fn has_the_framework_structure() {
    let f = framework::embedded();
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
    let f = framework::embedded();
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
    let f = framework::embedded();
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
    let f = framework::embedded();
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
}

/// The reference table of the framework's processes, copied into the repository so that this
/// test runs everywhere: one row per process seen, several rows for an id the framework's own
/// pages give to different processes.
const PROCESS_TABLE: &str = include_str!("data/framework-processes.tsv");

/// A title's words, without our bracketed note and without punctuation.
fn title_words(title: &str) -> String {
    let heading = match title.trim_end().strip_suffix(')') {
        Some(open) => open.rfind(" (").map_or(title, |at| &title[..at]),
        None => title,
    };
    heading
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn list(cell: &str) -> BTreeSet<String> {
    cell.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn holds_every_process_of_the_reference_table() {
    let f = framework::embedded();
    let mut lines = PROCESS_TABLE.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (id, title, principle, risks, authorities, stages, status) = (
        column("process_id"),
        column("short_title"),
        column("principle_id"),
        column("risk_ids"),
        column("authority_ids"),
        column("stage_ids"),
        column("status"),
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 104, "the table has 104 rows");
    assert_eq!(f.processes.len(), rows.len(), "one record per row");
    let mut by_id: BTreeMap<&str, Vec<&Vec<&str>>> = BTreeMap::new();
    for row in &rows {
        by_id.entry(row[id]).or_default().push(row);
    }
    assert_eq!(by_id.len(), 97, "97 distinct ids");
    for (pid, rows) in &by_id {
        let held = f.processes_named(pid);
        assert_eq!(held.len(), rows.len(), "{pid}: one record per row");
        for (row, process) in rows.iter().zip(&held) {
            assert_eq!(process.id, *pid);
            assert_eq!(process.principle, row[principle], "{pid} principle");
            assert_eq!(
                title_words(&process.title),
                title_words(row[title]),
                "{} title",
                process.key
            );
            let own: BTreeSet<String> = process.risks.iter().cloned().collect();
            assert_eq!(own, list(row[risks]), "{} risks", process.key);
            let placed_at: BTreeSet<String> =
                process.placements.iter().map(|(_, s)| s.clone()).collect();
            assert_eq!(placed_at, list(row[stages]), "{} stages", process.key);
            let placed_by: BTreeSet<String> = process
                .placements
                .iter()
                .filter_map(|(a, _)| a.clone())
                .collect();
            assert_eq!(placed_by, list(row[authorities]), "{} authorities", process.key);
            let conflict = row[status] == "conflict";
            assert_eq!(process.conflict, conflict, "{} conflict", process.key);
            if conflict {
                assert_ne!(process.key, process.id, "a variant has its own key");
                assert!(process.key.starts_with(pid));
            } else {
                assert_eq!(process.key, process.id);
            }
        }
    }
    let conflicts: BTreeSet<&str> = f
        .processes
        .iter()
        .filter(|p| p.conflict)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        conflicts.into_iter().collect::<Vec<_>>().join(" "),
        "F4.10 O2.5 O3.4 O3.5 O4.7 O5.5 O5.7"
    );
}

#[test]
fn process_titles_are_headings_without_our_notes() {
    let f = framework::embedded();
    for p in &f.processes {
        assert!(
            !p.title.contains('(') && !p.title.contains(')'),
            "{}: `{}` carries a bracketed note; put it in `note`",
            p.key,
            p.title
        );
    }
    let notes = f.processes.iter().filter(|p| p.note.is_some()).count();
    assert!(notes >= 14, "the research notes are kept, apart from titles");
}

#[test]
fn the_lower_bound_on_published_processes_is_144() {
    let f = framework::embedded();
    let known: u32 = f.principles.iter().map(|p| p.processes_known_up_to).sum();
    assert_eq!(known, 144);
    for p in &f.principles {
        let highest = f
            .processes
            .iter()
            .filter(|pr| pr.principle == p.id)
            .filter_map(|pr| pr.id.rsplit('.').next()?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        assert_eq!(p.processes_known_up_to, highest, "{}", p.id);
    }
}

#[test]
fn rs3_lists_the_questions_and_processes_that_mitigate_it() {
    let f = framework::embedded();
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
        let source = source::read(path, &Limits::default()).expect("readable");
        let source = source::SourceFile::new(
            format!(
                "invalid/{}",
                path.file_name().expect("name").to_string_lossy()
            ),
            source.text,
        );
        let loaded = framework::load(&source, &Limits::default());
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
