//! The plain-text verdict of `dpisafe check`: pass or fail, then every violation with its
//! place, blocking ones first. The framing is in the chosen language; each violation's own
//! message is written by the policy gate and stays English.

use std::fmt::Write;

use crate::i18n::{Lang, Messages};
use crate::report::{BaselineState, Report};

/// Renders the gate of `report` in `lang` (empty when the report has none).
pub fn render(report: &Report, lang: Lang) -> String {
    let Some(gate) = &report.gate else {
        return String::new();
    };
    let m = Messages::new(lang);
    let mut out = String::new();
    let score = report
        .summary
        .score
        .map_or_else(|| m.get("verdict.none").to_owned(), |s| format!("{s:.1}"));
    let blocking = gate.violations.iter().filter(|v| v.blocking).count();
    let index = report
        .gender
        .index
        .map_or_else(|| m.get("verdict.not_scored").to_owned(), |i| i.to_string());
    let _ = writeln!(
        out,
        "{}",
        m.format(
            "verdict.headline",
            &[
                (
                    "verdict",
                    &m.get(if gate.passed {
                        "verdict.pass"
                    } else {
                        "verdict.fail"
                    }),
                ),
                ("name", &report.assessment.deployment.name),
                ("score", &score),
                (
                    "coverage",
                    &crate::i18n::ltr(lang, &format!("{:.1} %", report.summary.coverage)),
                ),
                ("index", &index),
            ],
        )
    );
    let policy = gate
        .policy
        .clone()
        .unwrap_or_else(|| m.get("verdict.default_policy").to_owned());
    let against = gate.baseline.as_deref().map_or(String::new(), |b| {
        m.format("verdict.compared", &[("baseline", &b)])
    });
    let _ = match gate.violations.len() {
        0 => writeln!(
            out,
            "{}",
            m.format(
                "verdict.no_violations",
                &[("policy", &policy), ("against", &against)]
            )
        ),
        n => writeln!(
            out,
            "{}",
            m.plural(
                "verdict.violations",
                n,
                &[
                    ("policy", &policy),
                    ("blocking", &blocking),
                    ("against", &against)
                ],
            )
        ),
    };
    let mut ordered: Vec<_> = gate.violations.iter().collect();
    ordered.sort_by_key(|v| !v.blocking);
    for v in ordered {
        let at = v.location.as_ref().map_or(String::new(), |l| {
            format!("{}:{}:{}: ", l.file, l.line, l.column)
        });
        let state = match v.baseline {
            BaselineState::None => String::new(),
            BaselineState::New => format!(" {}", m.get("verdict.new")),
            BaselineState::Worse => format!(" {}", m.get("verdict.worse")),
            BaselineState::Known => format!(" {}", m.get("verdict.known")),
        };
        let mark = if v.blocking { "✗" } else { "·" };
        let _ = writeln!(out, "  {mark} {at}{}{state}", v.message);
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
