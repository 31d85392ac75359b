//! Cross-reference checks of a questionnaire against its framework, and the step from raw to
//! validated types.
//!
//! Runs on the positioned tree after the schema check, skipping values of the wrong type (the
//! schema already reported them), so a file's reference problems and shape problems are
//! reported together.

use super::tree::Text;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::framework::{AliasKind, Framework};
use crate::questionnaire::raw::{RawAnswer, RawEvidence, RawQuestionnaire, RawWaiver};
use crate::questionnaire::{
    Answer, Date, Deployment, Evidence, Questionnaire, Respondent, Scope, Waiver,
};
use crate::source::yaml::Node;
use crate::source::{Limits, Pos, SourceFile};
use crate::text::did_you_mean;
use crate::validate::{self, Validated, schema};

/// The questionnaire format versions this build reads.
pub const SUPPORTED_VERSION: u64 = 1;

/// Parses and validates a questionnaire against `framework`.
pub fn load(
    source: &SourceFile,
    framework: &Framework,
    limits: &Limits,
) -> Validated<Questionnaire> {
    let mut diagnostics = Diagnostics::default();
    let parsed =
        validate::parse_and_check_shape(source, &schema::QUESTIONNAIRE, limits, &mut diagnostics);
    let Some(parsed) = parsed else {
        return Validated::new(None, diagnostics);
    };
    check_references(&parsed.root, &source.name, framework, &mut diagnostics);
    let questionnaire = if diagnostics.has_errors() {
        None
    } else {
        validate::decode::<RawQuestionnaire>(&parsed, &source.name, &mut diagnostics)
            .map(|raw| build(raw, &parsed.root, &source.name))
    };
    Validated::new(questionnaire, diagnostics)
}

/// Checks a questionnaire tree's references against `framework`.
pub fn check_references(
    root: &Node,
    file: &str,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) {
    let mut checker = Checker {
        file,
        framework,
        diagnostics,
    };
    checker.version(root, "dpisafe", "questionnaire", SUPPORTED_VERSION);
    checker.framework_reference(root);
    if let Some(deployment) = root.get("deployment") {
        checker.deployment(deployment);
    }
    if let Some(respondent) = root.get("respondent") {
        checker.authority(respondent);
    }
    if let Some(scope) = root.get("scope") {
        checker.scope(scope);
    }
    checker.date(root, "assessed_on");
    if let Some(answers) = root.get("answers") {
        for entry in answers.entries() {
            checker.answer(&entry.key, entry.key_pos, &entry.value);
        }
    }
    for waiver in root.list("waivers") {
        checker.waiver(waiver);
    }
}

/// Reference checks shared by questionnaires and policy files.
pub(crate) struct Checker<'a> {
    pub(crate) file: &'a str,
    pub(crate) framework: &'a Framework,
    pub(crate) diagnostics: &'a mut Diagnostics,
}

