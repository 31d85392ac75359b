//! Editing a questionnaire's YAML text in place: one answer entry is replaced, or a new one
//! inserted under `answers:`, and every other byte of the file stays as the user left it.
//!
//! The document is never re-serialised. The parsed tree says where each answer's key starts;
//! an entry runs from its key line to the last line indented deeper than the key. Comments
//! inside an entry are carried into the replacement (the one after `answer:` stays on that
//! line), so notes a user wrote beside an answer survive the edit.

use std::fmt::Write as _;
use std::ops::Range;

use crate::framework::Framework;
use crate::questionnaire::raw::{RawAnswer, RawEvidence};
use crate::questionnaire::span_edit::{self, Edit};
use crate::source::yaml::{self, Entry, NodeValue};
use crate::source::{Limits, Pos};
use crate::text::yaml_quoted as quoted;

/// Why an answer could not be written into the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The current text is not YAML that can be edited.
    #[error("the file is not valid YAML: {0}")]
    NotYaml(String),
    /// The answers are written in a form this editor does not change.
    #[error("{0}")]
    Unsupported(String),
}

/// The text with `id`'s answer entry set to `answer`, replacing the entry if the file has
/// one and inserting it in framework order otherwise.
pub fn set_answer(
    text: &str,
    framework: &Framework,
    id: &str,
    answer: &RawAnswer,
    limits: &Limits,
) -> Result<String, EditError> {
    let parsed = yaml::parse(text, limits).map_err(|failure| {
        EditError::NotYaml(match failure {
            yaml::ParseFailure::Syntax { message, .. } => message,
            yaml::ParseFailure::ComplexKey { .. } => "a mapping key is not a scalar".to_owned(),
        })
    })?;
    let lines = Lines::new(text);
    let edit = match parsed.root.entry("answers") {
        None => append_answers(text, &lines, id, answer),
        Some(answers) => match &answers.value.value {
            NodeValue::Map(entries) if !entries.is_empty() => {
                if answers.value.pos.line == answers.key_pos.line {
                    return Err(flow_style());
                }
                match entries.iter().find(|e| e.key == id) {
                    Some(entry) => replace_entry(&lines, entry, id, answer)?,
                    None => insert_entry(&lines, framework, entries, id, answer)?,
                }
            }
            NodeValue::Map(_) | NodeValue::Null => open_answers(&lines, answers, id, answer)?,
            _ => {
                return Err(EditError::Unsupported(
                    "`answers:` is not a mapping of question ids".to_owned(),
                ));
            }
        },
    };
    span_edit::apply(text, &[edit]).map_err(|err| {
        EditError::Unsupported(format!(
            "the answer's place in the file could not be worked out ({err})"
        ))
    })
}

fn flow_style() -> EditError {
    EditError::Unsupported(
        "`answers:` is written in flow style (`{…}` on one line); the interview edits answers \
         written one key per line, as `dpisafe init` writes them"
            .to_owned(),
    )
}

/// Line starts and the line-break style of a text.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    newline: &'static str,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        if starts.last() == Some(&text.len()) && !text.is_empty() {
            starts.pop();
        }
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Self {
            text,
            starts,
            newline,
        }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// Line `index` (0-based) without its line break.
    fn line(&self, index: usize) -> &'a str {
        let range = self.range(index);
        self.text[range]
            .trim_end_matches('\n')
            .trim_end_matches('\r')
    }

    /// Bytes of line `index`, with its line break.
    fn range(&self, index: usize) -> Range<usize> {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        start..end
    }

    /// 0-based line index of a position.
    fn index(&self, pos: Pos) -> usize {
        (pos.line as usize)
            .saturating_sub(1)
            .min(self.count().saturating_sub(1))
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Where an entry's key stands: its line and indentation, if the key begins the line.
fn key_line(lines: &Lines<'_>, entry: &Entry) -> Result<(usize, usize), EditError> {
    let index = lines.index(entry.key_pos);
    let line = lines.line(index);
    let column = (entry.key_pos.col as usize).saturating_sub(1);
    let leading = indent(line);
    if leading != column {
        return Err(flow_style());
    }
    Ok((index, leading))
}

/// The last line of the entry whose key is on line `key`, indented `key_indent`: every
/// following line indented deeper (or inside a block scalar), ignoring trailing blank lines.
fn entry_end(lines: &Lines<'_>, key: usize, key_indent: usize) -> usize {
    let mut last = key;
    let mut scalar: Option<usize> = None;
    for index in key + 1..lines.count() {
        let line = lines.line(index);
        let body = line.trim_start_matches(' ');
        if body.trim().is_empty() {
            continue;
        }
        let depth = indent(line);
        if let Some(header) = scalar {
            if depth > header {
                last = index;
                continue;
            }
            scalar = None;
        }
        if body.starts_with('#') {
            // A comment belongs to the entry only when content of the entry follows it, or
            // when it is indented under the key; one at the key's depth introduces the next.
            if depth > key_indent {
                last = index;
            }
            continue;
        }
        if depth <= key_indent {
            break;
        }
        last = index;
        if opens_block_scalar(body) {
            scalar = Some(depth);
        }
    }
    last
}

/// Whether a line ends with a block scalar header (`notes: |`, `- >-`).
fn opens_block_scalar(body: &str) -> bool {
    let code = comment_start(body)
        .map_or(body, |at| &body[..at])
        .trim_end();
    let (before, last) = match code.rfind(' ') {
        Some(at) => (code[..at].trim_end(), &code[at + 1..]),
        None => ("", code),
    };
    let header = last.starts_with(['|', '>'])
        && last[1..]
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit());
    header && (before.ends_with(':') || before.ends_with('-'))
}

