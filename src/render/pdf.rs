//! PDF output: compiles a Typst template, fed with the report as JSON, into PDF bytes.
//!
//! This module owns the Typst "world" a template runs in: the embedded Noto fonts plus the
//! font directories the caller names, and a few in-memory files (`/data.json`, charts such as
//! `/radar.svg`). Nothing else is reachable: no disk, no packages, no network. User text enters
//! only as JSON values, which Typst prints literally, so no answer can inject markup. The
//! report and its charts are built before; the bytes go back to the caller, which writes them.
//! Compiled only with the `pdf` cargo feature.

use std::collections::HashMap;
use std::path::PathBuf;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration, IntoValue, Smart};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::templates::TemplateError;

/// The font families report templates ask for. All but the CJK one are embedded; "Noto Sans
/// CJK SC" is found only in a directory given to [`Fonts::new`].
pub const FAMILIES: [&str; 7] = [
    "Noto Sans",
    "Noto Sans Thai",
    "Noto Naskh Arabic",
    "Noto Sans Khmer",
    "Noto Sans Myanmar",
    "Noto Sans Devanagari",
    "Noto Sans CJK SC",
];

/// The curated Noto set compiled into the binary; `fonts/README.md` says where it comes from.
const EMBEDDED_FONTS: [&[u8]; 14] = [
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../../fonts/NotoSansThai-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansThai-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansKhmer-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansKhmer-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansMyanmar-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansMyanmar-Bold.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoNaskhArabic-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf"),
];

/// Where the template itself lives in the virtual file system.
const MAIN_PATH: &str = "/main.typ";

/// Where the report data lives; templates read it with `json("/data.json")`.
const DATA_PATH: &str = "/data.json";

/// The fonts a render may use: the embedded Noto set, then fonts found in extra directories.
///
/// Build it once and reuse it: scanning directories costs tens of milliseconds, and fonts are
/// parsed only when a document first uses them.
pub struct Fonts {
    store: FontStore,
    missing_dirs: Vec<PathBuf>,
}

/// The paper size, passed to the template as `sys.inputs.paper`.
pub use super::format::Paper;

/// Everything one render needs besides the fonts.
pub struct PdfInput<'a> {
    /// The Typst source of the template.
    pub template: &'a str,
    /// The report as JSON, served as `/data.json`.
    pub data_json: Vec<u8>,
    /// Further virtual files by absolute path, e.g. `("/radar.svg", bytes)`.
    pub files: Vec<(String, Vec<u8>)>,
    /// The paper size.
    pub paper: Paper,
    /// What Typst's `today()` returns and the PDF's creation date: (year, month, day).
    pub date: (i32, u8, u8),
}

/// Why no PDF came out.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The template does not compile, or failed while running.
    #[error("the PDF template failed{}: {message}", position(*.line, *.column))]
    Template {
        /// Typst's message.
        message: String,
        /// The 1-based line in the template, when the error points into it.
        line: Option<usize>,
        /// The 1-based column (in characters) in the template, when the error points into it.
        column: Option<usize>,
        /// Typst's hints, joined, for the caller to show after the message.
        hint: Option<String>,
    },
    /// The compiled document could not be exported, or a virtual file name was invalid.
    #[error("could not produce the PDF: {0}")]
    Export(String),
    /// The template laid out more pages than any report needs.
    #[error("the PDF template laid out {pages} pages, more than the {limit} a report may have")]
    TooLarge {
        /// The pages laid out.
        pages: usize,
        /// [`MAX_PAGES`].
        limit: usize,
    },
}

impl PdfError {
    /// The failure as a problem of the template users know as `file`, Typst's hints after
    /// the message.
    pub fn in_template(self, file: &str) -> TemplateError {
        match self {
            Self::Template {
                message,
                line,
                hint,
                ..
            } => TemplateError {
                file: file.to_owned(),
                line,
                message: match hint {
                    Some(hint) => format!("{message} ({hint})"),
                    None => message,
                },
            },
            Self::Export(message) => TemplateError {
                file: file.to_owned(),
                line: None,
                message,
            },
            too_large @ Self::TooLarge { .. } => TemplateError {
                file: file.to_owned(),
                line: None,
                message: too_large.to_string(),
            },
        }
    }
}

