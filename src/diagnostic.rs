//! Diagnostics: what is wrong with an input file, where, and how to fix it.
//!
//! Loaders and validators push [`Diagnostic`]s instead of returning at the first problem, so a
//! user sees every problem of a file in one run. Only the command line decides how they are
//! shown; [`render`] turns them into rustc-style snippets for a terminal.

use std::fmt;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::source::{Location, Pos, SourceFile};

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
    strum::EnumIter,
    strum::IntoStaticStr,
    strum::EnumMessage,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The file could not be read.
    #[strum(
        detailed_message = "The file does not exist, is a directory, or cannot be read (permissions). Check the \
      path; it is relative to the directory you run dpisafe from. `dpisafe portfolio` also \
      uses it for a quoted pattern that matches no file and a directory that holds no \
      .yaml, .yml or .json file."
    )]
    FileUnreadable,
    /// The file is larger than the limit.
    #[strum(
        detailed_message = "The file is larger than 16 MiB. A questionnaire is a few kilobytes; you have \
      probably named the wrong file (an archive, a PDF of evidence)."
    )]
    FileTooLarge,
    /// The file is not UTF-8 text.
    #[strum(
        detailed_message = "The file is not UTF-8 text: it is UTF-16 (often saved by Windows editors), holds \
      bytes that are not UTF-8, or holds a NUL byte (a binary file). Save it as UTF-8. The \
      position shows the first byte that is not valid."
    )]
    NotUtf8,
    /// The file is empty.
    #[strum(
        detailed_message = "The file holds nothing but whitespace or comments. Start from `dpisafe init`."
    )]
    EmptyFile,
    /// The YAML is malformed or exceeds a parser budget.
    #[strum(
        detailed_message = "The YAML cannot be parsed: an unclosed quote, a tab used for indentation, a \
      misaligned key, a list or mapping used as a key. Also reported when a file goes \
      beyond the reader's limits: more than 250,000 nodes (for example an alias \"bomb\" \
      that expands exponentially), nesting deeper than 24 levels, or more than 16 MiB of \
      text. Questionnaires never come near these limits."
    )]
    YamlSyntax,
    /// A mapping has the same key twice.
    #[strum(
        detailed_message = "The same key appears twice in one mapping, such as an answer given twice for \
      `F8.Q1`. Many YAML readers silently keep the last one; dpisafe refuses, because an \
      audit must not guess which answer you meant. Keep one."
    )]
    DuplicateKey,
    /// A value has the wrong type.
    #[strum(
        detailed_message = "A value has the wrong type: text where a list is expected (`building_blocks: id` \
      instead of `[id]`), a list where a mapping is expected. The hint shows the expected \
      form."
    )]
    WrongType,
    /// A key is not part of the format.
    #[strum(
        detailed_message = "A key that is not part of the format, usually a typo (`answr`, `evidense`). The hint \
      suggests the closest allowed key."
    )]
    UnknownKey,
    /// A required key is missing.
    #[strum(
        detailed_message = "A required key is absent: `dpisafe`, `framework` and `deployment` at the top; \
      `name`, `building_blocks` and `stage` in `deployment`; every field of a waiver. \
      `dpisafe portfolio` also needs `assessed_on` (to judge waivers on a fixed date) \
      unless `--as-of` or `SOURCE_DATE_EPOCH` gives one."
    )]
    MissingKey,
    /// A value is outside what the format allows.
    #[strum(
        detailed_message = "A value outside what the format allows: an answer other than `yes`, `partial`, `no` \
      or `n/a`; a country code not in capitals; an unknown evidence `kind`; a malformed \
      `sha256`; an empty text that must be filled."
    )]
    InvalidValue,
    /// A date is not a real calendar date in `YYYY-MM-DD` form.
    #[strum(
        detailed_message = "A date that is not `YYYY-MM-DD`, or a day that does not exist (`2026-02-30`). In a \
      framework file, `metadata.published` may also be a month (`2024-09`); the handbook's \
      PDF is dated with it."
    )]
    InvalidDate,
    /// The file's format version is not supported.
    #[strum(
        detailed_message = "`dpisafe:` (questionnaire) or `dpisafe_framework:` (framework) names a format \
      version this build does not read."
    )]
    UnsupportedVersion,
    /// The questionnaire names a different framework than the one loaded.
    #[strum(
        detailed_message = "The questionnaire answers a different framework or version than the one loaded. Use \
      the framework reference printed by `dpisafe init`, or pass the right file with \
      `--framework`."
    )]
    FrameworkMismatch,
    /// An answer is keyed by a question id the framework does not have.
    #[strum(
        detailed_message = "An answer is keyed by an id that is neither a question nor a gender check of the \
      framework. The hint suggests the closest id, or names the new id when the question \
      was renumbered (then run `dpisafe migrate`)."
    )]
    UnknownQuestion,
    /// An `n/a` answer has no reason.
    #[strum(
        detailed_message = "`n/a` takes a question out of the score, so it needs a `reason:` saying why the \
      question does not apply to this deployment."
    )]
    NaWithoutReason,
    /// A waiver names a question the framework does not have.
    #[strum(
        detailed_message = "A waiver names a question the framework does not have. (A waiver that has expired is \
      not an input error: scoring reverts the waived item and warns.)"
    )]
    UnknownWaiverQuestion,
    /// A building block the framework does not define.
    #[strum(
        detailed_message = "`deployment.building_blocks` names a block the framework does not define. The \
      embedded framework defines `id`, `payments`, `data-exchange` and `gbv-service`."
    )]
    UnknownBuildingBlock,
    /// A life-cycle stage the framework does not define.
    #[strum(
        detailed_message = "`deployment.stage` is not a life-cycle stage of the framework (`L1` to `L5`)."
    )]
    UnknownStage,
    /// A responsible authority the framework does not define.
    #[strum(
        detailed_message = "`respondent.authority` is not a responsible authority of the framework (`R1` to \
      `R5`)."
    )]
    UnknownAuthority,
    /// A framework identifier is defined twice.
    #[strum(
        detailed_message = "A framework file defines the same id twice (a stage, risk, principle, process key, \
      question or gender check)."
    )]
    DuplicateId,
    /// A framework record points at something that does not exist.
    #[strum(
        detailed_message = "A framework record names something that is not defined: a question's principle, \
      risk, stage, authority, building block or process; a gender rule's check; an alias \
      target."
    )]
    UnknownReference,
    /// A framework record names a process id that stands for several processes.
    #[strum(
        detailed_message = "A question names a process id that the framework uses for several different \
      processes, such as `F4.10`, whose variants are `F4.10a` and `F4.10b`. Linking to \
      the bare id would credit the question to every variant, and move the exposure of \
      risks the question has nothing to do with. Name the variant meant by its key."
    )]
    AmbiguousReference,
    /// Framework data that contradicts itself (for example bands out of order).
    #[strum(
        detailed_message = "Framework data that contradicts itself: credits outside 0–1 or not exactly `yes`, \
      `partial` and `no`; bands not listed from the highest down or not ending at 0; a \
      negative principle weight; a question or process id that does not start with its \
      principle."
    )]
    InconsistentFramework,
    /// A principle has no questions, so it can never be scored.
    #[strum(
        detailed_message = "A warning: a principle of a framework file has no questions, so every report will \
      show it as not assessed."
    )]
    PrincipleWithoutQuestions,
    /// Two items of a framework ask nearly the same thing.
    #[strum(
        detailed_message = "A warning: two answerable items (questions or gender checks) ask nearly the same \
      thing, judged by the words they share. Asking both makes people answer one concern \
      twice and counts it twice. Keep one, or let the gender check reuse the question \
      with `same_as`."
    )]
    SimilarItems,
    /// An evidence file named by a relative path does not exist.
    #[strum(
        detailed_message = "A warning (and, under the default policy, a `check` failure): an evidence `ref` that \
      is a path does not point at a file. Paths are relative to the questionnaire that \
      holds the answer. The answer still counts, but that entry no longer supports it, so \
      a `yes` resting only on it is reported as claimed."
    )]
    EvidenceMissing,
    /// An evidence file no longer matches its recorded SHA-256.
    #[strum(
        detailed_message = "A warning (and a `check` failure by default): the file exists but its SHA-256 \
      differs from the `sha256:` recorded beside it, so the document may not be the one \
      the answer was based on. The hint prints the new digest to record once the change \
      has been reviewed."
    )]
    EvidenceChanged,
    /// An evidence path exists but cannot be read as a file.
    #[strum(
        detailed_message = "A warning: something exists at the evidence path but it is a directory or cannot be \
      read."
    )]
    EvidenceUnreadable,
    /// A waiver's expiry date has passed; its shortfall counts again.
    #[strum(
        detailed_message = "A warning: a waiver's `expires` date is before the evaluation date: `--as-of` if \
      given, else `SOURCE_DATE_EPOCH`, else today (UTC) for `check` and the \
      questionnaire's `assessed_on` for `assess`. The waiver no longer excuses its \
      question, so a critical `no` fails `check` again. Renew the waiver with a new date \
      and approval, or close the gap."
    )]
    WaiverExpired,
    /// A waiver names a question that does not apply to the deployment.
    #[strum(
        detailed_message = "A warning: a waiver names a question that does not apply to this deployment (its \
      building blocks or stage leave the question out), so it excuses nothing."
    )]
    WaiverUnused,
    /// An answer is given for a question that does not apply to the deployment.
    #[strum(
        detailed_message = "A warning: an answer is given for a question that does not apply to this deployment \
      (its building blocks or stage leave the question out), so the answer is not scored. \
      Often the deployment's `stage` or `building_blocks` is not what the respondent had \
      in mind."
    )]
    AnswerUnused,
    /// A policy names a principle the framework does not define.
    #[strum(
        detailed_message = "A policy file sets a threshold for a principle id the framework does not define."
    )]
    UnknownPrinciple,
    /// A policy names a risk the framework does not define.
    #[strum(
        detailed_message = "A policy file sets a limit for a risk id the framework does not define."
    )]
    UnknownRisk,
    /// A saved result (a baseline, or input to `render`) cannot be used.
    #[strum(
        detailed_message = "A file given to `check --baseline`, to `dpisafe render` or (as a saved result) to \
      `dpisafe portfolio` is not a JSON result written by `dpisafe assess --format json` \
      or `dpisafe check --format json`, was written in a report format version this build \
      does not read, or (for a baseline) describes another deployment or framework. Write \
      it again with the current version. `portfolio` also refuses a result made against \
      another framework than the one loaded."
    )]
    InvalidResult,
    /// Questionnaires given to `--merge` describe different deployments.
    #[strum(
        detailed_message = "`assess --merge` was given questionnaires about different deployments: their \
      deployment name, stage or building blocks differ. Merge only answers about the same \
      deployment."
    )]
    MergeConflict,
    /// A report template (built in or from `--templates`) cannot be rendered.
    #[strum(
        detailed_message = "A report template could not be rendered: a syntax error, a name the template uses \
      that the report does not have, or a template that runs too long. The message names \
      the template file and line. Templates from `--templates DIR` replace the built-in \
      ones file by file; remove the faulty file to fall back to the built-in template."
    )]
    TemplateError,
    /// The two inputs of `diff` are about different deployments or framework versions.
    #[strum(
        detailed_message = "`dpisafe diff` was given two assessments that cannot be compared: the deployment's \
      name or country differ, or they were made against different frameworks or framework \
      versions (or a saved result against another framework than the one loaded). A diff \
      follows one deployment over time. If the deployment was renamed, `--allow-different` \
      compares it anyway; across framework versions, carry the older questionnaire over \
      with `dpisafe migrate` first and assess it again."
    )]
    DiffMismatch,
    /// `migrate` cannot carry the file over: it names a framework the loaded one does not
    /// supersede, or its `framework:` reference is written in a form it does not edit.
    #[strum(
        detailed_message = "`dpisafe migrate` cannot carry the file over, and writes nothing: the questionnaire \
      names another framework, or a version the loaded framework does not supersede (its \
      `metadata.supersedes` lists the versions it replaces), or its `framework:` reference \
      is written in a form migrate does not edit (a block scalar, or quotes with escapes). \
      Pass the framework file that replaces the file's version with `--framework`, or \
      write the reference as plain text (`framework: <id>@<version>`) and run migrate \
      again."
    )]
    CannotMigrate,
    /// `migrate` left an id for a person to decide: several candidates, or none.
    #[strum(
        detailed_message = "`dpisafe migrate` left an id as it was for a person to decide: the framework's alias \
      table gives several successors (the question was split; the candidates are listed), \
      the id is unknown to the new framework and no alias covers it, two old ids would \
      become the same new one, or the id is written in a form migrate does not edit (it \
      then names the id it should become). Open the file at the position shown, choose, \
      and run `dpisafe validate`. The command exits with 1 when anything needs review; the \
      file is still written with everything else carried over."
    )]
    NeedsReview,
    /// An action register names an action that no question or gender check can have.
    #[strum(
        detailed_message = "An entry of an action register (`dpisafe plan`) has an id that is not `A-` and a \
      question or gender check of the framework. Action ids are the item's id with `A-` in \
      front (`A-F8.Q1`); `dpisafe plan init` writes them for you. When the question was \
      renumbered, the hint names its new id."
    )]
    UnknownAction,
    /// An action register lists the same action twice.
    #[strum(
        detailed_message = "An action register has two entries for one action. Each action has one owner, one \
      due date and one status: keep one entry and move what the other says into it."
    )]
    DuplicateAction,
    /// An action marked `not-planned` gives no reason.
    #[strum(
        detailed_message = "Deciding not to act on a gap is a decision someone must be able to review, so an \
      entry with `status: not-planned` needs a `reason:` saying why."
    )]
    NotPlannedWithoutReason,
    /// An action register entry whose action is no longer in the plan, though still pending.
    #[strum(
        detailed_message = "The action register lists an action as open or in progress, but the assessment no \
      longer calls for it: the gap was closed, or the question no longer applies. Run \
      `dpisafe plan update` to mark it done with the assessment's date."
    )]
    PlanStale,
    /// A crosswalk leaves an item of the target standard without a link or a reason.
    #[strum(
        detailed_message = "Every item of the standard a crosswalk maps to must be reached by at least one \
      link from a question or gender check, or carry `not_covered:` saying why the safeguards \
      framework does not cover it. Otherwise a derived view would show the item as a gap \
      nobody explained."
    )]
    CrosswalkGap,
}