impl Checker<'_> {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Checks the format version under `key`; `noun` names the format in the message.
    pub(crate) fn version(&mut self, root: &Node, key: &str, noun: &str, supported: u64) {
        let Some(node) = root.get(key) else {
            return;
        };
        let crate::source::yaml::NodeValue::Number(n) = &node.value else {
            return;
        };
        if n.as_u64() != Some(supported) {
            self.push(
                Diagnostic::error(
                    Code::UnsupportedVersion,
                    self.file,
                    Some(node.pos),
                    format!("{noun} format version {n} is not supported"),
                )
                .with_label("unsupported version")
                .with_hint(format!("this build reads `{key}: {supported}`")),
            );
        }
    }

    fn framework_reference(&mut self, root: &Node) {
        let Some(text) = root.text("framework") else {
            return;
        };
        let expected = self.framework.reference();
        let well_formed = text
            .value
            .split_once('@')
            .is_some_and(|(id, v)| !id.is_empty() && !v.is_empty());
        if well_formed && text.value != expected {
            self.push(
                Diagnostic::error(
                    Code::FrameworkMismatch,
                    self.file,
                    Some(text.pos),
                    format!("the questionnaire answers `{}`, but the framework loaded is `{expected}`", text.value),
                )
                .with_label("different framework")
                .with_hint(format!(
                    "write `framework: {expected}`, or pass the matching framework file with --framework"
                )),
            );
        }
    }

    fn deployment(&mut self, deployment: &Node) {
        let blocks = self.framework.building_block_ids();
        for block in deployment.texts("building_blocks") {
            if !blocks.contains(&block.value) {
                self.unknown(Code::UnknownBuildingBlock, "building block", block, &blocks);
            }
        }
        if let Some(stage) = deployment.text("stage") {
            let stages = self.framework.stage_ids();
            if !stages.contains(&stage.value) {
                self.unknown(Code::UnknownStage, "life-cycle stage", stage, &stages);
            }
        }
    }

    fn authority(&mut self, respondent: &Node) {
        let Some(authority) = respondent.text("authority") else {
            return;
        };
        let known = self.framework.authority_ids();
        if !known.contains(&authority.value) {
            self.unknown(
                Code::UnknownAuthority,
                "responsible authority",
                authority,
                &known,
            );
        }
    }

    fn scope(&mut self, scope: &Node) {
        let known = self.framework.authority_ids();
        for text in scope.texts("authorities") {
            if !known.contains(&text.value) {
                self.unknown(
                    Code::UnknownAuthority,
                    "responsible authority",
                    text,
                    &known,
                );
            }
        }
    }

    pub(crate) fn unknown(&mut self, code: Code, what: &str, text: Text<'_>, known: &[&str]) {
        let hint = match did_you_mean(text.value, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? (choices: {})", known.join(", ")),
            None => format!("use one of: {}", known.join(", ")),
        };
        self.push(
            Diagnostic::error(
                code,
                self.file,
                Some(text.pos),
                format!("`{}` is not a {what} of the framework", text.value),
            )
            .with_label(format!("unknown {what}"))
            .with_hint(hint),
        );
    }

    /// A value that has the date shape but is not a real date (`2026-02-30`).
    pub(crate) fn date(&mut self, parent: &Node, key: &str) {
        let Some(text) = parent.text(key) else { return };
        let shaped = text.value.len() == 10 && text.value.as_bytes().get(4) == Some(&b'-');
        if shaped && Date::parse(text.value).is_none() {
            self.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    self.file,
                    Some(text.pos),
                    format!("`{}` is not a real calendar date", text.value),
                )
                .with_label("no such day")
                .with_hint("check the month and the day; dates are YYYY-MM-DD"),
            );
        }
    }

    fn answer(&mut self, id: &str, key_pos: Pos, answer: &Node) {
        if self.framework.question(id).is_none() {
            self.unknown_question(Code::UnknownQuestion, id, key_pos, "answer");
        }
        if answer.text("answer").is_some_and(|a| a.value == "n/a") {
            let reason = answer
                .text("reason")
                .map(|r| r.value.trim())
                .unwrap_or_default();
            if reason.is_empty() {
                let pos = answer.get("answer").map_or(key_pos, |n| n.pos);
                self.push(
                    Diagnostic::error(
                        Code::NaWithoutReason,
                        self.file,
                        Some(pos),
                        format!("`{id}` is answered n/a without a reason"),
                    )
                    .with_label("needs a reason")
                    .with_hint(
                        "add `reason:` saying why the question does not apply to this deployment",
                    ),
                );
            }
        }
        for evidence in answer.list("evidence") {
            self.date(evidence, "date");
        }
    }

    pub(crate) fn waiver(&mut self, waiver: &Node) {
        if let Some(question) = waiver.text("question")
            && self.framework.question(question.value).is_none()
        {
            self.unknown_question(
                Code::UnknownWaiverQuestion,
                question.value,
                question.pos,
                "waiver",
            );
        }
        self.date(waiver, "expires");
    }

    pub(crate) fn unknown_question(&mut self, code: Code, id: &str, pos: Pos, what: &str) {
        let renamed = self
            .framework
            .aliases
            .iter()
            .find(|a| a.kind == AliasKind::Question && a.from == id);
        let hint = if let Some(alias) = renamed {
            format!(
                "`{id}` is now `{}`; run `dpisafe migrate` to carry answers over",
                alias.to.join("` or `")
            )
        } else {
            // Retired ids are candidates too: a misspelt old id should lead to its successor.
            let aliases = || {
                self.framework
                    .aliases
                    .iter()
                    .filter(|a| a.kind == AliasKind::Question)
            };
            let ids = self
                .framework
                .questions
                .iter()
                .map(|q| q.id.as_str())
                .chain(aliases().map(|a| a.from.as_str()));
            let lookalike = crate::text::lookalike(id, ids.clone());
            match did_you_mean(id, ids) {
                _ if lookalike.is_some() => lookalike.unwrap_or_default(),
                Some(best) => match aliases().find(|a| a.from == best) {
                    Some(alias) => format!(
                        "did you mean `{best}`? it is now `{}`; run `dpisafe migrate` to carry answers over",
                        alias.to.join("` or `")
                    ),
                    None => format!("did you mean `{best}`?"),
                },
                None => {
                    "run `dpisafe framework list --questions` to see the question ids".to_owned()
                }
            }
        };
        self.push(
            Diagnostic::error(
                code,
                self.file,
                Some(pos),
                format!(
                    "the {what} names `{id}`, which is not a question of {}",
                    self.framework.reference()
                ),
            )
            .with_label("unknown question")
            .with_hint(hint),
        );
    }
}

