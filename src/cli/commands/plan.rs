//! `dpisafe plan init FILE… -o plan.yaml` and `dpisafe plan update FILE… --plan plan.yaml -o
//! new.yaml`: the action register, written for an assessment and carried forward to the next.

use std::path::PathBuf;

use crate::Error;
use crate::cli::args::{Inputs, OutputArgs, PlanCommand};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::render::words::Words;
use crate::report::tracking;

pub(crate) fn run(ctx: &Context, command: &PlanCommand) -> Result<Exit, Error> {
    match command {
        PlanCommand::Init { inputs, output } => init(ctx, inputs, output),
        PlanCommand::Update { inputs, output } => update(ctx, inputs, output),
    }
}

fn init(ctx: &Context, inputs: &Inputs, output: &OutputArgs) -> Result<Exit, Error> {
    if inputs.plan.is_some() {
        return Err(Error::Usage {
            message: "`plan init` writes a new register and reads none".to_owned(),
            hint: "to carry a register forward to this assessment, run `dpisafe plan update \
                   FILE --plan PLAN -o NEW`"
                .to_owned(),
        });
    }
    let (loaded, report) = proceed!(assessment::load_and_report(
        ctx,
        inputs,
        DefaultDate::AssessedOn
    ));
    let plan = tracking::register(&report, &file_name(output));
    let words = Words::new(ctx.lang(), "view");
    let text = crate::render::plan::yaml(&plan, &report, loaded.framework(), &words);
    assessment::emit_bytes(ctx, output, &read_files(inputs, &loaded), text.as_bytes())?;
    ctx.note(&format!(
        "{} listed, all open: fill in `owner` and `due`, then pass the file with --plan",
        crate::text::count(plan.entries.len(), "action", "actions")
    ));
    Ok(Exit::Ok)
}

fn update(ctx: &Context, inputs: &Inputs, output: &OutputArgs) -> Result<Exit, Error> {
    if inputs.plan.is_none() {
        return Err(Error::Usage {
            message: "`plan update` needs the register to carry forward".to_owned(),
            hint: "name it with --plan plan.yaml (write a first one with `dpisafe plan init`)"
                .to_owned(),
        });
    }
    crate::assessment::prepare();
    let mut loaded = proceed!(assessment::load(ctx, inputs));
    let plan = proceed!(assessment::load_plan(ctx, inputs, &mut loaded));
    let Some(plan) = plan else {
        return Ok(Exit::Invalid);
    };
    let as_of = proceed!(assessment::as_of(
        ctx,
        inputs,
        &loaded.assessment.questionnaire,
        DefaultDate::AssessedOn
    ));
    // The register's stale entries are what this command settles: no warning for them.
    let report = assessment::build_report(ctx, &loaded, as_of, None);
    let (carried_plan, carried) = tracking::carry_forward(&plan, &report);
    let words = Words::new(ctx.lang(), "view");
    let text = crate::render::plan::yaml(&carried_plan, &report, loaded.framework(), &words);
    let mut inputs_read = read_files(inputs, &loaded);
    inputs_read.extend(inputs.plan.iter().cloned());
    assessment::emit_bytes(ctx, output, &inputs_read, text.as_bytes())?;
    for line in crate::render::plan::carried(&carried).lines() {
        ctx.note(line);
    }
    Ok(Exit::Ok)
}

/// The register's name as recorded in it: the output file, or `plan.yaml` on standard output.
fn file_name(output: &OutputArgs) -> String {
    match output.output.as_deref() {
        Some(path) if !output.is_stdout() => path.display().to_string(),
        _ => "plan.yaml".to_owned(),
    }
}

/// Every file the command read, which its output must never replace.
fn read_files(inputs: &Inputs, loaded: &assessment::Loaded) -> Vec<PathBuf> {
    let mut files = inputs.files.clone();
    files.extend(loaded.assessment.evidence_files());
    files
}
