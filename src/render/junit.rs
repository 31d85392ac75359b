//! JUnit XML for CI dashboards: one test suite per principle with one test case per
//! applicable question, and a `policy` suite with the threshold rules. A shortfall is a
//! failure; a waived shortfall, an n/a and an unanswered question are skipped with the reason.

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use crate::framework::Framework;
use crate::report::{Finding, Report, Status};

/// Renders `report` as JUnit XML.
pub fn render(framework: &Framework, report: &Report) -> String {
    let mut junit = JunitReport::new(format!("dpisafe: {}", report.assessment.deployment.name));
    for principle in &report.principles {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.principle == principle.id)
            .collect();
        if findings.is_empty() {
            continue;
        }
        let mut suite = TestSuite::new(format!("{} {}", principle.id, principle.name));
        suite.add_test_cases(findings.into_iter().map(|f| case(framework, f)));
        junit.add_test_suite(suite);
    }
    if let Some(gate) = &report.gate {
        let mut suite = TestSuite::new("policy");
        for violation in &gate.violations {
            let name = match &violation.subject {
                Some(subject) => format!("{} {subject}", violation.rule.as_str()),
                None => violation.rule.as_str().to_owned(),
            };
            let mut status = if violation.blocking {
                TestCaseStatus::non_success(NonSuccessKind::Failure)
            } else {
                TestCaseStatus::skipped()
            };
            status.set_message(violation.message.clone());
            let mut case = TestCase::new(name, status);
            case.set_classname("policy");
            suite.add_test_case(case);
        }
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

fn case(framework: &Framework, finding: &Finding) -> TestCase {
    let text = framework
        .question(&finding.question)
        .map_or(String::new(), |q| crate::text::shorten(&q.text, 100));
    let waiver = finding.waiver.as_ref().filter(|w| !w.expired);
    let status = match (finding.status, waiver) {
        (Status::Yes, _) => TestCaseStatus::success(),
        (Status::No | Status::Partial, Some(w)) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(format!(
                "waived: answered {}; {} (approved by {}, until {})",
                finding.status.as_str(),
                w.reason,
                w.approved_by,
                w.expires
            ));
            status
        }
        (Status::No | Status::Partial, None) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_type(finding.status.as_str());
            let critical = if finding.critical { "critical, " } else { "" };
            status.set_message(format!("{critical}answered {}", finding.status.as_str()));
            if let Some(at) = &finding.location {
                status.set_description(format!("{}:{}:{}", at.file, at.line, at.column));
            }
            status
        }
        (Status::NotApplicable, _) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(format!(
                "not applicable: {}",
                finding.reason.as_deref().unwrap_or("")
            ));
            status
        }
        (Status::NotAssessed, _) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message("not assessed");
            status
        }
    };
    let mut case = TestCase::new(format!("{} {text}", finding.question), status);
    case.set_classname(finding.principle.clone());
    case
}