/// Builds the validated questionnaire from a raw one whose references were checked.
pub fn build(raw: RawQuestionnaire, root: &Node, file: &str) -> Questionnaire {
    let answers_node = root.get("answers");
    let answers = raw
        .answers
        .into_iter()
        .map(|(question, answer)| answer_from(question, answer, answers_node, root.pos, file))
        .collect();
    let waivers = waivers_from(raw.waivers, root, file);
    let respondent = raw.respondent.map(|r| Respondent {
        name: r.name,
        role: r.role,
        authority: r.authority,
        organisation: r.organisation,
    });
    Questionnaire {
        files: vec![file.to_owned()],
        framework: raw.framework,
        deployment: Deployment {
            name: raw.deployment.name,
            country: raw.deployment.country,
            building_blocks: raw.deployment.building_blocks,
            stage: raw.deployment.stage,
            description: raw.deployment.description,
        },
        respondents: vec![respondent.unwrap_or_default()],
        scope: raw.scope.map(|scope| Scope {
            // Named twice is meant once.
            authorities: first_of_each(scope.authorities),
        }),
        // The schema (shape) and the reference checks (real day) refused a bad date before
        // this step, so the fallback is never taken.
        assessed_on: Date::parse(&raw.assessed_on).unwrap_or_else(|| Date::from_days(0)),
        answers,
        waivers,
    }
}

/// One answer with its place: the position of its key under `answers` (the file's start
/// when the tree has none), and each evidence item at its own list entry.
fn answer_from(
    question: String,
    answer: RawAnswer,
    answers_node: Option<&Node>,
    file_pos: Pos,
    file: &str,
) -> Answer {
    let entry = answers_node.and_then(|n| n.entry(&question));
    let pos = entry.map_or(file_pos, |e| e.key_pos);
    let evidence_nodes = entry.map_or(&[][..], |e| e.value.list("evidence"));
    let evidence = answer
        .evidence
        .into_iter()
        .zip(
            evidence_nodes
                .iter()
                .map(|n| n.pos)
                .chain(std::iter::repeat(pos)),
        )
        .map(|(e, pos)| evidence_from(e, pos))
        .collect();
    Answer {
        question,
        value: answer.answer,
        evidence,
        reason: answer.reason,
        notes: answer.notes,
        file: file.to_owned(),
        pos,
    }
}

/// The items in their first order, each once.
fn first_of_each(items: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for item in items {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

fn evidence_from(raw: RawEvidence, pos: Pos) -> Evidence {
    Evidence {
        reference: raw.reference,
        kind: raw.kind,
        date: raw.date.as_deref().and_then(Date::parse),
        sha256: raw.sha256,
        title: raw.title,
        found: None,
        pos,
    }
}

/// Validated waivers from the raw ones under `root`'s `waivers:` key.
pub(crate) fn waivers_from(raw: Vec<RawWaiver>, root: &Node, file: &str) -> Vec<Waiver> {
    let nodes = root.list("waivers");
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, w)| {
            Some(Waiver {
                expires: Date::parse(&w.expires)?,
                question: w.question,
                reason: w.reason,
                approved_by: w.approved_by,
                file: file.to_owned(),
                pos: nodes.get(i).map_or(root.pos, |n| n.pos),
            })
        })
        .collect()
}
