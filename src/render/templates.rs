//! The report templates: embedded in the binary, or read from a directory given with
//! `--templates DIR` (a file missing there falls back to the embedded one).
//!
//! Markdown and HTML go through minijinja with strict undefined values, a fuel limit and an
//! escaping rule per format: HTML escaping for `.html.j2`, Markdown escaping for `.md.j2`, so a
//! `|` or `*` in a respondent's note can neither split a table cell nor become emphasis. The
//! Typst template is passed to the PDF engine untouched; data reaches it only as JSON.

use std::path::{Path, PathBuf};

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use super::view::ReportView;

/// The Markdown template's file name.
pub const MARKDOWN: &str = "report.md.j2";
/// The HTML template's file name.
pub const HTML: &str = "report.html.j2";
/// The Typst template's file name.
pub const TYPST: &str = "report.typ";
/// The executive brief's Markdown template.
pub const BRIEF_MARKDOWN: &str = "brief.md.j2";
/// The executive brief's HTML template.
pub const BRIEF_HTML: &str = "brief.html.j2";
/// The executive brief's Typst template.
pub const BRIEF_TYPST: &str = "brief.typ";

const EMBEDDED: [(&str, &str); 6] = [
    (MARKDOWN, include_str!("../../templates/report.md.j2")),
    (HTML, include_str!("../../templates/report.html.j2")),
    (TYPST, include_str!("../../templates/report.typ")),
    (BRIEF_MARKDOWN, include_str!("../../templates/brief.md.j2")),
    (BRIEF_HTML, include_str!("../../templates/brief.html.j2")),
    (BRIEF_TYPST, include_str!("../../templates/brief.typ")),
];

/// Instructions a template may run before it is stopped (a runaway loop in a user's template).
const FUEL: u64 = 50_000_000;

/// A template problem: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct TemplateError {
    /// The template file.
    pub file: String,
    /// The line, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// The report's and the brief's templates' sources.
#[derive(Debug, Clone)]
pub struct Templates {
    sources: Vec<(&'static str, String, PathBuf)>,
    /// Whether any of them comes from a `--templates` directory rather than dpisafe itself.
    custom: bool,
}

impl Templates {
    /// The templates built into dpisafe.
    pub fn embedded() -> Self {
        Self {
            sources: EMBEDDED
                .iter()
                .map(|(name, text)| {
                    (
                        *name,
                        (*text).to_owned(),
                        PathBuf::from("templates").join(name),
                    )
                })
                .collect(),
            custom: false,
        }
    }

    /// Whether any template is the user's: those run under the command line's time and memory
    /// budget, since a template can loop or grow a string without end.
    pub fn is_custom(&self) -> bool {
        self.custom
    }

    /// The templates of `dir`, each falling back to the embedded one when the file is absent.
    pub fn from_dir(dir: &Path) -> Result<Self, TemplateError> {
        if !dir.is_dir() {
            return Err(TemplateError {
                file: dir.display().to_string(),
                line: None,
                message: "is not a directory of templates".to_owned(),
            });
        }
        let mut templates = Self::embedded();
        for (name, text, path) in &mut templates.sources {
            let candidate = dir.join(*name);
            if candidate.exists() {
                *text = read_template(&candidate)?;
                *path = candidate;
                templates.custom = true;
            }
        }
        Ok(templates)
    }

    /// The source of one template.
    pub fn source(&self, name: &str) -> &str {
        self.sources
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or("", |(_, text, _)| text.as_str())
    }

    /// Where one template came from, for messages.
    pub fn origin(&self, name: &str) -> String {
        self.sources
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or_else(
                || name.to_owned(),
                |(_, _, path)| path.display().to_string(),
            )
    }

