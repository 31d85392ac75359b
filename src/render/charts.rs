//! Charts as hand-written SVG, shared by the HTML report (inline) and the PDF (as files the
//! Typst template reads): a radar of the principle scores and a heat map of risk exposure.
//!
//! Output is deterministic text: coordinates are rounded to one decimal, labels are escaped,
//! every chart has a `viewBox`, a `<title>` and a `<desc>` for screen readers.

use std::fmt::Write;

use super::view::{LegendKey, PrincipleView, RiskView};

/// The fonts charts ask for; Typst and browsers fall back through the list.
const FONT: &str = "Noto Sans, Noto Sans Thai, Noto Naskh Arabic, Arial, sans-serif";

/// Band colours, shared with the templates' CSS.
fn band_colour(band: &str) -> &'static str {
    match band {
        "strong" | "low" => "#2e7d32",
        "adequate" | "moderate" => "#6f6e00",
        "weak" | "elevated" => "#b34700",
        "failing" | "high" => "#c62828",
        _ => "#616161",
    }
}

/// Escapes text for HTML or SVG content and attributes (the report's charts and its translated
/// texts).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The radar's geometry: a canvas of `WIDTH` × `HEIGHT` with one axis per principle, wide
/// enough for each principle's name beside its id.
struct Radar {
    count: usize,
}

impl Radar {
    const WIDTH: f64 = 660.0;
    const HEIGHT: f64 = 520.0;
    const CENTRE: (f64, f64) = (Self::WIDTH / 2.0, Self::HEIGHT / 2.0);
    const RADIUS: f64 = 170.0;
    /// Where labels start, as a score beyond the outer ring: clear of any dot at 100.
    const LABEL_AT: f64 = 110.0;
    /// Characters per line of a principle's name.
    const NAME_WIDTH: usize = 20;

    fn angle(&self, index: f64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let count = self.count as f64;
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index / count
    }

    /// Where the score `value` (0–100, clamped) lies on axis `index`, the first axis pointing
    /// up.
    fn point(&self, index: usize, value: f64) -> (f64, f64) {
        #[allow(clippy::cast_precision_loss)]
        self.at(index as f64, value.clamp(0.0, 100.0))
    }

    /// Where `value` on the score scale lies on a fractional axis: between two axes for the
    /// scale's numbers, and past 100 for the labels.
    fn at(&self, index: f64, value: f64) -> (f64, f64) {
        let angle = self.angle(index);
        let r = Self::RADIUS * value / 100.0;
        (
            Self::CENTRE.0 + r * angle.cos(),
            Self::CENTRE.1 + r * angle.sin(),
        )
    }

    /// The points of a polygon through `value(i)` on every axis, as SVG `points`.
    fn polygon(&self, value: impl Fn(usize) -> f64) -> String {
        let points: Vec<String> = (0..self.count)
            .map(|i| {
                let (x, y) = self.point(i, value(i));
                format!("{x:.1},{y:.1}")
            })
            .collect();
        points.join(" ")
    }
}

/// A radar chart of principle scores (0–100), one axis per principle, each labelled with its
/// id and name.
pub fn radar(principles: &[PrincipleView]) -> String {
    let radar = Radar {
        count: principles.len().max(1),
    };
    let (width, height) = (Radar::WIDTH, Radar::HEIGHT);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="radar-title radar-desc" font-family="{FONT}">"#
    );
    let described: Vec<String> = principles
        .iter()
        .map(|p| format!("{} {}", p.id, p.score))
        .collect();
    let _ = write!(
        svg,
        r#"<title id="radar-title">Principle scores (0 to 100)</title><desc id="radar-desc">{}</desc>"#,
        escape(&described.join(", "))
    );
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            svg,
            r##"<polygon points="{}" fill="none" stroke="#c8cdd4" stroke-width="0.8"/>"##,
            radar.polygon(|_| ring)
        );
    }
    radar_spokes(&mut svg, &radar);
    // The scores go under the labels, so a score of 100 never hides a name.
    radar_scores(&mut svg, &radar, principles);
    radar_labels(&mut svg, &radar, principles);
    // The scale sits between the first two axes, clear of both and of their labels.
    for ring in [50.0, 100.0] {
        let (x, y) = radar.at(0.5, ring);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#6b7280">{ring:.0}</text>"##,
            x + 3.0,
            y + 3.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One spoke per principle, from the centre to the outer ring.
fn radar_spokes(svg: &mut String, radar: &Radar) {
    let (cx, cy) = Radar::CENTRE;
    for i in 0..radar.count {
        let (x, y) = radar.point(i, 100.0);
        let _ = write!(
            svg,
            r##"<line x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}" stroke="#dde1e6" stroke-width="0.8"/>"##
        );
    }
}

/// Each axis's id in bold and its name on up to three short lines, placed beyond the outer
/// ring and anchored away from the chart: to the left of a left axis, above a top one.
fn radar_labels(svg: &mut String, radar: &Radar, principles: &[PrincipleView]) {
    let (cx, cy) = Radar::CENTRE;
    for (i, p) in principles.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let (lx, ly) = radar.at(i as f64, Radar::LABEL_AT);
        let anchor = if (lx - cx).abs() < 12.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let mut lines = vec![(p.id.clone(), true)];
        lines.extend(
            crate::text::wrap(&p.name, Radar::NAME_WIDTH)
                .into_iter()
                .take(3)
                .map(|l| (l, false)),
        );
        let step = 11.5;
        #[allow(clippy::cast_precision_loss)]
        let block = step * (lines.len() - 1) as f64;
        // Above the chart the block ends at the label point, below it starts there, and at
        // the sides it is centred on it.
        let top = if ly < cy - Radar::RADIUS * 0.7 {
            ly - block
        } else if ly > cy + Radar::RADIUS * 0.7 {
            ly + 8.0
        } else {
            ly - block / 2.0 + 3.0
        };
        let _ = write!(svg, r##"<text text-anchor="{anchor}" fill="#1f2a37">"##);
        for (n, (line, bold)) in lines.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let y = top + step * n as f64;
            let (size, weight) = if *bold {
                ("12", r#" font-weight="bold""#)
            } else {
                ("10", "")
            };
            let _ = write!(
                svg,
                r#"<tspan x="{lx:.1}" y="{y:.1}" font-size="{size}"{weight}>{}</tspan>"#,
                escape(line)
            );
        }
        svg.push_str("</text>");
    }
}

/// The scores' shape, and a dot in its band's colour on each axis.
fn radar_scores(svg: &mut String, radar: &Radar, principles: &[PrincipleView]) {
    let _ = write!(
        svg,
        r##"<polygon points="{}" fill="#1f5f9f" fill-opacity="0.22" stroke="#1f5f9f" stroke-width="2"/>"##,
        radar.polygon(|i| principles[i].value)
    );
    for (i, p) in principles.iter().enumerate() {
        let (x, y) = radar.point(i, p.value);
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.2" fill="{}"/>"#,
            band_colour(&p.band_id)
        );
    }
}

