//! The embedded framework: complete, consistent, and faithful to the reference notes; and
//! `framework lint` on broken framework files.

use std::collections::{BTreeMap, BTreeSet};

use dpisafe::diagnostic::{self, Severity};
use dpisafe::framework::{self, PrincipleKind};
use dpisafe::source::{self, Limits};

#[test]
fn embedded_framework_passes_lint_without_warnings() {
    let source = source::SourceFile::new(framework::EMBEDDED_NAME, framework::EMBEDDED_TEXT);
    // `lint` also gives the content advice: process fit and near-duplicate items.
    let loaded = dpisafe::validate::framework::lint(&source, &Limits::default());
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
fn gender_lens_holds_the_checks_asked_and_reused() {
    let f = dpisafe::validate::framework::embedded();
    let asked: Vec<_> = f.questions.iter().filter(|q| q.is_gender()).collect();
    assert_eq!(asked.len(), 24, "checks asked in their own words");
    assert_eq!(f.reused_checks.len(), 15, "checks that reuse a question");
    let critical = |checks: &mut dyn Iterator<Item = &framework::Question>| {
        let mut ids: Vec<&str> = checks
            .filter(|c| c.critical)
            .map(|c| c.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.join(" ")
    };
    assert_eq!(
        critical(&mut asked.iter().copied()),
        "G-DATA-01 G-GBV-02 G-PAY-01 G-SAFETY-04"
    );
    assert_eq!(
        critical(&mut f.reused_checks.iter()),
        "G-ACCESS-01 G-ACCESS-04 G-GBV-01 G-GOVERN-01 G-PRIVACY-02 G-REDRESS-01"
    );
    for check in &f.reused_checks {
        let same_as = check.same_as().expect("a reused check names its question");
        let question = f.question(same_as).expect("the question exists");
        assert!(!question.is_gender(), "{} reuses a question", check.id);
        assert!(
            check.text.is_empty() && check.action.is_empty(),
            "{}",
            check.id
        );
        assert!(
            f.question(&check.id).is_none(),
            "{} is never asked",
            check.id
        );
    }
    // G-SAFETY-01 (gendered-harm assessment) was folded into G-GOVERN-01, which reuses F1.Q1.
    assert!(f.gender_check("G-SAFETY-01").is_none());
    assert_eq!(
        f.gender_check("G-GOVERN-01").and_then(|c| c.same_as()),
        Some("F1.Q1")
    );
}

#[test]
fn gender_authorities_follow_the_content_not_a_template() {
    let f = dpisafe::validate::framework::embedded();
    let leads: BTreeMap<&str, usize> = f
        .questions
        .iter()
        .filter(|q| q.is_gender())
        .filter_map(|q| q.authorities.first().map(String::as_str))
        .fold(BTreeMap::new(), |mut m, a| {
            *m.entry(a).or_default() += 1;
            m
        });
    assert!(leads.len() >= 3, "more than one kind of lead: {leads:?}");
    assert!(
        leads.get("R4").copied().unwrap_or(0) >= 8,
        "design and operation checks are led by the technology provider: {leads:?}"
    );
    for (id, lead) in [
        ("G-PRIVACY-01", "R4"),
        ("G-SAFETY-04", "R4"),
        ("G-FUND-02", "R3"),
        ("G-LIFE-01", "R1"),
    ] {
        let check = f.question(id).expect(id);
        assert_eq!(
            check.authorities.first().map(String::as_str),
            Some(lead),
            "{id}"
        );
    }
}

#[test]
fn every_gender_source_resolves_to_a_full_citation() {
    let f = dpisafe::validate::framework::embedded();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for check in f
        .questions
        .iter()
        .chain(&f.reused_checks)
        .filter(|q| q.is_gender())
    {
        let framework::QuestionKind::Gender { sources, .. } = &check.kind else {
            unreachable!()
        };
        assert!(!sources.is_empty(), "{} cites nothing", check.id);
        for source in sources {
            let entry = f
                .source(&source.key)
                .unwrap_or_else(|| panic!("{}: {} does not resolve", check.id, source.key));
            used.insert(entry.key.as_str());
            assert!(!entry.title.is_empty() && !entry.publisher.is_empty());
            if entry.verified {
                assert!(entry.year.is_some() && entry.url.is_some(), "{}", entry.key);
            } else {
                assert!(
                    entry.note.is_some(),
                    "{}: say what could not be verified",
                    entry.key
                );
                assert!(f.citation(source).contains("(not verified)"));
            }
        }
    }
    let all: BTreeSet<&str> = f.sources.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        used, all,
        "every source is cited, every citation has a source"
    );
    for shorthand in ["UNW-DPG", "GE note", "IASC GAM"] {
        assert!(
            f.sources.iter().all(|s| s.key != shorthand),
            "keys are slugs, not the notes' shorthand"
        );
    }
    assert!(
        f.source("unw-dpg").is_some_and(|s| !s.verified),
        "an unverifiable source is kept and marked"
    );
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
    let f = dpisafe::validate::framework::embedded();
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
            assert_eq!(
                placed_by,
                list(row[authorities]),
                "{} authorities",
                process.key
            );
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
    let f = dpisafe::validate::framework::embedded();
    for p in &f.processes {
        assert!(
            !p.title.contains('(') && !p.title.contains(')'),
            "{}: `{}` carries a bracketed note; put it in `note`",
            p.key,
            p.title
        );
    }
    let notes = f.processes.iter().filter(|p| p.note.is_some()).count();
    assert!(
        notes >= 14,
        "the research notes are kept, apart from titles"
    );
}

#[test]
fn the_lower_bound_on_published_processes_is_144() {
    let f = dpisafe::validate::framework::embedded();
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

/// The overlap clusters of issue 13, as groups: items of different groups in one cluster
/// asked the same thing; the items of one group (written `O6.Q2/Q3/Q5` in the issue) were
/// each close to the rest of the cluster, not to one another.
const FORMER_CLUSTERS: &[&[&[&str]]] = &[
    &[&["F8.Q1"], &["G-REDRESS-01"]],
    &[&["F2.Q1"], &["G-ACCESS-01"]],
    &[&["F3.Q2"], &["G-ACCESS-04"]],
    &[&["O6.Q2", "O6.Q3", "O6.Q5"], &["G-ACCESS-05"]],
    &[&["O3.Q5"], &["G-ACCESS-06"], &["F2.Q3"]],
    &[&["F6.Q1", "F6.Q2"], &["G-PRIVACY-02"]],
    &[&["F6.Q5"], &["G-GBV-01"]],
    &[&["F6.Q3"], &["G-SAFETY-03"]],
    &[&["F1.Q1"], &["O5.Q2"], &["G-SAFETY-01"], &["G-GOVERN-01"]],
    &[&["F7.Q1"], &["O2.Q4"], &["O6.Q1"], &["G-GOVERN-02"]],
    &[&["F1.Q4"], &["O2.Q5"], &["O5.Q3"]],
    &[&["F5.Q4"], &["O7.Q2"]],
    &[&["O1.Q3"], &["F3.Q4"], &["G-PAY-02"]],
    &[&["F2.Q5"], &["O3.Q2"], &["G-PRIVACY-03"]],
    &[&["F8.Q2"], &["F4.Q3"], &["G-REDRESS-02"]],
    &[&["F8.Q5"], &["G-REDRESS-03"]],
    &[&["O6.Q4"], &["O8.Q3"], &["G-ACCESS-02"]],
    &[&["F9.Q5"], &["O9.Q1"], &["O9.Q3"]],
    &[&["F4.Q4"], &["O3.Q3"]],
];

#[test]
fn no_former_overlap_pair_is_asked_twice() {
    let f = dpisafe::validate::framework::embedded();
    let mut pairs = Vec::new();
    for cluster in FORMER_CLUSTERS {
        for (i, group) in cluster.iter().enumerate() {
            for other in &cluster[i + 1..] {
                for a in *group {
                    for b in *other {
                        pairs.push((*a, *b));
                    }
                }
            }
        }
    }
    assert_eq!(pairs.len(), 46, "the pairs the clusters hold");
    let known = |id: &str| {
        f.question(id).is_some()
            || f.gender_check(id).is_some()
            || f.aliases.iter().any(|a| a.from == id)
    };
    for (a, b) in &pairs {
        // An id nobody knows would make the check below pass for nothing.
        assert!(known(a) && known(b), "{a} or {b} is a typo");
        let asked = |id: &str| f.question(id).is_some();
        assert!(
            !(asked(a) && asked(b)),
            "{a} and {b} ask one concern and are both asked"
        );
    }
    // Every retired id carries its answers over to the item that asks it now.
    for cluster in FORMER_CLUSTERS {
        for id in cluster.iter().flat_map(|g| g.iter()) {
            if f.question(id).is_none() {
                let alias = f
                    .aliases
                    .iter()
                    .find(|a| a.from == *id && a.kind == framework::AliasKind::Question)
                    .unwrap_or_else(|| panic!("{id} has no alias"));
                assert!(f.question(&alias.to[0]).is_some(), "{id} → {:?}", alias.to);
            }
        }
    }
}

#[test]
fn all_blocks_at_l5_asks_95_items_where_it_asked_125() {
    let f = dpisafe::validate::framework::embedded();
    let scope = framework::Applicability {
        building_blocks: f
            .building_block_ids()
            .iter()
            .map(|b| (*b).to_owned())
            .collect(),
        stage: Some("L5".to_owned()),
        authority: None,
    };
    let asked: Vec<_> = f
        .questions
        .iter()
        .filter(|q| f.applies(q, &scope))
        .collect();
    let questions = asked.iter().filter(|q| !q.is_gender()).count();
    assert_eq!(
        (asked.len(), questions),
        (95, 71),
        "before: 125 (85 questions, 40 checks)"
    );
}

#[test]
fn every_principle_has_a_critical_question_or_says_why_not() {
    let f = dpisafe::validate::framework::embedded();
    let mut without = Vec::new();
    for p in &f.principles {
        let critical = f
            .questions
            .iter()
            .filter(|q| !q.is_gender() && q.principle == p.id && q.critical)
            .count();
        match (critical, &p.no_critical_reason) {
            (0, Some(reason)) => {
                assert!(reason.len() > 40, "{}: a real reason", p.id);
                without.push(p.id.as_str());
            }
            (0, None) => panic!("{} has no critical question and no reason", p.id),
            (_, Some(_)) => panic!("{} has both", p.id),
            (_, None) => {}
        }
    }
    assert_eq!(without, ["F9", "O8", "O9"]);
    for id in ["O4.Q2", "F4.Q2", "F7.Q1", "O2.Q2", "O7.Q4"] {
        assert!(
            f.question(id).is_some_and(|q| q.critical),
            "{id} is critical"
        );
    }
}

#[test]
fn every_question_and_check_has_an_imperative_action_of_its_own() {
    let f = dpisafe::validate::framework::embedded();
    for q in &f.questions {
        let action = q.action.trim();
        assert!(!action.is_empty(), "{} has no action", q.id);
        assert!(
            !action.ends_with('?') && !action.contains(&q.id),
            "{}: {action}",
            q.id
        );
        assert!(
            action.chars().next().is_some_and(char::is_uppercase),
            "{}: {action}",
            q.id
        );
        assert!(action.len() < q.text.len() + 40, "{}: short", q.id);
        let first = action.split_whitespace().next().unwrap_or_default();
        assert!(
            ![
                "Is", "Are", "Does", "Do", "Can", "Was", "Were", "Has", "Have"
            ]
            .contains(&first)
                && !action.starts_with("Put in place"),
            "{}: an instruction, not a question with a verb glued on: {action}",
            q.id
        );
    }
}

#[test]
fn every_question_names_a_fitting_process_or_says_why_none_fits() {
    let f = dpisafe::validate::framework::embedded();
    let mut noted = 0;
    for q in f.questions.iter().filter(|q| !q.is_gender()) {
        for key in &q.processes {
            let process = f.process(key).unwrap_or_else(|| panic!("{}: {key}", q.id));
            assert_eq!(&process.key, key, "{}: links name the exact variant", q.id);
        }
        let fits = q.processes.iter().filter_map(|k| f.process(k)).any(|p| {
            p.principle == q.principle
                && p.risks.iter().any(|r| q.risks.contains(r))
                && p.placements.iter().any(|(_, s)| q.stages.contains(s))
        });
        if q.process_note.is_some() {
            noted += 1;
        } else {
            assert!(fits, "{} names no fitting process and gives no note", q.id);
        }
    }
    assert!(
        noted < 30,
        "{noted} notes: most questions have a process that fits"
    );
}

#[test]
fn lint_warns_about_items_that_ask_nearly_the_same_thing() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/frameworks/similar-items.yaml"
    );
    let source =
        dpisafe::validate::read(std::path::Path::new(path), &Limits::default()).expect("readable");
    let linted = dpisafe::validate::framework::lint(&source, &Limits::default());
    assert!(linted.value.is_some(), "a warning, not an error");
    let similar: Vec<&str> = linted
        .diagnostics
        .iter()
        .filter(|d| d.code == diagnostic::Code::SimilarItems)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(similar.len(), 1, "{:#?}", linted.diagnostics);
    assert!(similar[0].contains("F1.Q1") && similar[0].contains("G-REDRESS-01"));
    let loaded = dpisafe::validate::framework::load(&source, &Limits::default());
    assert!(
        loaded.diagnostics.is_empty(),
        "loading gives no lint advice"
    );
}

