//! The portfolio as CSV (RFC 4180): a header line, then one line per row of each group, then
//! one per skipped input. Columns never move: `group`, the row's facts, the overall figures,
//! one column per principle in framework order, then `respondents` and `file` (only without
//! redaction) and `skipped`. Numbers have one decimal; an empty field is "not scored". A row
//! too thinly answered for a verdict has `not rated` as its band, beside its partial score
//! and its coverage.
//! Text a spreadsheet would take for a formula is prefixed with `'` (see [`text`]).

use crate::portfolio::{Portfolio, Row};

/// Renders the CSV, with CRLF line ends as RFC 4180 asks.
pub fn render(portfolio: &Portfolio) -> String {
    let mut header: Vec<String> = [
        "group",
        "label",
        "country",
        "stage",
        "building_blocks",
        "assessed_on",
        "score",
        "band",
        "coverage",
        "gender_index",
        "critical_failures",
        "actions",
        "actions_overdue",
    ]
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    header.extend(portfolio.principles.iter().map(|p| text(&p.id)));
    if !portfolio.redacted {
        header.extend(["respondents".to_owned(), "file".to_owned()]);
    }
    header.push("skipped".to_owned());
    let width = header.len();
    let mut out = String::new();
    line(&mut out, &header);
    for group in &portfolio.groups {
        for row in &group.rows {
            line(&mut out, &fields(portfolio, &group.name, row));
        }
    }
    for skipped in &portfolio.skipped {
        let mut record = vec![String::new(); width];
        record[1] = skipped
            .file
            .as_deref()
            .map_or_else(|| format!("input {}", skipped.input), text);
        if let Some(file) = &skipped.file {
            record[width - 2] = text(file);
        }
        record[width - 1] = text(
            &skipped
                .problems
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        line(&mut out, &record);
    }
    out
}

fn fields(portfolio: &Portfolio, group: &str, row: &Row) -> Vec<String> {
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v:.1}"));
    let mut record = vec![
        text(group),
        text(&row.label),
        text(row.country.as_deref().unwrap_or_default()),
        text(&row.stage),
        text(&row.building_blocks.join(" ")),
        row.assessed_on.map(|d| d.to_string()).unwrap_or_default(),
        number(row.score),
        match (row.score, row.band.as_deref()) {
            (Some(_), None) => "not rated".to_owned(),
            (_, band) => text(band.unwrap_or_default()),
        },
        format!("{:.1}", row.coverage),
        row.gender_index.map(|i| i.to_string()).unwrap_or_default(),
        row.critical_failures.len().to_string(),
        row.actions.to_string(),
        // Empty without a register: nothing is known to be overdue, which is not zero.
        row.register
            .as_ref()
            .map(|r| r.overdue.len().to_string())
            .unwrap_or_default(),
    ];
    record.extend(row.principles.iter().map(|c| number(c.value)));
    if !portfolio.redacted {
        record.push(text(
            &row.respondents.as_deref().unwrap_or_default().join("; "),
        ));
        record.push(text(row.file.as_deref().unwrap_or_default()));
    }
    record.push(String::new());
    record
}

fn line(out: &mut String, record: &[String]) {
    let quoted: Vec<String> = record.iter().map(|f| quote(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// A text cell, with a leading `'` when it starts with a character that makes a spreadsheet
/// read it as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return), so a deployment
/// named `=HYPERLINK(…)` is shown as written, never run. Numbers never pass through here, so a
/// figure stays a figure. Control characters other than tabs and line breaks are dropped, and
/// so are carriage returns (records end in CRLF), so a CSV shown with `cat` cannot send escape
/// sequences to the terminal.
fn text(value: &str) -> String {
    let value = crate::text::without_controls(value);
    if value.starts_with(['=', '+', '-', '@', '\t']) {
        format!("'{value}")
    } else {
        value.into_owned()
    }
}

/// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{quote, text};

    #[test]
    fn quotes_only_fields_that_need_it() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn text_that_reads_as_a_formula_is_prefixed() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(text(formula), format!("'{formula}"));
        }
        // A carriage return or an escape before the formula is dropped, not a way past it.
        assert_eq!(text("\r=x"), "'=x");
        assert_eq!(text("\u{1b}[2J=x"), "[2J=x");
        for plain in ["Rail", "", "a=b", "'quoted", "KE"] {
            assert_eq!(text(plain), plain);
        }
    }
}
