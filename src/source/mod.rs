//! Source files and positions: reading a file once, and the YAML tree that remembers where
//! every node came from.
//!
//! Everything after this stage refers back to a [`SourceFile`] by its text and to a [`Pos`]
//! inside it, so every diagnostic can show file:line:col and a snippet.

pub mod yaml;

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};

/// A 1-based line and column, plus the byte offset, of a place in a source file.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
}

impl Pos {
    /// A position at `line`, `col` (both 1-based).
    pub const fn new(line: u32, col: u32) -> Self {
        Self { line, col }
    }

    fn from_location(loc: &serde_saphyr::Location) -> Option<Self> {
        let line = u32::try_from(loc.line()).ok()?;
        let col = u32::try_from(loc.column()).ok()?;
        (line > 0).then_some(Self {
            line,
            col: col.max(1),
        })
    }
}

/// A byte range of a source text: where a node's own text starts and ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, for slicing the text.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    fn from_location(loc: &serde_saphyr::Location) -> Option<Self> {
        let span = loc.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        Some(Self {
            start,
            end: start + len,
        })
    }
}

/// Resource limits for reading untrusted YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// Largest number of YAML nodes (aliases count each time they are expanded).
    pub max_nodes: usize,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 16 * 1024 * 1024,
            max_nodes: 250_000,
            max_depth: 24,
        }
    }
}

/// A file's name as shown to the user, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as the user gave it (or a name such as `<embedded>`).
    pub name: String,
    /// The file's text, with a leading byte-order mark removed.
    pub text: String,
}

impl SourceFile {
    /// A source from text already in memory.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let text = text
            .strip_prefix('\u{FEFF}')
            .map(str::to_owned)
            .unwrap_or(text);
        Self {
            name: name.into(),
            text,
        }
    }

    /// The text of line `line` (1-based), without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text.lines().nth(index)
    }
}

/// Reads a file as UTF-8 text within `limits`, or explains why it cannot be used.
pub fn read(path: &Path, limits: &Limits) -> Result<SourceFile, Diagnostic> {
    let name = path.display().to_string();
    let unreadable =
        |message: String| Diagnostic::error(Code::FileUnreadable, &name, None, message);
    let metadata = std::fs::metadata(path).map_err(|err| {
        unreadable(format!("cannot read `{name}`: {}", io_reason(&err)))
            .with_hint("check the path; paths are relative to the current directory")
    })?;
    if metadata.is_dir() {
        return Err(unreadable(format!("`{name}` is a directory, not a file"))
            .with_hint("name a YAML file inside it"));
    }
    // Devices and pipes report no length and may never end (`/dev/zero`).
    if !metadata.is_file() {
        return Err(unreadable(format!("`{name}` is not a regular file"))
            .with_hint("name a YAML file; devices and pipes are not read"));
    }
    if metadata.len() > limits.max_file_bytes as u64 {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            &name,
            None,
            format!(
                "`{name}` is {} bytes, more than the limit of {} bytes",
                metadata.len(),
                limits.max_file_bytes
            ),
        )
        .with_hint("questionnaires are a few kilobytes; check that this is the right file"));
    }
    // Read at most one byte past the limit, in case the file grew after it was measured.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(file, limits.max_file_bytes as u64 + 1),
                &mut bytes,
            )
        })
        .map_err(|err| unreadable(format!("cannot read `{name}`: {}", io_reason(&err))))?;
    if bytes.len() > limits.max_file_bytes {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            &name,
            None,
            format!(
                "`{name}` grew past the limit of {} bytes while it was read",
                limits.max_file_bytes
            ),
        )
        .with_hint("read a file that is not being written to"));
    }
    from_bytes(&name, bytes)
}

/// Turns raw bytes into a source, rejecting non-UTF-8 and empty input.
pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(Pos::new(1, 1)),
            "the file is UTF-16 encoded; dpisafe reads UTF-8",
        )
        .with_hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(end_position(valid)),
            "the file is not valid UTF-8 text",
        )
        .with_hint("save the file as UTF-8; the position shows the first byte that is not")
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(end_position(&text[..offset])),
            "the file contains a NUL byte, so it is binary rather than YAML text",
        )
        .with_hint("check that this is the questionnaire and not a document or archive"));
    }
    let source = SourceFile::new(name, text);
    if source.text.trim().is_empty() {
        return Err(
            Diagnostic::error(Code::EmptyFile, name, None, "the file is empty")
                .with_hint("run `dpisafe init` to start a questionnaire"),
        );
    }
    Ok(source)
}

/// The line and column just after `prefix`.
fn end_position(prefix: &str) -> Pos {
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
