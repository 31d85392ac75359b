//! The questionnaire as validated data: the answers about one deployment.
//!
//! `validate::questionnaire::load` reads a questionnaire against a framework; every answer and waiver here names a
//! question the framework has, and every date is real. A loaded file has one respondent;
//! merging several files (see `evaluate::merge`) gives one questionnaire with several.
//! Scoring starts from this type.

pub mod evidence;
pub mod span_edit;

pub mod raw;
pub mod template;

use serde::Serialize;

pub use crate::date::Date;
pub use evidence::Found;
pub use raw::AnswerValue;

use crate::source::Pos;

/// A validated questionnaire.
#[derive(Debug, Clone, Serialize)]
pub struct Questionnaire {
    /// The files it was read from, as the user named them (several after a merge).
    pub files: Vec<String>,
    /// The framework reference it was written against.
    pub framework: String,
    /// The deployment assessed.
    pub deployment: Deployment,
    /// Who answered, one per file.
    pub respondents: Vec<Respondent>,
    /// The authorities whose questions it answers; `None`: the whole deployment.
    pub scope: Option<Scope>,
    /// The assessment date.
    pub assessed_on: Date,
    /// Answers in file order; questions without an entry are not assessed.
    pub answers: Vec<Answer>,
    /// Waivers in file order.
    pub waivers: Vec<Waiver>,
}

/// The part of a deployment a questionnaire answers for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// Responsible authorities, in the order written (no repeats).
    pub authorities: Vec<String>,
}

impl Scope {
    /// Whether `question`'s authorities fall in this scope: it names one of them, or none.
    pub fn covers(&self, authorities: &[String]) -> bool {
        authorities.is_empty() || authorities.iter().any(|a| self.authorities.contains(a))
    }

    /// The scope of several questionnaires together: the union, or the whole deployment when
    /// any of them answers for all of it.
    pub fn union(a: Option<&Scope>, b: Option<&Scope>) -> Option<Scope> {
        let (a, b) = (a?, b?);
        let mut authorities = a.authorities.clone();
        for authority in &b.authorities {
            if !authorities.contains(authority) {
                authorities.push(authority.clone());
            }
        }
        Some(Scope { authorities })
    }
}

/// The deployment a questionnaire describes.
#[derive(Debug, Clone, Serialize)]
pub struct Deployment {
    /// Name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// Building blocks.
    pub building_blocks: Vec<String>,
    /// Life-cycle stage.
    pub stage: String,
    /// Description.
    pub description: Option<String>,
}

/// Who answered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Respondent {
    /// The person.
    pub name: Option<String>,
    /// Their role.
    pub role: Option<String>,
    /// The responsible authority they speak for.
    pub authority: Option<String>,
    /// Their organisation.
    pub organisation: Option<String>,
}

/// One answer.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The question or gender-check id.
    pub question: String,
    /// The answer; `None` when the entry is present but left empty.
    pub value: Option<AnswerValue>,
    /// Supporting documents.
    pub evidence: Vec<Evidence>,
    /// Why the question does not apply.
    pub reason: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// The file the answer was read from.
    pub file: String,
    /// Where the answer's key is in the file.
    pub pos: Pos,
}

/// A piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Path relative to the questionnaire, or an address.
    pub reference: String,
    /// Kind of document.
    pub kind: Option<String>,
    /// Issue or review date.
    pub date: Option<Date>,
    /// Expected SHA-256 of the file.
    pub sha256: Option<String>,
    /// Short description.
    pub title: Option<String>,
    /// What was found at `reference`; `None` until `evidence::inspect` has looked.
    pub found: Option<evidence::Found>,
    /// Where the evidence entry is in the file.
    pub pos: Pos,
}

/// An approved exception.
#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    /// The waived question.
    pub question: String,
    /// Why.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Last day it holds.
    pub expires: Date,
    /// The file the waiver was read from.
    pub file: String,
    /// Where the waiver is in the file.
    pub pos: Pos,
}

impl Questionnaire {
    /// The answer to `question`, if the file has one.
    pub fn answer(&self, question: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.question == question)
    }

    /// The first file it was read from.
    pub fn file(&self) -> &str {
        self.files.first().map_or("", String::as_str)
    }
}
