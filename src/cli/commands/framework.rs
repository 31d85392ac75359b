//! `dpisafe framework list|show|lint|coverage`: the framework as a reference work.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::Error;
use crate::cli::args::{FrameworkCommand, ListArgs};
use crate::cli::{Context, Exit, print_stdout};
use crate::framework::{self, Framework, Question, TextSource};
use crate::render::table;
use crate::text::did_you_mean;
use crate::text::wrap;

pub(crate) fn run(ctx: &Context, command: &FrameworkCommand) -> Result<Exit, Error> {
    if let FrameworkCommand::Lint { file } = command {
        return Ok(lint(ctx, file));
    }
    let framework = match ctx.framework() {
        Ok(framework) => framework,
        Err(exit) => return Ok(exit),
    };
    match command {
        FrameworkCommand::List(args) => print_stdout(&list(&framework, args))?,
        FrameworkCommand::Show { id } => match show(&framework, id) {
            Some(text) => print_stdout(&text)?,
            None => return Err(unknown_id(&framework, id)),
        },
        FrameworkCommand::Coverage => print_stdout(&coverage(&framework))?,
        FrameworkCommand::Export(args) => return super::export::run(ctx, &framework, args),
        FrameworkCommand::Lint { .. } => {}
    }
    Ok(Exit::Ok)
}

fn lint(ctx: &Context, file: &std::path::Path) -> Exit {
    let Ok(source) = ctx.read(file) else {
        return Exit::Invalid;
    };
    let loaded = crate::assessment::lint(&source, &ctx.limits);
    ctx.report(&loaded.diagnostics, Some(&source));
    match loaded.value {
        Some(f) => {
            ctx.note(&format!(
                "{}: valid framework {} ({} principles, {} risks, {} processes, {} questions)",
                source.name,
                f.reference(),
                f.principles.len(),
                f.risks.len(),
                f.processes.len(),
                f.questions.len()
            ));
            Exit::Ok
        }
        None => {
            ctx.note(&format!("{}: invalid framework", source.name));
            Exit::Invalid
        }
    }
}

fn unknown_id(framework: &Framework, id: &str) -> Error {
    let hint = match did_you_mean(id, all_ids(framework).iter().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "try `dpisafe framework list` (or --risks, --processes, --questions)".to_owned(),
    };
    Error::UnknownOption {
        option: "framework show",
        what: "principle, risk, process, question, stage or authority",
        value: id.to_owned(),
        hint,
    }
}

fn all_ids(framework: &Framework) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    ids.extend(framework.principles.iter().map(|p| p.id.clone()));
    ids.extend(framework.risks.iter().map(|r| r.id.clone()));
    ids.extend(framework.processes.iter().map(|p| p.key.clone()));
    ids.extend(framework.questions.iter().map(|q| q.id.clone()));
    ids.extend(framework.reused_checks.iter().map(|q| q.id.clone()));
    ids.extend(framework.stages.iter().map(|s| s.id.clone()));
    ids.extend(framework.authorities.iter().map(|a| a.id.clone()));
    ids
}

fn list(framework: &Framework, args: &ListArgs) -> String {
    if args.risks {
        list_risks(framework)
    } else if args.processes {
        list_processes(framework)
    } else if args.questions {
        list_questions(framework)
    } else {
        list_principles(framework)
    }
}

fn list_principles(framework: &Framework) -> String {
    let rows = framework
        .principles
        .iter()
        .map(|p| {
            let (questions, checks): (Vec<&Question>, Vec<&Question>) = framework
                .questions
                .iter()
                .filter(|q| q.principle == p.id)
                .partition(|q| !q.is_gender());
            vec![
                p.id.clone(),
                p.name.clone(),
                p.kind.as_str().to_owned(),
                questions.len().to_string(),
                checks.len().to_string(),
                distinct_process_ids(framework, &p.id).len().to_string(),
            ]
        })
        .collect();
    let mut out = table::render(
        &[
            "ID",
            "Principle",
            "Kind",
            "Questions",
            "Gender checks",
            "Processes",
        ],
        rows,
        None,
    );
    out.push_str(&attribution_line(framework));
    out
}

