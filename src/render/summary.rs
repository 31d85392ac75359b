//! The terminal summary of `dpisafe assess`: the rating with its coverage and confidence, the
//! 18 principles with score bars, the most exposed risks, the gender index and the first
//! actions. Colour (ANSI) only when asked for. Words are in the chosen language; principle
//! and risk names too where a current translation exists.

use crate::text::inert;
use std::fmt::Write;

use super::words::Words;
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::report::{Action, Report, Summary};
use tabled::grid::util::string::get_text_width;

use super::table;

/// A band or level word, lower case as the terminal shows them (the id when unnamed).
fn band_word(w: Words, prefix: &str, id: &str) -> String {
    let key = format!("view.{prefix}_{id}");
    let text = w.m.get(&key);
    if text == key {
        id.to_owned()
    } else {
        text.to_lowercase()
    }
}

/// A headline label padded so the values line up.
fn label(w: Words, id: &str) -> String {
    let width = [
        "overall",
        "critical",
        "coverage",
        "deployment",
        "confidence",
        "waived",
    ]
    .iter()
    .map(|l| w.get(l).chars().count())
    .max()
    .unwrap_or(0)
    .max(10)
        + 2;
    format!("{:<width$}", w.get(id))
}

/// How many risks and actions the summary lists.
const TOP_RISKS: usize = 5;
const TOP_ACTIONS: usize = 10;

/// Renders the summary in `lang`; `color` adds ANSI colours to bands. With `width`, every
/// line fits that many columns: tables narrow their text columns and long lines wrap.
pub fn render(
    framework: &Framework,
    report: &Report,
    color: bool,
    lang: Lang,
    width: Option<usize>,
) -> String {
    let w = Words::new(lang, "summary");
    let mut out = String::new();
    heading(&mut out, report, w);
    headline(&mut out, report, color, w);
    principles(&mut out, report, color, w, width);
    risks(&mut out, report, color, w, width);
    gender(&mut out, report, w);
    actions(&mut out, framework, report, w, width);
    disagreements(&mut out, report, w);
    out.push_str(&super::views::render(report, width));
    next_commands(&mut out, report, w);
    match width {
        Some(width) => fit_lines(&out, width),
        None => out,
    }
}

/// Who said what on each question the merged respondents answer differently.
fn disagreements(out: &mut String, report: &Report, w: Words) {
    if report.disagreements.is_empty() {
        return;
    }
    let ids: Vec<&str> = report
        .disagreements
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    let _ = writeln!(
        out,
        "\n{}",
        w.format(
            "disagree",
            &[("count", &ids.len()), ("ids", &ids.join(", "))]
        )
    );
    for d in &report.disagreements {
        let stances: Vec<String> = d
            .stances
            .iter()
            .map(|s| format!("{} {}", inert(&s.respondent), w.answer(s.answer)))
            .collect();
        let _ = writeln!(out, "  {}  {}", d.question, stances.join(" · "));
    }
}

/// The commands that take the assessment further: the brief, the full report, the gate.
fn next_commands(out: &mut String, report: &Report, w: Words) {
    let files: Vec<String> = report
        .assessment
        .files
        .iter()
        .map(|f| shell_word(&inert(f)))
        .collect();
    let merge = if files.len() > 1 { " --merge" } else { "" };
    let plain = format!("{}{merge}", files.join(" "));
    // With a register, the reports are worth making with it; without one, start one.
    let (files, plan) = match &report.plan {
        Some(info) => (
            format!("{plain} --plan {}", shell_word(&inert(&info.file))),
            None,
        ),
        None => (
            plain.clone(),
            Some((
                "next_plan",
                format!("dpisafe plan init {plain} -o plan.yaml"),
            )),
        ),
    };
    let _ = writeln!(out, "\n{}", w.get("next_title"));
    let commands = [
        (
            "next_brief",
            format!("dpisafe report {files} --brief --format pdf -o brief.pdf"),
        ),
        (
            "next_report",
            format!("dpisafe report {files} --format html -o report.html"),
        ),
    ];
    let check = ("next_check", format!("dpisafe check {files}"));
    for (id, command) in commands.into_iter().chain(plan).chain([check]) {
        let _ = writeln!(out, "  {command}\n      {}", w.get(id));
    }
}

