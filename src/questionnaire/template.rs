//! `dpisafe init`: a blank questionnaire holding only the questions that apply, each with its
//! guidance and evidence hint as YAML comments.
//!
//! Strings are written JSON-quoted (valid YAML) so that any deployment name stays literal.

use std::fmt::Write as _;

use crate::error::Error;
use crate::framework::{Applicability, Framework, Question};
use crate::text::did_you_mean;
use crate::text::wrap;
use crate::text::yaml_quoted as quoted;

use super::Date;

/// What the new questionnaire is for.
#[derive(Debug, Clone)]
pub struct Blank {
    /// Which questions to include.
    pub scope: Applicability,
    /// The deployment's name, if known.
    pub name: Option<String>,
    /// ISO country code, if known.
    pub country: Option<String>,
    /// The assessment date: required, because reports and portfolios are dated by it.
    pub date: Date,
    /// The respondent's organisation, if known.
    pub organisation: Option<String>,
}

impl Blank {
    /// A questionnaire for every building block and stage, dated `date`, with no facts yet.
    pub fn dated(date: Date) -> Self {
        Blank {
            scope: Applicability::default(),
            name: None,
            country: None,
            date,
            organisation: None,
        }
    }
}

const WIDTH: usize = 96;

/// Renders a blank questionnaire, or explains which option names nothing in the framework.
pub fn render(framework: &Framework, blank: &Blank) -> Result<String, Error> {
    check_scope(framework, &blank.scope)?;
    let mut out = String::new();
    header(&mut out, framework);
    deployment(&mut out, framework, blank);
    let applicable: Vec<&Question> = framework
        .questions
        .iter()
        .filter(|q| framework.applies(q, &blank.scope))
        .collect();
    out.push_str("answers:\n");
    let mut current = String::new();
    for question in applicable {
        let section = section_title(framework, question);
        if section != current {
            let _ = writeln!(
                out,
                "\n  # ── {section} {}",
                "─".repeat(WIDTH.saturating_sub(section.len() + 8))
            );
            current = section;
        }
        answer_block(&mut out, question);
    }
    out.push_str("\n# Approved exceptions, for example:\n");
    out.push_str(
        "#   - {question: O4.Q3, reason: \"…\", approved_by: \"…\", expires: 2027-01-31}\n",
    );
    out.push_str("waivers: []\n");
    Ok(out)
}

fn check_scope(framework: &Framework, scope: &Applicability) -> Result<(), Error> {
    let blocks = framework.building_block_ids();
    for block in &scope.building_blocks {
        known(&blocks, block, "--blocks", "building block")?;
    }
    if let Some(stage) = &scope.stage {
        known(&framework.stage_ids(), stage, "--stage", "life-cycle stage")?;
    }
    if let Some(authority) = &scope.authority {
        known(
            &framework.authority_ids(),
            authority,
            "--authority",
            "responsible authority",
        )?;
    }
    Ok(())
}

fn known(ids: &[&str], value: &str, option: &'static str, what: &'static str) -> Result<(), Error> {
    if ids.contains(&value) {
        return Ok(());
    }
    let hint = match did_you_mean(value, ids.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? (choices: {})", ids.join(", ")),
        None => format!("use one of: {}", ids.join(", ")),
    };
    Err(Error::UnknownOption {
        option,
        what,
        value: value.to_owned(),
        hint,
    })
}

fn header(out: &mut String, framework: &Framework) {
    let meta = &framework.metadata;
    let _ = writeln!(
        out,
        "# dpisafe questionnaire: {} v{}",
        meta.title, meta.version
    );
    out.push_str("#\n");
    out.push_str("# Answer each question with yes, partial, no or n/a (n/a needs a `reason:`).\n");
    out.push_str("# Leave `answer:` empty for questions not assessed yet: they lower coverage, not the score.\n");
    out.push_str("# Attach evidence to every yes or partial, paths relative to this file:\n");
    out.push_str("#   evidence:\n");
    out.push_str("#     - {ref: policies/grievance-sop.pdf, kind: procedure, date: 2026-03-02}\n");
    out.push_str(
        "# Check the file with `dpisafe validate FILE`; score it with `dpisafe assess FILE`.\n",
    );
    out.push_str("#\n");
    for line in wrap(&meta.attribution, WIDTH - 2) {
        let _ = writeln!(out, "# {line}");
    }
    out.push('\n');
    out.push_str("dpisafe: 1\n");
    let _ = writeln!(out, "framework: {}", framework.reference());
}