fn list_risks(framework: &Framework) -> String {
    let rows = framework
        .risks
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.name.clone(),
                r.category.label().to_owned(),
                framework.questions_for_risk(&r.id).len().to_string(),
                framework.processes_for_risk(&r.id).len().to_string(),
            ]
        })
        .collect();
    table::render(
        &["ID", "Risk", "Category", "Questions", "Processes"],
        rows,
        None,
    )
}

fn list_processes(framework: &Framework) -> String {
    let rows = framework
        .processes
        .iter()
        .map(|p| {
            vec![
                p.key.clone(),
                p.principle.clone(),
                p.title.clone(),
                p.risks.join(", "),
                placements(p),
                variant_label(framework, p),
            ]
        })
        .collect();
    let mut out = table::render(
        &["Key", "Principle", "Title", "Risks", "Placed at", "Variant"],
        rows,
        Some((2, 60)),
    );
    let _ = writeln!(
        out,
        "\n{} process ids in {} records; a variant is one of the different processes the \
         framework's own pages give a single id.",
        distinct_ids(framework).len(),
        framework.processes.len()
    );
    out
}

/// "1 of 2 (conflict)" for a variant of a shared id, empty otherwise.
fn variant_label(framework: &Framework, process: &framework::Process) -> String {
    let siblings = framework.processes_named(&process.id);
    if siblings.len() < 2 {
        return String::new();
    }
    let position = siblings
        .iter()
        .position(|p| p.key == process.key)
        .map_or(0, |i| i + 1);
    let conflict = if process.conflict { " (conflict)" } else { "" };
    format!(
        "{position} of {} under {}{conflict}",
        siblings.len(),
        process.id
    )
}

fn distinct_ids(framework: &Framework) -> BTreeSet<&str> {
    framework.processes.iter().map(|p| p.id.as_str()).collect()
}

fn list_questions(framework: &Framework) -> String {
    let reused = framework.reused_checks.iter().map(|c| {
        vec![
            c.id.clone(),
            c.principle.clone(),
            if c.critical {
                "critical".to_owned()
            } else {
                String::new()
            },
            c.building_blocks.join(", "),
            c.stages.join(", "),
            format!("(asked as {})", c.same_as().unwrap_or_default()),
        ]
    });
    let rows = framework
        .questions
        .iter()
        .map(|q| {
            vec![
                q.id.clone(),
                q.principle.clone(),
                if q.critical {
                    "critical".to_owned()
                } else {
                    String::new()
                },
                q.building_blocks.join(", "),
                q.stages.join(", "),
                q.text.clone(),
            ]
        })
        .chain(reused)
        .collect();
    table::render(
        &["ID", "Principle", "", "Blocks", "Stages", "Question"],
        rows,
        Some((5, 70)),
    )
}

