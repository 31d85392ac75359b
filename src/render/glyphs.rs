//! Text a PDF cannot draw: characters that no loaded font covers, grouped by script, so that
//! a report in Amharic or Chinese without a font says so instead of printing empty boxes.

use typst::text::FontBook;

/// Blocks of scripts the bundled fonts do not cover, each with the font to look for.
const SCRIPTS: &[(u32, u32, &str, &str)] = &[
    (0x0530, 0x058F, "Armenian", "Noto Sans Armenian"),
    (0x0590, 0x05FF, "Hebrew", "Noto Sans Hebrew"),
    (0x0980, 0x09FF, "Bengali", "Noto Sans Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi", "Noto Sans Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati", "Noto Sans Gujarati"),
    (0x0B00, 0x0B7F, "Oriya", "Noto Sans Oriya"),
    (0x0B80, 0x0BFF, "Tamil", "Noto Sans Tamil"),
    (0x0C00, 0x0C7F, "Telugu", "Noto Sans Telugu"),
    (0x0C80, 0x0CFF, "Kannada", "Noto Sans Kannada"),
    (0x0D00, 0x0D7F, "Malayalam", "Noto Sans Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala", "Noto Sans Sinhala"),
    (0x0E80, 0x0EFF, "Lao", "Noto Sans Lao"),
    (0x0F00, 0x0FFF, "Tibetan", "Noto Serif Tibetan"),
    (0x10A0, 0x10FF, "Georgian", "Noto Sans Georgian"),
    (0x1200, 0x139F, "Ethiopic", "Noto Sans Ethiopic"),
    (0x2D80, 0x2DDF, "Ethiopic", "Noto Sans Ethiopic"),
    (
        0x2E80,
        0x9FFF,
        "Chinese, Japanese or Korean",
        "Noto Sans CJK",
    ),
    (0xAC00, 0xD7AF, "Korean", "Noto Sans CJK"),
    (
        0xF900,
        0xFAFF,
        "Chinese, Japanese or Korean",
        "Noto Sans CJK",
    ),
    (0x1F000, 0x1FAFF, "emoji and symbols", "Noto Emoji"),
];

/// A script some characters of the document are in that no loaded font covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// The script's name (`Ethiopic`), or "other" outside the known blocks.
    pub script: &'static str,
    /// The font family that would draw it.
    pub font: &'static str,
    /// How many different characters of it the document holds.
    pub count: usize,
    /// The first of them, to search the input for.
    pub example: char,
}

/// The scripts of `text` that no font of `book` covers, in order of first appearance.
pub fn uncovered(book: &FontBook, text: &str) -> Vec<Uncovered> {
    let infos: Vec<_> = (0..).map_while(|i| book.info(i)).collect();
    let mut found: Vec<Uncovered> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for c in text.chars() {
        // Layout characters (spaces, joiners, marks of direction) are never drawn.
        if c.is_ascii() || c.is_whitespace() || c.is_control() || is_format(c) || !seen.insert(c) {
            continue;
        }
        if infos.iter().any(|f| f.coverage.contains(u32::from(c))) {
            continue;
        }
        let (script, font) = script_of(c);
        match found.iter_mut().find(|u| u.script == script) {
            Some(u) => u.count += 1,
            None => found.push(Uncovered {
                script,
                font,
                count: 1,
                example: c,
            }),
        }
    }
    found
}

/// Zero-width and direction characters (general category Cf) in the ranges text uses.
fn is_format(c: char) -> bool {
    matches!(u32::from(c), 0x00AD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF)
}

fn script_of(c: char) -> (&'static str, &'static str) {
    let code = u32::from(c);
    SCRIPTS
        .iter()
        .find(|(from, to, _, _)| (*from..=*to).contains(&code))
        .map_or(
            ("other", "a Noto font for that script"),
            |(_, _, script, font)| (*script, *font),
        )
}

impl Uncovered {
    /// The warning a user sees: which script, how much, and how to fix it.
    pub fn message(&self) -> String {
        let code = u32::from(self.example);
        let what = if self.count == 1 {
            format!(
                "1 character in {} script (U+{code:04X}) has no font and shows as an empty box",
                self.script
            )
        } else {
            format!(
                "{} different characters in {} script (such as U+{code:04X}) have no font and \
                 show as empty boxes",
                self.count, self.script
            )
        };
        format!(
            "{what} in the PDF; give a directory holding {} with --font-path DIR",
            self.font
        )
    }
}
