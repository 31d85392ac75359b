//! `dpisafe assess FILE… [--merge] [--format table|json]`: the scores, never a verdict (exit
//! 0 whatever the scores; `check` is the command that fails).

use crate::Error;
use crate::cli::args::{AssessArgs, AssessFormat};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::render;

pub(crate) fn run(ctx: &Context, args: &AssessArgs) -> Result<Exit, Error> {
    let loaded = match assessment::load(ctx, &args.inputs) {
        Ok(loaded) => loaded,
        Err(exit) => return Ok(exit),
    };
    let as_of = match assessment::as_of(
        ctx,
        &args.inputs,
        &loaded.questionnaire,
        DefaultDate::AssessedOn,
    ) {
        Ok(date) => date,
        Err(exit) => return Ok(exit),
    };
    let report = assessment::build_report(ctx, &loaded, as_of);
    let text = match args.format {
        AssessFormat::Table => {
            let to_stdout = args
                .output
                .output
                .as_deref()
                .is_none_or(|p| p.as_os_str() == "-");
            render::summary::render(&report, to_stdout && ctx.stdout_color())
        }
        AssessFormat::Json => render::json::render(&report),
    };
    assessment::emit(ctx, &args.output, &args.inputs.files, &text)?;
    Ok(Exit::Ok)
}