impl Code {
    /// Every code, in documentation order (the order of the enum).
    pub fn all() -> impl Iterator<Item = Code> {
        <Code as strum::IntoEnumIterator>::iter()
    }

    /// The kebab-case name printed in messages.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the code means, in one line: its documentation comment.
    pub fn description(self) -> String {
        self.documentation()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What the code means and how to fix it, as `docs/codes.md` explains it: the
    /// `detailed_message` written beside each variant.
    pub fn explanation(self) -> &'static str {
        strum::EnumMessage::get_detailed_message(&self).unwrap_or_default()
    }

    fn documentation(self) -> &'static str {
        strum::EnumMessage::get_documentation(&self).unwrap_or_default()
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
            Some(pos) => Location::new(&self.file, pos).to_string(),
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

    /// Keeps only the diagnostics `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
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
        let shown = one_line(diagnostic);
        let rendered = renderer.render(&[group(&shown, quoted)]);
        out.push_str(&visible_c1(&rendered));
        out.push('\n');
    }
    out
}

/// The diagnostic with line breaks in its message and label shown as `⏎`: they quote user
/// text, and a line of a terminal or CI log must never begin with it (`::error file=…` is a
/// GitHub Actions command).
fn one_line(diagnostic: &Diagnostic) -> Diagnostic {
    let flat = |text: &str| text.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
    Diagnostic {
        message: flat(&diagnostic.message),
        label: diagnostic.label.as_deref().map(flat),
        ..diagnostic.clone()
    }
}

/// C1 control characters (U+0080–U+009F) written as `\u{9b}`. The snippet renderer already
/// shows C0 controls and bidi overrides as symbols, but passes C1 through, and a terminal reads
/// U+009B as the start of a control sequence. None of dpisafe's own text holds them.
fn visible_c1(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_c1) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if is_c1(c) {
                crate::text::escaped(c)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
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
    fn c1_controls_and_line_breaks_from_user_text_stay_visible() {
        let source = SourceFile::new("q.yaml", "a: 1\n");
        let diagnostic = Diagnostic::error(
            Code::UnknownKey,
            "q.yaml",
            Some(Pos::new(1, 1)),
            "unknown key `x\u{9b}2J\n::error file=a`",
        );
        let text = render(&[diagnostic], Some(&source), false);
        assert!(!text.contains('\u{9b}'), "{text}");
        assert!(text.contains("x\\u{9b}2J⏎::error file=a"), "{text}");
        assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");
    }

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
        for code in Code::all() {
            let json = serde_json::to_value(code).expect("serialises");
            assert_eq!(json, code.as_str(), "{code:?}");
        }
    }
}