/// Scores a deployment that answers every applicable item `yes` (with evidence) except those
/// in `exceptions`.
fn scenario(
    blocks: &[&str],
    stage: &str,
    exceptions: &[(&str, &str)],
) -> dpisafe::evaluate::Evaluation {
    let f = dpisafe::validate::framework::embedded();
    let mut yaml = format!(
        "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\n\
         deployment: {{name: Scenario, building_blocks: [{}], stage: {stage}}}\n\
         assessed_on: 2026-10-01\nanswers:\n",
        blocks.join(", ")
    );
    for q in &f.questions {
        let value = exceptions
            .iter()
            .find(|(id, _)| *id == q.id)
            .map_or("yes", |(_, v)| v);
        yaml.push_str(&format!(
            "  {}:\n    answer: \"{value}\"\n    evidence: [{{ref: \"https://example.org/{}\", date: 2026-06-01}}]\n",
            q.id,
            q.id.to_lowercase()
        ));
    }
    let source = source::SourceFile::new("scenario.yaml", yaml);
    let q = dpisafe::validate::questionnaire::load(&source, f, &Limits::default())
        .value
        .expect("valid scenario");
    let day = dpisafe::questionnaire::Date::parse("2026-10-01").expect("date");
    dpisafe::evaluate::evaluate(f, &q, day)
}

