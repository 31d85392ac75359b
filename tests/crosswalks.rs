//! The crosswalks to other standards: their lint, and the views `--view` derives from them.

use dpisafe::source::{Limits, SourceFile};

use crate::common::{dpisafe, fixture, run, stdout_of};

const EXAMPLES: [&str; 4] = [
    "examples/g2p-payments/questionnaire.yaml",
    "examples/legal-aid-dpg/questionnaire.yaml",
    "examples/national-id/questionnaire.yaml",
    "examples/policy-repo/questionnaire.yaml",
];

#[test]
fn every_built_in_crosswalk_passes_its_lint() {
    let framework = dpisafe::validate::framework::embedded();
    let crosswalks = dpisafe::validate::crosswalk::embedded(framework).expect("valid crosswalks");
    let ids: Vec<&str> = crosswalks.iter().map(|c| c.target.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "dpg-standard",
            "digital-principles",
            "id4d",
            "generation-equality",
            "sdg"
        ]
    );
    let counts: Vec<usize> = crosswalks.iter().map(|c| c.items.len()).collect();
    assert_eq!(counts, [9, 9, 10, 4, 10], "the standards' own item counts");
    for crosswalk in &crosswalks {
        for item in &crosswalk.items {
            let linked = crosswalk.links_to(&item.id).count();
            assert!(
                linked > 0 || item.not_covered.is_some(),
                "{} {} is neither reached nor explained",
                crosswalk.target.id,
                item.id
            );
        }
        for link in &crosswalk.links {
            assert!(
                link.rationale.ends_with('.') && link.rationale.split(' ').count() >= 6,
                "{} {}→{}: a rationale is one whole sentence",
                crosswalk.target.id,
                link.from,
                link.to
            );
        }
    }
}

#[test]
fn a_broken_crosswalk_gets_every_problem_at_its_line() {
    let framework = dpisafe::validate::framework::embedded();
    let path = fixture("crosswalks/broken.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture");
    let source = SourceFile::new("broken.yaml", text);
    let loaded = dpisafe::validate::crosswalk::load(&source, framework, &Limits::default());
    assert!(loaded.value.is_none());
    let found: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            let pos = d
                .pos
                .map(|p| format!("{}:{}", p.line, p.col))
                .unwrap_or_default();
            format!("{} {pos}", d.code.as_str())
        })
        .collect();
    for expected in [
        "crosswalk-gap 10:10",
        "duplicate-id 11:10",
        "unknown-reference 14:12",
        "unknown-reference 15:23",
        "invalid-value 15:38",
    ] {
        assert!(
            found.iter().any(|f| f == expected),
            "{expected} in {found:?}"
        );
    }
}

#[test]
fn the_dpg_standard_view_lists_all_nine_indicators_with_what_is_behind_them() {
    let json = stdout_of(dpisafe().args([
        "assess",
        EXAMPLES[1],
        "--view",
        "dpg-standard",
        "--format",
        "json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let view = &value["views"][0];
    assert_eq!(view["target"], "dpg-standard");
    assert!(
        view["disclaimer"]
            .as_str()
            .is_some_and(|d| d.contains("not a determination by the standard's owner"))
    );
    let items = view["items"].as_array().expect("items");
    let ids: Vec<&str> = items.iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    let nine = &items[8];
    assert_eq!(nine["status"], "partly", "F6.Q3 is partial: {nine}");
    assert!(
        nine["behind"]
            .as_array()
            .expect("behind")
            .iter()
            .any(|b| b["item"] == "G-SAFETY-02" && b["status"] == "yes")
    );
    assert_eq!(items[0]["status"], "not-covered");
    let table = stdout_of(
        dpisafe()
            .args(["assess", EXAMPLES[1], "--view", "dpg-standard"])
            .env("COLUMNS", "100"),
    );
    let section = &table[table
        .find("Digital Public Goods Standard")
        .expect("the view")..];
    let section = &section[..section.find("Next:").unwrap_or(section.len())];
    insta::assert_snapshot!("view_dpg_standard_legal_aid", section);
}

#[test]
fn gender_and_sdg_views_work_on_every_example() {
    for example in EXAMPLES {
        let (code, out, err) = run(dpisafe().args([
            "assess",
            example,
            "--view",
            "generation-equality",
            "--view",
            "sdg",
            "--format",
            "json",
        ]));
        assert_eq!(code, 0, "{example}: {err}");
        let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        let views = value["views"].as_array().expect("views");
        assert_eq!(views.len(), 2, "{example}");
        assert_eq!(views[0]["items"].as_array().map(Vec::len), Some(4));
        assert_eq!(views[1]["items"].as_array().map(Vec::len), Some(10));
    }
    let schema = stdout_of(dpisafe().args(["schema", "crosswalk"]));
    assert!(schema.contains("\"dpisafe_crosswalk\""), "{schema}");
}

#[test]
fn reports_carry_the_views_asked_for_and_no_section_otherwise() {
    let md = stdout_of(dpisafe().args([
        "report",
        EXAMPLES[1],
        "--view",
        "dpg-standard",
        "--format",
        "md",
    ]));
    assert!(md.contains("## Read against other standards"), "{md}");
    assert!(
        md.contains("not a determination by each standard's owner"),
        "{md}"
    );
    assert!(
        md.contains("| 3 | Clear ownership of the product and its assets | met | F9.Q1 yes |"),
        "{md}"
    );
    let plain = stdout_of(dpisafe().args(["report", EXAMPLES[1], "--format", "md"]));
    assert!(!plain.contains("Read against other standards"));
    let fr = stdout_of(dpisafe().args([
        "--lang",
        "fr",
        "report",
        EXAMPLES[1],
        "--view",
        "sdg",
        "--format",
        "html",
    ]));
    assert!(
        fr.contains("Lecture au regard d’autres référentiels"),
        "{fr}"
    );
}
