//! The terminal summary of `dpisafe assess`: the rating with its coverage and confidence, the
//! 18 principles with score bars, the most exposed risks, the gender index and the first
//! actions. Colour (ANSI) only when asked for.

use std::fmt::Write;

use crate::report::{Priority, Report, RiskResult};

use super::table;

/// How many risks and actions the summary lists.
const TOP_RISKS: usize = 5;
const TOP_ACTIONS: usize = 10;

/// Renders the summary; `color` adds ANSI colours to bands.
pub fn render(report: &Report, color: bool) -> String {
    let mut out = String::new();
    heading(&mut out, report);
    headline(&mut out, report, color);
    principles(&mut out, report, color);
    risks(&mut out, report, color);
    gender(&mut out, report);
    actions(&mut out, report);
    if !report.disagreements.is_empty() {
        let ids: Vec<&str> = report
            .disagreements
            .iter()
            .map(|d| d.question.as_str())
            .collect();
        let _ = writeln!(
            out,
            "\nRespondents disagree on {} questions (the least favourable answer is counted): {}",
            ids.len(),
            ids.join(", ")
        );
    }
    out
}

fn heading(out: &mut String, report: &Report) {
    let a = &report.assessment;
    let d = &a.deployment;
    let mut facts = vec![d.building_blocks.join(", "), d.stage.clone()];
    if let Some(country) = &d.country {
        facts.insert(0, country.clone());
    }
    if let Some(date) = a.assessed_on {
        facts.push(format!("assessed {date}"));
    }
    let _ = writeln!(out, "{} ({})", d.name, facts.join(" · "));
    let _ = writeln!(
        out,
        "Framework: {} v{}\n",
        report.framework.title, report.framework.version
    );
}

fn headline(out: &mut String, report: &Report, color: bool) {
    let s = &report.summary;
    let score = s
        .score
        .map_or("not scored".to_owned(), |v| format!("{v:.1} / 100"));
    let band = s.band.as_deref().unwrap_or("");
    let _ = writeln!(out, "Overall     {score}  {}", paint(band, color));
    if !s.critical_failures.is_empty() {
        let _ = writeln!(
            out,
            "Critical    {} answered no: {}",
            s.critical_failures.len(),
            s.critical_failures.join(", ")
        );
    }
    let c = &s.answers;
    let _ = writeln!(
        out,
        "Coverage    {:.1} % of {} applicable ({} yes · {} partial · {} no · {} n/a · {} not assessed)",
        s.coverage, c.applicable, c.yes, c.partial, c.no, c.not_applicable, c.not_assessed
    );
    let evidenced = s
        .evidenced
        .map_or("none".to_owned(), |e| format!("{e:.1} %"));
    let _ = writeln!(
        out,
        "Confidence  {evidenced} of the score rests on fresh evidence ({} evidenced · {} stale · {} claimed)",
        s.confidence.evidenced, s.confidence.stale, s.confidence.claimed
    );
    if s.waived > 0 {
        let waived = crate::text::count(s.waived, "shortfall", "shortfalls");
        let _ = writeln!(out, "Waived      {waived}, listed with the actions");
    }
}

fn principles(out: &mut String, report: &Report, color: bool) {
    let rows = report
        .principles
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                p.name.clone(),
                p.score
                    .map_or("–".to_owned(), |v| format!("{} {v:>5.1}", bar(v))),
                paint(
                    p.band.as_deref().unwrap_or(if p.applicable == 0 {
                        "does not apply"
                    } else {
                        "not assessed"
                    }),
                    color,
                ),
                format!("{:.0} %", p.coverage),
                p.capped_by.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let _ = write!(
        out,
        "\n{}",
        table::render(
            &["", "Principle", "Score", "Band", "Coverage", "Capped by"],
            rows,
            Some((1, 40)),
        )
    );
}