#[test]
fn personal_data_in_clear_text_caps_data_security_and_the_overall_score() {
    // The national ID: every answer yes except O4.Q2, personal data in clear text.
    let e = scenario(&["id", "data-exchange"], "L5", &[("O4.Q2", "no")]);
    let o4 = e
        .principles
        .iter()
        .find(|p| p.principle == "O4")
        .expect("O4");
    assert_eq!(o4.capped_by.as_deref(), Some("O4.Q2"), "O4 names its cap");
    assert!(o4.score.is_some_and(|s| s <= 39.0), "{:?}", o4.score);
    assert_eq!(o4.band.as_deref(), Some("failing"));
    assert!(
        e.overall.is_some_and(|s| s <= 59.0),
        "not Strong: {:?}",
        e.overall
    );
    assert_ne!(e.band.as_deref(), Some("strong"));
    let first = &e.actions[0];
    assert_eq!(
        (first.question.as_str(), first.priority.as_str()),
        ("O4.Q2", "critical")
    );
}

#[test]
fn a_husbands_permission_to_enrol_is_one_critical_gap_with_one_cap() {
    // F2.Q1 now also asks whether enrolment needs a spouse's, parent's or guardian's
    // permission (G-ACCESS-01 reuses it): a `no` caps F2 and sets no second cap.
    let e = scenario(&["id", "payments"], "L4", &[("F2.Q1", "no")]);
    let f2 = e
        .principles
        .iter()
        .find(|p| p.principle == "F2")
        .expect("F2");
    assert_eq!(f2.capped_by.as_deref(), Some("F2.Q1"));
    assert_eq!(e.gender.cap, None, "one gap, one cap");
    let access = e
        .gender
        .groups
        .iter()
        .find(|g| g.group == "ACCESS")
        .expect("ACCESS");
    assert!(
        access.index.is_some_and(|i| i < 100),
        "counted in the gender index"
    );
    let raised: Vec<&str> = e
        .risks
        .iter()
        .filter(|r| r.raised_by.iter().any(|c| c == "G-ACCESS-01"))
        .map(|r| r.risk.as_str())
        .collect();
    assert_eq!(raised, ["RI1", "RI3", "SV2"], "its mapped risks rise");
}

