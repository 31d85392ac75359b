//! Source files and positions: reading a file once, and the YAML tree that remembers where
//! every node came from.
//!
//! Everything after this stage refers back to a [`SourceFile`] by its text and to a [`Pos`]
//! inside it, so every diagnostic can show file:line:col and a snippet.

pub mod yaml;

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

/// Whether `path` lies in a kernel pseudo-file system (`/proc`, `/sys`) or `/dev`. Their files
/// can claim to be regular files of length 0 and then block forever when read (`/proc/kmsg`),
/// so dpisafe never opens them, whatever a questionnaire or a command line names.
pub fn is_pseudo_file(path: &std::path::Path) -> bool {
    let resolved = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|root| resolved.starts_with(root))
}

// The one location type of findings, warnings, violations and SARIF results; a diagnostic
// holds the same file and a `Pos`. (Its doc comment is the report schema's description.)
/// A place in an input file.
// Ordered by file, then line, then column: the order warnings and findings are listed in.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The file, as named on the command line.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Location {
    /// The place `pos` in `file`.
    pub fn new(file: &str, pos: Pos) -> Self {
        Self {
            file: file.to_owned(),
            line: pos.line,
            column: pos.col,
        }
    }

    /// The first character of `file`.
    pub fn start_of(file: &str) -> Self {
        Self::new(file, Pos::new(1, 1))
    }

    /// The line and column, without the file.
    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.column)
    }
}

/// `file:line:column`, as compilers and editors print a place.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
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
