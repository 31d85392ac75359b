//! What both fuzz targets do once they hold a valid framework and questionnaire: build the
//! report and render it in every format the tool writes (except PDF, which needs Typst).
//!
//! Besides "does not panic", a few properties are checked, each a bug if it fails:
//! - the JSON result matches `schemas/report.schema.json` and reads back as a `Report`
//!   (what `dpisafe render RESULT.json` and `check --baseline` need);
//! - the embedded Markdown and HTML templates render without error;
//! - SARIF is JSON; the HTML report carries no `<script`.
//!
//! Set `DPISAFE_FUZZ_TRACE=1` to print one line per report built, to see which inputs in a
//! corpus get past validation.

use dpisafe::assessment::Assessment;
use dpisafe::framework::Framework;
use dpisafe::i18n::Lang;
use dpisafe::questionnaire::{Date, Questionnaire};
use dpisafe::render::templates::Templates;
use dpisafe::render::view::{Mode, Options};
use dpisafe::report::Report;
use dpisafe::schema::SchemaKind;

/// The assessment date written into generated questionnaires.
pub fn default_date() -> Date {
    Date::parse("2026-10-01").expect("a valid date")
}

/// Builds the report of `questionnaire` against `framework` and renders it every way.
pub fn report_and_render(framework: &Framework, questionnaire: &Questionnaire) -> Report {
    let assessment = Assessment {
        questionnaire: questionnaire.clone(),
        disagreements: Vec::new(),
    };
    assess_and_render(framework, &assessment)
}

/// Builds the report of a (possibly merged) `assessment` and renders it every way.
pub fn assess_and_render(framework: &Framework, assessment: &Assessment) -> Report {
    // `dpisafe report` judges waivers and evidence age on `assessed_on`.
    let as_of = assessment.questionnaire.assessed_on;
    let report = assessment.report(framework, as_of);

    let json = dpisafe::render::json::render(&report);
    let value: serde_json::Value =
        serde_json::from_str(&json).expect("the JSON result is valid JSON");
    let problems = SchemaKind::Report.check_json(&value);
    assert!(
        problems.is_empty(),
        "the JSON result does not match the report schema: {problems:?}"
    );
    if let Err(err) = serde_json::from_value::<Report>(value) {
        panic!("the JSON result does not read back as a Report: {err}");
    }

    let templates = Templates::embedded();
    // Both modes, and a left-to-right and a right-to-left language.
    for (mode, lang) in [(Mode::Accountability, Lang::En), (Mode::Learning, Lang::Ar)] {
        let options = Options {
            mode,
            redact: mode == Mode::Learning,
            lang,
        };
        let markdown = dpisafe::render::document::markdown(framework, &report, options, &templates);
        if let Err(err) = markdown {
            panic!("embedded Markdown template failed: {err}");
        }
        match dpisafe::render::document::html(framework, &report, options, &templates) {
            Ok(html) => assert!(
                !html.to_ascii_lowercase().contains("<script"),
                "the HTML report contains a <script"
            ),
            Err(err) => panic!("embedded HTML template failed: {err}"),
        }
    }

    let sarif = dpisafe::render::sarif::render(framework, &report, None);
    if let Err(err) = serde_json::from_str::<serde_json::Value>(&sarif) {
        panic!("SARIF is not JSON: {err}");
    }
    let _junit = dpisafe::render::junit::render(framework, &report);
    let _summary = dpisafe::render::summary::render(&report, false, Lang::En);
    let _verdict = dpisafe::render::verdict::render(&report, Lang::Ar);
    if std::env::var_os("DPISAFE_FUZZ_TRACE").is_some() {
        eprintln!(
            "report: {} findings, {} principles",
            report.findings.len(),
            report.principles.len()
        );
    }
    report
}
