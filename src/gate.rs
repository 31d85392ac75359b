//! Applying a policy to a report: which rules are not met, and, against a baseline, which of
//! those are regressions. Only blocking violations fail `dpisafe check`.

use crate::policy::{Policy, Strictness, Threshold};
use crate::report::{BaselineState, Gate, Location, Priority, Report, Rule, Status, Violation};

/// The verdict of `policy` on `report`; with a baseline, violations it already had and that
/// did not get worse are reported but do not block.
pub fn judge(policy: &Policy, report: &Report, baseline: Option<(&str, &Report)>) -> Gate {
    let mut found = violations(policy, report);
    if let Some((_, before)) = baseline {
        let known = violations(policy, before);
        for violation in &mut found {
            compare(violation, &known);
        }
    }
    Gate {
        passed: !found.iter().any(|v| v.blocking),
        policy: policy.file.clone(),
        baseline: baseline.map(|(file, _)| file.to_owned()),
        violations: found,
    }
}

/// Marks a violation new, worse or known against the baseline's violations.
fn compare(violation: &mut Violation, before: &[Violation]) {
    let previous = before
        .iter()
        .find(|b| b.rule == violation.rule && b.subject == violation.subject);
    let state = match previous {
        None => BaselineState::New,
        Some(previous) => match (violation.actual, previous.actual) {
            (Some(now), Some(then)) if worse(violation.rule, now, then) => BaselineState::Worse,
            (None, Some(_)) => BaselineState::Worse,
            _ => BaselineState::Known,
        },
    };
    violation.baseline = state;
    // A critical failure is excused only by a waiver, which has a reason, an approver and an
    // expiry; a baseline has none of these, so it cannot quietly excuse one for ever.
    let excusable = violation.rule != Rule::CriticalFailure;
    violation.blocking = violation.blocking && (state != BaselineState::Known || !excusable);
}

/// Whether `now` is worse than `then` for `rule` (lower scores, higher exposure).
fn worse(rule: Rule, now: f64, then: f64) -> bool {
    if rule.lower_is_worse() {
        now < then
    } else {
        now > then
    }
}

fn violations(policy: &Policy, report: &Report) -> Vec<Violation> {
    let mut gate = Minimums {
        policy,
        out: Vec::new(),
    };
    gate.overall(report);
    gate.principles(report);
    gate.gender_index(report);
    let mut out = gate.out;
    risk_limits(policy, report, &mut out);
    critical_failures(policy, report, &mut out);
    evidence_problems(policy, report, &mut out);
    overdue_actions(policy, report, &mut out);
    out
}

/// Where a threshold is written, when the policy came from a file.
fn policy_at(policy: &Policy, threshold: Threshold) -> Option<Location> {
    policy
        .file
        .as_deref()
        .map(|file| Location::new(file, threshold.pos))
}

/// A figure a threshold is checked against, with whether it has a verdict.
#[derive(Debug, Clone, Copy)]
struct Rated {
    value: Option<f64>,
    rated: bool,
    /// Its coverage, percent.
    coverage: f64,
    /// The coverage a verdict needs, percent.
    needed: f64,
}

impl Rated {
    fn new(value: Option<f64>, rated: bool, coverage: f64, needed: f64) -> Self {
        Self {
            value,
            rated,
            coverage,
            needed,
        }
    }
}

/// The minimum thresholds (overall, coverage, principles, gender index) and the violations
/// they find.
struct Minimums<'p> {
    policy: &'p Policy,
    out: Vec<Violation>,
}

impl Minimums<'_> {
    /// A violation when `actual` is missing or below `t`.
    fn check(
        &mut self,
        rule: Rule,
        subject: Option<&str>,
        what: String,
        actual: Option<f64>,
        t: Threshold,
    ) {
        if actual.is_some_and(|a| a >= t.value) {
            return;
        }
        // Coverage is a percentage; scores and the gender index are points out of 100.
        let unit = if matches!(rule, Rule::MinCoverage | Rule::MinDeploymentCoverage) {
            " %"
        } else {
            ""
        };
        let message = match actual {
            Some(a) => format!("{what} is {a}{unit}, below the required {}{unit}", t.value),
            None => format!(
                "{what} has no score (nothing answered, or everything n/a), and the policy requires {}",
                t.value
            ),
        };
        self.fail(rule, subject, message, actual, t);
    }

    /// A violation when the figure is not rated (too little answered to trust it, however
    /// high it is), otherwise [`Self::check`]: a threshold cannot be met by a guess.
    fn check_rated(
        &mut self,
        rule: Rule,
        subject: Option<&str>,
        what: String,
        figure: Rated,
        t: Threshold,
    ) {
        if figure.rated || figure.value.is_none() {
            return self.check(rule, subject, what, figure.value, t);
        }
        let message = format!(
            "{what} is not rated: only {} % of it is answered, and a verdict needs {} %; the policy requires {}",
            figure.coverage, figure.needed, t.value
        );
        self.fail(rule, subject, message, figure.value, t);
    }

    fn fail(
        &mut self,
        rule: Rule,
        subject: Option<&str>,
        message: String,
        actual: Option<f64>,
        t: Threshold,
    ) {
        let at = policy_at(self.policy, t);
        self.out
            .push(violation(rule, subject, message, actual, Some(t.value), at));
    }

    /// The overall score and coverage.
    fn overall(&mut self, report: &Report) {
        if let Some(t) = self.policy.min_overall {
            let capped: Vec<&str> = report
                .principles
                .iter()
                .filter_map(|p| p.capped_by.as_deref())
                .collect();
            let what = if capped.is_empty() {
                "the overall score".to_owned()
            } else {
                format!("the overall score (capped by {})", capped.join(", "))
            };
            let s = &report.summary;
            let figure = Rated::new(s.score, s.rated, s.coverage, s.verdict_min_coverage);
            self.check_rated(Rule::MinOverall, None, what, figure, t);
        }
        if let Some(t) = self.policy.min_coverage {
            let coverage = Some(report.summary.coverage);
            let what = match &report.assessment.scope {
                Some(scope) => format!("coverage of the scope ({})", scope.authorities.join(", ")),
                None => "coverage".to_owned(),
            };
            self.check(Rule::MinCoverage, None, what, coverage, t);
        }
        if let Some(t) = self.policy.min_deployment_coverage {
            let s = &report.summary;
            let coverage = Some(s.deployment_coverage.unwrap_or(s.coverage));
            let what = "coverage of the whole deployment".to_owned();
            self.check(Rule::MinDeploymentCoverage, None, what, coverage, t);
        }
    }

    /// The gender index.
    fn gender_index(&mut self, report: &Report) {
        if let Some(t) = self.policy.min_gender_index {
            let g = &report.gender;
            let needed = report.summary.verdict_min_coverage;
            let figure = Rated::new(g.index.map(f64::from), g.rated, g.coverage, needed);
            let what = "the gender index".to_owned();
            self.check_rated(Rule::MinGenderIndex, None, what, figure, t);
        }
    }

    /// Each applicable principle against its threshold.
    fn principles(&mut self, report: &Report) {
        for principle in report.principles.iter().filter(|p| p.applicable > 0) {
            let Some(t) = self.policy.principle_threshold(&principle.id) else {
                continue;
            };
            let what = match &principle.capped_by {
                Some(q) => format!("{} {} (capped by {q})", principle.id, principle.name),
                None => format!("{} {}", principle.id, principle.name),
            };
            let id = Some(principle.id.as_str());
            let needed = report.summary.verdict_min_coverage;
            let p = principle;
            let figure = Rated::new(p.score, p.rated, p.coverage, needed);
            self.check_rated(Rule::MinPrinciple, id, what, figure, t);
        }
    }
}

