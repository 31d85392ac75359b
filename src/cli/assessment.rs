//! What `assess`, `check`, `report` and `render` share on the command line: calling the
//! library's pipeline (`crate::assessment`) with the files named, printing its diagnostics
//! and warnings, dating the evaluation, and writing output.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::assessment::{self as pipeline, Assessment};
use crate::cli::args::{Inputs, OutputArgs};
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, FrameworkRef, print_bytes};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::plan::Plan;
use crate::questionnaire::{Date, Questionnaire};
use crate::render::format::{Format, Paper, RenderError, Settings, Subject};
use crate::render::templates::Templates;
use crate::render::view::{Mode, Options};
use crate::report::{Report, Warning};
use crate::source::{Pos, SourceFile};

/// Where the evaluation date comes from when `--as-of` is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DefaultDate {
    /// The questionnaire's `assessed_on`: reports describe the assessment as it was, and
    /// come out the same bytes every time.
    AssessedOn,
    /// Today (CI judges waivers now).
    Today,
}

/// A validated, inspected and possibly merged assessment, ready to report, with the
/// framework it was read against and the sources its diagnostics quote.
pub(crate) struct Loaded {
    pub(crate) framework: FrameworkRef,
    pub(crate) assessment: Assessment,
    pub(crate) sources: Vec<SourceFile>,
}

/// Reads, validates and merges the questionnaires; every problem is printed here.
pub(crate) fn load(ctx: &Context, inputs: &Inputs) -> Result<Loaded, Exit> {
    crate::assessment::prepare();
    load_with(ctx, ctx.framework()?, inputs, &ctx.evidence(None))
}

/// [`load`] against a framework already read, with `evidence` options (a policy's keys).
pub(crate) fn load_with(
    ctx: &Context,
    framework: FrameworkRef,
    inputs: &Inputs,
    evidence: &crate::evidence::Options,
) -> Result<Loaded, Exit> {
    if let Some(error) = misnamed(inputs) {
        ctx.fail(&error);
        return Err(Exit::Invalid);
    }
    let mut sources = Vec::new();
    let mut questionnaires = Vec::new();
    let mut failed = false;
    for path in &inputs.files {
        let Ok(source) = ctx.read(path) else {
            failed = true;
            continue;
        };
        let started = std::time::Instant::now();
        let loaded = pipeline::questionnaire(&framework, &source, &ctx.limits, evidence);
        ctx.report(&loaded.diagnostics, Some(&source));
        ctx.detail(&format!(
            "validated {} in {}: {}",
            source.name,
            crate::cli::elapsed(started),
            match &loaded.value {
                Some(q) => crate::text::count(q.answers.len(), "answer", "answers"),
                None => "invalid".to_owned(),
            }
        ));
        failed |= loaded.value.is_none();
        questionnaires.extend(loaded.value);
        sources.push(source);
    }
    if failed || questionnaires.is_empty() {
        return Err(Exit::Invalid);
    }
    let assessment = pipeline::merge(questionnaires).map_err(|diagnostic| {
        ctx.report(&[*diagnostic], None);
        Exit::Invalid
    })?;
    Ok(Loaded {
        framework,
        assessment,
        sources,
    })
}

/// Why the files given cannot be one assessment: several without `--merge`, or one twice.
fn misnamed(inputs: &Inputs) -> Option<Error> {
    if inputs.files.len() > 1 && !inputs.merge {
        return Some(Error::Usage {
            message: format!(
                "{} questionnaires given without --merge",
                inputs.files.len()
            ),
            hint: "several questionnaires are several respondents for one deployment: add \
                   --merge, or assess one file at a time"
                .to_owned(),
        });
    }
    repeated(&inputs.files).map(|twice| Error::Usage {
        message: format!("{} is given twice", twice.display()),
        hint: "each respondent's questionnaire counts once; give each file once".to_owned(),
    })
}

/// The first file named twice (compared after resolving `.`/`..` and links, when it exists).
fn repeated(files: &[PathBuf]) -> Option<&PathBuf> {
    let key = |p: &PathBuf| p.canonicalize().unwrap_or_else(|_| p.clone());
    files
        .iter()
        .enumerate()
        .find(|(i, f)| files[..*i].iter().any(|g| key(g) == key(f)))
        .map(|(_, f)| f)
}

/// The evaluation date: `--as-of`, SOURCE_DATE_EPOCH, then the command's default.
pub(crate) fn as_of(
    ctx: &Context,
    inputs: &Inputs,
    questionnaire: &Questionnaire,
    default: DefaultDate,
) -> Result<Date, Exit> {
    if let Some(date) = inputs.as_of {
        return Ok(date);
    }
    if let Some(date) = source_date_epoch(ctx)? {
        return Ok(date);
    }
    Ok(match default {
        DefaultDate::AssessedOn => questionnaire.assessed_on,
        DefaultDate::Today => today(),
    })
}