/// Byte offset where a comment starts on a line of YAML, outside quoted strings.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            // `''` inside single quotes is one quote, not the end of the string.
            Some('\'') if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && previous.is_whitespace() => return Some(at),
            None if (c == '"' || c == '\'')
                && (previous.is_whitespace() || "[{,:-".contains(previous)) =>
            {
                quote = Some(c);
            }
            None => {}
        }
        previous = c;
    }
    None
}

/// Comments found in an entry, to carry into its replacement.
#[derive(Debug, Default)]
struct Kept {
    /// The key line's own trailing comment.
    on_key: Option<String>,
    /// Trailing comments of the entry's own fields (`answer:`, `notes:` …), with the column
    /// each started at, to put back on the same field's line.
    on_fields: Vec<(&'static str, usize, String)>,
    /// Every other comment, as whole lines.
    lines: Vec<String>,
}

/// The fields of an answer entry, in the order they are written.
const FIELDS: [&str; 4] = ["answer", "reason", "evidence", "notes"];

fn kept_comments(lines: &Lines<'_>, key: usize, last: usize, field_indent: usize) -> Kept {
    let mut kept = Kept::default();
    let key_line = lines.line(key);
    kept.on_key = comment_start(key_line).map(|at| key_line[at..].to_owned());
    let mut scalar: Option<usize> = None;
    for index in key + 1..=last {
        let line = lines.line(index);
        let body = line.trim_start_matches(' ');
        let depth = indent(line);
        if let Some(header) = scalar {
            if depth > header || body.trim().is_empty() {
                continue;
            }
            scalar = None;
        }
        if body.starts_with('#') {
            kept.lines.push(line.to_owned());
            continue;
        }
        if let Some(at) = comment_start(line) {
            let comment = line[at..].to_owned();
            let field = FIELDS
                .into_iter()
                .find(|f| {
                    depth == field_indent
                        && body.strip_prefix(f).is_some_and(|r| r.starts_with(':'))
                })
                .filter(|f| !kept.on_fields.iter().any(|(g, _, _)| g == f));
            if let Some(field) = field {
                kept.on_fields
                    .push((field, line[..at].chars().count(), comment));
            } else {
                kept.lines
                    .push(format!("{}{comment}", " ".repeat(field_indent)));
            }
        }
        if opens_block_scalar(body) {
            scalar = Some(depth);
        }
    }
    kept
}

fn replace_entry(
    lines: &Lines<'_>,
    entry: &Entry,
    id: &str,
    answer: &RawAnswer,
) -> Result<Edit, EditError> {
    let (key, key_indent) = key_line(lines, entry)?;
    let last = entry_end(lines, key, key_indent);
    let field_indent = (key + 1..=last)
        .map(|i| lines.line(i))
        .find(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .map_or(key_indent + 2, indent);
    let kept = kept_comments(lines, key, last, field_indent);
    let start = lines.range(key).start;
    let end = lines.range(last).end;
    let ends_with_break = lines.text[..end].ends_with('\n');
    let mut replacement = render_entry(id, key_indent, field_indent, answer, &kept, lines.newline);
    if !ends_with_break {
        let cut = replacement.len() - lines.newline.len();
        replacement.truncate(cut);
    }
    Ok(Edit {
        range: start..end,
        replacement,
    })
}

fn insert_entry(
    lines: &Lines<'_>,
    framework: &Framework,
    entries: &[Entry],
    id: &str,
    answer: &RawAnswer,
) -> Result<Edit, EditError> {
    let rank = |question: &str| framework.questions.iter().position(|q| q.id == question);
    let target = rank(id);
    let before = entries
        .iter()
        .filter_map(|e| rank(&e.key).map(|r| (r, e)))
        .filter(|(r, _)| Some(*r) < target)
        .max_by_key(|(r, _)| *r)
        .map(|(_, e)| e);
    let (_, key_indent) = key_line(lines, &entries[0])?;
    let text = render_entry(
        id,
        key_indent,
        key_indent + 2,
        answer,
        &Kept::default(),
        lines.newline,
    );
    let at = match before {
        Some(entry) => {
            let (key, indent) = key_line(lines, entry)?;
            lines.range(entry_end(lines, key, indent)).end
        }
        None => {
            let (mut key, indent_of_first) = key_line(lines, &entries[0])?;
            // Above the first entry's own comments, so they stay with it.
            while key > 0 {
                let line = lines.line(key - 1);
                if line.trim_start().starts_with('#') && indent(line) == indent_of_first {
                    key -= 1;
                } else {
                    break;
                }
            }
            lines.range(key).start
        }
    };
    let lead = if at == lines.text.len() && !lines.text.ends_with('\n') {
        lines.newline
    } else {
        ""
    };
    Ok(Edit {
        range: at..at,
        replacement: format!("{lead}{text}"),
    })
}

/// `answers:` with no entries yet (`answers:`, `answers: {}`, `answers: ~`): the key line is
/// rewritten as a block mapping key, keeping its comment, and the entry follows it.
fn open_answers(
    lines: &Lines<'_>,
    answers: &Entry,
    id: &str,
    answer: &RawAnswer,
) -> Result<Edit, EditError> {
    let (key, key_indent) = key_line(lines, answers)?;
    let last = entry_end(lines, key, key_indent);
    if last != key {
        // Lines below an empty `answers:` that are indented under it are comments only.
        let only_comments = (key + 1..=last).all(|i| {
            let body = lines.line(i).trim();
            body.is_empty() || body.starts_with('#')
        });
        if !only_comments {
            return Err(flow_style());
        }
    }
    let line = lines.line(key);
    let comment = comment_start(line).map_or(String::new(), |at| format!(" {}", &line[at..]));
    let head = format!(
        "{}answers:{comment}{}",
        " ".repeat(key_indent),
        lines.newline
    );
    let entry = render_entry(
        id,
        key_indent + 2,
        key_indent + 4,
        answer,
        &Kept::default(),
        lines.newline,
    );
    Ok(Edit {
        range: lines.range(key),
        replacement: format!("{head}{entry}"),
    })
}

/// No `answers:` key at all: one is added at the end of the file.
fn append_answers(text: &str, lines: &Lines<'_>, id: &str, answer: &RawAnswer) -> Edit {
    let lead = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        lines.newline
    };
    let entry = render_entry(id, 2, 4, answer, &Kept::default(), lines.newline);
    Edit {
        range: text.len()..text.len(),
        replacement: format!("{lead}answers:{}{entry}", lines.newline),
    }
}

/// One answer entry as YAML lines, each ending with `newline`.
fn render_entry(
    id: &str,
    key_indent: usize,
    field_indent: usize,
    answer: &RawAnswer,
    kept: &Kept,
    newline: &str,
) -> String {
    let pad = " ".repeat(key_indent);
    let field = " ".repeat(field_indent);
    let mut out = String::new();
    let key_comment = kept
        .on_key
        .as_deref()
        .map_or(String::new(), |c| format!(" {c}"));
    let _ = write!(out, "{pad}{}:{key_comment}{newline}", key(id));
    for line in &kept.lines {
        let _ = write!(out, "{line}{newline}");
    }
    let line = |out: &mut String, name: &str, value: Option<String>| {
        let text = match value {
            Some(value) => format!("{field}{name}: {value}"),
            None => format!("{field}{name}:"),
        };
        match kept.on_fields.iter().find(|(f, _, _)| *f == name) {
            Some((_, column, comment)) => {
                let width = (*column).max(text.chars().count() + 1);
                let _ = write!(out, "{text:<width$}{comment}{newline}");
            }
            None => {
                let _ = write!(out, "{text}{newline}");
            }
        }
    };
    line(
        &mut out,
        "answer",
        answer.answer.map(|v| v.as_str().to_owned()),
    );
    if let Some(reason) = &answer.reason {
        line(&mut out, "reason", Some(quoted(reason)));
    }
    if answer.evidence.is_empty() {
        line(&mut out, "evidence", Some("[]".to_owned()));
    } else {
        line(&mut out, "evidence", None);
        for item in &answer.evidence {
            evidence_item(&mut out, &field, item, newline);
        }
    }
    line(&mut out, "notes", answer.notes.as_deref().map(quoted));
    out
}

fn evidence_item(out: &mut String, field: &str, item: &RawEvidence, newline: &str) {
    let _ = write!(out, "{field}  - ref: {}{newline}", quoted(&item.reference));
    let more = [
        ("kind", &item.kind),
        ("date", &item.date),
        ("sha256", &item.sha256),
        ("title", &item.title),
    ];
    for (name, value) in more {
        if let Some(value) = value {
            let _ = write!(out, "{field}    {name}: {}{newline}", quoted(value));
        }
    }
}

/// A question id as a YAML key: plain when it is only letters, digits, dots and dashes.
fn key(id: &str) -> String {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_')
        && id.starts_with(|c: char| c.is_ascii_alphanumeric());
    if plain { id.to_owned() } else { quoted(id) }
}

#[cfg(test)]
mod tests;
