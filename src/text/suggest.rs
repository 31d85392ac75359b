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
}
