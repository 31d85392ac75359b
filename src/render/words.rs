//! The words of one output in one language: its section of the message catalog (`view.…`,
//! `summary.…`) and the framework's translated texts. One type for every renderer.

use crate::evaluate::actions::Tracking;
use crate::framework::{Named, Question};
use crate::i18n::framework::Texts;
use crate::i18n::{self, Lang, Messages};
use crate::plan::EntryStatus;
use crate::report::{Report, Status, Summary};

/// Messages of one catalog section and framework texts, in one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    /// The whole catalog, for messages of other sections.
    pub m: Messages,
    /// The framework's texts.
    pub texts: Texts,
    section: &'static str,
}

impl Words {
    /// The words of `section` in `lang`.
    pub fn new(lang: Lang, section: &'static str) -> Self {
        Self {
            m: Messages::new(lang),
            texts: Texts::new(lang),
            section,
        }
    }

    /// A message of this section.
    pub fn get(&self, id: &str) -> String {
        self.m.get(&format!("{}.{id}", self.section)).to_owned()
    }

    /// A message of this section, filled in.
    pub fn format(&self, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        self.m.format(&format!("{}.{id}", self.section), args)
    }

    /// A figure kept left to right inside right-to-left text.
    pub fn ltr(&self, text: &str) -> String {
        i18n::ltr(self.m.lang(), text)
    }

    /// A framework text in this language, or its English when no current translation exists.
    pub fn text(&self, id: &str, english: &str) -> String {
        self.texts.get(id, english).to_owned()
    }

    /// An answer in words (`view.answer_…`), the same in every output.
    pub fn answer(&self, status: Status) -> String {
        let id = match status {
            Status::Yes => "yes",
            Status::Partial => "partial",
            Status::No => "no",
            Status::NotApplicable => "na",
            Status::NotAssessed => "not_assessed",
        };
        self.m.get(&format!("view.answer_{id}")).to_owned()
    }

    /// A stage or authority as its id and its name in this language (`L4 Deployment`).
    pub fn named(&self, item: &Named) -> String {
        format!("{} {}", item.id, self.text(&item.id, &item.name))
    }

    /// What to do about a question that falls short, in this language: its own action, or
    /// its text when it has none.
    pub fn action(&self, question: &Question) -> String {
        if question.action.is_empty() {
            self.text(&question.id, &question.text)
        } else {
            self.text(&format!("{}.action", question.id), &question.action)
        }
    }

    /// What the action register says about an action, in one line: "Owner: Registry ·
    /// due 2026-09-30 · in progress · overdue". Empty for an action the register does not list.
    pub fn tracking(&self, tracking: Option<&Tracking>) -> String {
        let Some(t) = tracking else {
            return String::new();
        };
        let mut parts = vec![match &t.owner {
            Some(owner) => {
                // Inert first: the line also goes to the terminal, and a name must not
                // break it or carry escape sequences.
                let owner = i18n::isolate(self.m.lang(), &crate::text::inert(owner));
                self.m.format("view.tracking_owner", &[("owner", &owner)])
            }
            None => self.m.get("view.tracking_no_owner").to_owned(),
        }];
        if let Some(due) = t.due {
            let date = self.ltr(&due.to_string());
            parts.push(self.m.format("view.tracking_due", &[("date", &date)]));
        }
        parts.push(self.status(t.status));
        if t.overdue {
            parts.push(self.m.get("view.tracking_overdue").to_owned());
        }
        parts.join(" · ")
    }

    /// The action register's sentences: how many actions it tracks and how many are
    /// overdue, and how many it does not list yet; none without a register.
    pub fn register(&self, report: &Report) -> Vec<String> {
        let Some(info) = &report.plan else {
            return Vec::new();
        };
        let date = self.ltr(&report.assessment.as_of.to_string());
        let mut lines = vec![self.m.format(
            "view.register",
            &[
                ("file", &info.file),
                ("tracked", &info.tracked),
                ("total", &report.actions.len()),
                ("overdue", &info.overdue.len()),
                ("date", &date),
            ],
        )];
        if info.untracked > 0 {
            lines.push(
                self.m
                    .plural("view.register_untracked", info.untracked, &[]),
            );
        }
        lines
    }

    /// A register status in words.
    pub fn status(&self, status: EntryStatus) -> String {
        let id = match status {
            EntryStatus::Open => "open",
            EntryStatus::InProgress => "in_progress",
            EntryStatus::Done => "done",
            EntryStatus::NotPlanned => "not_planned",
        };
        self.m.get(&format!("view.status_{id}")).to_owned()
    }

    /// "not rated — 23 % answered": how every output says that too little of a figure was
    /// answered for a band, so that the terminal, the documents and the portfolio agree.
    pub fn not_rated(&self, coverage: f64) -> String {
        not_rated(self.m, coverage)
    }

    /// A risk's exposure, with "· 12 % unknown" after it when some of its mitigations are
    /// unanswered.
    pub fn exposure(&self, exposure: f64, unknown: f64) -> String {
        if unknown > 0.0 {
            let share = self.ltr(&format!("{unknown:.0} %"));
            let share = self.m.format("view.unknown_share", &[("unknown", &share)]);
            format!("{exposure:.1} · {share}")
        } else {
            format!("{exposure:.1}")
        }
    }

    /// The deployment-wide coverage and the sentence saying whose questionnaires are
    /// missing, when the assessment answers for only part of the deployment.
    pub fn outside_scope(&self, summary: &Summary) -> Option<(String, String)> {
        if summary.outside_scope.is_empty() {
            return None;
        }
        let coverage = self.ltr(&format!("{:.1} %", summary.deployment_coverage?));
        let whole = self
            .m
            .format("view.deployment_coverage", &[("coverage", &coverage)]);
        let authorities = crate::text::id_run(&summary.outside_authorities);
        let sentence = self.m.plural(
            "view.outside_scope",
            summary.outside_scope.len(),
            &[("authorities", &authorities)],
        );
        Some((whole, sentence))
    }
}

/// "not rated — 23 % answered" in the language of `m`, for outputs that hold only messages.
pub fn not_rated(m: Messages, coverage: f64) -> String {
    // Rounded down: a share just short of the threshold must not read as reaching it.
    let coverage = i18n::ltr(m.lang(), &format!("{:.0} %", coverage.floor()));
    m.format("view.not_rated", &[("coverage", &coverage)])
}
