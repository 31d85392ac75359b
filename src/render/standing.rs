//! How the policy gate stands on each item of a report, read once for the formats CI servers
//! act on (SARIF and JUnit).
//!
//! A CI server turns these formats into a verdict of its own: Jenkins and GitLab mark a run
//! unstable on a JUnit failure, and GitHub code scanning blocks a merge on a SARIF error. Both
//! must therefore say what the exit code of `dpisafe check` says, and no more: only what fails
//! the gate fails there. The gate records its violations with a subject (the question of a
//! critical failure, the question and reference of an evidence problem); this module matches
//! each item to the violation that names it, so the two renderers cannot disagree.

use crate::report::{BaselineState, Finding, Report, Rule, Violation, WaiverResult, Warning};

/// Where the policy leaves one item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Standing<'a> {
    /// A blocking violation names it: it fails the check.
    Blocks(&'a Violation),
    /// A violation names it but does not fail the check: the policy only warns, or the
    /// baseline already had it and it is no worse.
    Tolerated(&'a Violation),
    /// A waiver in force excuses it.
    Waived(&'a WaiverResult),
    /// A policy judged the report and no violation names the item.
    Allowed,
    /// No policy judged the report (`assess` rather than `check`).
    Unjudged,
}

impl<'a> Standing<'a> {
    /// The standing of a violation itself (a threshold or an evidence rule not met).
    pub(crate) fn of_violation(violation: &'a Violation) -> Self {
        if violation.blocking {
            Standing::Blocks(violation)
        } else {
            Standing::Tolerated(violation)
        }
    }

    /// The standing of a question or gender check. Only a critical failure names a question;
    /// a blocking one wins over a waiver, because then the check fails whatever the waiver says.
    pub(crate) fn of_finding(report: &'a Report, finding: &'a Finding) -> Self {
        let named = named_by(report, Rule::CriticalFailure, &finding.question);
        match (named, finding.waiver.as_ref().filter(|w| !w.expired)) {
            (Some(violation), _) if violation.blocking => Standing::Blocks(violation),
            (_, Some(waiver)) => Standing::Waived(waiver),
            (Some(violation), None) => Standing::Tolerated(violation),
            (None, None) => judged_or_not(report),
        }
    }

    /// The standing of a warning: only an evidence problem can be a violation.
    pub(crate) fn of_warning(report: &'a Report, warning: &'a Warning) -> Self {
        match named_by(report, Rule::Evidence, &warning.subject) {
            Some(violation) => Standing::of_violation(violation),
            None => judged_or_not(report),
        }
    }

    /// Whether the item fails the check.
    pub(crate) fn blocks(self) -> bool {
        matches!(self, Standing::Blocks(_))
    }

    /// A sentence saying what the policy made of the item, when it made anything of it.
    pub(crate) fn sentence(self) -> Option<String> {
        match self {
            Standing::Blocks(_) => Some("It fails the policy.".to_owned()),
            Standing::Tolerated(v) if excused_by_baseline(v) => Some(
                "The baseline already had it and it is no worse, so it does not fail the check."
                    .to_owned(),
            ),
            Standing::Tolerated(_) => {
                Some("The policy warns about it without failing the check.".to_owned())
            }
            Standing::Waived(w) => Some(format!("Waived until {}.", w.expires)),
            Standing::Allowed | Standing::Unjudged => None,
        }
    }
}

/// Whether a violation does not block because the baseline had it; a baseline never excuses a
/// critical failure (`gate::compare`), so one that does not block is one the policy only warns of.
fn excused_by_baseline(violation: &Violation) -> bool {
    violation.baseline == BaselineState::Known && violation.rule != Rule::CriticalFailure
}

/// The violation of `rule` about `subject`, if the report has a gate and the gate one.
fn named_by<'a>(report: &'a Report, rule: Rule, subject: &str) -> Option<&'a Violation> {
    report
        .gate
        .as_ref()?
        .violations
        .iter()
        .find(|v| v.rule == rule && v.subject.as_deref() == Some(subject))
}

fn judged_or_not(report: &Report) -> Standing<'_> {
    if report.gate.is_some() {
        Standing::Allowed
    } else {
        Standing::Unjudged
    }
}

/// `text` as a sentence: a capital first letter and a full stop. The gate writes its messages
/// to follow a `file:line:col:` prefix in the terminal; CI viewers show them on their own.
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut out = String::with_capacity(text.len() + 1);
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.push(first.to_ascii_uppercase());
        out.push_str(chars.as_str());
    }
    if !out.is_empty() && !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn sentences_start_with_a_capital_and_end_with_a_stop() {
        assert_eq!(
            sentence("coverage is 92.9 %, below the required 95 %"),
            "Coverage is 92.9 %, below the required 95 %."
        );
        assert_eq!(sentence("Does it? "), "Does it?");
        assert_eq!(sentence("`x.md` is missing."), "`x.md` is missing.");
        assert_eq!(sentence("été"), "été.", "only ASCII letters change case");
        assert_eq!(sentence(""), "");
    }
}
