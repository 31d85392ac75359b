//! `dpisafe report FILE… --format md|html|pdf` and `dpisafe render RESULT.json --format …`:
//! the documents people read, from a questionnaire or from a saved result.

use std::path::PathBuf;

use crate::Error;
use crate::cli::args::{DocumentArgs, DocumentFormat, ModeArg, RenderArgs, ReportArgs};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::render::document;
use crate::render::templates::{TemplateError, Templates};
use crate::render::view::{Mode, Options};
use crate::report::Report;

pub(crate) fn run(ctx: &Context, args: &ReportArgs) -> Result<Exit, Error> {
    let (loaded, report) =
        match assessment::load_and_report(ctx, &args.inputs, DefaultDate::Required) {
            Ok(done) => done,
            Err(exit) => return Ok(exit),
        };
    let mut inputs = args.inputs.files.clone();
    inputs.extend(args.document.templates.iter().cloned());
    write(
        ctx,
        loaded.framework(),
        &report,
        &args.document,
        &args.output,
        &inputs,
    )
}

pub(crate) fn render(ctx: &Context, args: &RenderArgs) -> Result<Exit, Error> {
    let framework = match ctx.framework() {
        Ok(framework) => framework,
        Err(exit) => return Ok(exit),
    };
    let report = match assessment::load_result(ctx, &args.result, "result") {
        Ok(report) => report,
        Err(exit) => return Ok(exit),
    };
    if let Some(message) = assessment::framework_mismatch(&report, &framework) {
        let diagnostic = Diagnostic::error(
            Code::InvalidResult,
            &args.result.display().to_string(),
            None,
            message,
        )
        .with_hint("pass the matching framework file with --framework");
        ctx.report(&[diagnostic], None);
        return Ok(Exit::Invalid);
    }
    let mut inputs = vec![args.result.clone()];
    inputs.extend(args.document.templates.iter().cloned());
    write(
        ctx,
        &framework,
        &report,
        &args.document,
        &args.output,
        &inputs,
    )
}

fn write(
    ctx: &Context,
    framework: &Framework,
    report: &Report,
    args: &DocumentArgs,
    output: &crate::cli::args::OutputArgs,
    inputs: &[PathBuf],
) -> Result<Exit, Error> {
    if args.format == DocumentFormat::Pdf {
        assessment::refuse_pdf_on_terminal(output, "report.pdf")?;
    }
    let templates = match &args.templates {
        Some(dir) => match Templates::from_dir(dir) {
            Ok(templates) => templates,
            Err(err) => return Ok(template_failed(ctx, &err)),
        },
        None => Templates::embedded(),
    };
    let options = Options {
        mode: match args.mode {
            ModeArg::Learning => Mode::Learning,
            ModeArg::Accountability => Mode::Accountability,
        },
        redact: args.redact,
        lang: ctx.lang(),
    };
    let started = std::time::Instant::now();
    let bytes = match args.format {
        DocumentFormat::Md => {
            document::markdown(framework, report, options, &templates).map(String::into_bytes)
        }
        DocumentFormat::Html => {
            document::html(framework, report, options, &templates).map(String::into_bytes)
        }
        DocumentFormat::Pdf => {
            return pdf(
                ctx, framework, report, options, &templates, args, output, inputs,
            );
        }
    };
    match bytes {
        Ok(bytes) => {
            ctx.detail(&format!(
                "rendered the document in {}",
                crate::cli::elapsed(started)
            ));
            assessment::emit_bytes(ctx, output, inputs, &bytes)?;
            Ok(Exit::Ok)
        }
        Err(err) => Ok(template_failed(ctx, &err)),
    }
}

#[cfg(feature = "pdf")]
#[allow(clippy::too_many_arguments)]
fn pdf(
    ctx: &Context,
    framework: &Framework,
    report: &Report,
    options: Options,
    templates: &Templates,
    args: &DocumentArgs,
    output: &crate::cli::args::OutputArgs,
    inputs: &[PathBuf],
) -> Result<Exit, Error> {
    use crate::render::pdf::{Fonts, Paper};
    let started = std::time::Instant::now();
    let fonts = Fonts::new(&args.font_path);
    let paper = match args.paper {
        crate::cli::args::PaperArg::A4 => Paper::A4,
        crate::cli::args::PaperArg::Letter => Paper::Letter,
    };
    match document::pdf(framework, report, options, templates, paper, &fonts) {
        Ok(bytes) => {
            ctx.detail(&format!(
                "typeset the PDF in {}",
                crate::cli::elapsed(started)
            ));
            assessment::emit_bytes(ctx, output, inputs, &bytes)?;
            Ok(Exit::Ok)
        }
        Err(err) => Ok(template_failed(ctx, &err)),
    }
}

#[cfg(not(feature = "pdf"))]
#[allow(clippy::too_many_arguments)]
fn pdf(
    _ctx: &Context,
    _framework: &Framework,
    _report: &Report,
    _options: Options,
    _templates: &Templates,
    _args: &DocumentArgs,
    _output: &crate::cli::args::OutputArgs,
    _inputs: &[PathBuf],
) -> Result<Exit, Error> {
    Err(Error::Usage {
        message: "this dpisafe was built without PDF support".to_owned(),
        hint: "rebuild with the default features (`cargo install dpisafe`), or use --format html and print it"
            .to_owned(),
    })
}

pub(crate) fn template_failed(ctx: &Context, err: &TemplateError) -> Exit {
    let pos = err
        .line
        .and_then(|l| u32::try_from(l).ok())
        .map(|line| crate::source::Pos::new(line, 1));
    let diagnostic = Diagnostic::error(Code::TemplateError, &err.file, pos, err.message.clone())
        .with_hint("fix the template, or remove it from --templates to use the built-in one");
    ctx.report(&[diagnostic], None);
    Exit::Invalid
}