/// The date SOURCE_DATE_EPOCH names, if it is set; a value that is not a date is a usage error.
pub(crate) fn source_date_epoch(ctx: &Context) -> Result<Option<Date>, Exit> {
    let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = epoch.to_string_lossy();
    // Years 1970–9999: dates outside them cannot be written as YYYY-MM-DD.
    match text.trim().parse::<i64>() {
        Ok(seconds) if (0..253_402_300_800).contains(&seconds) => {
            Ok(Some(Date::from_days(seconds.div_euclid(86_400))))
        }
        _ => {
            ctx.fail(&Error::Usage {
                message: format!(
                    "SOURCE_DATE_EPOCH is `{text}`, not a number of seconds between 1970 and 9999"
                ),
                hint: "set it to a whole number of seconds since 1970-01-01, or unset it"
                    .to_owned(),
            });
            Err(Exit::Invalid)
        }
    }
}

/// The date a new or migrated questionnaire is given for `assessed_on`: the one the user
/// passed, else SOURCE_DATE_EPOCH's (so builds stay reproducible), else today's.
pub(crate) fn new_file_date(ctx: &Context, given: Option<Date>) -> Result<Date, Exit> {
    match given {
        Some(date) => Ok(date),
        None => Ok(source_date_epoch(ctx)?.unwrap_or_else(today)),
    }
}

/// Today's date in UTC, from the system clock.
pub(crate) fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// Loads the questionnaires, dates the evaluation and builds the report: all of `assess`
/// and `report`. (`check` adds the policy's waivers before building.)
pub(crate) fn load_and_report(
    ctx: &Context,
    inputs: &Inputs,
    default: DefaultDate,
) -> Result<(Loaded, Report), Exit> {
    let mut loaded = load(ctx, inputs)?;
    let plan = load_plan(ctx, inputs, &mut loaded)?;
    let as_of = as_of(ctx, inputs, &loaded.assessment.questionnaire, default)?;
    let mut report = build_report(ctx, &loaded, as_of, plan.as_ref());
    add_views(ctx, inputs, &loaded, &mut report)?;
    Ok((loaded, report))
}

/// The views `--view` asks for, derived through the built-in crosswalks.
pub(crate) fn add_views(
    ctx: &Context,
    inputs: &Inputs,
    loaded: &Loaded,
    report: &mut Report,
) -> Result<(), Exit> {
    if inputs.views.is_empty() {
        return Ok(());
    }
    let crosswalks = pipeline::crosswalks(&loaded.framework).map_err(|diagnostics| {
        ctx.report(&diagnostics, None);
        Exit::Invalid
    })?;
    for wanted in &inputs.views {
        if let Some(crosswalk) = crosswalks.iter().find(|c| c.target.id == wanted.target()) {
            report.views.push(report.view(crosswalk));
        }
    }
    Ok(())
}

/// The action register `--plan` names, validated, for the deployment assessed; its source
/// joins `loaded`'s so that its warnings quote it.
pub(crate) fn load_plan(
    ctx: &Context,
    inputs: &Inputs,
    loaded: &mut Loaded,
) -> Result<Option<Plan>, Exit> {
    let Some(path) = &inputs.plan else {
        return Ok(None);
    };
    let source = ctx.read(path)?;
    let name = &loaded.assessment.questionnaire.deployment.name;
    let validated = pipeline::plan(&loaded.framework, &source, &ctx.limits, name);
    ctx.report(&validated.diagnostics, Some(&source));
    let plan = validated.value.ok_or(Exit::Invalid)?;
    loaded.sources.push(source);
    Ok(Some(plan))
}

/// Builds the report, reads the register into it when there is one, and prints its warnings
/// (missing evidence, expired waivers, stale register entries).
pub(crate) fn build_report(
    ctx: &Context,
    loaded: &Loaded,
    as_of: Date,
    plan: Option<&Plan>,
) -> Report {
    let started = std::time::Instant::now();
    let mut report = loaded.assessment.report(&loaded.framework, as_of);
    if let Some(plan) = plan {
        report.track(plan);
    }
    ctx.detail(&format!(
        "scored {} as of {as_of} in {}: {} findings, {} actions",
        crate::text::count(
            loaded.assessment.questionnaire.respondents.len(),
            "respondent",
            "respondents"
        ),
        crate::cli::elapsed(started),
        report.findings.len(),
        report.actions.len()
    ));
    show_warnings(ctx, &report.warnings, &loaded.sources);
    report
}

/// Prints report warnings as diagnostics, quoting the source lines.
pub(crate) fn show_warnings(ctx: &Context, warnings: &[Warning], sources: &[SourceFile]) {
    for source in sources {
        let diagnostics: Vec<Diagnostic> = warnings
            .iter()
            .filter(|w| w.location.file == source.name)
            .map(Warning::to_diagnostic)
            .collect();
        ctx.report(&diagnostics, Some(source));
    }
}