/// `data` as the JSON a template reads from `/data.json`, without the control characters no
/// document should hold (Typst would typeset a NUL from user text as a glyph); a failure is a
/// problem of the template users know as `file`.
pub fn data_json(file: &str, data: &impl serde::Serialize) -> Result<Vec<u8>, TemplateError> {
    let failed = |err: serde_json::Error| TemplateError {
        file: file.to_owned(),
        line: None,
        message: err.to_string(),
    };
    let mut value = serde_json::to_value(data).map_err(failed)?;
    strip_controls(&mut value);
    serde_json::to_vec(&value).map_err(failed)
}

/// Every string as a document holds it ([`crate::text::without_controls`]).
fn strip_controls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(clean) = crate::text::without_controls(text) {
                *text = clean;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_controls),
        serde_json::Value::Object(map) => map.values_mut().for_each(strip_controls),
        _ => {}
    }
}

impl Fonts {
    /// Loads the embedded fonts and scans each directory, recursively, for more. A directory
    /// that does not exist is skipped and listed by [`Fonts::missing_dirs`].
    pub fn new(extra_dirs: &[PathBuf]) -> Self {
        let mut store = FontStore::new();
        store.extend(embedded_fonts());
        let mut missing_dirs = Vec::new();
        for dir in extra_dirs {
            if dir.is_dir() {
                store.extend(typst_kit::fonts::scan(dir));
            } else {
                missing_dirs.push(dir.clone());
            }
        }
        Self {
            store,
            missing_dirs,
        }
    }

    /// The extra directories that did not exist, so the caller can warn about them.
    pub fn missing_dirs(&self) -> &[PathBuf] {
        &self.missing_dirs
    }

    /// Whether a loaded font belongs to `family` (case-insensitive), e.g. to warn that the CJK
    /// family of [`FAMILIES`] was not found.
    pub fn has_family(&self, family: &str) -> bool {
        // The font book keys its families in lower case.
        self.store.book().contains_family(&family.to_lowercase())
    }
}

impl Paper {
    /// The name Typst's `page(paper: …)` knows.
    pub fn typst_name(self) -> &'static str {
        match self {
            Self::A4 => "a4",
            Self::Letter => "us-letter",
        }
    }
}

/// Compiles the template against the input files and exports the document as PDF.
///
/// The same input and fonts give the same bytes: the date comes from the input, never from
/// the clock, and the document identifier is derived from the content.
pub fn render(input: PdfInput<'_>, fonts: &Fonts) -> Result<Typeset, PdfError> {
    // Everything the document prints comes from its data (the template's own text is ASCII
    // in the built-in templates), so that is where text without a font is looked for.
    let mut warnings: Vec<String> = super::glyphs::uncovered(
        fonts.store.book(),
        &String::from_utf8_lossy(&input.data_json),
    )
    .iter()
    .map(super::glyphs::Uncovered::message)
    .collect();
    let world = SandboxWorld::new(input, fonts)?;
    let result = compile(&world, &mut warnings)
        .and_then(|document| within(&document, MAX_PAGES).map(|()| document))
        .and_then(|document| export(&document, world.today))
        .map(|bytes| Typeset { bytes, warnings });
    // Typst memoises into a process-wide cache; drop entries unused for 10 renders so a
    // long-running caller does not keep every report alive.
    comemo::evict(10);
    result
}

/// A typeset PDF and what Typst or the font check had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typeset {
    /// The PDF.
    pub bytes: Vec<u8>,
    /// Warnings for the user: text no font covers, and Typst's own warnings.
    pub warnings: Vec<String>,
}

/// The most pages a PDF may have: the largest bundled report has about 50, and a portfolio of
/// 10,000 deployments about 300. A custom template past it (a loop of page breaks) is stopped
/// before the export, which would otherwise hold every page in memory once more.
pub const MAX_PAGES: usize = 5000;

/// Whether `document` keeps to `limit` pages.
fn within(document: &PagedDocument, limit: usize) -> Result<(), PdfError> {
    let pages = document.pages().len();
    if pages > limit {
        return Err(PdfError::TooLarge { pages, limit });
    }
    Ok(())
}

