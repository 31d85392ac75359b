//! The portfolio for the terminal: per group, the matrix of deployments × principles with
//! the overall figures and two summary rows, then the weakest principles, the most exposed
//! risks and the critical questions answered `no`; skipped inputs and notes last.

use std::fmt::Write;

use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use super::{GroupView, PortfolioView, view};
use crate::portfolio::Portfolio;
use crate::text::inert;

/// Renders the terminal table, split to fit `width` columns when one is given.
pub fn render(portfolio: &Portfolio, width: Option<usize>) -> String {
    let view = view(portfolio);
    let mut out = String::new();
    let _ = writeln!(out, "{} · {} · {}", view.title, view.framework, view.date);
    let skipped = if view.skipped.is_empty() {
        String::new()
    } else {
        format!(" · {} skipped", view.skipped.len())
    };
    let _ = writeln!(
        out,
        "{}{skipped} · rows {}",
        crate::text::count(view.deployments, "deployment", "deployments"),
        view.sort
    );
    for group in &view.groups {
        matrix(&mut out, &view, group, !portfolio.redacted, width);
        summaries(&mut out, group);
    }
    if !view.skipped.is_empty() {
        let _ = writeln!(
            out,
            "\nSkipped (unreadable or invalid; see the messages above)"
        );
        for s in &view.skipped {
            let _ = writeln!(out, "  {} ({})", inert(&s.label), s.problems);
        }
    }
    let _ = writeln!(out, "\nPrinciples");
    for p in &view.principles {
        let _ = writeln!(out, "  {:<3} {}", p.id, p.name);
    }
    out.push('\n');
    for note in &view.notes {
        let _ = writeln!(out, "{note}");
    }
    out
}

fn matrix(
    out: &mut String,
    view: &PortfolioView,
    group: &GroupView,
    unredacted: bool,
    width: Option<usize>,
) {
    let _ = writeln!(
        out,
        "\n{} ({})",
        inert(&group.name),
        crate::text::count(group.deployments, "deployment", "deployments")
    );
    let records = records(view, group, unredacted);
    let sets = column_sets(&records, 0..3, width);
    for (i, columns) in sets.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = write!(
            out,
            "{}",
            render_columns(&records, columns, group.rows.len())
        );
    }
    for note in &group.notes {
        let _ = writeln!(out, "  {}", inert(note));
    }
}

/// Every cell of the matrix, header first, then the rows, then "Mean" and "Weak or worse".
fn records(view: &PortfolioView, group: &GroupView, unredacted: bool) -> Vec<Vec<String>> {
    let mut header = vec!["Deployment".to_owned(), "CC".to_owned(), "Stage".to_owned()];
    header.extend(view.principles.iter().map(|p| p.id.clone()));
    header.extend(["Overall", "Band", "Cov %", "GIX", "Crit"].map(str::to_owned));
    if unredacted {
        header.extend(["Respondents", "File"].map(str::to_owned));
    }
    let width = header.len();
    let mut records = vec![header];
    for row in &group.rows {
        let mut record = vec![
            shorten(&inert(&row.label)),
            row.country.clone(),
            row.stage.clone(),
        ];
        record.extend(row.cells.iter().map(|c| c.text.clone()));
        record.extend([
            row.score.text.clone(),
            row.band_label.clone(),
            row.coverage.clone(),
            row.gender_index.clone(),
            row.critical.to_string(),
        ]);
        if unredacted {
            record.extend([
                inert(&row.respondents).into_owned(),
                inert(&row.file).into_owned(),
            ]);
        }
        records.push(record);
    }
    let mut mean = vec!["Mean".to_owned(), String::new(), String::new()];
    mean.extend(group.means.iter().map(|c| c.text.clone()));
    mean.push(group.mean_score.text.clone());
    mean.resize(width, String::new());
    records.push(mean);
    let mut weak = vec!["Weak or worse".to_owned(), String::new(), String::new()];
    weak.extend(group.weak_counts.iter().cloned());
    weak.resize(width, String::new());
    records.push(weak);
    records
}

/// The columns of each printed table: all of them when they fit `width` (or no width is
/// set), otherwise the identifying columns repeated in each table with as many of the others
/// (principles, then the overall figures) as fit beside them. A row is never wrapped.
fn column_sets(
    records: &[Vec<String>],
    identity: std::ops::Range<usize>,
    width: Option<usize>,
) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..records[0].len()).collect();
    let Some(limit) = width else {
        return vec![all];
    };
    // psql style: one space either side of each cell and a bar between columns.
    let column = |c: usize| {
        records
            .iter()
            .map(|r| r[c].chars().count())
            .max()
            .unwrap_or(0)
            + 3
    };
    let span = |cols: &[usize]| cols.iter().map(|&c| column(c)).sum::<usize>();
    if span(&all) <= limit {
        return vec![all];
    }
    let base: Vec<usize> = identity.clone().collect();
    let mut sets = Vec::new();
    let mut current = base.clone();
    for c in identity.end..records[0].len() {
        if current.len() > base.len() && span(&current) + column(c) > limit {
            sets.push(std::mem::replace(&mut current, base.clone()));
        }
        current.push(c);
    }
    sets.push(current);
    sets
}

/// One table of the given columns, with a rule between the deployments and the summary rows.
fn render_columns(records: &[Vec<String>], columns: &[usize], rows: usize) -> String {
    let mut builder = Builder::new();
    for record in records {
        builder.push_record(columns.iter().map(|&c| record[c].clone()));
    }
    let header = &records[0];
    let mut table = builder.build();
    table.with(Style::psql());
    for (i, &c) in columns.iter().enumerate() {
        // Text columns read from the left, figures from the right.
        let text = matches!(
            header[c].as_str(),
            "Deployment" | "CC" | "Stage" | "Band" | "Respondents" | "File"
        );
        let alignment = if text {
            Alignment::left()
        } else {
            Alignment::right()
        };
        table.modify(Columns::one(i), alignment);
    }
    let text = table.to_string();
    let lines: Vec<&str> = text.lines().collect();
    let rule = lines.get(1).copied().unwrap_or_default();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i == rows + 2 {
            let _ = writeln!(out, "{rule}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// Labels longer than this are cut in the terminal table (the other formats keep them whole).
const LABEL_WIDTH: usize = 32;

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_WIDTH {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_WIDTH - 1).collect();
    format!("{}…", cut.trim_end())
}

fn summaries(out: &mut String, group: &GroupView) {
    if !group.weakest.is_empty() {
        let _ = writeln!(
            out,
            "\nWeakest principles (mean score; rows weak or worse of rows scored)"
        );
        for p in &group.weakest {
            let _ = writeln!(
                out,
                "  {:<3} {:>5}  {} of {}  {}",
                p.id, p.mean.text, p.weak, p.scored, p.name
            );
        }
    }
    if !group.risks.is_empty() {
        let _ = writeln!(out, "\nMost exposed risks (mean residual exposure 0–100)");
        for r in &group.risks {
            let _ = writeln!(
                out,
                "  {:<4} {:>5}  {:<9} {}",
                r.id, r.mean.text, r.band_label, r.name
            );
        }
    }
    if group.critical.is_empty() {
        let _ = writeln!(out, "\nCritical failures: none");
    } else {
        let _ = writeln!(
            out,
            "\nCritical failures by question (rows that answered it no)"
        );
        for c in &group.critical {
            let _ = writeln!(out, "  {:<12} {:<3} {}", c.question, c.principle, c.count);
        }
    }
}
