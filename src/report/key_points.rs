//! What a reader should take from a report before any table: what is strongest, which gaps
//! matter most and what they leave exposed. Chosen here, from the report and the framework,
//! so that every document words the same choice; the standing, the critical failures and the
//! evidence come from the [`Summary`](super::Summary) as they are.

use super::{Action, PrincipleResult, Report, RiskResult};
use crate::framework::Framework;

/// How many gaps the key messages name: enough to act on, few enough to read on page 1.
pub const KEY_GAPS: usize = 3;

/// The choices behind a report's key messages.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPoints<'r> {
    /// The rated principle with the highest score (the first in framework order on a tie);
    /// `None` when no principle is rated or the best scores nothing.
    pub strongest: Option<&'r PrincipleResult>,
    /// The most urgent gaps that are not waived, in action-plan order.
    pub gaps: Vec<Gap<'r>>,
}

/// One gap the key messages name.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap<'r> {
    /// Its action in the plan.
    pub action: &'r Action,
    /// The risks its question mitigates, in framework order.
    pub risks: Vec<&'r RiskResult>,
}

impl Report {
    /// The strongest principle and the gaps that matter most.
    pub fn key_points<'r>(&'r self, framework: &Framework) -> KeyPoints<'r> {
        KeyPoints {
            strongest: self.strongest_principle(),
            gaps: self
                .actions
                .iter()
                .filter(|a| !a.waived)
                .take(KEY_GAPS)
                .map(|action| Gap {
                    action,
                    risks: self.risks_of(framework, &action.question),
                })
                .collect(),
        }
    }

    fn strongest_principle(&self) -> Option<&PrincipleResult> {
        let mut best: Option<(&PrincipleResult, f64)> = None;
        for p in self.principles.iter().filter(|p| p.rated) {
            let Some(score) = p.score else { continue };
            if best.is_none_or(|(_, top)| score > top) {
                best = Some((p, score));
            }
        }
        best.filter(|(_, score)| *score > 0.0).map(|(p, _)| p)
    }

    /// The risks a question (or gender check) mitigates, as this report rates them.
    fn risks_of(&self, framework: &Framework, question: &str) -> Vec<&RiskResult> {
        let Some(q) = framework.question(question) else {
            return Vec::new();
        };
        self.risks
            .iter()
            .filter(|r| q.risks.contains(&r.id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::framework::Framework;
    use crate::report::Report;

    fn report(framework: &Framework, answers: &str) -> Report {
        let text = format!(
            "dpisafe: 1\nframework: universal-dpi-safeguards@1.0\nassessed_on: 2026-01-15\n\
             deployment:\n  name: T\n  building_blocks: [id]\n  stage: L4\nanswers:\n{answers}"
        );
        let source = crate::source::SourceFile::new("t.yaml", text);
        let loaded = crate::validate::questionnaire::load(&source, framework, &Default::default());
        let questionnaire = loaded.value.expect("valid questionnaire");
        crate::report::build(crate::report::Inputs {
            framework,
            questionnaire: &questionnaire,
            as_of: questionnaire.assessed_on,
            disagreements: &[],
        })
    }

    #[test]
    fn the_gaps_follow_the_plan_and_name_their_risks() {
        let framework = crate::validate::framework::embedded();
        let report = report(
            framework,
            "  F2.Q1: {answer: no}\n  F1.Q1: {answer: partial}\n",
        );
        let points = report.key_points(framework);
        let first = &points.gaps[0];
        assert_eq!(first.action.question, report.actions[0].question);
        let question = framework
            .question(&first.action.question)
            .expect("question");
        let ids: Vec<&str> = first.risks.iter().map(|r| r.id.as_str()).collect();
        assert!(!ids.is_empty());
        assert!(ids.iter().all(|id| question.risks.iter().any(|r| r == id)));
        assert!(points.gaps.len() <= super::KEY_GAPS);
    }

    #[test]
    fn nothing_is_strongest_when_nothing_is_rated() {
        let framework = crate::validate::framework::embedded();
        // One answer leaves every principle below the coverage a band needs.
        let report = report(framework, "  F2.Q1: {answer: yes}\n");
        assert!(report.principles.iter().all(|p| !p.rated));
        assert_eq!(report.key_points(framework).strongest, None);
    }
}