#[test]
fn a_gbv_service_that_refers_survivors_without_consent_fails_autonomy() {
    let e = scenario(&["gbv-service"], "L5", &[("F6.Q5", "no")]);
    let f6 = e
        .principles
        .iter()
        .find(|p| p.principle == "F6")
        .expect("F6");
    assert_eq!(f6.capped_by.as_deref(), Some("F6.Q5"));
    assert!(
        e.risks
            .iter()
            .any(|r| r.risk == "RS3" && r.raised_by == ["G-GBV-01"]),
        "the survivor-data check lifts physical insecurity"
    );
}

#[test]
fn the_g2p_example_spreads_gender_actions_across_authorities() {
    let f = dpisafe::validate::framework::embedded();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/g2p-payments/questionnaire.yaml"
    );
    let source =
        dpisafe::validate::read(std::path::Path::new(path), &Limits::default()).expect("readable");
    let q = dpisafe::validate::questionnaire::load(&source, f, &Limits::default())
        .value
        .expect("valid example");
    let day = dpisafe::questionnaire::Date::parse("2026-10-01").expect("date");
    let e = dpisafe::evaluate::evaluate(f, &q, day);
    let leads: BTreeSet<&str> = e
        .actions
        .iter()
        .filter(|a| a.question.starts_with("G-"))
        .filter_map(|a| a.authority.as_deref())
        .collect();
    assert!(
        leads.len() >= 2,
        "R1 no longer leads every gender action: {leads:?}"
    );
    assert!(leads.contains("R4"), "{leads:?}");
}

