//! `dpisafe framework export --format md|html|pdf`: the framework as a handbook.

use std::io::IsTerminal;

use crate::Error;
use crate::cli::args::{DocumentFormat, ExportArgs};
use crate::cli::assessment;
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::render::handbook;
use crate::render::templates::TemplateError;

pub(crate) fn run(ctx: &Context, framework: &Framework, args: &ExportArgs) -> Result<Exit, Error> {
    let to_stdout = args
        .output
        .output
        .as_deref()
        .is_none_or(|p| p.as_os_str() == "-");
    if args.format == DocumentFormat::Pdf && to_stdout && std::io::stdout().is_terminal() {
        return Err(Error::Usage {
            message: "a PDF is binary and standard output is a terminal".to_owned(),
            hint: "write it to a file with -o handbook.pdf".to_owned(),
        });
    }
    let bytes = match args.format {
        DocumentFormat::Md => handbook::markdown(framework).map(String::into_bytes),
        DocumentFormat::Html => handbook::html(framework).map(String::into_bytes),
        DocumentFormat::Pdf => pdf(framework, args)?,
    };
    match bytes {
        Ok(bytes) => {
            let inputs: Vec<_> = ctx.framework_path.iter().cloned().collect();
            assessment::emit_bytes(ctx, &args.output, &inputs, &bytes)?;
            Ok(Exit::Ok)
        }
        Err(err) => {
            ctx.report(&[failed(&err)], None);
            Ok(Exit::Invalid)
        }
    }
}

#[cfg(feature = "pdf")]
fn pdf(framework: &Framework, args: &ExportArgs) -> Result<Result<Vec<u8>, TemplateError>, Error> {
    use crate::render::pdf::{Fonts, Paper};
    let paper = match args.paper {
        crate::cli::args::PaperArg::A4 => Paper::A4,
        crate::cli::args::PaperArg::Letter => Paper::Letter,
    };
    Ok(handbook::pdf(
        framework,
        paper,
        &Fonts::new(&args.font_path),
    ))
}

#[cfg(not(feature = "pdf"))]
fn pdf(
    _framework: &Framework,
    _args: &ExportArgs,
) -> Result<Result<Vec<u8>, TemplateError>, Error> {
    Err(Error::Usage {
        message: "this dpisafe was built without PDF support".to_owned(),
        hint: "rebuild with the default features, or use --format html and print it".to_owned(),
    })
}

fn failed(err: &TemplateError) -> Diagnostic {
    let pos = err
        .line
        .and_then(|l| u32::try_from(l).ok())
        .map(|line| crate::source::Pos::new(line, 1));
    Diagnostic::error(Code::TemplateError, &err.file, pos, err.message.clone())
        .with_hint("the handbook could not be rendered from this framework; check it with `dpisafe framework lint`")
}
