//! Derived views (`--view`) in the terminal: per item of the other standard, its derived
//! status and the answers behind it, under the label that says what a view is not.

use std::fmt::Write as _;

use crate::render::table;
use crate::render::words::Words;
use crate::report::Report;
use crate::report::views::DerivedView;
use crate::text::inert;

/// Every view of `report`, each a titled table; empty without `--view`.
pub fn render(report: &Report, width: Option<usize>) -> String {
    let mut out = String::new();
    for view in &report.views {
        section(&mut out, view, width);
    }
    out
}

fn section(out: &mut String, view: &DerivedView, width: Option<usize>) {
    let _ = writeln!(out, "\n{} ({})", inert(&view.title), inert(&view.version));
    let _ = writeln!(out, "{}", view.disclaimer);
    let rows: Vec<Vec<String>> = view
        .items
        .iter()
        .map(|item| {
            vec![
                inert(&item.id).into_owned(),
                inert(&item.title).into_owned(),
                item.status.as_str().to_owned(),
                behind(item),
            ]
        })
        .collect();
    out.push_str(&table::fit(
        &["", "Item", "Status", "Behind it"],
        &rows,
        &[(1, 48), (3, 40)],
        width,
    ));
}

/// The answers behind an item (`F8.Q3 no, F4.Q2 yes`), or why nothing is.
pub(crate) fn behind(item: &crate::report::views::ViewItem) -> String {
    let words = Words::new(crate::i18n::Lang::En, "view");
    if item.behind.is_empty() {
        return match &item.not_covered {
            Some(_) => "outside the safeguards framework".to_owned(),
            None => "nothing that applies to this deployment".to_owned(),
        };
    }
    let parts: Vec<String> = item
        .behind
        .iter()
        .map(|b| format!("{} {}", b.item, words.answer(b.status)))
        .collect();
    parts.join(", ")
}
