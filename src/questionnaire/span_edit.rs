//! Editing a YAML text in place: replace exact byte ranges and keep every other byte (comments,
//! blank lines, quoting, key order) as the user wrote it.
//!
//! The ranges come from the positioned tree (`source::yaml`: every node and key has its
//! [`Span`](crate::source::Span)). [`apply`] refuses edits that overlap, fall outside the text
//! or split a character, and checks that the result still parses without new duplicate keys,
//! so a caller never writes a file that a YAML reader would reject.

use std::ops::Range;

use crate::source::yaml::{self, ParseFailure};
use crate::source::{Limits, Pos};

/// Replace the bytes in `range` with `replacement` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offsets in the original text.
    pub range: Range<usize>,
    /// The new text for that range.
    pub replacement: String,
}

impl Edit {
    /// An edit replacing `range` with `replacement`.
    pub fn new(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
        }
    }
}

/// Why a set of edits cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// An edit's range ends past the text, or starts after it ends.
    #[error("the edit of bytes {start}..{end} lies outside the text ({len} bytes)")]
    OutOfBounds {
        /// Start of the range.
        start: usize,
        /// End of the range.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// An edit's range cuts a multi-byte character in two.
    #[error("the edit of bytes {start}..{end} splits a character")]
    SplitsCharacter {
        /// Start of the range.
        start: usize,
        /// End of the range.
        end: usize,
    },
    /// Two edits touch the same bytes.
    #[error("the edits of bytes {first:?} and {second:?} overlap")]
    Overlap {
        /// The earlier range.
        first: Range<usize>,
        /// The range that overlaps it.
        second: Range<usize>,
    },
    /// The edited text is no longer YAML.
    #[error("the edited text no longer parses: {message}")]
    Unparsable {
        /// What the parser said.
        message: String,
        /// Where in the edited text, when known.
        pos: Option<Pos>,
    },
    /// The edited text has a key twice in one mapping where the original did not.
    #[error("the edit makes `{key}` appear twice in one mapping")]
    DuplicateKey {
        /// The repeated key.
        key: String,
        /// Where, in the edited text.
        pos: Pos,
    },
}

/// Applies non-overlapping `edits` (in any order) to `text` and checks the result.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for edit in &sorted {
        check_range(text, &edit.range)?;
    }
    for pair in sorted.windows(2) {
        let (a, b) = (&pair[0].range, &pair[1].range);
        // Two insertions at one place, or an insertion at the edge of a replacement, have no
        // bytes in common; anything else sharing a byte overlaps.
        if b.start < a.end {
            return Err(EditError::Overlap {
                first: a.clone(),
                second: b.clone(),
            });
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in &sorted {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.replacement);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    verify(text, &out)?;
    Ok(out)
}

fn check_range(text: &str, range: &Range<usize>) -> Result<(), EditError> {
    if range.start > range.end || range.end > text.len() {
        return Err(EditError::OutOfBounds {
            start: range.start,
            end: range.end,
            len: text.len(),
        });
    }
    if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
        return Err(EditError::SplitsCharacter {
            start: range.start,
            end: range.end,
        });
    }
    Ok(())
}

/// The edited text must parse, and may not repeat a key the original did not repeat.
fn verify(original: &str, edited: &str) -> Result<(), EditError> {
    let limits = Limits::default();
    let after = yaml::parse(edited, &limits).map_err(|failure| match failure {
        ParseFailure::Syntax { message, pos } => EditError::Unparsable { message, pos },
        ParseFailure::ComplexKey { pos } => EditError::Unparsable {
            message: "a mapping key is not a scalar".to_owned(),
            pos: Some(pos),
        },
    })?;
    let before = yaml::parse(original, &limits)
        .map(|p| p.duplicates)
        .unwrap_or_default();
    if after.duplicates.len() <= before.len() {
        return Ok(());
    }
    let new = after
        .duplicates
        .iter()
        .find(|d| !before.iter().any(|b| b.key == d.key))
        .unwrap_or(&after.duplicates[0]);
    Err(EditError::DuplicateKey {
        key: new.key.clone(),
        pos: new.pos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "# comment\nanswers:\n  F1.Q1: {answer: yes}  # kept\n  \"F1.Q2\":\n    answer: no\n";

    fn span_of(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).expect("present");
        start..start + needle.len()
    }

    #[test]
    fn replaces_only_the_given_bytes_in_any_order() {
        let edits = [
            Edit::new(span_of(TEXT, "\"F1.Q2\""), "\"F1.Q3\""),
            Edit::new(span_of(TEXT, "F1.Q1"), "F1.Q9"),
        ];
        let out = apply(TEXT, &edits).expect("applies");
        assert_eq!(
            out,
            "# comment\nanswers:\n  F1.Q9: {answer: yes}  # kept\n  \"F1.Q3\":\n    answer: no\n"
        );
    }

    #[test]
    fn no_edits_give_the_text_back() {
        assert_eq!(apply(TEXT, &[]).expect("applies"), TEXT);
    }

    #[test]
    fn refuses_overlapping_out_of_bounds_and_split_characters() {
        let overlap = [Edit::new(2..6, "x"), Edit::new(5..8, "y")];
        assert!(matches!(
            apply(TEXT, &overlap),
            Err(EditError::Overlap { .. })
        ));
        let beyond = [Edit::new(0..TEXT.len() + 1, "")];
        assert!(matches!(
            apply(TEXT, &beyond),
            Err(EditError::OutOfBounds { .. })
        ));
        assert!(matches!(
            apply("a: é\n", &[Edit::new(3..4, "e")]),
            Err(EditError::SplitsCharacter { .. })
        ));
    }

    #[test]
    fn refuses_results_that_no_longer_parse_or_repeat_a_key() {
        let broken = [Edit::new(span_of(TEXT, "F1.Q1"), "[F1.Q1")];
        assert!(matches!(
            apply(TEXT, &broken),
            Err(EditError::Unparsable { .. })
        ));
        let twice = [Edit::new(span_of(TEXT, "\"F1.Q2\""), "F1.Q1")];
        let err = apply(TEXT, &twice).unwrap_err();
        assert_eq!(
            err,
            EditError::DuplicateKey {
                key: "F1.Q1".to_owned(),
                pos: Pos::new(4, 3)
            }
        );
    }
}
