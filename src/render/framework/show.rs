//! `dpisafe framework show ID`: one principle, risk, question, gender check, process, stage or
//! authority, with everything the framework links to it.

use std::fmt::Write as _;

use crate::framework::{self, Framework, Question};
use crate::text::wrap;

/// Everything linked to one id (principle, risk, question, gender check, process id, stage or
/// authority), or `None` when the framework has no such id.
pub fn show(framework: &Framework, id: &str) -> Option<String> {
    if let Some(p) = framework.principle(id) {
        return Some(show_principle(framework, p));
    }
    if let Some(r) = framework.risk(id) {
        return Some(show_risk(framework, r));
    }
    if let Some(q) = framework.question(id) {
        return Some(show_question(framework, q));
    }
    if let Some(check) = framework.reused_checks.iter().find(|c| c.id == id) {
        return Some(show_reused(framework, check));
    }
    let processes = framework.processes_named(id);
    if !processes.is_empty() {
        let mut out = String::new();
        if processes.len() > 1 {
            let id = &processes[0].id;
            let keys: Vec<&str> = processes.iter().map(|p| p.key.as_str()).collect();
            let _ = writeln!(
                out,
                "The framework disagrees with itself: its pages give {id} to {} different \
                 processes. dpisafe keeps each as a variant; link to the one you mean ({}).\n",
                processes.len(),
                keys.join(", ")
            );
        }
        out.push_str(
            &processes
                .iter()
                .map(|p| show_process(framework, p))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        return Some(out);
    }
    if let Some(stage) = framework.stage(id) {
        return Some(show_stage_or_authority(framework, stage, true));
    }
    framework
        .authority(id)
        .map(|authority| show_stage_or_authority(framework, authority, false))
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "─".repeat(title.chars().count().min(100)));
}

fn paragraph(out: &mut String, text: &str) {
    for line in wrap(text, 96) {
        let _ = writeln!(out, "  {line}");
    }
}

fn question_lines(out: &mut String, questions: &[&Question]) {
    for q in questions {
        let text = if q.critical {
            format!("(critical) {}", q.text)
        } else {
            q.text.clone()
        };
        for (i, line) in wrap(&text, 84).iter().enumerate() {
            let id = if i == 0 { q.id.as_str() } else { "" };
            let _ = writeln!(out, "  {id:<12} {line}");
        }
    }
}

fn process_lines(out: &mut String, processes: &[&framework::Process]) {
    for p in processes {
        let _ = writeln!(
            out,
            "  {:<12} {}  ({})",
            p.key,
            p.title,
            super::placements(p)
        );
    }
}

/// A principle's or risk's summary, and what it was written from.
fn summary_lines(out: &mut String, summary: &str, source: framework::TextSource) {
    paragraph(out, summary);
    let _ = writeln!(
        out,
        "  Summary based on: {}",
        super::text_source_name(source)
    );
}

fn show_principle(framework: &Framework, p: &framework::Principle) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        &format!("{}  {}  ({} principle)", p.id, p.name, p.kind.as_str()),
    );
    summary_lines(&mut out, &p.summary, p.text_source);
    let (questions, checks): (Vec<&Question>, Vec<&Question>) = framework
        .questions
        .iter()
        .filter(|q| q.principle == p.id)
        .partition(|q| !q.is_gender());
    let _ = writeln!(out, "\nQuestions ({}):", questions.len());
    question_lines(&mut out, &questions);
    let _ = writeln!(out, "\nGender checks scored here ({}):", checks.len());
    question_lines(&mut out, &checks);
    let processes: Vec<&framework::Process> = framework
        .processes
        .iter()
        .filter(|pr| pr.principle == p.id)
        .collect();
    let _ = writeln!(
        out,
        "\nProcesses in the data ({}; the framework numbers them up to at least {}.{}):",
        processes.len(),
        p.id,
        p.processes_known_up_to
    );
    process_lines(&mut out, &processes);
    let support: Vec<String> = p
        .support
        .iter()
        .map(|id| framework.support_label(id))
        .collect();
    let _ = writeln!(
        out,
        "\nInternational support that fits: {}",
        support.join(", ")
    );
    out
}

