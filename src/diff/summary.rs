//! The summary of a comparison: the notes a reader sees first, improvements and regressions
//! in plain words.

use super::*;

/// A number as reports print it (`decimals` places), or "none".
pub fn show(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("{v:.decimals$}"))
}

fn figure_text(figure: &Figure, unit: &str, decimals: usize) -> String {
    format!(
        "{}{unit} → {}{unit}",
        show(figure.old, decimals),
        show(figure.new, decimals)
    )
}

pub(super) fn summarise(diff: &Diff) -> DiffSummary {
    let mut notes = Notes::default();
    notes.overall(diff);
    notes.principles_and_risks(diff);
    notes.gender(diff);
    let mut counts = ChangeCounts::default();
    for q in &diff.questions {
        match q.change {
            Change::Improved => counts.improved += 1,
            Change::Regressed => counts.regressed += 1,
            Change::Changed => counts.changed += 1,
            Change::Unchanged => counts.unchanged += 1,
        }
        notes.add(q.change, &q.question, q.describe());
    }
    notes.summary(counts)
}

/// Every note of a comparison with the way it moved, in the order a reader meets them.
#[derive(Default)]
struct Notes(Vec<(Change, Note)>);

impl Notes {
    fn add(&mut self, change: Change, subject: &str, text: String) {
        let note = Note {
            subject: subject.to_owned(),
            text,
        };
        self.0.push((change, note));
    }

    /// The overall score, coverage, evidenced share and critical failures.
    fn overall(&mut self, diff: &Diff) {
        let o = &diff.overall;
        self.add(
            o.score.trend(true),
            "overall score",
            figure_text(&o.score, "", 1),
        );
        let coverage = figure_text(&o.coverage, " %", 1);
        self.add(o.coverage.trend(true), "coverage", coverage);
        let evidenced = figure_text(&o.evidenced, " %", 1);
        self.add(o.evidenced.trend(true), "evidenced share", evidenced);
        for id in &diff.critical_failures.added {
            self.add(Change::Regressed, id, "critical failure added".to_owned());
        }
        for id in &diff.critical_failures.removed {
            self.add(Change::Improved, id, "critical failure removed".to_owned());
        }
    }

    /// Each principle (with its cap) and each risk's exposure.
    fn principles_and_risks(&mut self, diff: &Diff) {
        for p in &diff.principles {
            let mut text = format!("{}: {}", p.name, figure_text(&p.score, "", 1));
            match (&p.capped_by.old, &p.capped_by.new) {
                (None, Some(by)) => text.push_str(&format!(", capped by {by}")),
                (Some(by), None) => text.push_str(&format!(", cap by {by} lifted")),
                _ => {}
            }
            self.add(p.change, &p.id, text);
        }
        for r in &diff.risks {
            let text = format!("{}: exposure {}", r.name, figure_text(&r.exposure, "", 1));
            self.add(r.change, &r.id, text);
        }
    }

    /// The gender index and practice code.
    fn gender(&mut self, diff: &Diff) {
        let g = &diff.gender;
        self.add(
            g.index.trend(true),
            "gender index",
            figure_text(&g.index, "", 0),
        );
        let code = figure_text(&g.practice_code, "", 0);
        self.add(g.practice_code.trend(true), "gender practice code", code);
    }

    fn pick(&self, wanted: Change) -> Vec<Note> {
        self.0
            .iter()
            .filter(|(c, _)| *c == wanted)
            .map(|(_, n)| n.clone())
            .collect()
    }

    /// The summary: regressions and improvements, and the overall direction.
    fn summary(&self, questions: ChangeCounts) -> DiffSummary {
        let regressions = self.pick(Change::Regressed);
        let improvements = self.pick(Change::Improved);
        let anything_changed = self.0.iter().any(|(c, _)| *c == Change::Changed);
        let change = if !regressions.is_empty() {
            Change::Regressed
        } else if !improvements.is_empty() {
            Change::Improved
        } else if anything_changed {
            Change::Changed
        } else {
            Change::Unchanged
        };
        DiffSummary {
            change,
            questions,
            regressions,
            improvements,
        }
    }
}
