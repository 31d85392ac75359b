//! Country names to ISO 3166-1 alpha-2 codes, so that the interview can take "Ghana" (or
//! "Ivory Coast", or "Ghanna") and offer `GH` for confirmation.

use crate::text::did_you_mean;

/// One line per code: `GH Ghana`, other names after `|`.
const TABLE: &str = include_str!("countries.txt");

/// The code and short name of every country, with each other name it goes by.
fn entries() -> impl Iterator<Item = (&'static str, &'static str, Vec<&'static str>)> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let (code, names) = line.split_once(' ')?;
            let names: Vec<&str> = names.split('|').collect();
            Some((code, names[0], names))
        })
}

/// The short name of the country with this code (any case), if it is one.
pub(crate) fn name_of(code: &str) -> Option<&'static str> {
    entries()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name, _)| name)
}

/// The code and short name of the country `text` names: exactly (case, spacing and
/// punctuation aside), else the one name close enough to be a typo.
pub(crate) fn find(text: &str) -> Option<(&'static str, &'static str)> {
    let wanted = folded(text);
    let mut by_folded = Vec::new();
    for (code, short, names) in entries() {
        for name in names {
            if folded(name) == wanted {
                return Some((code, short));
            }
            by_folded.push((folded(name), code, short));
        }
    }
    let best = did_you_mean(&wanted, by_folded.iter().map(|(f, _, _)| f.as_str()))?;
    by_folded
        .iter()
        .find(|(f, _, _)| f == best)
        .map(|&(_, code, short)| (code, short))
}

/// Lower case, letters and digits only, without a leading "the".
fn folded(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_typos() {
        assert_eq!(find("Ghana"), Some(("GH", "Ghana")));
        assert_eq!(find("ghanna"), Some(("GH", "Ghana")));
        assert_eq!(find("Ivory Coast"), Some(("CI", "Côte d'Ivoire")));
        assert_eq!(find("the gambia"), Some(("GM", "Gambia")));
        assert_eq!(find("Burma"), Some(("MM", "Myanmar")));
        assert_eq!(find("Atlantis"), None);
        assert_eq!(name_of("ke"), Some("Kenya"));
        assert_eq!(name_of("QQ"), None);
    }

    #[test]
    fn every_code_is_two_capital_letters_and_listed_once() {
        let codes: Vec<&str> = entries().map(|(c, _, _)| c).collect();
        assert_eq!(codes.len(), 250, "249 ISO 3166-1 codes and XK");
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        );
    }
}