fn show_risk(framework: &Framework, r: &framework::Risk) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        &format!("{}  {}  ({} risk)", r.id, r.name, r.category.label()),
    );
    summary_lines(&mut out, &r.summary, r.text_source);
    let (questions, checks): (Vec<&Question>, Vec<&Question>) = framework
        .questions_for_risk(&r.id)
        .into_iter()
        .partition(|q| !q.is_gender());
    let _ = writeln!(out, "\nMitigated by {} questions:", questions.len());
    question_lines(&mut out, &questions);
    let _ = writeln!(out, "\nMitigated by {} gender checks:", checks.len());
    question_lines(&mut out, &checks);
    let processes = framework.processes_for_risk(&r.id);
    let _ = writeln!(
        out,
        "\nMitigated by {} framework processes:",
        processes.len()
    );
    process_lines(&mut out, &processes);
    out
}

fn show_question(framework: &Framework, q: &Question) -> String {
    let mut out = String::new();
    let kind = if q.is_gender() {
        "gender check"
    } else {
        "question"
    };
    heading(
        &mut out,
        &format!("{}  ({kind} under {})", q.id, q.principles.join(", ")),
    );
    paragraph(&mut out, &q.text);
    if !q.action.is_empty() {
        let _ = writeln!(out, "\nAction when it falls short:");
        paragraph(&mut out, &q.action);
    }
    if !q.guidance.is_empty() {
        let _ = writeln!(out, "\nGuidance:");
        paragraph(&mut out, &q.guidance);
    }
    let _ = writeln!(out, "\nEvidence to ask for:");
    for e in &q.evidence {
        let _ = writeln!(out, "  - {e}");
    }
    let _ = writeln!(out);
    question_facts(&mut out, framework, q);
    if let Some(note) = &q.process_note {
        let _ = writeln!(out, "\nWhy no process of {} fits:", q.principle);
        paragraph(&mut out, note);
    }
    sources_lines(&mut out, framework, q);
    let processes: Vec<&framework::Process> = q
        .processes
        .iter()
        .flat_map(|id| framework.processes_named(id))
        .collect();
    if !processes.is_empty() {
        let _ = writeln!(out, "\nRelated framework processes:");
        process_lines(&mut out, &processes);
    }
    out
}

/// The aligned block of a question's facts: criticality, weight, where it applies, its risks,
/// and the gender checks that reuse its answer.
fn question_facts(out: &mut String, framework: &Framework, q: &Question) {
    let _ = writeln!(
        out,
        "  Critical:        {}",
        if q.critical { "yes" } else { "no" }
    );
    let _ = writeln!(out, "  Weight:          {}", q.weight);
    let _ = writeln!(out, "  Building blocks: {}", q.building_blocks.join(", "));
    let stages = q
        .stages
        .iter()
        .map(|s| (s, framework.stage(s).map(|n| n.name.as_str())));
    let _ = writeln!(out, "  Stages:          {}", named_list(stages));
    if !q.authorities.is_empty() {
        let authorities = q
            .authorities
            .iter()
            .map(|a| (a, framework.authority(a).map(|n| n.name.as_str())));
        let _ = writeln!(out, "  Authorities:     {}", named_list(authorities));
    }
    let _ = writeln!(out, "  Risks:           {}", risk_list(framework, &q.risks));
    let reusing: Vec<&str> = framework
        .checks_reusing(&q.id)
        .map(|c| c.id.as_str())
        .collect();
    if !reusing.is_empty() {
        let _ = writeln!(
            out,
            "  Gender lens:     also counts as {} (asked once, here)",
            reusing.join(", ")
        );
    }
}

/// Risk ids with their names: `RS3 Exclusion, RS5 …`.
fn risk_list(framework: &Framework, risks: &[String]) -> String {
    named_list(
        risks
            .iter()
            .map(|r| (r, framework.risk(r).map(|n| n.name.as_str()))),
    )
}

