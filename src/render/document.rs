//! The report as a document people read: Markdown, self-contained HTML, and (with the `pdf`
//! feature) PDF, all from the same [`ReportView`](super::view::ReportView) of one report; the
//! executive brief is the same view through shorter templates.

use minijinja::value::Value;

use super::charts;
use super::templates::{self, TemplateError, Templates};
use super::view::{self, Options, ReportView};
use crate::framework::Framework;
use crate::report::Report;

/// The Markdown report.
pub fn markdown(
    framework: &Framework,
    report: &Report,
    options: Options,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let view = view::build(framework, report, options);
    let name = template(options, templates::MARKDOWN, templates::BRIEF_MARKDOWN);
    templates.render(name, &view, &[])
}

/// The HTML report: one file with inline CSS and SVG charts.
pub fn html(
    framework: &Framework,
    report: &Report,
    options: Options,
    templates: &Templates,
) -> Result<String, TemplateError> {
    let view = view::build(framework, report, options);
    let (radar, heat_map) = chart_pair(&view);
    let name = template(options, templates::HTML, templates::BRIEF_HTML);
    templates.render(
        name,
        &view,
        &[
            ("radar", Value::from_safe_string(radar)),
            ("heat_map", Value::from_safe_string(heat_map)),
        ],
    )
}

/// The radar of principles and the heat map of risks.
pub fn chart_pair(view: &ReportView) -> (String, String) {
    (
        charts::radar(&view.principles),
        charts::heat_map(&view.risks, &view.risk_levels),
    )
}

/// The PDF report, rendered by Typst from the same view and charts.
#[cfg(feature = "pdf")]
pub fn pdf(
    framework: &Framework,
    report: &Report,
    options: Options,
    templates: &Templates,
    paper: super::pdf::Paper,
    fonts: &super::pdf::Fonts,
) -> Result<super::pdf::Typeset, TemplateError> {
    let view = view::build(framework, report, options);
    let (radar, heat_map) = chart_pair(&view);
    let name = template(options, templates::TYPST, templates::BRIEF_TYPST);
    let origin = templates.origin(name);
    let date = report.assessment.as_of;
    let input = super::pdf::PdfInput {
        template: templates.source(name),
        data_json: super::pdf::data_json(&origin, &view)?,
        files: vec![
            ("/radar.svg".to_owned(), radar.into_bytes()),
            ("/heatmap.svg".to_owned(), heat_map.into_bytes()),
        ],
        paper,
        date: (date.year(), date.month(), date.day()),
    };
    super::pdf::render(input, fonts).map_err(|err| err.in_template(&origin))
}

/// The full report's template, or the brief's when the options ask for the brief.
fn template(options: Options, full: &'static str, brief: &'static str) -> &'static str {
    if options.brief { brief } else { full }
}
