//! The scoring rules of a framework file must not contradict themselves: credits in range,
//! bands in descending order, kind weights that are not all zero, gender rules that resolve.

use std::collections::BTreeSet;

use super::{Checker, number};
use crate::source::yaml::Node;

impl Checker<'_, '_> {
    pub(super) fn scoring(&mut self, scoring: &Node) {
        self.credits(scoring);
        if let Some(bands) = scoring.get("bands") {
            self.bands_descend(bands, "bands");
        }
        if let Some(bands) = scoring.get("risk").and_then(|r| r.get("bands")) {
            self.bands_descend(bands, "risk bands");
        }
        self.kind_weights(scoring);
        if let Some(gender) = scoring.get("gender") {
            self.gender_rules(gender);
        }
    }

    fn credits(&mut self, scoring: &Node) {
        let Some(credits) = scoring.get("credits") else {
            return;
        };
        let keys: BTreeSet<&str> = credits.entries().iter().map(|e| e.key.as_str()).collect();
        if keys != BTreeSet::from(["yes", "partial", "no"]) {
            self.inconsistent(
                credits.pos,
                "`credits` must give exactly `yes`, `partial` and `no`".to_owned(),
                "n/a needs no credit: it leaves the denominator",
            );
        }
        for entry in credits.entries() {
            let value = number(&entry.value);
            if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                self.inconsistent(
                    entry.value.pos,
                    format!("the credit for `{}` must lie between 0 and 1", entry.key),
                    "credits are shares of a question's weight",
                );
            }
        }
    }

    fn bands_descend(&mut self, bands: &Node, what: &str) {
        let mins: Vec<(f64, crate::source::Pos)> = bands
            .items()
            .iter()
            .filter_map(|band| band.get("min").and_then(|m| number(m).map(|v| (v, m.pos))))
            .collect();
        for pair in mins.windows(2) {
            if pair[1].0 >= pair[0].0 {
                self.inconsistent(
                    pair[1].1,
                    format!("{what} must be listed from the highest `min` down"),
                    "order the bands so each `min` is lower than the one before",
                );
            }
        }
        if let Some(last) = mins.last().filter(|(v, _)| *v != 0.0) {
            self.inconsistent(
                last.1,
                format!("the last of the {what} must start at 0"),
                "otherwise low scores fall into no band",
            );
        }
    }

    fn kind_weights(&mut self, scoring: &Node) {
        let Some(weights) = scoring.get("principle_kind_weights") else {
            return;
        };
        for entry in weights.entries() {
            if !matches!(entry.key.as_str(), "foundational" | "operational") {
                self.inconsistent(
                    entry.key_pos,
                    format!("`{}` is not a principle kind", entry.key),
                    "use `foundational` and `operational`",
                );
            }
            if number(&entry.value).is_some_and(|v| v < 0.0) {
                self.inconsistent(
                    entry.value.pos,
                    format!("the weight of `{}` principles is negative", entry.key),
                    "weights must be zero or more",
                );
            }
        }
        // With every weight zero the overall score is a mean over nothing: every assessment
        // would come out "not scored", however complete.
        let entries = weights.entries();
        if !entries.is_empty() && entries.iter().all(|e| number(&e.value) == Some(0.0)) {
            self.inconsistent(
                weights.pos,
                "every principle kind weighs 0, so no overall score could ever be computed"
                    .to_owned(),
                "give at least one kind a weight above 0 (the shipped framework weighs both 1)",
            );
        }
    }

    pub(super) fn gender_rules(&mut self, gender: &Node) {
        for key in ["unanswered_counts_as", "claimed_yes_counts_as"] {
            if let Some(text) = gender.text(key)
                && !matches!(text.value, "yes" | "partial" | "no")
            {
                self.inconsistent(
                    text.pos,
                    format!("`{key}` must be yes, partial or no"),
                    "it says which answer the case is scored as",
                );
            }
        }
        for cap in gender.list("caps") {
            self.expect(cap, "check", "question");
        }
        if let Some(code) = gender.get("practice_code") {
            self.expect(code, "code_4_requires_yes", "question");
            if let Some(bands) = code.get("bands") {
                self.bands_descend(bands, "practice-code bands");
            }
        }
        if let Some(intent) = gender.get("intent") {
            for key in [
                "analysis_check",
                "disaggregated_data_check",
                "objective_check",
                "monitoring_checks",
            ] {
                self.expect(intent, key, "question");
            }
            self.expect(intent, "principal_building_blocks", "building block");
        }
    }
}