/// The Typst world of one render: only the template and the virtual files exist in it.
struct SandboxWorld<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl<'a> SandboxWorld<'a> {
    fn new(input: PdfInput<'_>, fonts: &'a Fonts) -> Result<Self, PdfError> {
        let main = Source::new(file_id(MAIN_PATH)?, input.template.to_owned());
        let mut files = HashMap::new();
        files.insert(file_id(DATA_PATH)?, Bytes::new(input.data_json));
        for (path, bytes) in input.files {
            files.insert(file_id(&path)?, Bytes::new(bytes));
        }
        let (year, month, day) = input.date;
        Ok(Self {
            library: LazyHash::new(library(input.paper)),
            fonts,
            main,
            files,
            today: Datetime::from_ymd(year, month, day),
        })
    }

    /// The 1-based line and column of a span, when it points into the template.
    fn position(&self, span: DiagSpan) -> Option<(usize, usize)> {
        if span.id() != Some(self.main.id()) {
            return None;
        }
        let start = self.range(span)?.start;
        let (line, column) = self.main.lines().byte_to_line_column(start)?;
        Some((line + 1, column + 1))
    }
}

impl World for SandboxWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        let not_found = || FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()));
        self.files.get(&id).cloned().ok_or_else(not_found)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The embedded fonts with their metadata, as the font store takes them.