fn deployment(out: &mut String, framework: &Framework, blank: &Blank) {
    let name = blank.name.as_deref().unwrap_or("Name of the deployment");
    out.push_str("deployment:\n");
    let _ = writeln!(out, "  name: {}", quoted(name));
    match &blank.country {
        Some(country) => {
            let _ = writeln!(out, "  country: {}", quoted(country));
        }
        None => out.push_str("  # country: TH            # ISO 3166-1 alpha-2\n"),
    }
    let blocks: Vec<&str> = if blank.scope.building_blocks.is_empty() {
        framework.building_block_ids()
    } else {
        blank
            .scope
            .building_blocks
            .iter()
            .map(String::as_str)
            .collect()
    };
    let _ = writeln!(out, "  building_blocks: [{}]", blocks.join(", "));
    let stage = blank.scope.stage.as_deref().unwrap_or("L1");
    let _ = writeln!(
        out,
        "  stage: {stage}                  # L1 conception … L5 operations"
    );
    out.push_str("respondent:\n");
    out.push_str("  name:\n  role:\n");
    match &blank.scope.authority {
        Some(authority) => {
            let _ = writeln!(out, "  authority: {authority}");
        }
        None => out.push_str("  authority:             # R1 government … R5 advocates\n"),
    }
    match &blank.organisation {
        Some(organisation) => {
            let _ = writeln!(out, "  organisation: {}", quoted(organisation));
        }
        None => out.push_str("  organisation:\n"),
    }
    let _ = writeln!(
        out,
        "assessed_on: {}             # reports take their date from here",
        blank.date
    );
    // A respondent who answers for one authority is measured against that authority's
    // questions: the scope says so, and coverage is then counted within it.
    if let Some(authority) = &blank.scope.authority {
        let _ = writeln!(out, "scope:\n  authorities: [{authority}]");
    }
    out.push('\n');
}

fn section_title(framework: &Framework, question: &Question) -> String {
    if question.is_gender() {
        return "Gender lens".to_owned();
    }
    framework.principle(&question.principle).map_or_else(
        || question.principle.clone(),
        |p| format!("{} {}", p.id, p.name),
    )
}

fn answer_block(out: &mut String, question: &Question) {
    let mut tags = Vec::new();
    if question.critical {
        tags.push("critical".to_owned());
    }
    if !question.is_gender() {
        tags.push(format!("weight {}", question.weight));
    }
    let tags = if tags.is_empty() {
        String::new()
    } else {
        format!(" ({})", tags.join(", "))
    };
    let _ = writeln!(out, "  # {}{tags}", question.id);
    for line in wrap(&question.text, WIDTH - 4) {
        let _ = writeln!(out, "  # {line}");
    }
    if !question.guidance.is_empty() {
        for (i, line) in wrap(&question.guidance, WIDTH - 16).into_iter().enumerate() {
            let lead = if i == 0 { "Guidance:" } else { "" };
            let _ = writeln!(out, "  #   {lead:<10}{line}");
        }
    }
    for (i, line) in wrap(&question.evidence.join("; "), WIDTH - 16)
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 { "Evidence:" } else { "" };
        let _ = writeln!(out, "  #   {lead:<10}{line}");
    }
    let _ = writeln!(out, "  {}:", question.id);
    out.push_str("    answer:        # yes | partial | no | n/a\n");
    out.push_str("    evidence: []\n");
    out.push_str("    notes:\n");
}