/// A file name as one shell word: as it is when it holds only safe characters, otherwise in
/// single quotes.
fn shell_word(name: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "-_./:@%+=,".contains(c);
    if !name.is_empty() && name.chars().all(safe) {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// The summary with every line longer than `width` wrapped: a table line is already drawn to
/// fit and is left alone; a labelled line continues under its value, any other under its text.
fn fit_lines(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        // Tables are drawn to fit, and a command is worth more whole than wrapped.
        let table = line.starts_with(['┌', '│', '├', '└']);
        let command = line.trim_start().starts_with("dpisafe ");
        if table || command || get_text_width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        // The label is measured in columns (a French or Arabic label is wider in bytes).
        let hang = hanging_indent(line);
        let (label, text) = line.split_at(hang);
        let indent = get_text_width(label);
        let room = width.saturating_sub(indent).max(20);
        for (i, part) in crate::text::wrap(text, room).iter().enumerate() {
            let lead = if i == 0 {
                label.to_owned()
            } else {
                " ".repeat(indent)
            };
            let _ = writeln!(out, "{lead}{part}");
        }
    }
    out
}

/// The byte where a line's text starts: after a label padded with two or more spaces
/// (`Coverage    …`) within its first 20 characters, otherwise after its leading spaces.
fn hanging_indent(line: &str) -> usize {
    let lead = line.len() - line.trim_start().len();
    let head = &line[lead..];
    head.char_indices()
        .take(20)
        .find(|(i, _)| head[*i..].starts_with("  "))
        .map_or(lead, |(i, _)| line.len() - head[i..].trim_start().len())
}

fn heading(out: &mut String, report: &Report, w: Words) {
    let a = &report.assessment;
    let d = &a.deployment;
    let mut facts = vec![d.building_blocks.join(", "), d.stage.clone()];
    if let Some(country) = &d.country {
        facts.insert(0, country.clone());
    }
    if let Some(date) = a.assessed_on {
        facts.push(w.format("assessed", &[("date", &date)]));
    }
    let _ = writeln!(out, "{} ({})", inert(&d.name), facts.join(" · "));
    let _ = writeln!(
        out,
        "{}\n",
        w.format(
            "framework",
            &[
                ("title", &report.framework.title),
                ("version", &report.framework.version)
            ]
        )
    );
}

fn headline(out: &mut String, report: &Report, color: bool, w: Words) {
    let s = &report.summary;
    let score = s
        .score
        .map_or_else(|| w.get("not_scored"), |v| format!("{v:.1} / 100"));
    let band = match s.band.as_deref() {
        Some(b) => band_word(w, "band", b),
        None if s.score.is_some() && !s.rated => w.not_rated(s.coverage),
        None => String::new(),
    };
    let band_id = s.band.as_deref().unwrap_or("");
    let _ = writeln!(
        out,
        "{}{score}  {}",
        label(w, "overall"),
        paint(&band, band_id, color)
    );
    if !s.critical_failures.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            label(w, "critical"),
            w.format(
                "critical_value",
                &[
                    ("count", &s.critical_failures.len()),
                    ("ids", &s.critical_failures.join(", "))
                ]
            )
        );
    }
    answers_lines(out, s, w);
    if s.waived > 0 {
        let _ = writeln!(
            out,
            "{}{}",
            label(w, "waived"),
            w.m.plural("summary.waived", s.waived, &[])
        );
    }
}

