//! The portfolio's outputs: a terminal table, Markdown, self-contained HTML (the matrix as a
//! heat map), CSV, JSON and (with the `pdf` feature) a landscape PDF.
//!
//! Markdown, HTML and PDF read one [`PortfolioView`] with every number already printed, so the three
//! show the same figures; CSV and JSON are written from the [`Portfolio`] itself.

mod csv;
mod table;

use serde::Serialize;

pub use csv::render as csv;
pub use table::render as table;

use super::templates::{self, TemplateError};
use super::view::score_text;
use crate::portfolio::{BandInfo, Group, GroupBy, Portfolio, Row, Sort};

/// The Markdown template.
pub const MARKDOWN: &str = "portfolio.md.j2";
/// The HTML template.
pub const HTML: &str = "portfolio.html.j2";
/// The Typst template.
pub const TYPST: &str = "portfolio.typ";

const MARKDOWN_SOURCE: &str = include_str!("../../../templates/portfolio.md.j2");
const HTML_SOURCE: &str = include_str!("../../../templates/portfolio.html.j2");
#[cfg(feature = "pdf")]
const TYPST_SOURCE: &str = include_str!("../../../templates/portfolio.typ");

/// How many risks each group's summary lists.
const TOP_RISKS: usize = 5;

/// The portfolio as the documents print it.
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioView {
    /// The document title.
    pub title: String,
    /// Framework title and version.
    pub framework: String,
    /// How to attribute the framework.
    pub attribution: String,
    /// The tool and its version.
    pub tool: String,
    /// The portfolio's date, or "undated".
    pub date: String,
    /// Whether respondents and files are left out.
    pub redacted: bool,
    /// Row order, in words.
    pub sort: String,
    /// The principles, the matrix's columns.
    pub principles: Vec<Named>,
    /// The score bands, for the legend.
    pub bands: Vec<BandView>,
    /// Deployments (rows) in the portfolio.
    pub deployments: usize,
    /// The groups.
    pub groups: Vec<GroupView>,
    /// Inputs left out.
    pub skipped: Vec<SkippedView>,
    /// What a reader must know to read the matrix.
    pub notes: Vec<String>,
}

/// An id and a name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A band in the legend.
#[derive(Debug, Clone, Serialize)]
pub struct BandView {
    /// Identifier, the CSS class suffix.
    pub id: String,
    /// Label.
    pub label: String,
    /// The scores it covers, e.g. "60–79.9".
    pub range: String,
}

/// One printed number and its band.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The number, or "–" when not scored.
    pub text: String,
    /// The band id, or "none".
    pub band: String,
}

/// One group: its matrix and summaries.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// What the group is called.
    pub name: String,
    /// Rows in it.
    pub deployments: usize,
    /// Mean overall score.
    pub mean_score: CellView,
    /// The matrix rows.
    pub rows: Vec<RowView>,
    /// Mean per principle (a summary row under the matrix).
    pub means: Vec<CellView>,
    /// Rows weak or worse per principle (a summary row under the matrix).
    pub weak_counts: Vec<String>,
    /// The weakest principles, lowest mean first.
    pub weakest: Vec<StatView>,
    /// The most exposed risks, highest mean first.
    pub risks: Vec<StatView>,
    /// Critical questions answered `no`, most frequent first.
    pub critical: Vec<CriticalView>,
    /// What to know about this group's rows: those not rated, and earlier assessments.
    pub notes: Vec<String>,
}

/// A principle or risk across a group.
#[derive(Debug, Clone, Serialize)]
pub struct StatView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// The mean and its band.
    pub mean: CellView,
    /// The band's label.
    pub band_label: String,
    /// Rows that score it.
    pub scored: usize,
    /// Rows weak or worse on it (principles only).
    pub weak: usize,
}

/// A critical question and how many rows answered it `no`.
#[derive(Debug, Clone, Serialize)]
pub struct CriticalView {
    /// The question.
    pub question: String,
    /// Its principle.
    pub principle: String,
    /// Rows.
    pub count: usize,
}

/// One row of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    /// The row label.
    pub label: String,
    /// Country code, or "".
    pub country: String,
    /// Stage.
    pub stage: String,
    /// Building blocks, comma-separated.
    pub blocks: String,
    /// The assessment date, or "".
    pub assessed_on: String,
    /// One cell per principle.
    pub cells: Vec<CellView>,
    /// The overall score.
    pub score: CellView,
    /// The overall band's label.
    pub band_label: String,
    /// Coverage, e.g. "85.0".
    pub coverage: String,
    /// The gender index, or "–".
    pub gender_index: String,
    /// Critical failures.
    pub critical: usize,
    /// Respondents, "; "-separated ("" when redacted).
    pub respondents: String,
    /// Source file ("" when redacted).
    pub file: String,
}

/// An input left out.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedView {
    /// The file, or "input N" when redacted.
    pub label: String,
    /// Its error codes, comma-separated.
    pub problems: String,
}

fn cell(value: Option<f64>, band: Option<&str>) -> CellView {
    CellView {
        text: score_text(value),
        band: band.unwrap_or("none").to_owned(),
    }
}

