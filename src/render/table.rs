//! Terminal tables: a header row, data rows, and one wrapped text column.

use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Style, Width};

/// Renders rows under `header`; column `wrap` (if any) wraps at `width` characters.
pub fn render(header: &[&str], rows: Vec<Vec<String>>, wrap: Option<(usize, usize)>) -> String {
    let mut builder = Builder::new();
    builder.push_record(header.iter().map(|h| (*h).to_owned()));
    for row in rows {
        builder.push_record(row);
    }
    let mut table = builder.build();
    table.with(Style::sharp());
    if let Some((column, width)) = wrap {
        table.modify(Columns::one(column), Width::wrap(width).keep_words(true));
    }
    format!("{table}\n")
}