    /// Renders the Markdown or HTML template `name` with `view` and `extra` values.
    pub fn render(
        &self,
        name: &'static str,
        view: &ReportView,
        extra: &[(&str, Value)],
    ) -> Result<String, TemplateError> {
        let fail = |err: minijinja::Error| TemplateError {
            file: self.origin(name),
            line: err.line(),
            message: describe(&err),
        };
        let mut env = environment();
        env.add_template_owned(name, self.source(name).to_owned())
            .map_err(fail)?;
        let template = env.get_template(name).map_err(fail)?;
        let mut context = std::collections::BTreeMap::new();
        context.insert("view", Value::from(Serde(view)));
        // The fixed text in the report's language, also as `t` for brevity (`t.summary`).
        context.insert("t", Value::from(Serde(&view.t)));
        context.extend(extra.iter().cloned());
        let context = Value::from(context);
        template.render(context).map_err(fail)
    }
}

/// The largest template read: far above any real one, so a huge file is refused at once.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

/// A template file's text, if it is a regular file of sensible size: a FIFO, a device or a
/// `/proc` file named `report.md.j2` would block the run forever.
fn read_template(path: &Path) -> Result<String, TemplateError> {
    let refuse = |message: String| TemplateError {
        file: path.display().to_string(),
        line: None,
        message,
    };
    let meta = std::fs::metadata(path).map_err(|err| refuse(format!("cannot be read: {err}")))?;
    if !meta.is_file() || crate::source::is_pseudo_file(path) {
        return Err(refuse(
            "the template is not a regular file (a pipe, a device or a system file), so it is not read".to_owned(),
        ));
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(refuse(format!(
            "is {} bytes; templates are read up to {MAX_TEMPLATE_BYTES}",
            meta.len()
        )));
    }
    std::fs::read_to_string(path).map_err(|err| refuse(format!("cannot be read: {err}")))
}

/// Renders a built-in template other than the report's (the `diff` document, for one) from
/// its source with the given context. The name's extension picks the escaping, as for the
/// report templates, and the same limits apply.
pub fn render_source(
    name: &str,
    source: &str,
    context: &[(&str, Value)],
) -> Result<String, TemplateError> {
    let fail = |err: minijinja::Error| TemplateError {
        file: format!("templates/{name}"),
        line: err.line(),
        message: describe(&err),
    };
    let mut env = environment();
    env.add_template_owned(name.to_owned(), source.to_owned())
        .map_err(fail)?;
    let template = env.get_template(name).map_err(fail)?;
    let context: std::collections::BTreeMap<&str, Value> = context.iter().cloned().collect();
    template.render(Value::from(context)).map_err(fail)
}

/// Renders a built-in template with `data` as `view` (the portfolio's templates read it so).
pub fn render_builtin<T: serde::Serialize>(
    name: &str,
    source: &str,
    data: &T,
) -> Result<String, TemplateError> {
    render_source(name, source, &[("view", Value::from(Serde(data)))])
}

pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(64);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") || name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md.j2") || name.ends_with(".md") {
            AutoEscape::Custom("markdown".into())
        } else {
            AutoEscape::None
        }
    });
    env.add_filter("emphasis", emphasis);
    env.add_filter("wrap", wrap);
    env.set_formatter(|out, state, value| {
        if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "markdown")
            && !value.is_safe()
        {
            let text = if value.is_none() || value.is_undefined() {
                String::new()
            } else {
                value.to_string()
            };
            out.write_str(&escape_markdown(&text))
                .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write"))
        } else if let Some(std::borrow::Cow::Owned(text)) =
            value.as_str().map(crate::text::without_controls)
        {
            // Raw escapes and NUL bytes in user text never reach a document.
            minijinja::escape_formatter(out, state, &Value::from(text))
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env
}

/// The `emphasis` filter: escapes a catalog text for the template's format and turns its
/// `*word*` marks into that format's emphasis (`*word*` in Markdown, `<em>` in HTML), so a
/// translation can stress a word without writing markup.
fn emphasis(state: &minijinja::State<'_, '_>, text: &str) -> Value {
    let html = matches!(state.auto_escape(), AutoEscape::Html);
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in text.split('*').enumerate() {
        let escaped = escape_for(state, part);
        let stressed = i % 2 == 1;
        match (stressed, html) {
            (false, _) => out.push_str(&escaped),
            (true, true) => out.push_str(&format!("<em>{escaped}</em>")),
            (true, false) => out.push_str(&format!("*{escaped}*")),
        }
    }
    Value::from_safe_string(out)
}

/// The `wrap` filter: a paragraph escaped for the template's format (unless already safe) and
/// broken into lines of at most `width` characters (95 by default), so Markdown source stays
/// readable whatever the language.
fn wrap(state: &minijinja::State<'_, '_>, value: &Value, width: Option<usize>) -> Value {
    let text = value.to_string();
    let escaped = if value.is_safe() {
        text
    } else {
        escape_for(state, &text)
    };
    Value::from_safe_string(crate::text::wrap(&escaped, width.unwrap_or(95)).join("\n"))
}

/// `text` escaped for the format of the template being rendered (Markdown, HTML or none).
fn escape_for(state: &minijinja::State<'_, '_>, text: &str) -> String {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == "markdown" => escape_markdown(text),
        AutoEscape::Html => super::charts::escape(&crate::text::without_controls(text)),
        _ => text.to_owned(),
    }
}

/// The error's message with its cause, without minijinja's debug dump.
pub(crate) fn describe(err: &minijinja::Error) -> String {
    let mut message = err.kind().to_string();
    if let Some(detail) = err.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    message
}

/// Escapes text so that Markdown shows it literally, on one line: punctuation Markdown gives
/// meaning to gets a backslash, line breaks become spaces (a table row is one line).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '{' | '}'
            | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if crate::text::is_unprintable(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_markdown;

    #[test]
    fn controls_never_reach_markdown() {
        assert_eq!(
            escape_markdown("a\u{1b}[2J\u{0}b\u{9b}c\u{FFFE}"),
            "a\\[2Jbc"
        );
    }

    #[test]
    fn markdown_escaping_keeps_tables_and_emphasis_intact() {
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(escape_markdown("*not bold*"), "\\*not bold\\*");
        assert_eq!(
            escape_markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape_markdown("two\nlines"), "two lines");
    }
}
