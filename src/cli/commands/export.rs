//! `dpisafe framework export --format md|html|pdf`: the framework as a handbook.

use crate::Error;
use crate::cli::args::ExportArgs;
use crate::cli::assessment;
use crate::cli::{Context, Exit};
use crate::framework::Framework;
use crate::render::format::{Settings, Subject};
use crate::render::templates::Templates;

pub(crate) fn run(ctx: &Context, framework: &Framework, args: &ExportArgs) -> Result<Exit, Error> {
    if args.format.is_binary() {
        assessment::refuse_pdf_on_terminal(&args.output, "handbook.pdf")?;
    }
    let templates = Templates::embedded();
    let settings = Settings {
        paper: args.paper,
        font_path: &args.font_path,
        ..assessment::plain_settings(ctx, &args.output, &templates)
    };
    let hint = "the handbook could not be rendered from this framework; check it with \
                `dpisafe framework lint`";
    match assessment::render(
        ctx,
        args.format,
        Subject::Handbook(framework),
        &settings,
        hint,
    ) {
        Ok(bytes) => {
            let inputs: Vec<_> = ctx.framework_path.iter().cloned().collect();
            assessment::emit_bytes(ctx, &args.output, &inputs, &bytes)?;
            Ok(Exit::Ok)
        }
        Err(exit) => Ok(exit),
    }
}
