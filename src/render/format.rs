//! One format dispatch. Every output format dpisafe writes is one [`Format`]; each format is
//! one type implementing [`Renderer`], chosen in one place, [`Format::renderer`] (the shape of
//! typos' `Format::reporter()` and cargo-deny's `Format`). A command names the formats it
//! offers and hands the renderer a [`Subject`]; a format that cannot show that subject says
//! so. The PDF engine is gated here, once.

use std::fmt;
use std::path::PathBuf;

use super::templates::{TemplateError, Templates};
use super::view::Options;
use super::{diff, document, handbook, json, junit, portfolio, sarif, summary, verdict};
use crate::framework::Framework;
use crate::i18n::Lang;
use crate::report::Report;

/// Every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// A summary for the terminal.
    Table,
    /// The verdict and each violation, as text.
    Text,
    /// JSON (the canonical result; schemas/*.schema.json).
    Json,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// JUnit XML for CI test reports.
    Junit,
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// CSV (RFC 4180), one line per deployment.
    Csv,
    /// PDF (needs the `pdf` feature, on by default).
    Pdf,
}

/// What is rendered.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// One assessment's report, with the framework it was scored against and, for SARIF, the
    /// baseline it was compared with.
    Report {
        /// The framework.
        framework: &'a Framework,
        /// The report.
        report: &'a Report,
        /// The baseline of `check --baseline`.
        baseline: Option<&'a Report>,
    },
    /// A comparison of two assessments.
    Diff(&'a crate::diff::Diff),
    /// Many assessments side by side.
    Portfolio(&'a crate::portfolio::Portfolio),
    /// The framework itself, as a handbook.
    Handbook(&'a Framework),
}

impl Subject<'_> {
    fn noun(&self) -> &'static str {
        match self {
            Subject::Report { .. } => "a report",
            Subject::Diff(_) => "a diff",
            Subject::Portfolio(_) => "a portfolio",
            Subject::Handbook(_) => "a handbook",
        }
    }
}

/// The paper size of a PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// How to render: what each format may need besides its subject.
#[derive(Clone)]
pub struct Settings<'a> {
    /// Colour in terminal output.
    pub color: bool,
    /// The language of fixed text.
    pub lang: Lang,
    /// Mode and redaction of report documents.
    pub options: Options,
    /// The report templates (built in, or from `--templates`).
    pub templates: &'a Templates,
    /// The PDF's paper.
    pub paper: Paper,
    /// Extra font directories for the PDF.
    pub font_path: &'a [PathBuf],
    /// The terminal's width, for tables that can be split to fit it; `None`: no limit (a
    /// pipe or a file, where a row must stay one line).
    pub width: Option<usize>,
}

/// Why a subject could not be rendered.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed (built in or the user's).
    Template(TemplateError),
    /// The format does not exist for this subject (a command offered a format it should not).
    Unsupported {
        /// The format asked for.
        format: Format,
        /// What was to be rendered.
        subject: &'static str,
    },
    /// This build has no PDF engine.
    NoPdfEngine,
    /// The PDF needs a date and the subject has none.
    Undated,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template(err) => write!(f, "{}: {}", err.file, err.message),
            RenderError::Unsupported { format, subject } => {
                let name = clap::ValueEnum::to_possible_value(format)
                    .map_or_else(|| format!("{format:?}"), |v| v.get_name().to_owned());
                write!(f, "--format {name} is not available for {subject}")
            }
            RenderError::NoPdfEngine => f.write_str("this dpisafe was built without PDF support"),
            RenderError::Undated => f.write_str("the PDF needs a date"),
        }
    }
}

impl From<TemplateError> for RenderError {
    fn from(err: TemplateError) -> Self {
        RenderError::Template(err)
    }
}

/// What a renderer made: the bytes, and anything the user should be told about them (text a
/// PDF has no font for). The library never prints; the command line shows the warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The output.
    pub bytes: Vec<u8>,
    /// Warnings about the output, one sentence each.
    pub warnings: Vec<String>,
}

impl From<Vec<u8>> for Rendered {
    fn from(bytes: Vec<u8>) -> Self {
        Self {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// One output format: the subject in, the bytes out. Renderers only format.
pub trait Renderer {
    /// Renders `subject` as this format.
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError>;
}

impl Format {
    /// The renderer of this format.
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Table => &Table,
            Format::Text => &Text,
            Format::Json => &Json,
            Format::Sarif => &Sarif,
            Format::Junit => &Junit,
            Format::Md => &Markdown,
            Format::Html => &Html,
            Format::Csv => &Csv,
            #[cfg(feature = "pdf")]
            Format::Pdf => &Pdf,
            #[cfg(not(feature = "pdf"))]
            Format::Pdf => &NoPdf,
        }
    }

    /// Renders `subject` as this format.
    pub fn render(
        self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        self.renderer().render(subject, settings)
    }

    /// Whether the output is binary (a PDF), which a terminal cannot show.
    pub fn is_binary(self) -> bool {
        self == Format::Pdf
    }
}

/// The error for a format that cannot show `subject`.
fn unsupported(format: Format, subject: Subject<'_>) -> RenderError {
    RenderError::Unsupported {
        format,
        subject: subject.noun(),
    }
}

/// The terminal summary of a report, a diff or a portfolio.
struct Table;

impl Renderer for Table {
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        let text = match subject {
            Subject::Report {
                framework, report, ..
            } => summary::render(
                framework,
                report,
                settings.color,
                settings.lang,
                settings.width,
            ),
            Subject::Diff(diff) => diff::table(diff, settings.color),
            Subject::Portfolio(p) => portfolio::table(p, settings.width),
            Subject::Handbook(_) => return Err(unsupported(Format::Table, subject)),
        };
        Ok(text.into_bytes().into())
    }
}

