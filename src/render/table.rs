//! Terminal tables: a header row, data rows, and wrapped text columns that narrow until the
//! table fits the terminal.

use tabled::builder::Builder;
use tabled::grid::util::string::get_text_width;
use tabled::settings::object::Columns;
use tabled::settings::{Style, Width};

/// The narrowest a wrapped column becomes to make a table fit: below this, words break.
const MIN_WRAP: usize = 10;

/// Renders rows under `header`; column `wrap` (if any) wraps at `width` characters.
pub fn render(header: &[&str], rows: Vec<Vec<String>>, wrap: Option<(usize, usize)>) -> String {
    fit(header, &rows, wrap.as_slice(), None)
}

/// Renders rows under `header`, each `(column, width)` of `wrap` wrapped at `width`
/// characters. With `width` set, the wrapped columns narrow further, the first listed first,
/// until no line is wider than the terminal, so that the terminal never breaks a row itself.
pub fn fit(
    header: &[&str],
    rows: &[Vec<String>],
    wrap: &[(usize, usize)],
    width: Option<usize>,
) -> String {
    let mut limits = wrap.to_vec();
    // Each round narrows by the measured excess; wrapping at word ends can leave a column
    // narrower than asked, so a second round may be needed, and a third never is.
    for _ in 0..3 {
        let text = draw(header, rows, &limits);
        let widest = text.lines().map(get_text_width).max().unwrap_or(0);
        let Some(excess) = width.and_then(|w| widest.checked_sub(w)).filter(|&e| e > 0) else {
            return text;
        };
        if !narrow(header, rows, &mut limits, excess) {
            return text;
        }
    }
    draw(header, rows, &limits)
}

/// Takes `excess` characters from the wrapped columns, first listed first, none below
/// [`MIN_WRAP`]; false when none could give any.
fn narrow(
    header: &[&str],
    rows: &[Vec<String>],
    limits: &mut [(usize, usize)],
    mut excess: usize,
) -> bool {
    let mut changed = false;
    for (column, limit) in limits.iter_mut() {
        let content = rows
            .iter()
            .filter_map(|r| r.get(*column))
            .map(|cell| get_text_width(cell))
            .chain(header.get(*column).map(|h| get_text_width(h)))
            .max()
            .unwrap_or(0);
        let actual = content.min(*limit);
        let narrower = actual.saturating_sub(excess).max(MIN_WRAP);
        if narrower < actual {
            excess -= actual - narrower;
            *limit = narrower;
            changed = true;
        }
        if excess == 0 {
            break;
        }
    }
    changed
}

fn draw(header: &[&str], rows: &[Vec<String>], limits: &[(usize, usize)]) -> String {
    let mut builder = Builder::new();
    builder.push_record(header.iter().map(|h| (*h).to_owned()));
    for row in rows {
        builder.push_record(row.iter().enumerate().map(|(column, cell)| {
            match limits.iter().find(|(c, _)| *c == column) {
                Some(&(_, width)) => crate::text::wrap(cell, width).join("\n"),
                None => cell.clone(),
            }
        }));
    }
    let mut table = builder.build();
    table.with(Style::sharp());
    // Words were wrapped above (tabled's own word wrap starts lines with the space it broke
    // at); this only breaks a single word longer than the column.
    for &(column, width) in limits {
        table.modify(Columns::one(column), Width::wrap(width));
    }
    format!("{table}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<Vec<String>> {
        vec![vec![
            "F4".to_owned(),
            "Reinforce transparency and accountability in every public register".to_owned(),
            "█████░░░░░  50.0".to_owned(),
        ]]
    }

    #[test]
    fn a_wide_table_narrows_its_wrapped_column_to_fit() {
        let wide = fit(&["", "Principle", "Score"], &rows(), &[(1, 60)], None);
        assert!(wide.lines().any(|l| get_text_width(l) > 50));
        let narrow = fit(&["", "Principle", "Score"], &rows(), &[(1, 60)], Some(50));
        assert!(narrow.lines().all(|l| get_text_width(l) <= 50), "{narrow}");
        assert!(narrow.contains("accountability"), "words are kept whole");
    }

    #[test]
    fn a_table_that_cannot_narrow_more_is_drawn_as_narrow_as_it_goes() {
        let text = fit(&["", "Principle", "Score"], &rows(), &[(1, 60)], Some(5));
        assert!(text.lines().all(|l| get_text_width(l) < 40), "{text}");
    }
}
