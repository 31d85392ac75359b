//! `dpisafe framework list|show|lint|coverage`: the framework as a reference work. The text
//! comes from [`crate::render::framework`]; this file picks the table and reports lint results.

use crate::Error;
use crate::cli::args::{FrameworkCommand, ListArgs};
use crate::cli::{Context, Exit, print_stdout};
use crate::framework::Framework;
use crate::render::framework::{self, Listing};
use crate::text::did_you_mean;

pub(crate) fn run(ctx: &Context, command: &FrameworkCommand) -> Result<Exit, Error> {
    if let FrameworkCommand::Lint { file } = command {
        return Ok(lint(ctx, file));
    }
    let framework = proceed!(ctx.framework());
    match command {
        FrameworkCommand::List(args) => {
            let width = crate::cli::assessment::terminal_width();
            print_stdout(&framework::list(&framework, listing(args), width))?;
        }
        FrameworkCommand::Show { id } => match framework::show(&framework, id) {
            Some(text) => print_stdout(&text)?,
            None => return Err(unknown_id(&framework, id)),
        },
        FrameworkCommand::Coverage => print_stdout(&framework::coverage(&framework))?,
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
    let hint = match did_you_mean(id, framework.ids()) {
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

/// The table the flags ask for; principles when none is given.
fn listing(args: &ListArgs) -> Listing {
    if args.risks {
        Listing::Risks
    } else if args.processes {
        Listing::Processes
    } else if args.questions {
        Listing::Questions
    } else {
        Listing::Principles
    }
}
