//! Diagnostics: what is wrong with an input file, where, and how to fix it.
//!
//! Loaders and validators push [`Diagnostic`]s instead of returning at the first problem, so a
//! user sees every problem of a file in one run. Only the command line decides how they are
//! shown; [`render`] turns them into rustc-style snippets for a terminal.

use std::fmt;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Pos, SourceFile};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used, but something deserves attention.
    Warning,
}

/// A stable, kebab-case identifier for each kind of problem (documented in `docs/codes.md`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The file could not be read.
    FileUnreadable,
    /// The file is larger than the limit.
    FileTooLarge,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// The YAML is malformed or exceeds a parser budget.
    YamlSyntax,
    /// A mapping has the same key twice.
    DuplicateKey,
    /// A value has the wrong type.
    WrongType,
    /// A key is not part of the format.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A value is outside what the format allows.
    InvalidValue,
    /// A date is not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate,
    /// The file's format version is not supported.
    UnsupportedVersion,
    /// The questionnaire names a different framework than the one loaded.
    FrameworkMismatch,
    /// An answer is keyed by a question id the framework does not have.
    UnknownQuestion,
    /// An `n/a` answer has no reason.
    NaWithoutReason,
    /// A waiver names a question the framework does not have.
    UnknownWaiverQuestion,
    /// A building block the framework does not define.
    UnknownBuildingBlock,
    /// A life-cycle stage the framework does not define.
    UnknownStage,
    /// A responsible authority the framework does not define.
    UnknownAuthority,
    /// A framework identifier is defined twice.
    DuplicateId,
    /// A framework record points at something that does not exist.
    UnknownReference,
    /// A framework record names a process id that stands for several processes.
    AmbiguousReference,
    /// Framework data that contradicts itself (for example bands out of order).
    InconsistentFramework,
    /// A principle has no questions, so it can never be scored.
    PrincipleWithoutQuestions,
    /// Two items of a framework ask nearly the same thing.
    SimilarItems,
    /// An evidence file named by a relative path does not exist.
    EvidenceMissing,
    /// An evidence file no longer matches its recorded SHA-256.
    EvidenceChanged,
    /// An evidence path exists but cannot be read as a file.
    EvidenceUnreadable,
    /// A waiver's expiry date has passed; its shortfall counts again.
    WaiverExpired,
    /// A waiver names a question that does not apply to the deployment.
    WaiverUnused,
    /// An answer is given for a question that does not apply to the deployment.
    AnswerUnused,
    /// A policy names a principle the framework does not define.
    UnknownPrinciple,
    /// A policy names a risk the framework does not define.
    UnknownRisk,
    /// A saved result (a baseline, or input to `render`) cannot be used.
    InvalidResult,
    /// Questionnaires given to `--merge` describe different deployments.
    MergeConflict,
    /// A report template (built in or from `--templates`) cannot be rendered.
    TemplateError,
    /// The two inputs of `diff` are about different deployments or framework versions.
    DiffMismatch,
    /// `migrate` cannot carry the file over: it names a framework the loaded one does not
    /// supersede, or its `framework:` reference is written in a form it does not edit.
    CannotMigrate,
    /// `migrate` left an id for a person to decide: several candidates, or none.
    NeedsReview,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: &'static [Code] = &[
        Code::FileUnreadable,
        Code::FileTooLarge,
        Code::NotUtf8,
        Code::EmptyFile,
        Code::YamlSyntax,
        Code::DuplicateKey,
        Code::WrongType,
        Code::UnknownKey,
        Code::MissingKey,
        Code::InvalidValue,
        Code::InvalidDate,
        Code::UnsupportedVersion,
        Code::FrameworkMismatch,
        Code::UnknownQuestion,
        Code::NaWithoutReason,
        Code::UnknownWaiverQuestion,
        Code::UnknownBuildingBlock,
        Code::UnknownStage,
        Code::UnknownAuthority,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::AmbiguousReference,
        Code::InconsistentFramework,
        Code::PrincipleWithoutQuestions,
        Code::SimilarItems,
        Code::EvidenceMissing,
        Code::EvidenceChanged,
        Code::EvidenceUnreadable,
        Code::WaiverExpired,
        Code::WaiverUnused,
        Code::AnswerUnused,
        Code::UnknownPrinciple,
        Code::UnknownRisk,
        Code::InvalidResult,
        Code::MergeConflict,
        Code::TemplateError,
        Code::DiffMismatch,
        Code::CannotMigrate,
        Code::NeedsReview,
    ];

    /// The kebab-case name printed in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::FileUnreadable => "file-unreadable",
            Code::FileTooLarge => "file-too-large",
            Code::NotUtf8 => "not-utf8",
            Code::EmptyFile => "empty-file",
            Code::YamlSyntax => "yaml-syntax",
            Code::DuplicateKey => "duplicate-key",
            Code::WrongType => "wrong-type",
            Code::UnknownKey => "unknown-key",
            Code::MissingKey => "missing-key",
            Code::InvalidValue => "invalid-value",
            Code::InvalidDate => "invalid-date",
            Code::UnsupportedVersion => "unsupported-version",
            Code::FrameworkMismatch => "framework-mismatch",
            Code::UnknownQuestion => "unknown-question",
            Code::NaWithoutReason => "na-without-reason",
            Code::UnknownWaiverQuestion => "unknown-waiver-question",
            Code::UnknownBuildingBlock => "unknown-building-block",
            Code::UnknownStage => "unknown-stage",
            Code::UnknownAuthority => "unknown-authority",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownReference => "unknown-reference",
            Code::AmbiguousReference => "ambiguous-reference",
            Code::InconsistentFramework => "inconsistent-framework",
            Code::PrincipleWithoutQuestions => "principle-without-questions",
            Code::SimilarItems => "similar-items",
            Code::EvidenceMissing => "evidence-missing",
            Code::EvidenceChanged => "evidence-changed",
            Code::EvidenceUnreadable => "evidence-unreadable",
            Code::WaiverExpired => "waiver-expired",
            Code::WaiverUnused => "waiver-unused",
            Code::AnswerUnused => "answer-unused",
            Code::UnknownPrinciple => "unknown-principle",
            Code::UnknownRisk => "unknown-risk",
            Code::InvalidResult => "invalid-result",
            Code::MergeConflict => "merge-conflict",
            Code::TemplateError => "template-error",
            Code::DiffMismatch => "diff-mismatch",
            Code::CannotMigrate => "cannot-migrate",
            Code::NeedsReview => "needs-review",
        }
    }
}

