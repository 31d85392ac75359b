//! The steps `assess` and `check` share: read and validate the questionnaires, look at their
//! evidence files, merge respondents, build the report, show its warnings, and write output.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::args::{Inputs, OutputArgs};
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, FrameworkRef, print_bytes};
use crate::diagnostic::{Code, Diagnostic};
use crate::evaluate::merge::{self, Disagreement};
use crate::framework::Framework;
use crate::questionnaire::{self, Date, Questionnaire};
use crate::report::{self, REPORT_VERSION, Report, Warning};
use crate::source::{Pos, SourceFile};
use crate::validate::schema::SchemaKind;

/// Where the evaluation date comes from when `--as-of` is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DefaultDate {
    /// The questionnaire's `assessed_on` (reports describe the assessment as it was).
    AssessedOn,
    /// Today (CI judges waivers now).
    Today,
    /// The questionnaire's `assessed_on`, and no clock: documents must come out the same
    /// bytes every time.
    Required,
}

/// A validated, inspected and possibly merged assessment, ready to report.
pub(crate) struct Loaded {
    pub(crate) framework: FrameworkRef,
    pub(crate) questionnaire: Questionnaire,
    pub(crate) disagreements: Vec<Disagreement>,
    pub(crate) sources: Vec<SourceFile>,
}

