//! The Safeguards framework as validated data: principles, risks, authorities, stages,
//! processes, questions, gender checks and scoring rules.
//!
//! `validate::framework` reads a framework file (or the embedded one) and checks it; everything
//! downstream receives a [`Framework`] whose references are known to resolve. Nothing here
//! scores, and nothing here reads files.

pub mod raw;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The name diagnostics use for the embedded framework file.
pub const EMBEDDED_NAME: &str = "frameworks/universal-dpi-safeguards-1.0.yaml";

/// The embedded framework file's text: what `framework show` prints and what the compiled
/// form below is checked against.
pub const EMBEDDED_TEXT: &str = include_str!("../../frameworks/universal-dpi-safeguards-1.0.yaml");

/// The embedded framework already validated and built, as CBOR: `validate::framework::embedded`
/// decodes it, so a command does not parse the framework's YAML and run its schema each time.
/// It is generated from [`EMBEDDED_TEXT`] by `UPDATE_FRAMEWORK=1 cargo test compiled`, and a
/// test fails when the two drift apart.
pub const EMBEDDED_COMPILED: &[u8] =
    include_bytes!("../../frameworks/compiled/universal-dpi-safeguards-1.0.cbor");
pub use raw::{
    AliasKind, PrincipleKind, RawScoring as Scoring, RawSource as Source,
    RawSourceRef as SourceRef, RiskCategory, TextSource,
};

/// The date a framework's `published` names: `YYYY-MM-DD`, or `YYYY-MM` as its first day.
pub fn published_date(published: &str) -> Option<Date> {
    Date::parse(published).or_else(|| {
        let bytes = published.as_bytes();
        (bytes.len() == 7 && bytes[4] == b'-')
            .then(|| Date::parse(&format!("{published}-01")))
            .flatten()
    })
}

/// A validated framework.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Framework {
    /// Identity, provenance and licence.
    pub metadata: raw::RawMetadata,
    /// Life-cycle stages, in order.
    pub stages: Vec<Named>,
    /// Responsible authorities.
    pub authorities: Vec<Named>,
    /// Risks.
    pub risks: Vec<Risk>,
    /// Principles, in report order.
    pub principles: Vec<Principle>,
    /// Processes.
    pub processes: Vec<Process>,
    /// Aliases.
    pub aliases: Vec<raw::RawAlias>,
    /// Questions and gender checks, in file order (questions first): everything a
    /// questionnaire answers.
    pub questions: Vec<Question>,
    /// Gender checks that reuse a question (`same_as`): never asked or answered themselves;
    /// the gender index counts their question's answer.
    pub reused_checks: Vec<Question>,
    /// The works the gender checks cite.
    pub sources: Vec<Source>,
    /// Scoring rules.
    pub scoring: Scoring,
}

/// A stage or an authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Summary.
    pub summary: String,
}

/// A risk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Risk {
    /// Identifier (`RS3`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Family.
    pub category: RiskCategory,
    /// Summary.
    pub summary: String,
    /// How much of the official text the summary rests on.
    pub text_source: TextSource,
}

/// A principle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Principle {
    /// Identifier (`F8`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Foundational or operational.
    pub kind: PrincipleKind,
    /// Summary.
    pub summary: String,
    /// How much of the official text the summary rests on.
    pub text_source: TextSource,
    /// Highest process number seen: a lower bound on the principle's process count.
    pub processes_known_up_to: u32,
    /// Kinds of international support that fit a shortfall here.
    pub support: Vec<String>,
    /// Why none of its questions is critical, when none is.
    pub no_critical_reason: Option<String>,
}

/// A framework process.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Process {
    /// Unique key in this framework (`F4.10a`).
    pub key: String,
    /// The published id (`F4.10`).
    pub id: String,
    /// Short title.
    pub title: String,
    /// The principle it belongs to.
    pub principle: String,
    /// Risks it mitigates.
    pub risks: Vec<String>,
    /// (authority, stage) placements; the authority may be unknown.
    pub placements: Vec<(Option<String>, String)>,
    /// Where it was read.
    pub source: Option<String>,
    /// Whether the framework's pages give its id to another process too (a variant).
    pub conflict: bool,
    /// Our research note on where it was seen; never shown in reports.
    pub note: Option<String>,
}

/// Whether an answerable item is a safeguards question or a gender check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum QuestionKind {
    /// A safeguards question.
    Safeguard,
    /// A gender-inclusion check of the given group.
    Gender {
        /// `DATA`, `ACCESS`, …
        group: String,
        /// Its sources, as keys of [`Framework::sources`].
        sources: Vec<SourceRef>,
        /// The question it reuses, for a check that is not asked itself.
        same_as: Option<String>,
    },
}