fn sources_lines(out: &mut String, framework: &Framework, check: &Question) {
    let framework::QuestionKind::Gender { sources, .. } = &check.kind else {
        return;
    };
    if sources.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nSources:");
    for source in sources {
        for (i, line) in wrap(&framework.citation(source), 92).iter().enumerate() {
            let _ = writeln!(out, "  {} {line}", if i == 0 { "-" } else { " " });
        }
    }
}

/// A gender check that is not asked itself: the question that asks it, and its sources.
fn show_reused(framework: &Framework, check: &Question) -> String {
    let mut out = String::new();
    let same_as = check.same_as().unwrap_or_default();
    heading(
        &mut out,
        &format!(
            "{}  (gender check, group {}, asked as {same_as})",
            check.id,
            check.group().unwrap_or_default()
        ),
    );
    paragraph(
        &mut out,
        &format!(
            "This check is not asked on its own: {same_as} asks it. Its answer is scored once, \
             under {}, and counts in the gender index under group {}.{}",
            check.principle,
            check.group().unwrap_or_default(),
            if check.critical {
                " The check is critical; it sets the index's cap only when the question itself is not critical."
            } else {
                ""
            }
        ),
    );
    let _ = writeln!(
        out,
        "\n  Critical:        {}",
        if check.critical { "yes" } else { "no" }
    );
    let _ = writeln!(
        out,
        "  Risks:           {}",
        risk_list(framework, &check.risks)
    );
    sources_lines(&mut out, framework, check);
    if let Some(question) = framework.question(same_as) {
        let _ = writeln!(out);
        out.push_str(&show_question(framework, question));
    }
    out
}

fn named_list<'a>(items: impl Iterator<Item = (&'a String, Option<&'a str>)>) -> String {
    items
        .map(|(id, name)| match name {
            Some(name) => format!("{id} {name}"),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_process(framework: &Framework, p: &framework::Process) -> String {
    let mut out = String::new();
    heading(&mut out, &format!("{}  {}", p.key, p.title));
    let principle = framework
        .principle(&p.principle)
        .map_or("", |pr| pr.name.as_str());
    let _ = writeln!(out, "  Principle: {} {principle}", p.principle);
    let _ = writeln!(out, "  Risks:     {}", risk_list(framework, &p.risks));
    let _ = writeln!(out, "  Placed at: {}", super::placements(p));
    if let Some(source) = &p.source {
        let _ = writeln!(out, "  Source:    {source}");
    }
    if p.key != p.id {
        let conflict = if p.conflict {
            "; the framework's pages disagree about this id"
        } else {
            ""
        };
        let _ = writeln!(out, "  Variant:   {} of {}{conflict}", p.key, p.id);
    }
    let questions: Vec<&Question> = framework
        .questions
        .iter()
        .filter(|q| q.processes.iter().any(|key| key == &p.key))
        .collect();
    let _ = writeln!(out, "\nQuestions that relate to it ({}):", questions.len());
    question_lines(&mut out, &questions);
    out
}

fn show_stage_or_authority(
    framework: &Framework,
    item: &framework::Named,
    is_stage: bool,
) -> String {
    let mut out = String::new();
    let kind = if is_stage {
        "life-cycle stage"
    } else {
        "responsible authority"
    };
    heading(&mut out, &format!("{}  {}  ({kind})", item.id, item.name));
    paragraph(&mut out, &item.summary);
    let questions: Vec<&Question> = framework
        .questions
        .iter()
        .filter(|q| {
            if is_stage {
                q.stages.contains(&item.id)
            } else {
                q.authorities.contains(&item.id)
            }
        })
        .collect();
    let _ = writeln!(out, "\nQuestions ({}):", questions.len());
    question_lines(&mut out, &questions);
    let processes: Vec<&framework::Process> = framework
        .processes
        .iter()
        .filter(|p| {
            p.placements.iter().any(|(authority, stage)| {
                if is_stage {
                    stage == &item.id
                } else {
                    authority.as_ref() == Some(&item.id)
                }
            })
        })
        .collect();
    let _ = writeln!(
        out,
        "\nFramework processes placed here ({}):",
        processes.len()
    );
    process_lines(&mut out, &processes);
    out
}