/// A map of residual risk exposure: one tile per risk, a row per risk family with the tiles in
/// aligned columns, each coloured by its level and labelled with its exposure, and a legend of
/// the levels' colours and ranges under it.
pub fn heat_map(risks: &[RiskView], levels: &[LegendKey]) -> String {
    let mut families: Vec<&str> = Vec::new();
    for r in risks {
        if !families.contains(&r.category.as_str()) {
            families.push(&r.category);
        }
    }
    let columns = families
        .iter()
        .map(|f| risks.iter().filter(|r| &r.category == f).count())
        .max()
        .unwrap_or(1);
    let (label_width, cell_w, cell_h, gap) = (160.0, 150.0, 64.0, 6.0);
    #[allow(clippy::cast_precision_loss)]
    let width = label_width + columns as f64 * (cell_w + gap);
    #[allow(clippy::cast_precision_loss)]
    let rows_height = families.len() as f64 * (cell_h + gap) + 4.0;
    let legend_height = if levels.is_empty() { 0.0 } else { 26.0 };
    let height = rows_height + legend_height;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="heat-title heat-desc" font-family="{FONT}">"#
    );
    let described: Vec<String> = risks
        .iter()
        .map(|r| format!("{} {} {}", r.id, r.exposure, r.level))
        .collect();
    let _ = write!(
        svg,
        r#"<title id="heat-title">Residual exposure per risk (0 mitigated, 100 exposed)</title><desc id="heat-desc">{}</desc>"#,
        escape(&described.join(", "))
    );
    for (row, family) in families.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = row as f64 * (cell_h + gap) + 2.0;
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="12" font-weight="bold" fill="#1f2a37">{}</text>"##,
            y + cell_h / 2.0 + 4.0,
            escape(family)
        );
        for (column, risk) in risks.iter().filter(|r| &r.category == family).enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = label_width + column as f64 * (cell_w + gap);
            heat_cell(&mut svg, risk, (x, y), (cell_w, cell_h));
        }
    }
    legend(&mut svg, levels, (label_width, rows_height + 4.0));
    svg.push_str("</svg>");
    svg
}

/// One risk's tile at `(x, y)`: its id, short name and exposure on its level's colour.
fn heat_cell(svg: &mut String, risk: &RiskView, (x, y): (f64, f64), (cell_w, cell_h): (f64, f64)) {
    let fill = band_colour(&risk.level_id);
    let name = crate::text::shorten(&risk.name, 24);
    let _ = write!(
        svg,
        r##"<rect x="{x:.1}" y="{y:.1}" width="{cell_w}" height="{cell_h}" rx="4" fill="{fill}"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="#ffffff">{}</text><text x="{:.1}" y="{:.1}" font-size="10" fill="#ffffff">{}</text><text x="{:.1}" y="{:.1}" font-size="16" font-weight="bold" fill="#ffffff">{}</text>"##,
        x + 8.0,
        y + 16.0,
        escape(&risk.id),
        x + 8.0,
        y + 31.0,
        escape(&name),
        x + 8.0,
        y + 54.0,
        escape(&risk.exposure),
    );
}

/// The levels' colours and ranges in one row starting at `(x, y)`: a swatch, then the words.
fn legend(svg: &mut String, levels: &[LegendKey], (x, y): (f64, f64)) {
    let mut at = x;
    for key in levels {
        let _ = write!(
            svg,
            r##"<rect x="{at:.1}" y="{y:.1}" width="14" height="14" rx="2" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#1f2a37">{}</text>"##,
            band_colour(&key.id),
            at + 19.0,
            y + 11.5,
            escape(&key.label),
        );
        // Room for the words at about 6.5 units a character, and a gap before the next.
        #[allow(clippy::cast_precision_loss)]
        let words = key.label.chars().count() as f64 * 6.5;
        at += 19.0 + words + 18.0;
    }
}