/// A row's cell: a figure too thinly answered for a band is shown in brackets, so a partial
/// score is never read as a verdict.
fn row_cell(value: Option<f64>, band: Option<&str>) -> CellView {
    match (value, band) {
        (Some(v), None) => CellView {
            text: format!("({v:.1})"),
            band: "none".to_owned(),
        },
        _ => cell(value, band),
    }
}

/// The band's label of an overall score, or "not rated — 23 % answered" (as every other
/// output says it) when the score has no band.
fn band_text(
    portfolio: &Portfolio,
    score: Option<f64>,
    band: Option<&str>,
    coverage: f64,
) -> String {
    match (score, band) {
        (Some(_), None) => {
            let english = crate::i18n::Messages::new(crate::i18n::Lang::En);
            super::words::not_rated(english, coverage)
        }
        (_, band) => label_of(&portfolio.bands, band),
    }
}

fn label_of(bands: &[BandInfo], id: Option<&str>) -> String {
    id.map_or_else(String::new, |id| {
        bands
            .iter()
            .find(|b| b.id == id)
            .map_or_else(|| id.to_owned(), |b| b.label.clone())
    })
}

/// The view the documents print.
pub fn view(portfolio: &Portfolio) -> PortfolioView {
    let date = portfolio
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    PortfolioView {
        title: "DPI safeguards portfolio".to_owned(),
        framework: format!(
            "{} v{}",
            portfolio.framework.title, portfolio.framework.version
        ),
        attribution: portfolio.framework.attribution.clone(),
        tool: format!("{} {}", portfolio.tool.name, portfolio.tool.version),
        date,
        redacted: portfolio.redacted,
        sort: sort_words(portfolio.sort).to_owned(),
        principles: portfolio
            .principles
            .iter()
            .map(|p| Named {
                id: p.id.clone(),
                name: p.name.clone(),
            })
            .collect(),
        bands: band_views(&portfolio.bands),
        deployments: portfolio.deployments,
        groups: portfolio
            .groups
            .iter()
            .map(|g| group_view(portfolio, g))
            .collect(),
        skipped: portfolio
            .skipped
            .iter()
            .map(|s| SkippedView {
                label: s
                    .file
                    .clone()
                    .unwrap_or_else(|| format!("input {}", s.input)),
                problems: s
                    .problems
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
        notes: notes(portfolio),
    }
}

/// Row order in words.
pub(crate) fn sort_words(sort: Sort) -> &'static str {
    match sort {
        Sort::Name => "by deployment name",
        Sort::Score => "by overall score, highest first",
    }
}

fn band_views(bands: &[BandInfo]) -> Vec<BandView> {
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let top = i
                .checked_sub(1)
                .and_then(|above| bands.get(above))
                .map_or_else(
                    || "100".to_owned(),
                    |above| format!("{:.1}", above.min - 0.1),
                );
            BandView {
                id: b.id.clone(),
                label: b.label.clone(),
                range: format!("{}–{top}", b.min),
            }
        })
        .collect()
}

/// What a reader must know: rows are files, what the weak count means, duplicates across
/// groups, and what redaction left out.
pub(crate) fn notes(portfolio: &Portfolio) -> Vec<String> {
    let weak = portfolio
        .bands
        .iter()
        .position(|b| b.id == "weak")
        .map_or_else(
            || "in the lowest band".to_owned(),
            |i| {
                let labels: Vec<&str> = portfolio.bands[i..]
                    .iter()
                    .map(|b| b.label.as_str())
                    .collect();
                labels.join(" or ").to_lowercase()
            },
        );
    let mut notes = vec![
        "Each row is one deployment (name, country and building blocks): its questionnaires of \
         one date are merged as respondents, the least favourable answer counting, and earlier \
         dates are listed as its history."
            .to_owned(),
        format!(
            "Scores run 0–100 (– : nothing applicable answered; a figure in brackets is not \
             rated, too little of it answered). Under each matrix, \"Mean\" is the mean of the \
             rated rows and \"Weak or worse\" counts the rated rows {weak} on that principle."
        ),
    ];
    if portfolio.group_by == Some(GroupBy::Block) {
        notes.push(
            "A deployment with several building blocks appears in the group of each.".to_owned(),
        );
    }
    if portfolio.redacted {
        notes.push(
            "Redacted: respondents, notes, evidence references and source files are left out."
                .to_owned(),
        );
    }
    notes
}

