//! Reading the PDFs dpisafe writes, in-process: text, page count, page size and metadata.
//!
//! The tests used to call poppler's `pdftotext` and `pdfinfo`, which a fresh machine with only
//! a Rust toolchain lacks. The PDF interpreter that Typst already depends on (hayro) is used
//! here instead, as a dev-dependency, so `cargo test` needs no system package.
//!
//! Text comes out line by line in the order the page draws it, pages ending in a form feed
//! like `pdftotext`. Typst draws right-to-left runs in visual order, so each run of Arabic
//! glyphs is put back into reading order, glyph by glyph (a ligature keeps its own letters).
//! Where a glyph cannot say its text through the font's map (Arabic forms and marks), Typst
//! wraps it in a span with `ActualText`, which is read in its place, as `pdftotext` does.

#![cfg(feature = "pdf")]

use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::content::ops::TypedInstruction;
use hayro_interpret::hayro_syntax::object::String as PdfString;
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};
use std::collections::VecDeque;
use std::path::Path;

/// A PDF opened for reading.
pub(crate) struct Document {
    pdf: Pdf,
}

/// Opens a PDF, failing the test if it does not parse.
pub(crate) fn open(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pdf = Pdf::new(bytes).unwrap_or_else(|e| panic!("{}: not a PDF: {e:?}", path.display()));
    Document { pdf }
}

/// The text of a PDF, each page followed by a form feed.
pub(crate) fn text(path: &Path) -> String {
    open(path).text()
}

impl Document {
    /// How many pages the document has.
    pub(crate) fn pages(&self) -> usize {
        self.pdf.pages().len()
    }

