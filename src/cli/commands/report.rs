//! `dpisafe report FILE… --format md|html|pdf` and `dpisafe render RESULT.json --format …`:
//! the documents people read, from a questionnaire or from a saved result.

use std::path::PathBuf;

use crate::Error;
use crate::cli::args::{DocumentArgs, ModeArg, RenderArgs, ReportArgs};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::render::format::{Settings, Subject};
use crate::render::templates::{TemplateError, Templates};
use crate::render::view::{Mode, Options};
use crate::report::Report;

pub(crate) fn run(ctx: &Context, args: &ReportArgs) -> Result<Exit, Error> {
    let (loaded, report) = proceed!(assessment::load_and_report(
        ctx,
        &args.inputs,
        DefaultDate::AssessedOn
    ));
    let mut inputs = args.inputs.files.clone();
    inputs.extend(args.inputs.plan.iter().cloned());
    inputs.extend(args.document.templates.iter().cloned());
    inputs.extend(loaded.assessment.evidence_files());
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
    let framework = proceed!(ctx.framework());
    let report = proceed!(assessment::load_result(ctx, &args.result, "result"));
    if let Some(message) = crate::assessment::framework_mismatch(&report, &framework) {
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

/// The hint under a template that failed.
const TEMPLATE_HINT: &str =
    "fix the template, or remove it from --templates to use the built-in one";

fn write(
    ctx: &Context,
    framework: &Framework,
    report: &Report,
    args: &DocumentArgs,
    output: &crate::cli::args::OutputArgs,
    inputs: &[PathBuf],
) -> Result<Exit, Error> {
    if args.format.is_binary() {
        assessment::refuse_pdf_on_terminal(output, "report.pdf")?;
    }
    let templates = match &args.templates {
        Some(dir) => match Templates::from_dir(dir) {
            Ok(templates) => templates,
            Err(err) => return Ok(template_failed(ctx, &err)),
        },
        None => Templates::embedded(),
    };
    let plain = assessment::plain_settings(ctx, output, &templates);
    let settings = Settings {
        color: false,
        options: Options {
            mode: match args.mode {
                ModeArg::Learning => Mode::Learning,
                ModeArg::Accountability => Mode::Accountability,
            },
            redact: args.redact,
            brief: args.brief,
            ..plain.options
        },
        paper: args.paper,
        font_path: &args.font_path,
        ..plain
    };
    let subject = Subject::Report {
        framework,
        report,
        baseline: None,
    };
    match assessment::render(ctx, args.format, subject, &settings, TEMPLATE_HINT) {
        Ok(bytes) => {
            assessment::emit_bytes(ctx, output, inputs, &bytes)?;
            Ok(Exit::Ok)
        }
        Err(exit) => Ok(exit),
    }
}

/// Shows a template that could not be read or rendered, and gives the exit code.
pub(crate) fn template_failed(ctx: &Context, err: &TemplateError) -> Exit {
    let pos = err
        .line
        .and_then(|l| u32::try_from(l).ok())
        .map(|line| crate::source::Pos::new(line, 1));
    let diagnostic = Diagnostic::error(Code::TemplateError, &err.file, pos, err.message.clone())
        .with_hint(TEMPLATE_HINT);
    ctx.report(&[diagnostic], None);
    Exit::Invalid
}