fn group_view(portfolio: &Portfolio, group: &Group) -> GroupView {
    let s = &group.summary;
    let stat = |id: &str| s.principles.iter().find(|p| p.id == id);
    GroupView {
        name: group.name.clone(),
        deployments: s.deployments,
        mean_score: cell(s.mean_score, s.mean_band.as_deref()),
        rows: group.rows.iter().map(|r| row_view(portfolio, r)).collect(),
        means: s
            .principles
            .iter()
            .map(|p| cell(p.mean, p.band.as_deref()))
            .collect(),
        weak_counts: s
            .principles
            .iter()
            .map(|p| p.weak_or_worse.to_string())
            .collect(),
        weakest: s
            .weakest_principles
            .iter()
            .filter_map(|id| stat(id))
            .map(|p| StatView {
                id: p.id.clone(),
                name: p.name.clone(),
                mean: cell(p.mean, p.band.as_deref()),
                band_label: label_of(&portfolio.bands, p.band.as_deref()),
                scored: p.scored,
                weak: p.weak_or_worse,
            })
            .collect(),
        risks: s
            .risks
            .iter()
            .filter(|r| r.mean.is_some())
            .take(TOP_RISKS)
            .map(|r| StatView {
                id: r.id.clone(),
                name: r.name.clone(),
                mean: cell(r.mean, r.band.as_deref()),
                band_label: label_of(&portfolio.risk_bands, r.band.as_deref()),
                scored: r.scored,
                weak: 0,
            })
            .collect(),
        critical: s
            .critical_failures
            .iter()
            .map(|c| CriticalView {
                question: c.question.clone(),
                principle: c.principle.clone(),
                count: c.deployments,
            })
            .collect(),
        notes: group_notes(portfolio, group),
    }
}

/// The group's notes: how many rows are not rated and left out of the means, then each
/// deployment's earlier assessments.
fn group_notes(portfolio: &Portfolio, group: &Group) -> Vec<String> {
    let mut notes = Vec::new();
    let unrated = group.summary.unrated;
    if unrated > 0 {
        notes.push(format!(
            "{} not rated (too little answered for a verdict): shown, but left out of the \
             means and counts.",
            crate::text::count(unrated, "row is", "rows are")
        ));
    }
    for row in group.rows.iter().filter(|r| !r.history.is_empty()) {
        let earlier: Vec<String> = row
            .history
            .iter()
            .map(|e| {
                let band = band_text(portfolio, e.score, e.band.as_deref(), e.coverage);
                let date = e
                    .assessed_on
                    .map_or_else(|| "undated".to_owned(), |d| d.to_string());
                format!(
                    "{date} {} {band}, {:.1} % answered",
                    score_text(e.score),
                    e.coverage
                )
            })
            .collect();
        notes.push(format!("{}, earlier: {}.", row.label, earlier.join("; ")));
    }
    notes.extend(group.rows.iter().filter_map(register_note));
    notes
}

/// What a row's action register says: how much of the plan it tracks and what is overdue.
fn register_note(row: &Row) -> Option<String> {
    let register = row.register.as_ref()?;
    let overdue = match register.overdue.as_slice() {
        [] => "none overdue".to_owned(),
        ids => format!("{} overdue ({})", ids.len(), ids.join(", ")),
    };
    Some(format!(
        "{}: the action register tracks {} of {} actions; {overdue}.",
        row.label, register.tracked, row.actions
    ))
}

fn row_view(portfolio: &Portfolio, row: &Row) -> RowView {
    RowView {
        label: row.label.clone(),
        country: row.country.clone().unwrap_or_default(),
        stage: row.stage.clone(),
        blocks: row.building_blocks.join(", "),
        assessed_on: row.assessed_on.map(|d| d.to_string()).unwrap_or_default(),
        cells: row
            .principles
            .iter()
            .map(|c| row_cell(c.value, c.band.as_deref()))
            .collect(),
        score: row_cell(row.score, row.band.as_deref()),
        band_label: band_text(portfolio, row.score, row.band.as_deref(), row.coverage),
        coverage: format!("{:.1}", row.coverage),
        gender_index: row
            .gender_index
            .map_or_else(|| "–".to_owned(), |i| i.to_string()),
        critical: row.critical_failures.len(),
        respondents: row.respondents.as_deref().unwrap_or_default().join("; "),
        file: row.file.clone().unwrap_or_default(),
    }
}

/// The portfolio as versioned JSON (`schemas/portfolio.schema.json`), ending in a newline.
pub fn json(portfolio: &Portfolio) -> String {
    let mut text =
        serde_json::to_string_pretty(portfolio).expect("invariant: the portfolio serialises");
    text.push('\n');
    text
}

/// The Markdown document.
pub fn markdown(portfolio: &Portfolio) -> Result<String, TemplateError> {
    templates::render_builtin(MARKDOWN, MARKDOWN_SOURCE, &view(portfolio))
}

/// The HTML document: one file, inline CSS, the matrix as a heat map, no scripts.
pub fn html(portfolio: &Portfolio) -> Result<String, TemplateError> {
    templates::render_builtin(HTML, HTML_SOURCE, &view(portfolio))
}

/// The landscape PDF, dated with the portfolio's date (`date`, as (year, month, day)).
#[cfg(feature = "pdf")]
pub fn pdf(
    portfolio: &Portfolio,
    date: (i32, u8, u8),
    paper: super::pdf::Paper,
    fonts: &super::pdf::Fonts,
) -> Result<super::pdf::Typeset, TemplateError> {
    let origin = format!("templates/{TYPST}");
    let input = super::pdf::PdfInput {
        template: TYPST_SOURCE,
        data_json: super::pdf::data_json(&origin, &view(portfolio))?,
        files: Vec::new(),
        paper,
        date,
    };
    super::pdf::render(input, fonts).map_err(|err| err.in_template(&origin))
}