/// Writes `bytes` to `-o FILE` atomically (never over an input), or to stdout.
pub(crate) fn emit_bytes(
    ctx: &Context,
    out: &OutputArgs,
    inputs: &[PathBuf],
    bytes: &[u8],
) -> Result<(), Error> {
    match out.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            output::write(
                &Target {
                    path,
                    inputs,
                    force: out.force,
                },
                bytes,
            )?;
            ctx.note(
                &ctx.messages()
                    .format("cli.wrote", &[("path", &path.display())]),
            );
            ctx.detail(&format!(
                "wrote {} bytes to {}",
                bytes.len(),
                path.display()
            ));
            Ok(())
        }
        _ => {
            print_bytes(bytes)?;
            ctx.detail(&format!("wrote {} bytes to standard output", bytes.len()));
            Ok(())
        }
    }
}

/// Refuses to send a PDF to a terminal, where it would show as garbage; the hint suggests
/// writing it to `file_name` instead.
pub(crate) fn refuse_pdf_on_terminal(out: &OutputArgs, file_name: &str) -> Result<(), Error> {
    if out.is_stdout() && std::io::stdout().is_terminal() {
        return Err(Error::Usage {
            message: "a PDF is binary and standard output is a terminal".to_owned(),
            hint: format!("write it to a file with -o {file_name}"),
        });
    }
    Ok(())
}

/// Reads a saved result (a baseline, or a result to re-render): JSON, of this report
/// version, matching the report schema. `what` names it in messages.
pub(crate) fn load_result(ctx: &Context, path: &Path, what: &str) -> Result<Report, Exit> {
    let source = ctx.read(path)?;
    pipeline::parse_result(&source, what).map_err(|diagnostic| {
        ctx.report(&[*diagnostic], Some(&source));
        Exit::Invalid
    })
}

/// The framework behind a loaded assessment.
impl Loaded {
    pub(crate) fn framework(&self) -> &Framework {
        &self.framework
    }
}

/// Renders `subject` as `format` through the one format dispatch, timing it for `-v`. A
/// failed template becomes a diagnostic with `hint` (none when empty); a format this build cannot write is a
/// usage error. Either way the exit code comes back and nothing is written.
pub(crate) fn render(
    ctx: &Context,
    format: Format,
    subject: Subject<'_>,
    settings: &Settings<'_>,
    hint: &str,
) -> Result<Vec<u8>, Exit> {
    let started = std::time::Instant::now();
    // The user's templates are programs: they run under a time and memory budget.
    let watchdog = settings
        .templates
        .is_custom()
        .then(crate::cli::watchdog::Watchdog::start);
    let rendered = format.render(subject, settings);
    drop(watchdog);
    let verb = if format.is_binary() {
        "typeset the PDF"
    } else {
        "rendered the document"
    };
    ctx.detail(&format!("{verb} in {}", crate::cli::elapsed(started)));
    let rendered = rendered.map_err(|err| render_failed(ctx, err, hint))?;
    for warning in &rendered.warnings {
        ctx.note(&format!("warning: {warning}"));
    }
    Ok(rendered.bytes)
}

/// Shows why rendering failed and gives the exit code.
fn render_failed(ctx: &Context, err: RenderError, hint: &str) -> Exit {
    let usage = |message: String, hint: &str| Error::Usage {
        message,
        hint: hint.to_owned(),
    };
    match err {
        RenderError::Template(err) => {
            let pos = err
                .line
                .and_then(|l| u32::try_from(l).ok())
                .map(|line| Pos::new(line, 1));
            let mut diagnostic =
                Diagnostic::error(Code::TemplateError, &err.file, pos, err.message.clone());
            if !hint.is_empty() {
                diagnostic = diagnostic.with_hint(hint);
            }
            ctx.report(&[diagnostic], None);
        }
        RenderError::NoPdfEngine => ctx.fail(&usage(
            RenderError::NoPdfEngine.to_string(),
            "rebuild with the default features (`cargo install --path .`), or use --format html \
             and print it",
        )),
        RenderError::Undated => ctx.fail(&usage(
            "the PDF needs a date, and no input has an `assessed_on`".to_owned(),
            "pass --as-of YYYY-MM-DD (or set SOURCE_DATE_EPOCH)",
        )),
        err @ RenderError::Unsupported { .. } => ctx.fail(&usage(
            err.to_string(),
            "choose one of the formats `--help` lists",
        )),
    }
    Exit::Invalid
}

/// The settings of a terminal or data format: no templates, paper or fonts needed.
pub(crate) fn plain_settings<'a>(
    ctx: &Context,
    out: &OutputArgs,
    templates: &'a Templates,
) -> Settings<'a> {
    Settings {
        color: out.is_stdout() && ctx.stdout_color(),
        lang: ctx.lang(),
        options: Options {
            mode: Mode::Accountability,
            redact: false,
            lang: ctx.lang(),
            brief: false,
        },
        templates,
        paper: Paper::A4,
        font_path: &[],
        width: if out.is_stdout() {
            terminal_width()
        } else {
            None
        },
    }
}

/// The width tables should fit: `COLUMNS` when set, else the terminal's when standard output
/// is one; `None` for a pipe or a file.
pub(crate) fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns.filter(|&w: &usize| w > 0).or_else(|| {
        std::io::IsTerminal::is_terminal(&std::io::stdout())
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
            .filter(|&w| w > 0)
    })
}