    /// The first page's size in points, rounded to three decimals, as "W x H".
    pub(crate) fn page_size(&self) -> String {
        let page = &self.pdf.pages()[0];
        let (w, h) = page.base_dimensions();
        let round = |v: f32| {
            let s = format!("{v:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        };
        format!("{} x {}", round(w), round(h))
    }

    /// The creation date as written in the document, `D:YYYYMMDD…` read into "YYYY-MM-DD".
    pub(crate) fn creation_date(&self) -> Option<String> {
        let date = self.pdf.metadata().creation_date.as_ref()?;
        Some(format!(
            "{:04}-{:02}-{:02}",
            date.year, date.month, date.day
        ))
    }

    /// Every page's text, each ending in a form feed.
    pub(crate) fn text(&self) -> String {
        let cache = InterpreterCache::new();
        let mut out = String::new();
        for page in self.pdf.pages().iter() {
            let mut context = Context::new(
                Affine::IDENTITY,
                Rect::new(0.0, 0.0, 1.0, 1.0),
                &cache,
                self.pdf.xref(),
                InterpreterSettings::default(),
            );
            let mut reader = Reader {
                spans: actual_texts(page),
                ..Reader::default()
            };
            interpret_page(page, &mut context, &mut reader);
            for line in reader.lines() {
                out.push_str(&line);
                out.push('\n');
            }
            out.push('\u{c}');
        }
        out
    }
}

/// One drawn glyph: where its origin sits and the text it stands for.
struct Drawn {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A device that keeps the glyphs and ignores everything else.
#[derive(Default)]
struct Reader {
    glyphs: Vec<Drawn>,
    /// The `ActualText` of each marked-content sequence the page opens, in order.
    spans: VecDeque<Option<String>>,
    /// The open sequences: their `ActualText`, and whether it has been written yet.
    open: Vec<Option<(String, bool)>>,
}

/// The `ActualText` of every marked-content sequence in a page's content, in order.
fn actual_texts(page: &Page<'_>) -> VecDeque<Option<String>> {
    let mut ops = page.typed_operations();
    let mut spans = VecDeque::new();
    // A lending iterator (each instruction borrows it), so a loop rather than an adaptor.
    while let Some(op) = ops.next() {
        match op {
            TypedInstruction::BeginMarkedContentWithProperties(bdc) => spans.push_back(
                bdc.1
                    .clone()
                    .into_dict()
                    .and_then(|d| d.get::<PdfString<'_>>(b"ActualText"))
                    .map(|s| text_string(s.as_bytes())),
            ),
            TypedInstruction::BeginMarkedContent(_) => spans.push_back(None),
            _ => {}
        }
    }
    spans
}

/// A PDF text string: UTF-16BE after a byte-order mark, else one byte per character.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

impl Reader {
    /// The glyphs grouped into lines: a new line starts where the baseline moves by more than
    /// half the font size, so raised marks stay with their letters.
    fn lines(&self) -> Vec<String> {
        let mut lines: Vec<Vec<&Drawn>> = Vec::new();
        for glyph in &self.glyphs {
            match lines.last_mut() {
                Some(line) if (line[0].y - glyph.y).abs() <= line[0].size * 0.5 => line.push(glyph),
                _ => lines.push(vec![glyph]),
            }
        }
        lines.iter().map(|line| spell(line)).collect()
    }
}

/// One line's text: spaces where the pen jumps, right-to-left runs put back in reading order.
fn spell(line: &[&Drawn]) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut prev: Option<&Drawn> = None;
    for glyph in line {
        if let Some(p) = prev {
            // A cluster of several glyphs (a letter and its marks) can hand its whole text to
            // more than one of them; read as is, "ช่" and "دً" come out twice (as they do
            // with pdftotext). Two neighbours with the same text of two characters or more
            // are one cluster.
            if glyph.text == p.text && glyph.text.chars().count() > 1 {
                continue;
            }
            let gap = glyph.x - p.x;
            if gap > p.size * 1.2 && !p.text.ends_with(' ') && !glyph.text.starts_with(' ') {
                words.push(" ".to_owned());
            }
        }
        words.push(glyph.text.clone());
        prev = Some(glyph);
    }
    reading_order(words)
}

/// Reverses each run of right-to-left glyphs (spaces between them included), since Typst
/// draws such runs from left to right.
fn reading_order(glyphs: Vec<String>) -> String {
    let rtl = |s: &str| s.chars().any(is_rtl);
    let mut out = String::new();
    let mut i = 0;
    while i < glyphs.len() {
        if !rtl(&glyphs[i]) {
            out.push_str(&glyphs[i]);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < glyphs.len() {
            let g = &glyphs[end];
            let joins = rtl(g)
                || (g.trim().is_empty() && glyphs[end + 1..].first().is_some_and(|n| rtl(n)));
            if !joins {
                break;
            }
            end += 1;
        }
        for g in glyphs[i..end].iter().rev() {
            out.push_str(g);
        }
        i = end;
    }
    out
}

/// Arabic and Hebrew letters, the right-to-left scripts the reports use.
fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

impl<'a> Device<'a> for Reader {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        _: &GlyphDrawMode,
    ) {
        // Inside a span with ActualText, the span's text stands for all its glyphs: it is
        // written once, at the first glyph.
        let text = match self.open.iter_mut().rev().find_map(Option::as_mut) {
            Some((_, true)) => return,
            Some((actual, written)) => {
                *written = true;
                actual.clone()
            }
            None => match glyph.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => return,
            },
        };
        let full = transform * glyph_transform;
        let origin = full * Point::ORIGIN;
        // The glyph space is one unit per em, so the length of the transformed y axis is the
        // font size in points.
        let [_, _, c, d, _, _] = full.as_coeffs();
        let size = (c * c + d * d).sqrt() * 1000.0;
        self.glyphs.push(Drawn {
            x: origin.x,
            y: origin.y,
            size,
            text,
        });
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn begin_marked_content(&mut self, _: &[u8], _: Option<i32>) {
        let actual = self.spans.pop_front().flatten();
        self.open.push(actual.map(|text| (text, false)));
    }
    fn end_marked_content(&mut self) {
        self.open.pop();
    }
}

/// The PDF tests read their PDFs without any outside program: run again with an empty `PATH`,
/// they still pass, so no `pdftotext` or `pdfinfo` is needed.
#[test]
fn pdf_tests_pass_with_nothing_on_the_path() {
    let tests = [
        "reports::pdf_carries_headings_scripts_and_page_numbers",
        "reports::letter_and_a4_paper",
        "handbook::pdf_has_contents_questions_and_attribution_and_is_reproducible",
        "portfolio::pdf_names_every_deployment_and_is_reproducible",
    ];
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(tests)
        .args(["--exact", "--test-threads", "2"])
        .env("PATH", "")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(&format!("{} passed", tests.len())),
        "{stdout}"
    );
}