/// Something a questionnaire answers: a safeguards question or a gender check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    /// Identifier (`F8.Q2`, `G-PAY-01`).
    pub id: String,
    /// Question or gender check.
    pub kind: QuestionKind,
    /// The principle it scores under.
    pub principle: String,
    /// Every principle it maps to (the first is `principle`).
    pub principles: Vec<String>,
    /// The question.
    pub text: String,
    /// What yes, partial and no look like (empty for gender checks).
    pub guidance: String,
    /// The evidence to ask for.
    pub evidence: Vec<String>,
    /// Building blocks it applies to; `any` applies to all.
    pub building_blocks: Vec<String>,
    /// Stages where its evidence is expected.
    pub stages: Vec<String>,
    /// Authorities who answer for it (empty: any).
    pub authorities: Vec<String>,
    /// Risks it mitigates.
    pub risks: Vec<String>,
    /// Related processes, by key.
    pub processes: Vec<String>,
    /// Why no process of its principle fits, when none does.
    pub process_note: Option<String>,
    /// What to do when the answer falls short (empty when the file gives no action).
    pub action: String,
    /// Weight inside its principle.
    pub weight: u32,
    /// Whether a `no` caps scores.
    pub critical: bool,
}

impl Question {
    /// True for gender checks.
    pub fn is_gender(&self) -> bool {
        matches!(self.kind, QuestionKind::Gender { .. })
    }

    /// The question a reused gender check counts, if it is one.
    pub fn same_as(&self) -> Option<&str> {
        match &self.kind {
            QuestionKind::Gender { same_as, .. } => same_as.as_deref(),
            QuestionKind::Safeguard => None,
        }
    }

    /// The gender group of a check (`ACCESS`), if it is one.
    pub fn group(&self) -> Option<&str> {
        match &self.kind {
            QuestionKind::Gender { group, .. } => Some(group),
            QuestionKind::Safeguard => None,
        }
    }
}

/// Which questions a deployment has to answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applicability {
    /// Building blocks of the deployment; empty means every block.
    pub building_blocks: Vec<String>,
    /// The deployment's stage; `None` means every stage.
    pub stage: Option<String>,
    /// The respondent's authority; `None` means every authority.
    pub authority: Option<String>,
}

