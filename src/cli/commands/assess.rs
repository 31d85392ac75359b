//! `dpisafe assess FILE… [--merge] [--format table|json]`: the scores, never a verdict (exit
//! 0 whatever the scores; `check` is the command that fails).

use crate::Error;
use crate::cli::args::{AssessArgs, AssessFormat};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::render;

pub(crate) fn run(ctx: &Context, args: &AssessArgs) -> Result<Exit, Error> {
    let report = match assessment::load_and_report(ctx, &args.inputs, DefaultDate::AssessedOn) {
        Ok((_, report)) => report,
        Err(exit) => return Ok(exit),
    };
    let text = match args.format {
        AssessFormat::Table => render::summary::render(
            &report,
            args.output.is_stdout() && ctx.stdout_color(),
            ctx.lang(),
        ),
        AssessFormat::Json => render::json::render(&report),
    };
    assessment::emit(ctx, &args.output, &args.inputs.files, &text)?;
    Ok(Exit::Ok)
}