/// The compiled framework (what every command loads) is exactly what the YAML gives through
/// every check. Run with `UPDATE_FRAMEWORK=1` to rewrite it after changing the YAML.
#[test]
fn compiled_framework_matches_its_yaml() {
    let loaded = dpisafe::validate::framework::embedded_from_text();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let from_text = loaded.value.expect("the embedded framework is valid");
    let bytes = dpisafe::validate::framework::compile(&from_text);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("frameworks/compiled/universal-dpi-safeguards-1.0.cbor");
    if std::env::var_os("UPDATE_FRAMEWORK").is_some() {
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("creates the folder");
        std::fs::write(&path, &bytes).expect("writes the compiled framework");
        return;
    }
    assert!(
        bytes == framework::EMBEDDED_COMPILED,
        "frameworks/compiled/ is out of date; run `UPDATE_FRAMEWORK=1 cargo test --test main compiled` and commit it"
    );
}

/// Decoding the compiled bytes loses nothing: the framework reads back field for field.
#[test]
fn compiled_framework_decodes_to_the_same_framework() {
    let from_text = dpisafe::validate::framework::embedded_from_text()
        .value
        .expect("the embedded framework is valid");
    let decoded = dpisafe::validate::framework::embedded();
    assert_eq!(
        serde_json::to_value(decoded).expect("serialises"),
        serde_json::to_value(&from_text).expect("serialises")
    );
    let garbled = dpisafe::validate::framework::decompile(b"\xa1\x00");
    assert!(garbled.is_err());
}
