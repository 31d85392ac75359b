//! "Did you mean" suggestions: the closest known name to a misspelt one.

/// The candidate closest to `given`, if it is close enough to be a likely typo.
///
/// A suggestion is made only when one candidate is nearer than every other, and nearer than
/// half the longer name's length: `L9` suggests none of `L1`–`L5` (each one letter away, and
/// one letter is half of `L9`), so the caller lists the choices instead.
pub fn did_you_mean<'a>(
    given: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let given_lower = given.to_lowercase();
    let limit = (given.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|candidate| (distance(&given_lower, &candidate.to_lowercase()), candidate))
        .filter(|&(d, candidate)| {
            let longer = given.chars().count().max(candidate.chars().count());
            d <= limit && 2 * d < longer
        })
        .collect();
    close.sort();
    match close.as_slice() {
        [(d, best), (next, _), ..] if next > d => Some(best),
        [(_, best)] => Some(best),
        _ => None,
    }
}

/// Letters of other scripts that look like Latin letters or digits, with what they look like
/// and what they are. Ids are ASCII, so one of these in an id is almost always a paste from a
/// document typed in another keyboard layout.
const LOOKALIKES: &[(char, char, &str)] = &[
    ('А', 'A', "a Cyrillic А"),
    ('В', 'B', "a Cyrillic В"),
    ('Е', 'E', "a Cyrillic Е"),
    ('К', 'K', "a Cyrillic К"),
    ('М', 'M', "a Cyrillic М"),
    ('Н', 'H', "a Cyrillic Н"),
    ('О', 'O', "a Cyrillic О"),
    ('Р', 'P', "a Cyrillic Р"),
    ('С', 'C', "a Cyrillic С"),
    ('Т', 'T', "a Cyrillic Т"),
    ('Х', 'X', "a Cyrillic Х"),
    ('Ѕ', 'S', "a Cyrillic Ѕ"),
    ('І', 'I', "a Cyrillic І"),
    ('а', 'a', "a Cyrillic а"),
    ('е', 'e', "a Cyrillic е"),
    ('о', 'o', "a Cyrillic о"),
    ('р', 'p', "a Cyrillic р"),
    ('с', 'c', "a Cyrillic с"),
    ('у', 'y', "a Cyrillic у"),
    ('х', 'x', "a Cyrillic х"),
    ('і', 'i', "a Cyrillic і"),
    ('Α', 'A', "a Greek Α"),
    ('Β', 'B', "a Greek Β"),
    ('Ε', 'E', "a Greek Ε"),
    ('Η', 'H', "a Greek Η"),
    ('Ι', 'I', "a Greek Ι"),
    ('Κ', 'K', "a Greek Κ"),
    ('Μ', 'M', "a Greek Μ"),
    ('Ν', 'N', "a Greek Ν"),
    ('Ο', 'O', "a Greek Ο"),
    ('Ρ', 'P', "a Greek Ρ"),
    ('Τ', 'T', "a Greek Τ"),
    ('Χ', 'X', "a Greek Χ"),
    ('ο', 'o', "a Greek ο"),
    ('․', '.', "a one-dot leader"),
    ('٠', '0', "an Arabic-Indic digit zero"),
    ('١', '1', "an Arabic-Indic digit one"),
];

/// Why `given` is not the id it looks like: "`О1.Q1` contains a Cyrillic О (U+041E); did you
/// mean `O1.Q1`?", when replacing its look-alike characters (and full-width forms) gives one
/// of `candidates`.
pub fn lookalike<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut named = Vec::new();
    let plain: String = given
        .chars()
        .map(|c| {
            if let Some(&(_, latin, name)) = LOOKALIKES.iter().find(|(l, _, _)| *l == c) {
                named.push(format!("{name} (U+{:04X})", u32::from(c)));
                latin
            } else if ('\u{ff01}'..='\u{ff5e}').contains(&c) {
                named.push(format!("a full-width `{c}` (U+{:04X})", u32::from(c)));
                char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect();
    if named.is_empty() {
        return None;
    }
    named.dedup();
    let best = candidates.into_iter().find(|c| *c == plain)?;
    Some(format!(
        "`{given}` contains {}; did you mean `{best}`?",
        named.join(" and ")
    ))
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["answer", "evidence", "reason", "notes"];
        assert_eq!(did_you_mean("answr", keys), Some("answer"));
        assert_eq!(did_you_mean("evidense", keys), Some("evidence"));
        assert_eq!(did_you_mean("colour", keys), None);
        assert_eq!(
            did_you_mean("F8.Q12", ["F8.Q1", "F8.Q3", "O8.Q1"]),
            Some("F8.Q1")
        );
        assert_eq!(
            did_you_mean("F8.Q12", ["F8.Q1", "F8.Q2"]),
            None,
            "one deletion from either"
        );
        assert_eq!(did_you_mean("NOTES", keys), Some("notes"));
        let stages = ["L1", "L2", "L3", "L4", "L5"];
        assert_eq!(did_you_mean("L9", stages), None, "every stage is as near");
        assert_eq!(did_you_mean("l4", stages), Some("L4"));
        assert_eq!(did_you_mean("idd", ["id", "payments"]), Some("id"));
        assert_eq!(did_you_mean("F8.Q9", ["F8.Q1", "F8.Q2"]), None, "a tie");
    }

    #[test]
    fn look_alike_letters_are_named() {
        let ids = ["O1.Q1", "F8.Q1"];
        assert_eq!(
            lookalike("О1.Q1", ids).as_deref(),
            Some("`О1.Q1` contains a Cyrillic О (U+041E); did you mean `O1.Q1`?")
        );
        assert_eq!(
            lookalike("Ｆ8.Q1", ids).as_deref(),
            Some("`Ｆ8.Q1` contains a full-width `Ｆ` (U+FF26); did you mean `F8.Q1`?")
        );
        assert_eq!(lookalike("O1.Q1", ids), None, "nothing to name");
        assert_eq!(lookalike("О9.Q1", ids), None, "no id once replaced");
    }
}
