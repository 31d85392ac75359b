//! The portfolio for the terminal: per group, the matrix of deployments × principles with
//! the overall figures and two summary rows, then the weakest principles, the most exposed
//! risks and the critical questions answered `no`; skipped inputs and notes last.

use std::fmt::Write;

use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Style};

use super::{GroupView, PortfolioView, view};
use crate::portfolio::Portfolio;

/// Renders the terminal table.
pub fn render(portfolio: &Portfolio) -> String {
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
        matrix(&mut out, &view, group, !portfolio.redacted);
        summaries(&mut out, group);
    }
    if !view.skipped.is_empty() {
        let _ = writeln!(
            out,
            "\nSkipped (unreadable or invalid; see the messages above)"
        );
        for s in &view.skipped {
            let _ = writeln!(out, "  {} ({})", s.label, s.problems);
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

fn matrix(out: &mut String, view: &PortfolioView, group: &GroupView, unredacted: bool) {
    let _ = writeln!(
        out,
        "\n{} ({})",
        group.name,
        crate::text::count(group.deployments, "deployment", "deployments")
    );
    let mut builder = Builder::new();
    let mut header = vec!["Deployment".to_owned(), "CC".to_owned(), "Stage".to_owned()];
    header.extend(view.principles.iter().map(|p| p.id.clone()));
    header.extend(["Overall", "Band", "Cov %", "GIX", "Crit"].map(str::to_owned));
    if unredacted {
        header.extend(["Respondents", "File"].map(str::to_owned));
    }
    let width = header.len();
    builder.push_record(header);
    for row in &group.rows {
        let mut record = vec![shorten(&row.label), row.country.clone(), row.stage.clone()];
        record.extend(row.cells.iter().map(|c| c.text.clone()));
        record.extend([
            row.score.text.clone(),
            row.band_label.clone(),
            row.coverage.clone(),
            row.gender_index.clone(),
            row.critical.to_string(),
        ]);
        if unredacted {
            record.extend([row.respondents.clone(), row.file.clone()]);
        }
        builder.push_record(record);
    }
    let mut mean = vec!["Mean".to_owned(), String::new(), String::new()];
    mean.extend(group.means.iter().map(|c| c.text.clone()));
    mean.push(group.mean_score.text.clone());
    mean.resize(width, String::new());
    builder.push_record(mean);
    let mut weak = vec!["Weak or worse".to_owned(), String::new(), String::new()];
    weak.extend(group.weak_counts.iter().cloned());
    weak.resize(width, String::new());
    builder.push_record(weak);
    let rows = group.rows.len();
    let mut table = builder.build();
    table
        .with(Style::psql())
        .modify(Columns::new(3..width), Alignment::right());
    let band_column = 3 + view.principles.len() + 1;
    table.modify(Columns::one(band_column), Alignment::left());
    if unredacted {
        table.modify(Columns::new(width - 2..width), Alignment::left());
    }
    let text = table.to_string();
    // A rule between the deployments and the summary rows.
    let lines: Vec<&str> = text.lines().collect();
    let rule = lines.get(1).copied().unwrap_or_default();
    for (i, line) in lines.iter().enumerate() {
        if i == rows + 2 {
            let _ = writeln!(out, "{rule}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
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
