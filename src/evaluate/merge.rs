//! Several respondents, one deployment: merging their questionnaires into one, and listing
//! where they disagree instead of averaging the disagreement away.
//!
//! Where respondents give different answers, the merged answer is the least favourable one
//! (`no` before `partial` before `yes`; `n/a` only when nobody gave anything else), so a
//! safeguard is never scored higher than its most sceptical respondent rates it. Evidence from
//! every respondent is kept.

use serde::Serialize;

use crate::questionnaire::{Answer, AnswerValue, Evidence, Questionnaire};
use crate::source::Pos;

/// A question on which respondents gave different answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The question or gender check.
    pub question: String,
    /// What each respondent answered, in file order.
    pub stances: Vec<Stance>,
    /// The answer the merged questionnaire counts.
    pub counted: AnswerValue,
}

/// One respondent's answer to a disputed question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stance {
    /// Who answered (name, organisation, role or authority, whichever is known first).
    pub respondent: String,
    /// The file holding the answer.
    pub file: String,
    /// Where the answer is.
    pub pos: Pos,
    /// The answer.
    pub answer: AnswerValue,
}

/// The merged questionnaire and the disagreements found.
#[derive(Debug, Clone)]
pub struct Merged {
    /// One questionnaire holding every respondent.
    pub questionnaire: Questionnaire,
    /// Questions where respondents disagree, in order of first appearance.
    pub disagreements: Vec<Disagreement>,
}

/// Why questionnaires cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{file} describes a different deployment from {first_file}: its {field} is `{value}`, not `{first_value}`"
)]
pub struct MergeError {
    /// The first questionnaire.
    pub first_file: String,
    /// The questionnaire that differs.
    pub file: String,
    /// The deployment field that differs.
    pub field: &'static str,
    /// Its value in the first questionnaire.
    pub first_value: String,
    /// Its value in `file`.
    pub value: String,
}

/// Merges `others` into `first`; all must describe one deployment (same name, stage and
/// building blocks).
pub fn merge(first: Questionnaire, others: Vec<Questionnaire>) -> Result<Merged, MergeError> {
    let mut merged = first;
    let first_label = label(&merged, 0);
    let mut by_question: Vec<Vec<(String, Answer)>> = std::mem::take(&mut merged.answers)
        .into_iter()
        .map(|a| vec![(first_label.clone(), a)])
        .collect();
    for other in others {
        same_deployment(&merged, &other)?;
        let who = label(&other, 0);
        merged.files.extend(other.files);
        merged.respondents.extend(other.respondents);
        merged.waivers.extend(other.waivers);
        merged.assessed_on = merged.assessed_on.max(other.assessed_on);
        // Together the respondents answer for the union of their parts.
        merged.scope =
            crate::questionnaire::Scope::union(merged.scope.as_ref(), other.scope.as_ref());
        for answer in other.answers {
            match by_question
                .iter_mut()
                .find(|group| group[0].1.question == answer.question)
            {
                Some(group) => group.push((who.clone(), answer)),
                None => by_question.push(vec![(who.clone(), answer)]),
            }
        }
    }
    let mut disagreements = Vec::new();
    merged.answers = by_question
        .into_iter()
        .map(|group| combine(group, &mut disagreements))
        .collect();
    Ok(Merged {
        questionnaire: merged,
        disagreements,
    })
}

fn same_deployment(first: &Questionnaire, other: &Questionnaire) -> Result<(), MergeError> {
    let a = &first.deployment;
    let b = &other.deployment;
    let differ = |field: &'static str, first_value: String, value: String| MergeError {
        first_file: first.file().to_owned(),
        file: other.file().to_owned(),
        field,
        first_value,
        value,
    };
    if a.name != b.name {
        return Err(differ("name", a.name.clone(), b.name.clone()));
    }
    if a.stage != b.stage {
        return Err(differ("stage", a.stage.clone(), b.stage.clone()));
    }
    let mut blocks_a = a.building_blocks.clone();
    let mut blocks_b = b.building_blocks.clone();
    blocks_a.sort();
    blocks_b.sort();
    if blocks_a != blocks_b {
        return Err(differ(
            "building blocks",
            blocks_a.join(", "),
            blocks_b.join(", "),
        ));
    }
    Ok(())
}

/// How a respondent is named in a disagreement.
fn label(questionnaire: &Questionnaire, index: usize) -> String {
    let respondent = questionnaire.respondents.get(index);
    respondent
        .and_then(|r| {
            r.name
                .clone()
                .or_else(|| r.organisation.clone())
                .or_else(|| r.role.clone())
                .or_else(|| r.authority.clone())
        })
        .unwrap_or_else(|| questionnaire.file().to_owned())
}

/// Rank of an answer from least to most favourable.
fn favour(value: AnswerValue) -> u8 {
    match value {
        AnswerValue::No => 0,
        AnswerValue::Partial => 1,
        AnswerValue::Yes => 2,
        AnswerValue::NotApplicable => 3,
    }
}

/// One answer from every respondent's answer to a question.
fn combine(mut group: Vec<(String, Answer)>, disagreements: &mut Vec<Disagreement>) -> Answer {
    let counted_index = group
        .iter()
        .enumerate()
        .filter_map(|(i, (_, a))| a.value.map(|v| (favour(v), i)))
        .min()
        .map_or(0, |(_, i)| i);
    let values: Vec<AnswerValue> = group.iter().filter_map(|(_, a)| a.value).collect();
    if values.windows(2).any(|pair| pair[0] != pair[1]) {
        disagreements.push(Disagreement {
            question: group[0].1.question.clone(),
            stances: group
                .iter()
                .filter_map(|(who, a)| {
                    Some(Stance {
                        respondent: who.clone(),
                        file: a.file.clone(),
                        pos: a.pos,
                        answer: a.value?,
                    })
                })
                .collect(),
            counted: values
                .iter()
                .copied()
                .min_by_key(|v| favour(*v))
                .unwrap_or(AnswerValue::No),
        });
    }
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let several = group.len() > 1;
    for (who, answer) in &group {
        if let Some(note) = &answer.notes {
            notes.push(if several {
                format!("{who}: {note}")
            } else {
                note.clone()
            });
        }
        for item in &answer.evidence {
            if !evidence.iter().any(|e| e.reference == item.reference) {
                evidence.push(item.clone());
            }
        }
    }
    let (_, mut answer) = group.swap_remove(counted_index);
    answer.evidence = evidence;
    answer.notes = (!notes.is_empty()).then(|| notes.join("\n"));
    answer
}
