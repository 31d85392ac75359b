//! `dpisafe init`: a blank questionnaire for a deployment's building blocks, stage and
//! authority.

use crate::Error;
use crate::cli::args::InitArgs;
use crate::cli::assessment;
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, print_stdout};
use crate::framework::Applicability;
use crate::questionnaire::template::{self, Blank};

pub(crate) fn run(ctx: &Context, args: &InitArgs) -> Result<Exit, Error> {
    let framework = proceed!(ctx.framework());
    let date = proceed!(assessment::new_file_date(ctx, args.date));
    let blank = Blank {
        scope: Applicability {
            building_blocks: args.blocks.clone(),
            stage: args.stage.clone(),
            authority: args.authority.clone(),
        },
        name: args.name.clone(),
        country: args.country.clone(),
        date,
        organisation: None,
    };
    let text = template::render(&framework, &blank)?;
    match args
        .output
        .as_deref()
        .filter(|p| *p != std::path::Path::new("-"))
    {
        Some(path) => {
            output::write(
                &Target {
                    path,
                    inputs: &[],
                    force: args.force,
                },
                text.as_bytes(),
            )?;
            let count = text
                .lines()
                .filter(|l| l.trim_start().starts_with("answer:"))
                .count();
            ctx.note(&format!("wrote {} with {count} questions", path.display()));
        }
        None => print_stdout(&text)?,
    }
    Ok(Exit::Ok)
}