/// Reads, validates and merges the questionnaires; every problem is printed here.
pub(crate) fn load(ctx: &Context, inputs: &Inputs) -> Result<Loaded, Exit> {
    let framework = ctx.framework()?;
    if inputs.files.len() > 1 && !inputs.merge {
        ctx.fail(&Error::Usage {
            message: format!(
                "{} questionnaires given without --merge",
                inputs.files.len()
            ),
            hint: "several questionnaires are several respondents for one deployment: add \
                   --merge, or assess one file at a time"
                .to_owned(),
        });
        return Err(Exit::Invalid);
    }
    if let Some(twice) = repeated(&inputs.files) {
        ctx.fail(&Error::Usage {
            message: format!("{} is given twice", twice.display()),
            hint: "each respondent's questionnaire counts once; give each file once".to_owned(),
        });
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
        let loaded = questionnaire::load(&source, &framework, &ctx.limits);
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
        match loaded.value {
            Some(mut q) => {
                crate::evidence::inspect(&mut q);
                questionnaires.push(q);
            }
            None => failed = true,
        }
        sources.push(source);
    }
    if failed {
        return Err(Exit::Invalid);
    }
    let mut rest = questionnaires.into_iter();
    let Some(first) = rest.next() else {
        return Err(Exit::Invalid);
    };
    let merged = merge::merge(first, rest.collect()).map_err(|err| {
        let diagnostic = Diagnostic::error(Code::MergeConflict, &err.file, None, err.to_string())
            .with_hint(
                "merge only questionnaires about the same deployment, stage and building blocks",
            );
        ctx.report(&[diagnostic], None);
        Exit::Invalid
    })?;
    Ok(Loaded {
        framework,
        questionnaire: merged.questionnaire,
        disagreements: merged.disagreements,
        sources,
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
    match (default, questionnaire.assessed_on) {
        (DefaultDate::AssessedOn | DefaultDate::Required, Some(date)) => Ok(date),
        (DefaultDate::Required, None) => {
            ctx.fail(&Error::Usage {
                message: "the report needs a date, and the questionnaire has no `assessed_on`"
                    .to_owned(),
                hint: "add `assessed_on: YYYY-MM-DD` to the questionnaire, or pass --as-of (or set SOURCE_DATE_EPOCH)"
                    .to_owned(),
            });
            Err(Exit::Invalid)
        }
        (DefaultDate::AssessedOn, None) => {
            ctx.note(
                "note: the questionnaire has no `assessed_on`, so waivers are judged on today's date; \
                 add it (or pass --as-of) for a result that does not change from day to day",
            );
            Ok(today())
        }
        (DefaultDate::Today, _) => Ok(today()),
    }
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
    let loaded = load(ctx, inputs)?;
    let as_of = as_of(ctx, inputs, &loaded.questionnaire, default)?;
    let report = build_report(ctx, &loaded, as_of);
    Ok((loaded, report))
}

/// Builds the report and prints its warnings (missing evidence, expired waivers).
pub(crate) fn build_report(ctx: &Context, loaded: &Loaded, as_of: Date) -> Report {
    let started = std::time::Instant::now();
    let report = report::build(report::Inputs {
        framework: &loaded.framework,
        questionnaire: &loaded.questionnaire,
        as_of,
        disagreements: &loaded.disagreements,
    });
    ctx.detail(&format!(
        "scored {} as of {as_of} in {}: {} findings, {} actions",
        crate::text::count(
            loaded.questionnaire.respondents.len(),
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
            .map(|w| {
                let pos = Pos {
                    line: w.location.line,
                    col: w.location.column,
                };
                Diagnostic::warning(w.code, &source.name, Some(pos), w.message.clone())
                    .with_hint(w.hint.clone())
            })
            .collect();
        ctx.report(&diagnostics, Some(source));
    }
}

/// Writes `text` to `-o FILE` atomically (never over an input), or to stdout.
pub(crate) fn emit(
    ctx: &Context,
    out: &OutputArgs,
    inputs: &[PathBuf],
    text: &str,
) -> Result<(), Error> {
    emit_bytes(ctx, out, inputs, text.as_bytes())
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
            print_bytes(bytes);
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

/// The message saying a saved result was made against another framework than the one
/// loaded, or `None` when they match.
pub(crate) fn framework_mismatch(report: &Report, framework: &Framework) -> Option<String> {
    let metadata = &framework.metadata;
    (report.framework.id != metadata.id || report.framework.version != metadata.version).then(
        || {
            format!(
                "the result was made against {}@{}, but the framework loaded is {}",
                report.framework.id,
                report.framework.version,
                framework.reference()
            )
        },
    )
}

/// Reads a saved result (a baseline, or a result to re-render): JSON, of this report
/// version, matching the report schema. `what` names it in messages.
pub(crate) fn load_result(ctx: &Context, path: &Path, what: &str) -> Result<Report, Exit> {
    let source = ctx.read(path)?;
    parse_result(&source, what).map_err(|diagnostic| {
        ctx.report(&[*diagnostic], Some(&source));
        Exit::Invalid
    })
}

/// A saved result from its text, or the diagnostic that says why it cannot be used.
pub(crate) fn parse_result(source: &SourceFile, what: &str) -> Result<Report, Box<Diagnostic>> {
    let value: serde_json::Value = serde_json::from_str(&source.text).map_err(|err| {
        let pos = u32::try_from(err.line())
            .ok()
            .zip(u32::try_from(err.column()).ok())
            .filter(|(line, _)| *line > 0)
            .map(|(line, col)| Pos::new(line, col.max(1)));
        invalid_result(source, pos, format!("the {what} is not valid JSON: {err}"))
    })?;
    result_from_value(source, value, what)
}

/// A saved result from its parsed JSON: of this report version and matching the schema.
pub(crate) fn result_from_value(
    source: &SourceFile,
    value: serde_json::Value,
    what: &str,
) -> Result<Report, Box<Diagnostic>> {
    let version = value
        .get("dpisafe_report")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(REPORT_VERSION)) {
        return Err(invalid_result(
            source,
            None,
            match version {
                Some(v) => {
                    format!("the {what} is report format {v}; this build reads {REPORT_VERSION}")
                }
                None => format!(
                    "the {what} is not a dpisafe result (it has no `dpisafe_report` version)"
                ),
            },
        ));
    }
    let problems = SchemaKind::Report.check_json(&value);
    if let Some(first) = problems.first() {
        return Err(invalid_result(
            source,
            None,
            format!("the {what} does not match the report format: {first}"),
        ));
    }
    serde_json::from_value(value).map_err(|err| {
        invalid_result(
            source,
            None,
            format!("the {what} does not match the report format: {err}"),
        )
    })
}

fn invalid_result(source: &SourceFile, pos: Option<Pos>, message: String) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(Code::InvalidResult, &source.name, pos, message)
            .with_hint("write it again with `dpisafe assess FILE --format json -o result.json`"),
    )
}

/// The framework behind a loaded assessment.
impl Loaded {
    pub(crate) fn framework(&self) -> &Framework {
        &self.framework
    }
}
