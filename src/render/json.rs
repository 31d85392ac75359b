//! The JSON result: the report as `schemas/report.schema.json` describes it.

use crate::report::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report)
        .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"));
    text.push('\n');
    text
}
