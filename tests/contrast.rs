//! Every colour pair that carries text meets WCAG 2.2 AA (4.5:1): read from the templates'
//! colour definitions and the charts' source, so a colour changed in one place is checked
//! wherever it is used. White text sits on the band colours of pills, badges and the risk
//! tiles; the documents' own text sits on white, the soft panels and the callouts.

use std::collections::BTreeMap;

/// WCAG AA for normal text.
const AA: f64 = 4.5;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The relative luminance of `#rrggbb` (WCAG 2.2).
fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every `#rrggbb` in `text`, in order.
fn hexes(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(6))
        .filter(|&i| bytes[i] == b'#' && bytes[i + 1..i + 7].iter().all(u8::is_ascii_hexdigit))
        .filter(|&i| bytes.get(i + 7).is_none_or(|b| !b.is_ascii_hexdigit()))
        .map(|i| text[i..i + 7].to_ascii_lowercase())
        .collect()
}

/// The CSS custom properties of a template (`--name: #rrggbb`).
fn css_vars(text: &str) -> BTreeMap<String, String> {
    let mut vars = BTreeMap::new();
    for part in text.split("--").skip(1) {
        if let Some((name, rest)) = part.split_once(':')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && let Some(hex) = hexes(rest.split(';').next().unwrap_or_default()).first()
        {
            vars.entry(name.to_owned()).or_insert_with(|| hex.clone());
        }
    }
    vars
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}`")) + start.len();
    let to = text[from..].find(end).map_or(text.len(), |i| from + i);
    &text[from..to]
}

fn check(pairs: &[(String, String, String)]) {
    let failing: Vec<String> = pairs
        .iter()
        .filter(|(_, fg, bg)| contrast(fg, bg) < AA)
        .map(|(what, fg, bg)| format!("{what}: {fg} on {bg} is {:.2}:1", contrast(fg, bg)))
        .collect();
    assert!(failing.is_empty(), "below 4.5:1:\n{}", failing.join("\n"));
}

#[test]
fn the_contrast_formula_matches_wcag() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    // The olive the reports used before, white on it: what this test exists to catch.
    assert!(contrast("#ffffff", "#9e9d24") < AA);
}

#[test]
fn html_documents_meet_aa() {
    for file in [
        "templates/report.html.j2",
        "templates/brief.html.j2",
        "templates/handbook.html.j2",
        "templates/portfolio.html.j2",
    ] {
        let vars = css_vars(&read(file));
        let var = |name: &str| vars.get(name).cloned();
        let mut pairs = Vec::new();
        for bg in ["#ffffff", "#fdf0f0", "#fff8e1"]
            .map(str::to_owned)
            .into_iter()
            .chain(var("soft"))
        {
            for fg in ["ink", "muted", "accent"] {
                if let Some(fg) = var(fg) {
                    pairs.push((format!("{file} --{fg}"), fg, bg.clone()));
                }
            }
        }
        if let Some(accent) = var("accent") {
            pairs.push((format!("{file} banner"), "#ffffff".to_owned(), accent));
        }
        // Pills and badges: white text on the band colours (the portfolio's cells are light
        // and carry ink instead).
        let ink = var("ink").expect("--ink");
        for band in [
            "strong", "adequate", "weak", "failing", "none", "critical", "high", "elevated",
            "moderate", "low",
        ] {
            if let Some(colour) = var(band) {
                let fg = if file.contains("portfolio") {
                    ink.clone()
                } else {
                    "#ffffff".to_owned()
                };
                pairs.push((format!("{file} --{band}"), fg, colour));
            }
        }
        assert!(pairs.len() > 8, "{file}: the colours were found");
        check(&pairs);
    }
}

#[test]
fn pdf_templates_meet_aa() {
    for file in [
        "templates/report.typ",
        "templates/brief.typ",
        "templates/portfolio.typ",
    ] {
        let text = read(file);
        // The portfolio tints its cells lightly and writes ink on them; the others put white
        // text on full band colours.
        let on_light = file.contains("portfolio");
        let start = if on_light {
            "#let tint(id) = ("
        } else {
            "#let band-colour(id) = ("
        };
        // The dictionary and its default colour, on the line that ends it.
        let block = &text[text.find(start).expect("the band colours")..];
        let bands = block.lines().take_while(|l| !l.starts_with(')')).count();
        let bands: String = block.lines().take(bands + 1).collect::<Vec<_>>().join("\n");
        let mut pairs: Vec<(String, String, String)> = hexes(&bands)
            .into_iter()
            .map(|bg| {
                let fg = if on_light { "#1f2a37" } else { "#ffffff" };
                (format!("{file} band"), fg.to_owned(), bg)
            })
            .collect();
        for name in ["muted", "accent"] {
            let colour = hexes(between(&text, &format!("#let {name} = rgb("), ")"));
            let soft = hexes(between(&text, "#let soft = rgb(", ")"));
            for bg in ["#ffffff".to_owned(), soft[0].clone()] {
                pairs.push((format!("{file} {name}"), colour[0].clone(), bg));
            }
        }
        assert!(pairs.len() >= 8, "{file}: the colours were found");
        check(&pairs);
    }
}

#[test]
fn chart_colours_meet_aa() {
    let source = read("src/render/charts.rs");
    let tiles = between(
        &source,
        "fn band_colour(band: &str) -> &'static str {",
        "\n}\n",
    );
    let mut pairs: Vec<(String, String, String)> = hexes(tiles)
        .into_iter()
        .map(|bg| ("risk tile".to_owned(), "#ffffff".to_owned(), bg))
        .collect();
    // Labels and ticks are drawn on the white page.
    for fill in source
        .split("<text ")
        .skip(1)
        .filter_map(|t| t.split("fill=\"").nth(1))
    {
        let hex = &fill[..7];
        if hex != "#ffffff" {
            pairs.push((
                "chart text".to_owned(),
                hex.to_owned(),
                "#ffffff".to_owned(),
            ));
        }
    }
    assert!(pairs.len() >= 7);
    check(&pairs);
}