fn embedded_fonts() -> impl Iterator<Item = (Font, typst::text::FontInfo)> {
    EMBEDDED_FONTS.into_iter().flat_map(|data| {
        Font::iter(Bytes::new(data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    })
}

/// The standard library, with the paper size visible to the template as `sys.inputs.paper`.
fn library(paper: Paper) -> Library {
    let mut inputs = Dict::new();
    inputs.insert("paper".into(), paper.typst_name().into_value());
    Library::builder().with_inputs(inputs).build()
}

/// The id of a virtual file at an absolute path such as `/radar.svg`.
fn file_id(path: &str) -> Result<FileId, PdfError> {
    let vpath = VirtualPath::new(path)
        .map_err(|err| PdfError::Export(format!("invalid virtual file name {path:?}: {err}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// Compiles the document, adding Typst's warnings to `warnings`. Warnings do not stop the
/// report; a family of [`FAMILIES`] that is not installed is left out, since the font check
/// already names any text it would have drawn.
fn compile(
    world: &SandboxWorld<'_>,
    warnings: &mut Vec<String>,
) -> Result<PagedDocument, PdfError> {
    let compiled = typst::compile::<PagedDocument>(world);
    for warning in &compiled.warnings {
        let message = warning.message.as_str();
        let ours = FAMILIES
            .iter()
            .any(|f| message == format!("unknown font family: {}", f.to_lowercase()));
        if !ours {
            let at = world
                .position(warning.span)
                .map_or_else(String::new, |(line, column)| {
                    format!(" (line {line}, column {column})")
                });
            warnings.push(format!("the PDF template warns{at}: {message}"));
        }
    }
    compiled
        .output
        .map_err(|errors| template_error(world, &errors))
}

fn export(document: &PagedDocument, date: Option<Datetime>) -> Result<Vec<u8>, PdfError> {
    let options = PdfOptions {
        creator: Smart::Custom(Some(format!("dpisafe {}", env!("CARGO_PKG_VERSION")))),
        // The report's date rather than the clock, so that output is reproducible.
        timestamp: date.map(Timestamp::new_utc),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
        PdfError::Export(messages.join("; "))
    })
}

/// The first error, placed in the template: where it happened, or else where the template
/// called the code that failed (an error in `/data.json` is reported at the `json` call).
fn template_error(world: &SandboxWorld<'_>, errors: &[SourceDiagnostic]) -> PdfError {
    let Some(first) = errors.first() else {
        return PdfError::Template {
            message: "compilation failed without a diagnostic".to_owned(),
            line: None,
            column: None,
            hint: None,
        };
    };
    let mut message = first.message.to_string();
    if let Some(id) = first.span.id().filter(|id| *id != world.main.id()) {
        message = format!("{}: {message}", id.vpath().get_with_slash());
    }
    match errors.len() {
        0 | 1 => {}
        2 => message.push_str(" (and 1 more error)"),
        n => message.push_str(&format!(" (and {} more errors)", n - 1)),
    }
    let position = world.position(first.span).or_else(|| {
        let mut calls = first.trace.iter().rev();
        calls.find_map(|call| world.position(call.span.into()))
    });
    let hints: Vec<&str> = first.hints.iter().map(|hint| hint.v.as_str()).collect();
    PdfError::Template {
        message,
        line: position.map(|(line, _)| line),
        column: position.map(|(_, column)| column),
        hint: (!hints.is_empty()).then(|| hints.join("; ")),
    }
}

/// ", line L, column C" when the position is known.
fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" at line {line}, column {column}"),
        (Some(line), None) => format!(" at line {line}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use typst::layout::{Frame, FrameItem};

    use super::*;

    /// Loading fonts once keeps the tests fast.
    static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts::new(&[]));

    const SCRIPTS: &str = r#"#set page(paper: sys.inputs.paper)
#set text(font: ("Noto Sans", "Noto Sans Thai", "Noto Naskh Arabic", "Noto Sans Myanmar"))
#let data = json("/data.json")
#data.thai

#data.myanmar

#data.arabic

#data.hostile
"#;

    fn data() -> Vec<u8> {
        let data = serde_json::json!({
            "thai": "รายงานการประเมิน",
            // "Legal aid" in Burmese, for the migrant workers the legal-aid platform serves.
            "myanmar": "ဥပဒေရေးရာ အကူအညီ",
            "arabic": "تقرير التقييم",
            "hostile": "#panic(\"x\") *not bold*",
        });
        serde_json::to_vec(&data).expect("test data serialises")
    }

    fn input(template: &str, paper: Paper) -> PdfInput<'_> {
        PdfInput {
            template,
            data_json: data(),
            files: Vec::new(),
            paper,
            date: (2026, 11, 23),
        }
    }

    fn compile_only(template: &str, paper: Paper) -> Result<PagedDocument, PdfError> {
        let world = SandboxWorld::new(input(template, paper), &FONTS)?;
        compile(&world, &mut Vec::new())
    }

    /// Every run of text on every page, with the family of the font that drew it.
    fn text_runs(frame: &Frame, runs: &mut Vec<(String, String)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => text_runs(&group.frame, runs),
                FrameItem::Text(text) => {
                    let family = text.font.font().info().family.clone();
                    runs.push((text.text.to_string(), family));
                }
                _ => {}
            }
        }
    }

    fn runs_of(document: &PagedDocument) -> Vec<(String, String)> {
        let mut runs = Vec::new();
        for page in document.pages() {
            text_runs(&page.frame, &mut runs);
        }
        runs
    }

    #[test]
    fn renders_thai_burmese_arabic_and_hostile_text_literally() {
        let pdf = render(input(SCRIPTS, Paper::A4), &FONTS).expect("renders");
        assert!(pdf.bytes.starts_with(b"%PDF"));

        let document = compile_only(SCRIPTS, Paper::A4).expect("compiles");
        let runs = runs_of(&document);
        let text: String = runs.iter().map(|(text, _)| text.as_str()).collect();
        assert!(text.contains("#panic(\"x\") *not bold*"), "{text}");
        let font_of = |needle: &str| {
            runs.iter()
                .find(|(text, _)| text.contains(needle))
                .map(|(_, f)| f.clone())
        };
        assert_eq!(font_of("รายงาน").as_deref(), Some("Noto Sans Thai"));
        assert_eq!(font_of("အကူအညီ").as_deref(), Some("Noto Sans Myanmar"));
        assert_eq!(font_of("تقرير").as_deref(), Some("Noto Naskh Arabic"));
        // Emphasis markup would have used the bold face; the hostile text stays regular.
        let hostile = runs.iter().find(|(text, _)| text.contains("not bold"));
        assert_eq!(
            hostile.map(|(_, family)| family.as_str()),
            Some("Noto Sans")
        );
    }

    #[test]
    fn typst_warnings_reach_the_caller_and_our_optional_families_do_not() {
        let template =
            "#set text(font: (\"Noto Sans\", \"Noto Sans CJK SC\", \"Nowhere Sans\"))\nHello\n";
        let typeset = render(input(template, Paper::A4), &FONTS).expect("renders");
        assert_eq!(typeset.warnings.len(), 1, "{:?}", typeset.warnings);
        let warning = &typeset.warnings[0];
        assert!(
            warning.contains("unknown font family: nowhere sans"),
            "{warning}"
        );
        assert!(warning.contains("(line 1, column "), "{warning}");
        let quiet = render(input(SCRIPTS, Paper::A4), &FONTS).expect("renders");
        assert!(quiet.warnings.is_empty(), "{:?}", quiet.warnings);
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let first = render(input(SCRIPTS, Paper::A4), &FONTS).expect("renders");
        let second = render(input(SCRIPTS, Paper::A4), &FONTS).expect("renders");
        assert!(first == second, "two renders of one input differ");
    }

    #[test]
    fn a_syntax_error_is_placed_in_the_template() {
        let template = "= Title\n#let x = (1, 2\nText";
        let error = render(input(template, Paper::A4), &FONTS).expect_err("does not compile");
        let PdfError::Template { line, column, .. } = &error else {
            panic!("expected a template error, got {error:?}");
        };
        assert!(line.is_some() && column.is_some(), "{error}");
        assert!(error.to_string().contains(" at line "), "{error}");
    }

    #[test]
    fn a_failing_call_is_reported_at_its_line() {
        let template = "Fine.\n\n#panic(\"stop\")\n";
        let error = render(input(template, Paper::A4), &FONTS).expect_err("panics");
        let PdfError::Template {
            message,
            line,
            column,
            ..
        } = &error
        else {
            panic!("expected a template error, got {error:?}");
        };
        assert!(message.contains("stop"), "{message}");
        assert_eq!((*line, *column), (Some(3), Some(2)));
    }

    #[test]
    fn letter_and_a4_differ_in_size() {
        let width = |paper| {
            let document = compile_only(SCRIPTS, paper).expect("compiles");
            document.pages()[0].frame.width().to_pt().round()
        };
        assert_eq!(width(Paper::A4), 595.0);
        assert_eq!(width(Paper::Letter), 612.0);

        let a4 = render(input(SCRIPTS, Paper::A4), &FONTS).expect("renders");
        let letter = render(input(SCRIPTS, Paper::Letter), &FONTS).expect("renders");
        let has = |pdf: &[u8], needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
        assert!(has(&letter.bytes, b"/MediaBox[0 0 612 792]"));
        assert!(has(&a4.bytes, b"/MediaBox[0 0 595.2756 841.8898]"));
    }

    #[test]
    fn a_document_past_the_page_limit_is_refused() {
        let template = "#for i in range(5) [Page #i #pagebreak(weak: true)]\nLast";
        let document = compile_only(template, Paper::A4).expect("compiles");
        assert!(within(&document, 6).is_ok());
        let error = within(&document, 3).expect_err("too many pages");
        assert_eq!(
            error.to_string(),
            "the PDF template laid out 6 pages, more than the 3 a report may have"
        );
    }

    #[test]
    fn today_is_the_input_date() {
        let template = "#datetime.today().display()";
        let document = compile_only(template, Paper::A4).expect("compiles");
        let text: String = runs_of(&document)
            .into_iter()
            .map(|(text, _)| text)
            .collect();
        assert_eq!(text, "2026-11-23");
    }

    #[test]
    fn the_template_cannot_read_the_disk() {
        let template = "#read(\"/etc/hostname\")";
        let error = render(input(template, Paper::A4), &FONTS).expect_err("sandboxed");
        assert!(
            matches!(error, PdfError::Template { line: Some(1), .. }),
            "{error}"
        );
    }

    #[test]
    fn broken_data_names_the_file_and_the_call() {
        let mut broken = input("#let data = json(\"/data.json\")\n#data", Paper::A4);
        broken.data_json = b"{ not json".to_vec();
        let error = render(broken, &FONTS).expect_err("bad JSON");
        let PdfError::Template { message, line, .. } = &error else {
            panic!("expected a template error, got {error:?}");
        };
        assert!(
            message.contains("/data.json") || message.contains("JSON"),
            "{message}"
        );
        assert_eq!(*line, Some(1), "{error}");
    }

    #[test]
    fn embedded_families_are_there_and_missing_dirs_are_listed() {
        let missing = PathBuf::from("/nonexistent/fonts");
        let fonts = Fonts::new(std::slice::from_ref(&missing));
        assert_eq!(fonts.missing_dirs(), [missing]);
        for family in &FAMILIES[..5] {
            assert!(fonts.has_family(family), "{family} is not embedded");
        }
    }
}