impl Code {
    /// Whether the code reports a problem with an evidence file.
    pub fn is_evidence(self) -> bool {
        matches!(
            self,
            Code::EvidenceMissing | Code::EvidenceChanged | Code::EvidenceUnreadable
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file, when a place exists.
    pub pos: Option<Pos>,
    /// One sentence saying what is wrong.
    pub message: String,
    /// A short label shown under the offending text.
    pub label: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file` at `pos`.
    pub fn error(code: Code, file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            file: file.to_owned(),
            pos,
            message: message.into(),
            label: None,
            hint: None,
        }
    }

    /// A warning in `file` at `pos`.
    pub fn warning(code: Code, file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, file, pos, message)
        }
    }

    /// Adds the label shown under the offending text.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col`, or just the file when there is no position.
    pub fn location(&self) -> String {
        match self.pos {
            Some(pos) => format!("{}:{}:{}", self.file, pos.line, pos.col),
            None => self.file.clone(),
        }
    }
}

/// The diagnostics of one run, kept in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when at least one diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics sorted by file and position, errors before warnings at one place.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.items.extend(iter);
    }
}

/// Renders diagnostics as rustc-style snippets; `source` supplies the lines to quote.
pub fn render(diagnostics: &[Diagnostic], source: Option<&SourceFile>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let quoted = source.filter(|s| s.name == diagnostic.file);
        out.push_str(&renderer.render(&[group(diagnostic, quoted)]));
        out.push('\n');
    }
    out
}

fn group<'a>(diagnostic: &'a Diagnostic, source: Option<&'a SourceFile>) -> Group<'a> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_str());
    let snippet = diagnostic.pos.and_then(|pos| {
        let line = source?.line(pos.line)?;
        let span = token_span(line, pos.col);
        let label = diagnostic.label.as_deref().unwrap_or("");
        Some(
            Snippet::source(line)
                .line_start(pos.line as usize)
                .path(diagnostic.file.as_str())
                .annotation(AnnotationKind::Primary.span(span).label(label)),
        )
    });
    let mut group = match snippet {
        Some(snippet) => title.element(snippet),
        None => title.element(location_only(diagnostic)),
    };
    if let Some(hint) = &diagnostic.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    group
}

fn location_only(diagnostic: &Diagnostic) -> Origin<'_> {
    let origin = Origin::path(diagnostic.file.as_str());
    match diagnostic.pos {
        Some(pos) => origin.line(pos.line as usize).char_column(pos.col as usize),
        None => origin,
    }
}

/// The byte range of the YAML token starting at 1-based character column `col`.
///
/// A quoted scalar runs to its closing quote; a plain one stops at `: `, ` #`, `,`, `]` or `}`.
fn token_span(line: &str, col: u32) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let len = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |end| end + 2),
        Some(_) => plain_token_len(rest),
        None => 0,
    };
    let end = start + len.max(rest.chars().next().map_or(0, char::len_utf8));
    start..end.min(line.len()).max(start)
}

fn plain_token_len(rest: &str) -> usize {
    let mut end = rest.len();
    for stop in [": ", " #", ",", "]", "}"] {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    if rest.ends_with(':') && end == rest.len() {
        end -= 1;
    }
    rest[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_span_covers_plain_keys_and_values() {
        assert_eq!(token_span("  answer: maybe # hm", 3), 2..8);
        assert_eq!(token_span("  answer: maybe # hm", 11), 10..15);
        assert_eq!(token_span("  kind: \"a: b\"", 9), 8..14);
        assert_eq!(token_span("  F1.Q9:", 3), 2..7);
        assert_eq!(token_span("", 1), 0..0);
    }

    #[test]
    fn renders_location_message_and_hint() {
        let source = SourceFile::new("q.yaml", "answers:\n  F1.Q1:\n    answr: yes\n");
        let diagnostic = Diagnostic::error(
            Code::UnknownKey,
            "q.yaml",
            Some(Pos::new(3, 5)),
            "unknown key `answr`",
        )
        .with_label("not a field of an answer")
        .with_hint("did you mean `answer`?");
        let text = render(&[diagnostic], Some(&source), false);
        assert!(
            text.contains("error[unknown-key]: unknown key `answr`"),
            "{text}"
        );
        assert!(text.contains("q.yaml:3:5"), "{text}");
        assert!(text.contains("answr: yes"), "{text}");
        assert!(text.contains("did you mean `answer`?"), "{text}");
    }
}

#[cfg(test)]
mod code_names {
    use super::Code;

    #[test]
    fn serde_names_are_the_printed_names() {
        for code in Code::ALL {
            let json = serde_json::to_value(code).expect("serialises");
            assert_eq!(json, code.as_str(), "{code:?}");
        }
    }
}