/// The verdict of `check` as text.
struct Text;

impl Renderer for Text {
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        match subject {
            Subject::Report { report, .. } => {
                Ok(verdict::render(report, settings.lang).into_bytes().into())
            }
            _ => Err(unsupported(Format::Text, subject)),
        }
    }
}

/// The canonical JSON of a report, a diff or a portfolio.
struct Json;

impl Renderer for Json {
    fn render(&self, subject: Subject<'_>, _: &Settings<'_>) -> Result<Rendered, RenderError> {
        let text = match subject {
            Subject::Report { report, .. } => json::render(report),
            Subject::Diff(diff) => diff::json(diff),
            Subject::Portfolio(p) => portfolio::json(p),
            Subject::Handbook(_) => return Err(unsupported(Format::Json, subject)),
        };
        Ok(text.into_bytes().into())
    }
}

/// SARIF 2.1.0 of a report.
struct Sarif;

impl Renderer for Sarif {
    fn render(&self, subject: Subject<'_>, _: &Settings<'_>) -> Result<Rendered, RenderError> {
        match subject {
            Subject::Report {
                framework,
                report,
                baseline,
            } => Ok(sarif::render(framework, report, baseline)
                .into_bytes()
                .into()),
            _ => Err(unsupported(Format::Sarif, subject)),
        }
    }
}

/// JUnit XML of a report.
struct Junit;

impl Renderer for Junit {
    fn render(&self, subject: Subject<'_>, _: &Settings<'_>) -> Result<Rendered, RenderError> {
        match subject {
            Subject::Report {
                framework, report, ..
            } => Ok(junit::render(framework, report).into_bytes().into()),
            _ => Err(unsupported(Format::Junit, subject)),
        }
    }
}

/// Markdown documents.
struct Markdown;

impl Renderer for Markdown {
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        let text = match subject {
            Subject::Report {
                framework, report, ..
            } => document::markdown(framework, report, settings.options, settings.templates)?,
            Subject::Diff(diff) => diff::markdown(diff)?,
            Subject::Portfolio(p) => portfolio::markdown(p)?,
            Subject::Handbook(framework) => handbook::markdown(framework)?,
        };
        Ok(text.into_bytes().into())
    }
}

/// Self-contained HTML documents.
struct Html;

impl Renderer for Html {
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        let text = match subject {
            Subject::Report {
                framework, report, ..
            } => document::html(framework, report, settings.options, settings.templates)?,
            Subject::Portfolio(p) => portfolio::html(p)?,
            Subject::Handbook(framework) => handbook::html(framework)?,
            Subject::Diff(_) => return Err(unsupported(Format::Html, subject)),
        };
        Ok(text.into_bytes().into())
    }
}

/// CSV of a portfolio.
struct Csv;

impl Renderer for Csv {
    fn render(&self, subject: Subject<'_>, _: &Settings<'_>) -> Result<Rendered, RenderError> {
        match subject {
            Subject::Portfolio(p) => Ok(portfolio::csv(p).into_bytes().into()),
            _ => Err(unsupported(Format::Csv, subject)),
        }
    }
}

/// PDF documents, typeset by Typst.
#[cfg(feature = "pdf")]
struct Pdf;

#[cfg(feature = "pdf")]
impl Renderer for Pdf {
    fn render(
        &self,
        subject: Subject<'_>,
        settings: &Settings<'_>,
    ) -> Result<Rendered, RenderError> {
        let fonts = super::pdf::Fonts::new(settings.font_path);
        let paper = settings.paper;
        let typeset = match subject {
            Subject::Report {
                framework, report, ..
            } => document::pdf(
                framework,
                report,
                settings.options,
                settings.templates,
                paper,
                &fonts,
            )?,
            Subject::Portfolio(p) => {
                let date = p.date.ok_or(RenderError::Undated)?;
                portfolio::pdf(p, (date.year(), date.month(), date.day()), paper, &fonts)?
            }
            Subject::Handbook(framework) => handbook::pdf(framework, paper, &fonts)?,
            Subject::Diff(_) => return Err(unsupported(Format::Pdf, subject)),
        };
        Ok(Rendered {
            bytes: typeset.bytes,
            warnings: typeset.warnings,
        })
    }
}

/// What stands in for the PDF engine in a build without it.
#[cfg(not(feature = "pdf"))]
struct NoPdf;

#[cfg(not(feature = "pdf"))]
impl Renderer for NoPdf {
    fn render(&self, _: Subject<'_>, _: &Settings<'_>) -> Result<Rendered, RenderError> {
        Err(RenderError::NoPdfEngine)
    }
}
