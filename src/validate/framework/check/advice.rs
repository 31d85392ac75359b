//! The advice `dpisafe framework lint` gives on a framework's content: questions linked to no
//! process that fits them, and items that ask nearly the same thing. Warnings, never errors.

use std::collections::{BTreeMap, BTreeSet};

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::yaml::Node;
use crate::validate::tree::Text;

impl Checker<'_, '_> {
    /// A question should name a process of its own principle that shares one of its risks and
    /// one of its stages, or say why none fits (a warning).
    pub(super) fn processes_fit(&mut self, root: &Node) {
        let by_key = placed_processes(root);
        for question in root.list("questions") {
            if question.get("process_note").is_some() {
                continue;
            }
            let (Some(id), Some(principle)) = (question.text("id"), question.text("principle"))
            else {
                continue;
            };
            let risks: BTreeSet<&str> = question.texts("risks").iter().map(|t| t.value).collect();
            let stages: BTreeSet<&str> = question.texts("stages").iter().map(|t| t.value).collect();
            let fits = question.texts("processes").iter().any(|key| {
                by_key.get(key.value).is_some_and(|p| {
                    p.principle == principle.value
                        && p.risks.iter().any(|r| risks.contains(r.as_str()))
                        && p.stages.iter().any(|s| stages.contains(s.as_str()))
                })
            });
            if !fits {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::InconsistentFramework,
                        self.catalogue.file,
                        Some(id.pos),
                        format!(
                            "`{}` names no process of `{}` that shares one of its risks and one of its stages",
                            id.value, principle.value
                        ),
                    )
                    .with_hint("link a process that fits, or say why none does in `process_note`"),
                );
            }
        }
    }

    /// Answerable items whose texts share most of their words (a warning).
    pub(super) fn similar_items(&mut self, root: &Node) {
        let items: Vec<(Text<'_>, BTreeSet<String>)> = root
            .list("questions")
            .iter()
            .chain(root.list("gender_checks"))
            .filter_map(|item| {
                let id = item.text("id")?;
                let words = similar::words(item.text("text")?.value);
                Some((id, words))
            })
            .collect();
        for (i, (a, words_a)) in items.iter().enumerate() {
            for (b, words_b) in &items[i + 1..] {
                let Some(share) = similar::similar(words_a, words_b) else {
                    continue;
                };
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::SimilarItems,
                        self.catalogue.file,
                        Some(b.pos),
                        format!(
                            "`{}` and `{}` ask nearly the same thing ({:.0} % of their words shared)",
                            a.value,
                            b.value,
                            100.0 * share
                        ),
                    )
                    .with_hint(
                        "keep one item, or let the gender check reuse the question with `same_as`",
                    ),
                );
            }
        }
    }
}

/// A process record's principle, risks and stages: what a question must share with it.
struct Placed {
    principle: String,
    risks: BTreeSet<String>,
    stages: BTreeSet<String>,
}

/// Every process record of the file by its key, a variant by its own key.
fn placed_processes(root: &Node) -> BTreeMap<String, Placed> {
    let mut by_key: BTreeMap<String, Placed> = BTreeMap::new();
    for process in root.list("processes") {
        let principle = process
            .text("principle")
            .map(|t| t.value.to_owned())
            .unwrap_or_default();
        let variants = process.list("variants");
        let records: Vec<(&Node, Option<Text<'_>>)> = if variants.is_empty() {
            vec![(process, process.text("id"))]
        } else {
            variants.iter().map(|v| (v, v.text("key"))).collect()
        };
        for (node, key) in records {
            let Some(key) = key else { continue };
            let stages = node
                .list("placements")
                .iter()
                .filter_map(|p| p.text("stage").map(|t| t.value.to_owned()))
                .collect();
            let risks = node
                .texts("risks")
                .iter()
                .map(|t| t.value.to_owned())
                .collect();
            by_key.insert(
                key.value.to_owned(),
                Placed {
                    principle: principle.clone(),
                    risks,
                    stages,
                },
            );
        }
    }
    by_key
}

/// How alike two item texts are: the share of content words they have in common.
mod similar {
    use std::collections::BTreeSet;

    /// Short or common words that say nothing about what an item asks.
    const COMMON: &[&str] = &[
        "that", "this", "with", "from", "have", "been", "their", "they", "them", "what", "when",
        "where", "which", "while", "there", "these", "those", "into", "than", "then", "about",
        "after", "before", "each", "every", "other", "such", "only", "also", "does", "without",
        "within", "through", "being", "would", "could", "should", "must", "will", "more", "most",
        "less", "very", "over", "under", "against", "between", "across", "among", "both", "either",
        "same", "some", "many", "much", "people", "system",
    ];

    /// Jaccard share from which two texts count as asking nearly the same thing.
    const THRESHOLD: f64 = 0.4;

    /// Fewest shared words for a match, so that short texts do not match by chance.
    const MIN_SHARED: usize = 4;

    /// The content words of a text, lower-cased and with common endings cut.
    pub(super) fn words(text: &str) -> BTreeSet<String> {
        text.split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
            .map(|w| stem(&w))
            .collect()
    }

    fn stem(word: &str) -> String {
        for ending in ["ing", "ies", "es", "ed", "s"] {
            if let Some(root) = word.strip_suffix(ending)
                && root.chars().count() >= 4
            {
                return root.to_owned();
            }
        }
        word.to_owned()
    }

    /// The Jaccard share of two word sets, when it reaches the threshold.
    pub(super) fn similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<f64> {
        let shared = a.intersection(b).count();
        let all = a.union(b).count();
        if shared < MIN_SHARED || all == 0 {
            return None;
        }
        #[allow(clippy::cast_precision_loss)]
        let share = shared as f64 / all as f64;
        (share >= THRESHOLD).then_some(share)
    }

    #[cfg(test)]
    mod tests {
        use super::{similar, words};

        #[test]
        fn near_copies_match_and_different_questions_do_not() {
            let a = words("Can people complain through several channels, free of charge?");
            let b = words("Can women complain through several channels free of charge?");
            assert!(similar(&a, &b).is_some());
            let c = words("Is personal data encrypted in storage and in transit?");
            assert!(similar(&a, &c).is_none());
        }
    }
}
