//! The plain-text verdict of `dpisafe check`: pass or fail, then every violation with its
//! place, blocking ones first. The framing is in the chosen language; each violation's own
//! message is written by the policy gate and stays English.

use crate::text::inert;
use std::fmt::Write;

use crate::i18n::{Lang, Messages};
use crate::report::{BaselineState, Gate, Report, Violation};

/// Renders the gate of `report` in `lang` (empty when the report has none).
pub fn render(report: &Report, lang: Lang) -> String {
    let Some(gate) = &report.gate else {
        return String::new();
    };
    let m = Messages::new(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", headline(report, gate, m));
    let _ = writeln!(out, "{}", count(gate, m));
    for v in gate.blocking_first() {
        let _ = writeln!(out, "  {}", violation(v, m));
    }
    if report.summary.waived > 0 {
        let _ = writeln!(
            out,
            "  {}",
            m.plural("verdict.waived", report.summary.waived, &[])
        );
    }
    out
}

/// PASS or FAIL, with the deployment, its score, coverage and gender index.
fn headline(report: &Report, gate: &Gate, m: Messages) -> String {
    let s = &report.summary;
    let score = match s.score {
        None => m.get("verdict.none").to_owned(),
        Some(score) if s.rated => format!("{score:.1}"),
        Some(score) => format!("{score:.1} ({})", super::words::not_rated(m, s.coverage)),
    };
    let index = report
        .gender
        .index
        .map_or_else(|| m.get("verdict.not_scored").to_owned(), |i| i.to_string());
    let verdict = m.get(if gate.passed {
        "verdict.pass"
    } else {
        "verdict.fail"
    });
    let coverage = crate::i18n::ltr(m.lang(), &format!("{:.1} %", report.summary.coverage));
    m.format(
        "verdict.headline",
        &[
            ("verdict", &verdict),
            ("name", &inert(&report.assessment.deployment.name)),
            ("score", &score),
            ("coverage", &coverage),
            ("index", &index),
        ],
    )
}

/// How many violations under which policy (and against which baseline), and how many block.
fn count(gate: &Gate, m: Messages) -> String {
    let blocking = gate.violations.iter().filter(|v| v.blocking).count();
    let policy = gate
        .policy
        .clone()
        .unwrap_or_else(|| m.get("verdict.default_policy").to_owned());
    let against = gate.baseline.as_deref().map_or(String::new(), |b| {
        m.format("verdict.compared", &[("baseline", &b)])
    });
    match gate.violations.len() {
        0 => m.format(
            "verdict.no_violations",
            &[("policy", &policy), ("against", &against)],
        ),
        n => m.plural(
            "verdict.violations",
            n,
            &[
                ("policy", &policy),
                ("blocking", &blocking),
                ("against", &against),
            ],
        ),
    }
}

/// One violation: its mark, place, message and state against the baseline.
fn violation(v: &Violation, m: Messages) -> String {
    let at = v
        .location
        .as_ref()
        .map_or(String::new(), |l| format!("{}: ", inert(&l.to_string())));
    let state = match v.baseline {
        BaselineState::None => String::new(),
        BaselineState::New => format!(" {}", m.get("verdict.new")),
        BaselineState::Worse => format!(" {}", m.get("verdict.worse")),
        BaselineState::Known => format!(" {}", m.get("verdict.known")),
    };
    let mark = if v.blocking { "✗" } else { "·" };
    format!("{mark} {at}{}{state}", inert(&v.message))
}
