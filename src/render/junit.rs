//! JUnit XML for CI dashboards: one test suite per principle with one test case per
//! applicable question, and a `policy` suite with the threshold rules.
//!
//! Jenkins and GitLab mark a run unstable on any failure, so under a policy (`check`) only
//! what fails the gate is a failure; a shortfall the policy allows passes with a `standing`
//! property and a line in `system-out`. Without a policy (`assess`) every shortfall is a
//! failure. A waived shortfall, an n/a and an unanswered question are skipped with the reason.

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use super::standing::{Standing, sentence};
use crate::framework::Framework;
use crate::report::{Finding, Report, Status, Violation};

/// Renders `report` as JUnit XML.
pub fn render(framework: &Framework, report: &Report) -> String {
    let mut junit = JunitReport::new(xml(&format!(
        "dpisafe: {}",
        report.assessment.deployment.name
    )));
    for principle in &report.principles {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.principle == principle.id)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let mut suite = TestSuite::new(xml(&format!("{} {}", principle.id, principle.name)));
        suite.add_test_cases(findings.into_iter().map(|f| case(framework, report, f)));
        junit.add_test_suite(suite);
    }
    if let Some(gate) = &report.gate {
        let mut suite = TestSuite::new("policy");
        suite.add_test_cases(gate.violations.iter().map(policy_case));
        if gate.violations.is_empty() {
            let mut case = TestCase::new("all rules met", TestCaseStatus::success());
            case.set_classname("policy");
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    junit
        .to_string()
        .unwrap_or_else(|err| format!("<!-- dpisafe could not write JUnit: {err} -->\n"))
}

/// One threshold or rule of the policy: a failure when it blocks, otherwise a pass that says
/// why it does not fail the check.
fn policy_case(violation: &Violation) -> TestCase {
    let name = match &violation.subject {
        Some(subject) => format!("{} {subject}", violation.rule.as_str()),
        None => violation.rule.as_str().to_owned(),
    };
    let standing = Standing::of_violation(violation);
    let message = sentence(&violation.message);
    let mut case = if standing.blocks() {
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status.set_message(xml(&message));
        TestCase::new(xml(&name), status)
    } else {
        let mut case = TestCase::new(xml(&name), TestCaseStatus::success());
        let why = standing.sentence().unwrap_or_default();
        case.set_system_out(xml(&format!("{message} {why}")));
        case.add_property(("standing", "tolerated"));
        case
    };
    case.set_classname("policy");
    case
}

fn case(framework: &Framework, report: &Report, finding: &Finding) -> TestCase {
    let text = framework
        .question(&finding.question)
        .map_or(String::new(), |q| crate::text::shorten(&q.text, 100));
    let standing = Standing::of_finding(report, finding);
    let mut allowed = None;
    let status = match (finding.status, standing) {
        (Status::Yes, _) => TestCaseStatus::success(),
        (Status::No | Status::Partial, Standing::Waived(w)) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(xml(&format!(
                "waived: answered {}; {} (approved by {}, until {})",
                finding.status.as_str(),
                w.reason,
                w.approved_by,
                w.expires
            )));
            status
        }
        (Status::No | Status::Partial, Standing::Blocks(_) | Standing::Unjudged) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_type(finding.status.as_str());
            let critical = if finding.critical { "critical, " } else { "" };
            status.set_message(format!("{critical}answered {}", finding.status.as_str()));
            if let Some(at) = &finding.location {
                status.set_description(xml(&at.to_string()));
            }
            status
        }
        (Status::No | Status::Partial, Standing::Tolerated(_) | Standing::Allowed) => {
            let why = standing
                .sentence()
                .unwrap_or_else(|| "The policy allows it.".to_owned());
            allowed = Some(format!("Answered {}. {why}", finding.status.as_str()));
            TestCaseStatus::success()
        }
        (Status::NotApplicable, _) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(xml(&format!(
                "not applicable: {}",
                finding.reason.as_deref().unwrap_or("")
            )));
            status
        }
        (Status::NotAssessed, _) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message("not assessed");
            status
        }
    };
    let mut case = TestCase::new(xml(&format!("{} {text}", finding.question)), status);
    case.set_classname(finding.principle.clone());
    if let Some(line) = allowed {
        case.add_property(("standing", "allowed"));
        case.add_property(("answer", finding.status.as_str()));
        case.set_system_out(xml(&line));
    }
    case
}

/// `text` with the characters XML cannot hold ([`crate::text::is_unprintable`]) replaced by
/// U+FFFD, so a hostile name or reason can never make the file unreadable to a CI server.
fn xml(text: &str) -> String {
    text.chars()
        .map(|c| {
            if crate::text::is_unprintable(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_xml_forbids_are_replaced() {
        assert_eq!(
            super::xml("a\u{1b}[2Jb\u{FFFE}\u{FFFF}\tc"),
            "a\u{FFFD}[2Jb\u{FFFD}\u{FFFD}\tc"
        );
        assert_eq!(super::xml("ศิริพร — ok"), "ศิริพร — ok");
    }
}