/// Each risk against its exposure limit.
fn risk_limits(policy: &Policy, report: &Report, out: &mut Vec<Violation>) {
    for risk in &report.risks {
        let Some(t) = policy.risk_threshold(&risk.id) else {
            continue;
        };
        // Unknown exposure fails a limit just as a missing score fails a minimum, unless no
        // applicable safeguard mitigates the risk at all.
        let message = match risk.exposure {
            Some(exposure) if exposure > t.value => format!(
                "exposure to {} {} is {exposure}, above the allowed {}",
                risk.id, risk.name, t.value
            ),
            None if risk.mitigating > 0 => format!(
                "exposure to {} {} is unknown: none of its {} mitigating safeguards is answered",
                risk.id, risk.name, risk.mitigating
            ),
            _ => continue,
        };
        out.push(violation(
            Rule::MaxRiskExposure,
            Some(&risk.id),
            message,
            risk.exposure,
            Some(t.value),
            policy_at(policy, t),
        ));
    }
}

fn critical_failures(policy: &Policy, report: &Report, out: &mut Vec<Violation>) {
    if policy.critical_failures == Strictness::Allow {
        return;
    }
    for finding in &report.findings {
        let waived = finding.waiver.as_ref().is_some_and(|w| !w.expired);
        if !finding.critical || finding.status != Status::No || waived {
            continue;
        }
        let mut v = violation(
            Rule::CriticalFailure,
            Some(&finding.question),
            match &finding.critical_check {
                Some(check) => format!(
                    "{} is answered no, which fails the critical gender check {check}",
                    finding.question
                ),
                None => format!("{} is critical and answered no", finding.question),
            },
            None,
            None,
            finding.location.clone(),
        );
        v.blocking = policy.critical_failures == Strictness::Fail;
        out.push(v);
    }
}

fn evidence_problems(policy: &Policy, report: &Report, out: &mut Vec<Violation>) {
    if policy.evidence_problems == Strictness::Allow {
        return;
    }
    for warning in report.warnings.iter().filter(|w| w.code.is_evidence()) {
        let mut v = violation(
            Rule::Evidence,
            Some(&warning.subject),
            warning.message.clone(),
            None,
            None,
            Some(warning.location.clone()),
        );
        v.blocking = policy.evidence_problems == Strictness::Fail;
        out.push(v);
    }
}

/// Critical actions the register has pending after their due date.
fn overdue_actions(policy: &Policy, report: &Report, out: &mut Vec<Violation>) {
    if policy.overdue_critical_actions == Strictness::Allow {
        return;
    }
    let critical = report
        .actions
        .iter()
        .filter(|a| a.priority == Priority::Critical);
    for action in critical {
        let Some(tracking) = action.tracking.as_ref().filter(|t| t.overdue) else {
            continue;
        };
        let due = tracking.due.map(|d| d.to_string()).unwrap_or_default();
        let owner = tracking.owner.as_deref().unwrap_or("nobody");
        let mut v = violation(
            Rule::OverdueCriticalAction,
            Some(&action.id),
            format!(
                "the critical action {} (owner: {owner}) was due on {due} and is still {}",
                action.id,
                tracking.status.as_str()
            ),
            None,
            None,
            tracking.location.clone(),
        );
        v.blocking = policy.overdue_critical_actions == Strictness::Fail;
        out.push(v);
    }
}

fn violation(
    rule: Rule,
    subject: Option<&str>,
    message: String,
    actual: Option<f64>,
    required: Option<f64>,
    location: Option<Location>,
) -> Violation {
    Violation {
        rule,
        subject: subject.map(str::to_owned),
        message,
        actual,
        required,
        baseline: BaselineState::None,
        blocking: true,
        location,
    }
}
