//! `dpisafe framework export --format md|html|pdf`: the framework as a handbook.

use crate::Error;
use crate::cli::args::{DocumentFormat, ExportArgs};
use crate::cli::assessment;
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::render::handbook;
use crate::render::templates::TemplateError;

pub(crate) fn run(ctx: &Context, framework: &Framework, args: &ExportArgs) -> Result<Exit, Error> {
    if args.format == DocumentFormat::Pdf {
        assessment::refuse_pdf_on_terminal(&args.output, "handbook.pdf")?;
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