fn placements(process: &framework::Process) -> String {
    process
        .placements
        .iter()
        .map(|(authority, stage)| match authority {
            Some(a) => format!("{a}·{stage}"),
            None => stage.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn distinct_process_ids(framework: &Framework, principle: &str) -> BTreeSet<String> {
    framework
        .processes
        .iter()
        .filter(|p| p.principle == principle)
        .map(|p| p.id.clone())
        .collect()
}

fn show(framework: &Framework, id: &str) -> Option<String> {
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
        let _ = writeln!(out, "  {:<12} {}  ({})", p.key, p.title, placements(p));
    }
}

fn show_principle(framework: &Framework, p: &framework::Principle) -> String {
    let mut out = String::new();
    heading(
        &mut out,
        &format!("{}  {}  ({} principle)", p.id, p.name, p.kind.as_str()),
    );
    paragraph(&mut out, &p.summary);
    let _ = writeln!(
        out,
        "  Summary based on: {}",
        text_source_name(p.text_source)
    );
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
    paragraph(&mut out, &r.summary);
    let _ = writeln!(
        out,
        "  Summary based on: {}",
        text_source_name(r.text_source)
    );
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
    let _ = writeln!(
        out,
        "  Critical:        {}",
        if q.critical { "yes" } else { "no" }
    );
    let _ = writeln!(out, "  Weight:          {}", q.weight);
    let _ = writeln!(out, "  Building blocks: {}", q.building_blocks.join(", "));
    let _ = writeln!(
        out,
        "  Stages:          {}",
        named_list(
            q.stages
                .iter()
                .map(|s| (s, framework.stage(s).map(|n| n.name.as_str())))
        )
    );
    if !q.authorities.is_empty() {
        let _ = writeln!(
            out,
            "  Authorities:     {}",
            named_list(
                q.authorities
                    .iter()
                    .map(|a| (a, framework.authority(a).map(|n| n.name.as_str())))
            )
        );
    }
    let _ = writeln!(
        out,
        "  Risks:           {}",
        named_list(
            q.risks
                .iter()
                .map(|r| (r, framework.risk(r).map(|n| n.name.as_str())))
        )
    );
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
        named_list(
            check
                .risks
                .iter()
                .map(|r| (r, framework.risk(r).map(|n| n.name.as_str())))
        )
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
    let _ = writeln!(
        out,
        "  Risks:     {}",
        named_list(
            p.risks
                .iter()
                .map(|r| (r, framework.risk(r).map(|n| n.name.as_str())))
        )
    );
    let _ = writeln!(out, "  Placed at: {}", placements(p));
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

fn coverage(framework: &Framework) -> String {
    let mut total_found = 0;
    let mut total_known = 0;
    let rows = framework
        .principles
        .iter()
        .map(|p| {
            let found = distinct_process_ids(framework, &p.id).len();
            let known = (p.processes_known_up_to as usize).max(found);
            total_found += found;
            total_known += known;
            let share = (found * 100)
                .checked_div(known)
                .map_or_else(|| "unknown".to_owned(), |pct| format!("≤ {pct}%"));
            let questions = framework
                .questions
                .iter()
                .filter(|q| q.principle == p.id && !q.is_gender())
                .count();
            vec![
                p.id.clone(),
                p.name.clone(),
                text_source_name(p.text_source).to_owned(),
                found.to_string(),
                if known == 0 {
                    "none seen".to_owned()
                } else {
                    format!("≥ {known}")
                },
                share,
                questions.to_string(),
            ]
        })
        .collect();
    let mut out = table::render(
        &[
            "ID",
            "Principle",
            "Summary based on",
            "Processes held",
            "Published (lower bound)",
            "Share held",
            "Questions",
        ],
        rows,
        None,
    );
    let _ = writeln!(
        out,
        "\nThe data holds {total_found} distinct process ids ({} records) of at least {total_known} published;",
        framework.processes.len()
    );
    let missing: Vec<String> = framework
        .principles
        .iter()
        .filter_map(|p| missing_ranges(framework, p))
        .collect();
    out.push_str("the framework counts about 300 processes and practices together. Practices are not held.\n");
    out.push_str("Shares are upper bounds: the published count per principle is only known from the highest\n");
    out.push_str("number seen. Principles with no processes held are scored from dpisafe's own questions only.\n");
    if !missing.is_empty() {
        out.push_str("\nNot found so far (numbers below the highest seen):\n");
        for line in wrap(&missing.join(", "), 96) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The process numbers of `p` below its highest known one that the data does not hold, as
/// ranges (`F2.1–F2.3`); `O7 (none seen)` for a principle with no process at all.
fn missing_ranges(framework: &Framework, p: &framework::Principle) -> Option<String> {
    let held: BTreeSet<u32> = framework
        .processes
        .iter()
        .filter(|pr| pr.principle == p.id)
        .filter_map(|pr| pr.id.rsplit('.').next()?.parse().ok())
        .collect();
    if p.processes_known_up_to == 0 && held.is_empty() {
        return Some(format!("{} (none seen)", p.id));
    }
    let mut ranges: Vec<String> = Vec::new();
    let mut start: Option<u32> = None;
    for n in 1..=p.processes_known_up_to + 1 {
        let gap = n <= p.processes_known_up_to && !held.contains(&n);
        match (gap, start) {
            (true, None) => start = Some(n),
            (false, Some(first)) => {
                let last = n - 1;
                ranges.push(if first == last {
                    format!("{}.{first}", p.id)
                } else {
                    format!("{}.{first}–{}.{last}", p.id, p.id)
                });
                start = None;
            }
            _ => {}
        }
    }
    (!ranges.is_empty()).then(|| ranges.join(", "))
}

fn attribution_line(framework: &Framework) -> String {
    let meta = &framework.metadata;
    format!(
        "{} v{}, {} ({}).\n",
        meta.title, meta.version, meta.publisher, meta.licence
    )
}

fn text_source_name(source: TextSource) -> &'static str {
    source.label()
}
