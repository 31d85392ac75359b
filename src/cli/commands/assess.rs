//! `dpisafe assess FILE… [--merge] [--format table|json]`: the scores, never a verdict (exit
//! 0 whatever the scores; `check` is the command that fails).

use crate::Error;
use crate::cli::args::AssessArgs;
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::render::format::Subject;
use crate::render::templates::Templates;

pub(crate) fn run(ctx: &Context, args: &AssessArgs) -> Result<Exit, Error> {
    let (loaded, report) = proceed!(assessment::load_and_report(
        ctx,
        &args.inputs,
        DefaultDate::AssessedOn
    ));
    let templates = Templates::embedded();
    let subject = Subject::Report {
        framework: loaded.framework(),
        report: &report,
        baseline: None,
    };
    let settings = assessment::plain_settings(ctx, &args.output, &templates);
    let bytes = proceed!(assessment::render(ctx, args.format, subject, &settings, ""));
    let mut inputs = args.inputs.files.clone();
    inputs.extend(args.inputs.plan.iter().cloned());
    inputs.extend(loaded.assessment.evidence_files());
    assessment::emit_bytes(ctx, &args.output, &inputs, &bytes)?;
    Ok(Exit::Ok)
}