fn risks(out: &mut String, report: &Report, color: bool) {
    let mut exposed: Vec<&RiskResult> = report
        .risks
        .iter()
        .filter(|r| r.exposure.is_some())
        .collect();
    exposed.sort_by(|a, b| {
        b.exposure
            .unwrap_or(0.0)
            .total_cmp(&a.exposure.unwrap_or(0.0))
    });
    if exposed.is_empty() {
        let _ = writeln!(
            out,
            "\nRisks: no safeguard that mitigates a risk is answered yet, so exposure is unknown."
        );
        return;
    }
    let rows = exposed
        .iter()
        .take(TOP_RISKS)
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.exposure.map_or(String::new(), |e| format!("{e:.1}")),
                paint(r.band.as_deref().unwrap_or(""), color),
                r.drivers.join(", "),
            ]
        })
        .collect();
    let _ = write!(
        out,
        "\nMost exposed risks (residual exposure 0–100)\n{}",
        table::render(
            &["", "Risk", "Exposure", "Level", "Largest gaps"],
            rows,
            Some((1, 40))
        )
    );
}

fn gender(out: &mut String, report: &Report) {
    let g = &report.gender;
    let index = g
        .index
        .map_or("not scored".to_owned(), |i| format!("{i} / 100"));
    let _ = writeln!(
        out,
        "\nGender inclusion (GIX-DPI, reported beside the safeguards score)\n  index {index} · practice code {} of 4 · intent flag {} · {} of {} checks answered",
        g.practice_code, g.intent_flag, g.answered, g.applicable
    );
    if let (Some(cap), Some(raw)) = (&g.cap, g.raw_index) {
        let checks = cap.checks.join(", ");
        let _ = if raw > cap.cap {
            writeln!(out, "  capped at {} from {raw} by {checks}", cap.cap)
        } else {
            writeln!(
                out,
                "  held to at most {} by {checks} (already below)",
                cap.cap
            )
        };
    }
}

fn actions(out: &mut String, report: &Report) {
    if report.actions.is_empty() {
        let _ = writeln!(
            out,
            "\nNo actions: no applicable safeguard falls short, lacks evidence or is unanswered."
        );
        return;
    }
    let rows = report
        .actions
        .iter()
        .take(TOP_ACTIONS)
        .map(|a| {
            vec![
                a.rank.to_string(),
                format!(
                    "{}{}",
                    a.priority.as_str(),
                    if a.waived { " (waived)" } else { "" }
                ),
                a.kind.as_str().to_owned(),
                a.question.clone(),
                a.authority.clone().unwrap_or_default(),
                a.stage.clone().unwrap_or_default(),
                if a.processes.is_empty() {
                    format!("{} (principle)", a.principle)
                } else {
                    a.processes.join(", ")
                },
            ]
        })
        .collect();
    let mut leads: Vec<String> = Vec::new();
    for authority in &report.authorities {
        let mine: Vec<_> = report
            .actions
            .iter()
            .filter(|a| a.authority.as_deref() == Some(authority.id.as_str()))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let urgent = mine
            .iter()
            .filter(|a| matches!(a.priority, Priority::Critical | Priority::High))
            .count();
        leads.push(format!(
            "{} {} {} ({urgent} critical or high)",
            authority.id,
            authority.name,
            mine.len()
        ));
    }
    let _ = write!(out, "\nActions by lead authority: {}\n", leads.join(" · "));
    let _ = write!(
        out,
        "First actions ({} of {}; the full plan is in the JSON and the reports)\n{}",
        report.actions.len().min(TOP_ACTIONS),
        report.actions.len(),
        table::render(
            &[
                "#",
                "Priority",
                "Action",
                "Question",
                "Lead",
                "Stage",
                "Framework processes",
            ],
            rows,
            Some((6, 24))
        )
    );
}

/// A ten-cell bar for a score 0–100.
fn bar(score: f64) -> String {
    // 0–100 in tenths of the bar; the cast cannot truncate a value already clamped to 0–10.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = (score / 10.0).round().clamp(0.0, 10.0) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// A band name, coloured by its meaning when `color` is on.
fn paint(band: &str, color: bool) -> String {
    if !color {
        return band.to_owned();
    }
    let code = match band {
        "strong" | "low" => "32",
        "adequate" | "moderate" => "36",
        "weak" | "elevated" => "33",
        "failing" | "high" => "31",
        _ => return band.to_owned(),
    };
    format!("\u{1b}[{code}m{band}\u{1b}[0m")
}
