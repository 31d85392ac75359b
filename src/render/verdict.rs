//! The plain-text verdict of `dpisafe check`: pass or fail, then every violation with its
//! place, blocking ones first.

use std::fmt::Write;

use crate::report::{BaselineState, Report};

/// Renders the gate of `report` (empty when the report has none).
pub fn render(report: &Report) -> String {
    let Some(gate) = &report.gate else {
        return String::new();
    };
    let mut out = String::new();
    let score = report
        .summary
        .score
        .map_or("none".to_owned(), |s| format!("{s:.1}"));
    let blocking = gate.violations.iter().filter(|v| v.blocking).count();
    let _ = writeln!(
        out,
        "{}: {} — score {score}, coverage {:.1} %, gender index {}",
        if gate.passed { "PASS" } else { "FAIL" },
        report.assessment.deployment.name,
        report.summary.coverage,
        report
            .gender
            .index
            .map_or("not scored".to_owned(), |i| i.to_string()),
    );
    let policy = gate.policy.as_deref().unwrap_or("the default policy");
    let against = gate
        .baseline
        .as_deref()
        .map_or(String::new(), |b| format!(", compared with {b}"));
    let _ = match gate.violations.len() {
        0 => writeln!(out, "No violations of {policy}{against}"),
        n => writeln!(
            out,
            "{n} {} of {policy} ({blocking} blocking){against}",
            if n == 1 { "violation" } else { "violations" }
        ),
    };
    let mut ordered: Vec<_> = gate.violations.iter().collect();
    ordered.sort_by_key(|v| !v.blocking);
    for v in ordered {
        let at = v.location.as_ref().map_or(String::new(), |l| {
            format!("{}:{}:{}: ", l.file, l.line, l.column)
        });
        let state = match v.baseline {
            BaselineState::None => "",
            BaselineState::New => " (new)",
            BaselineState::Worse => " (worse than the baseline)",
            BaselineState::Known => " (in the baseline, not worse)",
        };
        let mark = if v.blocking { "✗" } else { "·" };
        let _ = writeln!(out, "  {mark} {at}{}{state}", v.message);
    }
    if report.summary.waived > 0 {
        let waived = crate::text::count(
            report.summary.waived,
            "waived shortfall is",
            "waived shortfalls are",
        );
        let _ = writeln!(out, "  {waived} not counted as violations");
    }
    out
}