/// The coverage line (answers by kind), the deployment's scope, and how much rests on
/// evidence.
fn answers_lines(out: &mut String, s: &Summary, w: Words) {
    let c = &s.answers;
    let _ = writeln!(
        out,
        "{}{}",
        label(w, "coverage"),
        w.format(
            "coverage_value",
            &[
                ("coverage", &format!("{:.1} %", s.coverage)),
                ("applicable", &c.applicable),
                ("yes", &c.yes),
                ("partial", &c.partial),
                ("no", &c.no),
                ("na", &c.not_applicable),
                ("not_assessed", &c.not_assessed),
            ]
        )
    );
    if let Some((whole, sentence)) = w.outside_scope(s) {
        let _ = writeln!(out, "{}{whole}: {sentence}", label(w, "deployment"));
    }
    let evidenced = s
        .evidenced
        .map_or_else(|| w.get("none"), |e| format!("{e:.1} %"));
    let _ = writeln!(
        out,
        "{}{}",
        label(w, "confidence"),
        w.format(
            "confidence_value",
            &[
                ("share", &evidenced),
                ("evidenced", &s.confidence.evidenced),
                ("stale", &s.confidence.stale),
                ("claimed", &s.confidence.claimed),
            ]
        )
    );
}

fn principles(out: &mut String, report: &Report, color: bool, w: Words, width: Option<usize>) {
    let rows: Vec<Vec<String>> = report
        .principles
        .iter()
        .map(|p| {
            vec![
                p.id.clone(),
                w.texts.get(&p.id, &p.name).to_owned(),
                p.score
                    .map_or("–".to_owned(), |v| format!("{} {v:>5.1}", bar(v))),
                match p.band.as_deref() {
                    Some(band) => paint(&band_word(w, "band", band), band, color),
                    None if p.applicable == 0 => w.m.get("view.does_not_apply").to_owned(),
                    None if p.score.is_some() => w.not_rated(p.coverage),
                    None => w.m.get("view.not_assessed").to_owned(),
                },
                format!("{:.0} %", p.coverage),
                p.capped_by.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let _ = write!(
        out,
        "\n{}",
        table::fit(
            &[
                "",
                &w.get("col_principle"),
                &w.get("col_score"),
                &w.get("col_band"),
                &w.get("col_coverage"),
                &w.get("col_capped_by"),
            ],
            &rows,
            &[(1, 40)],
            width,
        )
    );
}

fn risks(out: &mut String, report: &Report, color: bool, w: Words, width: Option<usize>) {
    let exposed = report.risks_by_exposure();
    if exposed.is_empty() {
        let _ = writeln!(out, "\n{}", w.get("risks_unknown"));
        return;
    }
    let rows: Vec<Vec<String>> = exposed
        .iter()
        .take(TOP_RISKS)
        .map(|r| {
            vec![
                r.id.clone(),
                w.texts.get(&r.id, &r.name).to_owned(),
                r.exposure
                    .map_or(String::new(), |e| w.exposure(e, r.unknown)),
                match r.band.as_deref() {
                    Some(b) => paint(&band_word(w, "level", b), b, color),
                    None => w.not_rated(r.coverage),
                },
                r.drivers.join(", "),
            ]
        })
        .collect();
    let _ = write!(
        out,
        "\n{}\n{}",
        w.get("risks_title"),
        table::fit(
            &[
                "",
                &w.get("col_risk"),
                &w.get("col_exposure"),
                &w.get("col_level"),
                &w.get("col_largest_gaps"),
            ],
            &rows,
            &[(1, 40), (4, 24)],
            width,
        )
    );
}

fn gender(out: &mut String, report: &Report, w: Words) {
    let g = &report.gender;
    let index = match g.index {
        None => w.get("not_scored"),
        Some(i) if g.rated => format!("{i} / 100"),
        Some(i) => format!("{i} / 100 ({})", w.not_rated(g.coverage)),
    };
    let _ = writeln!(
        out,
        "\n{}\n  {}",
        w.get("gender_title"),
        w.format(
            "gender_line",
            &[
                ("index", &index),
                ("code", &g.practice_code),
                ("flag", &g.intent_flag),
                ("answered", &g.answered),
                ("applicable", &g.applicable),
            ]
        )
    );
    if let (Some(cap), Some(raw)) = (&g.cap, g.raw_index) {
        let checks = cap.checks.join(", ");
        let line = if raw > cap.cap {
            w.format(
                "gender_capped",
                &[("cap", &cap.cap), ("raw", &raw), ("checks", &checks)],
            )
        } else {
            w.format("gender_held", &[("cap", &cap.cap), ("checks", &checks)])
        };
        let _ = writeln!(out, "  {line}");
    }
}

fn actions(
    out: &mut String,
    framework: &Framework,
    report: &Report,
    w: Words,
    width: Option<usize>,
) {
    if report.actions.is_empty() {
        let _ = writeln!(out, "\n{}", w.get("no_actions"));
        return;
    }
    let rows: Vec<Vec<String>> = report
        .actions
        .iter()
        .take(TOP_ACTIONS)
        .map(|a| action_row(framework, a, w))
        .collect();
    let leads = leads(report, w);
    let _ = write!(
        out,
        "\n{}\n",
        w.format("leads", &[("leads", &leads.join(" · "))])
    );
    let _ = write!(
        out,
        "{}\n{}",
        w.format(
            "first_actions",
            &[
                ("shown", &report.actions.len().min(TOP_ACTIONS)),
                ("total", &report.actions.len()),
            ]
        ),
        table::fit(
            &[
                "#",
                &w.get("col_priority"),
                &w.get("col_action"),
                &w.get("col_lead"),
                &w.get("col_stage"),
            ],
            &rows,
            &[(4, 18), (2, 56)],
            width,
        )
    );
    for line in w.register(report) {
        let _ = writeln!(out, "{}", inert(&line));
    }
}

/// One row of the first actions: rank, priority (marked when waived), what to do and for
/// which question, lead, and stage (with the stage it was due by when that has passed). The
/// framework processes are in the reports; here the room goes to what to do.
fn action_row(framework: &Framework, a: &Action, w: Words) -> Vec<String> {
    vec![
        a.rank.to_string(),
        if a.waived {
            format!(
                "{} {}",
                w.get(&format!("priority_{}", a.priority.as_str())),
                w.get("waived_mark")
            )
        } else {
            w.get(&format!("priority_{}", a.priority.as_str()))
        },
        match w.tracking(a.tracking.as_ref()) {
            tracking if tracking.is_empty() => {
                format!("{} ({})", action_text(framework, a, w), a.question)
            }
            tracking => format!(
                "{} ({}) [{}]",
                action_text(framework, a, w),
                a.question,
                tracking
            ),
        },
        a.authority.clone().unwrap_or_default(),
        match (&a.stage, &a.due_stage) {
            (Some(stage), Some(due)) if a.missed => {
                w.format("stage_missed", &[("stage", stage), ("due", due)])
            }
            (stage, _) => stage.clone().unwrap_or_default(),
        },
    ]
}

/// What an action asks, in short: its kind, then the question's own action (its text when
/// it has none), in this language.
fn action_text(framework: &Framework, a: &Action, w: Words) -> String {
    let kind = w.get(&format!("kind_{}", a.kind.as_str()));
    match framework.question(&a.question) {
        Some(q) => format!("{kind}: {}", w.action(q)),
        None => kind,
    }
}

/// "F2 Ministry: 5 actions, 2 urgent" for each authority that leads at least one action.
fn leads(report: &Report, w: Words) -> Vec<String> {
    let mut leads: Vec<String> = Vec::new();
    for authority in &report.authorities {
        let (count, urgent) = report.action_counts(&authority.id);
        if count == 0 {
            continue;
        }
        leads.push(w.format(
            "lead",
            &[
                ("id", &authority.id),
                ("name", &w.texts.get(&authority.id, &authority.name)),
                ("count", &count),
                ("urgent", &urgent),
            ],
        ));
    }
    leads
}

/// A ten-cell bar for a score 0–100.
fn bar(score: f64) -> String {
    // 0–100 in tenths of the bar; the cast cannot truncate a value already clamped to 0–10.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let filled = (score / 10.0).round().clamp(0.0, 10.0) as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// A band's word, coloured by the band's meaning (its id) when `color` is on.
fn paint(word: &str, id: &str, color: bool) -> String {
    if !color {
        return word.to_owned();
    }
    let code = match id {
        "strong" | "low" => "32",
        "adequate" | "moderate" => "36",
        "weak" | "elevated" => "33",
        "failing" | "high" => "31",
        _ => return word.to_owned(),
    };
    format!("\u{1b}[{code}m{word}\u{1b}[0m")
}
