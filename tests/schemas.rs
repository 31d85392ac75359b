//! The committed JSON Schemas must equal the ones generated from the Rust types.
//! Run with `UPDATE_SCHEMAS=1` to rewrite them after changing a type.

use dpisafe::schema::{SchemaKind, generate};

fn check(kind: SchemaKind, path: &str) {
    let generated = serde_json::to_string_pretty(&generate(kind)).expect("serialises") + "\n";
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SCHEMAS").is_some() {
        std::fs::write(&full, &generated).expect("writes the schema");
        return;
    }
    let committed = std::fs::read_to_string(&full).expect("reads the schema");
    assert!(
        committed == generated,
        "{path} has drifted from the Rust types; run `UPDATE_SCHEMAS=1 cargo test schemas` and review the diff"
    );
}

#[test]
fn framework_schema_matches_the_types() {
    check(SchemaKind::Framework, "schemas/framework.schema.json");
}

#[test]
fn questionnaire_schema_matches_the_types() {
    check(
        SchemaKind::Questionnaire,
        "schemas/questionnaire.schema.json",
    );
}

#[test]
fn policy_schema_matches_the_types() {
    check(SchemaKind::Policy, "schemas/policy.schema.json");
}

#[test]
fn crosswalk_schema_matches_the_types() {
    check(SchemaKind::Crosswalk, "schemas/crosswalk.schema.json");
}

#[test]
fn plan_schema_matches_the_types() {
    check(SchemaKind::Plan, "schemas/plan.schema.json");
}

#[test]
fn report_schema_matches_the_types() {
    check(SchemaKind::Report, "schemas/report.schema.json");
}

#[test]
fn diff_schema_matches_the_types() {
    check(SchemaKind::Diff, "schemas/diff.schema.json");
}

#[test]
fn portfolio_schema_matches_the_types() {
    check(SchemaKind::Portfolio, "schemas/portfolio.schema.json");
}

#[test]
fn schemas_declare_draft_2020_12() {
    for kind in SchemaKind::ALL {
        let schema: serde_json::Value = serde_json::from_str(kind.text()).expect("valid JSON");
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        jsonschema::draft202012::meta::validate(&schema).expect("a valid 2020-12 schema");
    }
}

#[test]
fn docs_codes_is_generated_from_the_codes() {
    let generated = dpisafe::render::reference::codes_reference();
    let path = format!("{}/docs/codes.md", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("writes docs/codes.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).expect("docs/codes.md");
    assert!(
        committed == generated,
        "docs/codes.md differs from the codes' documentation in src/diagnostic.rs; run \
         `UPDATE_DOCS=1 cargo test codes` and review the diff"
    );
}

#[test]
fn every_diagnostic_code_has_a_one_line_description_and_an_explanation() {
    for code in dpisafe::diagnostic::Code::all() {
        let description = code.description();
        assert!(
            description.ends_with('.') && !description.is_empty(),
            "{code}: {description:?}"
        );
        assert!(!code.explanation().is_empty(), "{code} has no explanation");
    }
}