impl Framework {
    /// Every id a user can name in `framework show`: principles, risks, process keys, questions,
    /// reused checks, stages and authorities, in that order.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(self.principles.iter().map(|p| p.id.as_str()));
        ids.extend(self.risks.iter().map(|r| r.id.as_str()));
        ids.extend(self.processes.iter().map(|p| p.key.as_str()));
        ids.extend(self.questions.iter().map(|q| q.id.as_str()));
        ids.extend(self.reused_checks.iter().map(|q| q.id.as_str()));
        ids.extend(self.stages.iter().map(|s| s.id.as_str()));
        ids.extend(self.authorities.iter().map(|a| a.id.as_str()));
        ids
    }

    /// The principle with this id.
    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.id == id)
    }

    /// The risk with this id.
    pub fn risk(&self, id: &str) -> Option<&Risk> {
        self.risks.iter().find(|r| r.id == id)
    }

    /// The question or gender check with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// A gender check by id, asked or reused.
    pub fn gender_check(&self, id: &str) -> Option<&Question> {
        self.questions
            .iter()
            .chain(&self.reused_checks)
            .find(|q| q.is_gender() && q.id == id)
    }

    /// The gender checks that reuse `question`.
    pub fn checks_reusing<'f>(&'f self, question: &'f str) -> impl Iterator<Item = &'f Question> {
        self.reused_checks
            .iter()
            .filter(move |c| c.same_as() == Some(question))
    }

    /// The critical gender check that reuses `question` when the question is not critical
    /// itself: a `no` to the question is then a critical failure, named by the check.
    pub fn critical_check_reusing(&self, question: &Question) -> Option<&Question> {
        if question.critical {
            return None;
        }
        self.reused_checks
            .iter()
            .find(|c| c.critical && c.same_as() == Some(question.id.as_str()))
    }

    /// Whether a `no` to `question` is a critical failure: it is critical, or a critical
    /// gender check reuses it. (Only the question's own flag caps its principle.)
    pub fn fails_critically(&self, question: &Question) -> bool {
        question.critical || self.critical_check_reusing(question).is_some()
    }

    /// The source with this key.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    /// A source reference as a full citation: title, publisher, year, address, and the part
    /// cited; an unverified source says so. An unknown key is shown as given.
    pub fn citation(&self, reference: &SourceRef) -> String {
        let Some(source) = self.source(&reference.key) else {
            return reference.key.clone();
        };
        let mut text = format!("{}. {}", source.title, source.publisher);
        if let Some(year) = source.year {
            text.push_str(&format!(", {year}"));
        }
        if let Some(at) = &reference.at {
            text.push_str(&format!(", {at}"));
        }
        if let Some(url) = &source.url {
            text.push_str(&format!(". {url}"));
        }
        if !source.verified {
            text.push_str(" (not verified)");
        }
        text
    }

    /// The stage with this id.
    pub fn stage(&self, id: &str) -> Option<&Named> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The authority with this id.
    pub fn authority(&self, id: &str) -> Option<&Named> {
        self.authorities.iter().find(|a| a.id == id)
    }

    /// The process with this unique key (`F4.10a`, `F1.1`).
    pub fn process(&self, key: &str) -> Option<&Process> {
        self.processes.iter().find(|p| p.key == key)
    }

    /// Processes whose key or published id is `id`: the variants of a shared id.
    pub fn processes_named(&self, id: &str) -> Vec<&Process> {
        self.processes
            .iter()
            .filter(|p| p.key == id || p.id == id)
            .collect()
    }

    /// The label of a support area, or its id when the framework does not define it.
    pub fn support_label(&self, id: &str) -> String {
        self.scoring
            .support_areas
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| a.label.clone())
    }

    /// Position of a stage in the life cycle (0 for the first).
    pub fn stage_rank(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// `<id>@<version>`, as questionnaires name the framework.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.metadata.id, self.metadata.version)
    }

    /// Building-block ids a deployment may declare.
    pub fn building_block_ids(&self) -> Vec<&str> {
        self.metadata
            .building_blocks
            .iter()
            .map(|b| b.id.as_str())
            .collect()
    }

    /// Life-cycle stage ids, in order.
    pub fn stage_ids(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.id.as_str()).collect()
    }

    /// Responsible-authority ids.
    pub fn authority_ids(&self) -> Vec<&str> {
        self.authorities.iter().map(|a| a.id.as_str()).collect()
    }

    /// The questions and gender checks that name `risk`, in file order.
    pub fn questions_for_risk(&self, risk: &str) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.risks.iter().any(|r| r == risk))
            .collect()
    }

    /// The processes that mitigate `risk`, in file order.
    pub fn processes_for_risk(&self, risk: &str) -> Vec<&Process> {
        self.processes
            .iter()
            .filter(|p| p.risks.iter().any(|r| r == risk))
            .collect()
    }

    /// The earliest of `stages` in life-cycle order (unknown ids last), if any.
    pub fn earliest_stage<'s>(&self, stages: &'s [String]) -> Option<&'s String> {
        stages
            .iter()
            .min_by_key(|s| self.stage_rank(s).unwrap_or(usize::MAX))
    }

    /// Whether `question` applies to a deployment described by `scope`.
    ///
    /// A question applies when it names `any` or one of the deployment's building blocks, when
    /// its earliest stage is not later than the deployment's stage (evidence expected earlier
    /// is still expected now), and when it lists the respondent's authority or lists none.
    pub fn applies(&self, question: &Question, scope: &Applicability) -> bool {
        let block_fits = scope.building_blocks.is_empty()
            || question
                .building_blocks
                .iter()
                .any(|b| b == "any" || scope.building_blocks.contains(b));
        let stage_fits = scope.stage.as_deref().is_none_or(|stage| {
            let earliest = self
                .earliest_stage(&question.stages)
                .and_then(|s| self.stage_rank(s));
            match (earliest, self.stage_rank(stage)) {
                (Some(earliest), Some(current)) => earliest <= current,
                _ => true,
            }
        });
        let authority_fits = scope.authority.as_deref().is_none_or(|authority| {
            question.authorities.is_empty() || question.authorities.iter().any(|a| a == authority)
        });
        block_fits && stage_fits && authority_fits
    }
}

#[cfg(test)]
mod tests {
    use super::published_date;

    #[test]
    fn publication_dates_read_as_their_first_day() {
        let date = published_date("2024-09").expect("a month");
        assert_eq!((date.year(), date.month(), date.day()), (2024, 9, 1));
        assert!(published_date("2024-13").is_none());
        assert!(published_date("September 2024").is_none());
        assert_eq!(published_date("2024-09-17").map(|d| d.day()), Some(17));
    }
}
