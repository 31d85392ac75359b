//! Plain-text layout shared by terminal listings and the questionnaire template.

pub mod suggest;

pub use suggest::{did_you_mean, lookalike};

/// Characters a YAML scalar must escape to mean themselves: C0 controls other than tab and line
/// breaks, DEL, C1 controls (YAML forbids them raw, and reads NEL as a line break), the
/// byte-order mark and the non-characters U+FFFE and U+FFFF.
pub fn yaml_forbids(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` as a document holds it: without [`is_unprintable`] characters, and without carriage
/// returns, since documents end their lines in `\n`. HTML, the PDF's data and CSV cells.
pub fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let dropped = |c: char| c == '\r' || is_unprintable(c);
    if text.chars().any(dropped) {
        text.chars()
            .filter(|&c| !dropped(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// A YAML double-quoted scalar that reads back as `text`, for the files dpisafe writes (`init`,
/// the interview). Beyond the usual escapes, everything YAML does not allow raw is written as
/// `\uXXXX`: C0 controls, DEL, C1 controls, the byte-order mark and the non-characters U+FFFE
/// and U+FFFF. (A JSON string literal is not enough: JSON leaves DEL and C1 raw.)
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if yaml_forbids(c) => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Greedy word wrap at `width` characters; words longer than `width` stay whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `count` followed by the singular or plural noun (`1 shortfall`, `2 shortfalls`).
pub fn count(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", if count == 1 { singular } else { plural })
}

/// User text made safe to print on a terminal or in a CI log: line breaks shown as `⏎`, and
/// other control characters (C0, DEL, C1) and bidi overrides and isolates written as `\u{1b}`,
/// so a name can neither send escape sequences, nor start a line of its own (`::error` is a
/// GitHub Actions command), nor reorder what is printed around it.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push('⏎'),
            '\t' => out.push(' '),
            c if unsafe_char(c) => out.push_str(&escaped(c)),
            c => out.push(c),
        }
    }
    out.into()
}

/// A character written as a visible escape, `\u{1b}`.
pub fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// Characters no document should hold: control characters other than tabs and line breaks
/// (C0, DEL, C1), and the non-characters U+FFFE and U+FFFF. Markdown and HTML drop them, and
/// XML (JUnit) cannot hold them at all.
pub fn is_unprintable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// Ids written as a run when they follow on without a gap (`R2, R3, R4, R5` as `R2–R5`), so a
/// sentence naming several authorities stays short; otherwise joined with commas.
pub fn id_run(ids: &[String]) -> String {
    let parts: Option<Vec<(&str, u32)>> = ids
        .iter()
        .map(|id| {
            let digits = id.len() - id.trim_start_matches(|c: char| !c.is_ascii_digit()).len();
            let (prefix, number) = id.split_at(digits);
            number.parse().ok().map(|n| (prefix, n))
        })
        .collect();
    let consecutive = parts.as_ref().is_some_and(|p| {
        p.len() >= 3
            && p.windows(2)
                .all(|w| w[0].0 == w[1].0 && w[0].1 + 1 == w[1].1)
    });
    match (consecutive, ids.first(), ids.last()) {
        (true, Some(first), Some(last)) => format!("{first}–{last}"),
        _ => ids.join(", "),
    }
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn yaml_quoted_escapes_what_yaml_forbids_raw() {
        assert_eq!(super::yaml_quoted("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(
            super::yaml_quoted("\u{1b}[2J\u{9b}\u{7f}\u{feff}"),
            r#""\u001b[2J\u009b\u007f\ufeff""#
        );
        assert_eq!(
            super::yaml_quoted("line\nnext\ttab"),
            r#""line\nnext\ttab""#
        );
        assert_eq!(super::yaml_quoted("ระบบ é 👩‍👧"), "\"ระบบ é 👩‍👧\"");
    }

    #[test]
    fn user_text_is_inert_on_a_terminal() {
        let hostile = "a\u{1b}[2J\u{1b}[32mPASS\n::error file=x\r\n\u{9b}31m\u{202e}z\u{7}\tb";
        assert_eq!(
            super::inert(hostile),
            "a\\u{1b}[2J\\u{1b}[32mPASS⏎::error file=x⏎\\u{9b}31m\\u{202e}z\\u{7} b"
        );
        assert_eq!(super::inert("ศิริพร ชัยวัฒน์ — الهوية"), "ศิริพร ชัยวัฒน์ — الهوية");
    }

    #[test]
    fn ids_that_follow_on_are_written_as_a_run() {
        let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(super::id_run(&ids(&["R2", "R3", "R4", "R5"])), "R2–R5");
        assert_eq!(super::id_run(&ids(&["R2", "R4", "R5"])), "R2, R4, R5");
        assert_eq!(super::id_run(&ids(&["R2", "R3"])), "R2, R3");
        assert_eq!(super::id_run(&ids(&["R5"])), "R5");
        assert_eq!(super::id_run(&ids(&["X", "Y", "Z"])), "X, Y, Z");
    }

    use super::{shorten, wrap};

    #[test]
    fn shortens_at_word_boundaries() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("unbreakable-word", 5), "unbr…");
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("", 9), Vec::<String>::new());
        assert_eq!(wrap("unbreakable-word", 4), vec!["unbreakable-word"]);
    }
}
