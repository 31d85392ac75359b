//! After the last question: the owners and due dates of the most urgent actions, asked one at
//! a time, for an action register (`dpisafe plan`) written beside the questionnaire.
//!
//! Only critical and high actions are asked about: they are the ones a team must name
//! someone for now, and a long list of low ones would make people stop answering. The rest
//! are in the register, open and without an owner, to fill in later.

use super::{Io, Style};
use crate::framework::Framework;
use crate::plan::Plan;
use crate::questionnaire::Date;
use crate::report::{Action, Priority, Report};

/// The register of `report`, with owners and due dates for its critical and high actions as
/// the user gives them; `None` when input ends before the user says whether they want one.
pub fn fill(
    io: &mut impl Io,
    framework: &Framework,
    report: &Report,
    style: Style,
) -> Option<Plan> {
    let urgent: Vec<&Action> = report
        .actions
        .iter()
        .filter(|a| matches!(a.priority, Priority::Critical | Priority::High))
        .collect();
    let intro = format!(
        "The assessment calls for {} actions, {} of them critical or high. An action register \
         records who owns each one and by when (`dpisafe plan`).",
        report.actions.len(),
        urgent.len()
    );
    io.show(&format!(
        "\n{}\n",
        crate::text::wrap(&intro, style.wrap_width()).join("\n")
    ));
    let wanted = io.ask("Write one now, with owners and due dates for those? [y/N] ")?;
    if !matches!(wanted.trim(), "y" | "Y" | "yes") {
        return None;
    }
    let mut plan = crate::report::tracking::register(report, "plan.yaml");
    for action in urgent {
        io.show(&format!("\n{}\n", card(framework, action, style)));
        let Some(owner) = io.ask("Owner (a person, unit or authority; empty to skip): ") else {
            break;
        };
        let due = due_date(io);
        if let Some(entry) = plan.entries.iter_mut().find(|e| e.id == action.id) {
            entry.owner = Some(owner.trim().to_owned()).filter(|o| !o.is_empty());
            entry.due = due.flatten();
        }
        if due.is_none() {
            break;
        }
    }
    Some(plan)
}

/// What the action is, in a few lines: its id, priority and what to do.
fn card(framework: &Framework, action: &Action, style: Style) -> String {
    let what = framework
        .question(&action.question)
        .map(|q| {
            if q.action.is_empty() {
                q.text.clone()
            } else {
                q.action.clone()
            }
        })
        .unwrap_or_default();
    let head = style.bold(&format!("{} · {}", action.id, action.priority.as_str()));
    let body = crate::text::wrap(&what, style.wrap_width()).join("\n");
    format!("{head}\n{body}")
}

/// A due date, asked until it is a real date or empty: `Some(None)` for none, `None` when
/// input ends.
fn due_date(io: &mut impl Io) -> Option<Option<Date>> {
    loop {
        let line = io.ask("Due date (YYYY-MM-DD; empty to skip): ")?;
        let line = line.trim();
        if line.is_empty() {
            return Some(None);
        }
        match Date::parse(line) {
            Some(date) => return Some(Some(date)),
            None => io.show(&format!(
                "`{}` is not a date in YYYY-MM-DD form\n",
                crate::text::inert(line)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::script::Script;

    fn report() -> (&'static Framework, Report) {
        let framework = crate::validate::framework::embedded();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/policy-repo/questionnaire.yaml"
        ))
        .expect("example");
        let source = crate::source::SourceFile::new("q.yaml", text);
        let limits = crate::source::Limits::default();
        let options = crate::evidence::Options::default();
        let q = crate::assessment::questionnaire(framework, &source, &limits, &options)
            .value
            .expect("valid");
        let date = q.assessed_on;
        let assessment = crate::assessment::Assessment {
            questionnaire: q,
            disagreements: Vec::new(),
        };
        (framework, assessment.report(framework, date))
    }

    const STYLE: Style = Style {
        width: 80,
        color: false,
    };

    #[test]
    fn owners_and_dates_go_to_the_urgent_actions_and_bad_dates_are_asked_again() {
        let (framework, report) = report();
        let mut io = Script::new(&[
            "y",
            "Ministry of Justice",
            "2026-02-30",
            "2026-12-31",
            "",
            "",
        ]);
        let plan = fill(&mut io, framework, &report, STYLE).expect("a register");
        assert_eq!(plan.entries.len(), report.actions.len());
        let first = &plan.entries[0];
        assert_eq!(first.id, "A-F8.Q3");
        assert_eq!(first.owner.as_deref(), Some("Ministry of Justice"));
        assert_eq!(first.due, Date::parse("2026-12-31"));
        assert!(
            io.shown().contains("`2026-02-30` is not a date"),
            "{}",
            io.shown()
        );
        assert_eq!(plan.entries[1].owner, None, "an empty owner is no owner");
        assert!(plan.entries.iter().skip(4).all(|e| e.owner.is_none()));
    }

    #[test]
    fn no_register_unless_asked_for() {
        let (framework, report) = report();
        assert!(fill(&mut Script::new(&[""]), framework, &report, STYLE).is_none());
        assert!(fill(&mut Script::new(&[]), framework, &report, STYLE).is_none());
    }
}
