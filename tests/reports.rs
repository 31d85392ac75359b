//! `dpisafe report` and `dpisafe render`: Markdown and HTML snapshots of every example, PDF
//! read back in-process, determinism, hostile strings, redaction, templates and scripts.

use std::path::{Path, PathBuf};

use crate::common::{dpisafe, fixture, run, scratch, stdout_of};

const EXAMPLES: [&str; 3] = ["national-id", "g2p-payments", "legal-aid-dpg"];
const MULTILINGUAL: &str = "tests/fixtures/reports/multilingual.yaml";
const HOSTILE: &str = "tests/fixtures/reports/hostile.yaml";

fn example(name: &str) -> String {
    format!("examples/{name}/questionnaire.yaml")
}

/// Renders `file` as `format` into a scratch file and returns its path.
fn report_file(file: &str, format: &str, extra: &[&str], dir: &Path) -> PathBuf {
    let name = Path::new(file)
        .parent()
        .and_then(Path::file_name)
        .map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let out = dir.join(format!("{name}-{}.{format}", extra.join("")));
    let (code, _, err) = run(dpisafe()
        .args(["report", file, "--format", format, "--force", "-o"])
        .arg(&out)
        .args(extra));
    assert_eq!(code, 0, "{err}");
    out
}

/// The text of a PDF, read in-process (tests/pdf.rs), page breaks as form feeds.
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &Path) -> String {
    crate::pdf::text(pdf)
}

#[test]
fn markdown_and_html_of_every_example() {
    for name in EXAMPLES {
        let md = stdout_of(dpisafe().args(["report", &example(name), "--format", "md"]));
        insta::assert_snapshot!(format!("report_md_{name}"), md);
        let html = stdout_of(dpisafe().args([
            "report",
            &example(name),
            "--format",
            "html",
            "--mode",
            "accountability",
        ]));
        insta::assert_snapshot!(format!("report_html_{name}"), html);
    }
}

#[test]
fn the_brief_in_markdown_and_html_of_every_example() {
    for name in EXAMPLES {
        let md = stdout_of(dpisafe().args(["report", &example(name), "--brief", "--format", "md"]));
        insta::assert_snapshot!(format!("brief_md_{name}"), md);
        let html =
            stdout_of(dpisafe().args(["report", &example(name), "--brief", "--format", "html"]));
        insta::assert_snapshot!(format!("brief_html_{name}"), html);
    }
}

#[test]
fn key_messages_open_the_report_and_say_what_matters() {
    let md = stdout_of(dpisafe().args(["report", &example("national-id"), "--format", "md"]));
    let summary = md.find("## Summary").expect("summary");
    let messages = md.find("**Key messages**").expect("key messages");
    let principles = md.find("## Principles").expect("principles");
    assert!(
        summary < messages && messages < principles,
        "on page 1, before any table"
    );
    for expected in [
        "The deployment scores 53.2 out of 100",
        "Strongest: O4 ",
        // The first gap of the plan, with the risks its question mitigates.
        "F2.Q1 (Do not discriminate): Publish a route to enrol",
        "leaves RI1 Discrimination, RI3 Exclusion exposed",
        "4 critical safeguards are answered no: F2.Q1, F3.Q1, F3.Q5, F8.Q3.",
        "82.8 % of the score rests on fresh evidence",
    ] {
        assert!(md.contains(expected), "missing: {expected}");
    }
    let fr = stdout_of(dpisafe().args([
        "report",
        &example("national-id"),
        "--format",
        "md",
        "--lang",
        "fr",
    ]));
    assert!(fr.contains("**Messages clés**") && fr.contains("Le déploiement obtient 53.2 sur 100"));
}

#[test]
fn the_brief_says_what_to_decide() {
    let md = stdout_of(dpisafe().args([
        "report",
        &example("national-id"),
        "--brief",
        "--format",
        "md",
    ]));
    assert!(md.contains("## What to decide"));
    assert!(md.contains(
        "1. Whether the deployment may go on while 4 critical safeguards (F2.Q1, F3.Q1, F3.Q5, F8.Q3) are missing"
    ));
    let actions = md
        .split("## The first five actions")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the actions section");
    let rows = actions
        .lines()
        .filter(|l| {
            l.strip_prefix("| ")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .count();
    assert_eq!(rows, 5, "five actions, ranked");
    assert!(
        !md.contains("## Findings"),
        "findings stay in the full report"
    );
    let legal = stdout_of(dpisafe().args([
        "report",
        &example("legal-aid-dpg"),
        "--brief",
        "--format",
        "md",
    ]));
    assert!(legal.contains("No critical safeguard is answered no."));
}

#[cfg(feature = "pdf")]
#[test]
fn the_brief_fits_three_pages_in_every_language() {
    let dir = scratch("brief-pages");
    for name in ["national-id", "g2p-payments", "legal-aid-dpg"] {
        for lang in ["en", "fr", "es", "ar"] {
            let pdf = report_file(&example(name), "pdf", &["--brief", "--lang", lang], &dir);
            let pages = crate::pdf::open(&pdf).pages();
            assert!((1..=3).contains(&pages), "{name} in {lang}: {pages} pages");
        }
    }
    let pdf = report_file(&example("national-id"), "pdf", &["--brief"], &dir);
    let text = pdf_text(&pdf);
    for heading in [
        "EXECUTIVE BRIEF",
        "Key messages",
        "The first five actions",
        "What to decide",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn text_without_a_font_is_named_by_script_and_burmese_has_one() {
    let dir = scratch("pdf-glyphs");
    let text = std::fs::read_to_string(MULTILINGUAL).expect("fixture");
    let name_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("name:"))
        .expect("a deployment name");
    // Amharic and Chinese have no bundled font; Burmese has.
    let changed = text.replacen(name_line, "  name: \"የሕግ ድጋፍ 法律援助 ဥပဒေရေးရာ အကူအညီ\"", 1);
    let input = dir.join("scripts.yaml");
    std::fs::write(&input, changed).expect("write");
    let out = dir.join("scripts.pdf");
    let (code, _, err) = run(dpisafe()
        .arg("report")
        .arg(&input)
        .args(["--format", "pdf", "-o"])
        .arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 6 different characters in Ethiopic script (such as U+12E8)"),
        "{err}"
    );
    assert!(err.contains("Chinese, Japanese or Korean script"), "{err}");
    assert!(err.contains("--font-path DIR"), "{err}");
    assert!(
        !err.contains("Myanmar"),
        "Burmese is drawn by the bundled font: {err}"
    );
    // A report whose text every font covers says nothing about fonts.
    let plain = dir.join("plain.pdf");
    let (code, _, err) = run(dpisafe()
        .args(["report", &example("national-id"), "--format", "pdf", "-o"])
        .arg(&plain));
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("font"), "{err}");
}

#[test]
fn html_is_self_contained_and_accessible() {
    let html = stdout_of(dpisafe().args(["report", &example("g2p-payments"), "--format", "html"]));
    for forbidden in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.contains(forbidden),
            "{forbidden} would reach outside the file"
        );
    }
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("<th scope=\"col\">"));
    assert!(html.contains("<title id=\"radar-title\">"));
    assert!(
        html.contains("<caption>Principle scores</caption>"),
        "chart data also as a table"
    );
    assert!(html.contains("@media print"));
}

#[test]
fn modes_change_the_wording_and_the_approvals_block() {
    let learning = stdout_of(dpisafe().args(["report", &example("national-id"), "--format", "md"]));
    let accountability = stdout_of(dpisafe().args([
        "report",
        &example("national-id"),
        "--format",
        "md",
        "--mode",
        "accountability",
    ]));
    assert!(learning.contains("learning tool, not a test"));
    assert!(!learning.contains("Failing") && !learning.contains("## Approvals"));
    assert!(accountability.contains("Failing") && accountability.contains("## Approvals"));
    let guidance = |text: &str, id: &str| {
        let at = text.find(&format!("#### {id}")).expect("finding");
        let section = &text[at..];
        let end = section[4..].find("#### ").map_or(section.len(), |e| e + 4);
        let section = &section[..end];
        (
            section.find("What good looks like"),
            section.find("Evidence"),
        )
    };
    let (g, e) = guidance(&learning, "F1.Q1");
    assert!(g < e, "learning mode puts guidance first");
    let (g, e) = guidance(&accountability, "F1.Q1");
    assert!(e < g, "accountability mode puts evidence first");
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let dir = scratch("deterministic");
    for format in [
        "md",
        "html",
        #[cfg(feature = "pdf")]
        "pdf",
    ] {
        let first = std::fs::read(report_file(&example("legal-aid-dpg"), format, &[], &dir))
            .expect("first");
        let second = std::fs::read(report_file(&example("legal-aid-dpg"), format, &[], &dir))
            .expect("second");
        assert!(first == second, "{format} differs between two runs");
    }
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_carries_headings_scripts_and_page_numbers() {
    let dir = scratch("pdf-text");
    let pdf = report_file(MULTILINGUAL, "pdf", &["--mode", "accountability"], &dir);
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for heading in [
        "Summary",
        "Principles and risks at a glance",
        "Gender inclusion",
        "Action plan",
        "Findings by principle",
        "Evidence register",
        "Method",
        "Approvals",
        "Attribution",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(text.contains("ระบบช่วยเหลือทางกฎหมาย"), "Thai name");
    assert!(text.contains("تقييم الأثر على حقوق الإنسان"), "Arabic note");
    let pages = text.matches('\u{c}').count();
    assert_eq!(
        pages,
        crate::pdf::open(&pdf).pages(),
        "one form feed a page"
    );
    assert!(
        text.contains(&format!("Page {pages} of {pages}")),
        "page X of Y"
    );
}

#[test]
fn html_keeps_thai_and_gives_arabic_its_own_direction() {
    let dir = scratch("html-scripts");
    let html = std::fs::read_to_string(report_file(MULTILINGUAL, "html", &[], &dir)).expect("html");
    assert!(html.contains("ระบบช่วยเหลือทางกฎหมาย"));
    assert!(
        html.contains("<p class=\"wrap\" dir=\"auto\">تقييم"),
        "the Arabic note is its own paragraph, so it takes its own direction"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn letter_and_a4_paper() {
    let dir = scratch("paper");
    let size = |pdf: &Path| crate::pdf::open(pdf).page_size();
    let a4 = report_file(&example("legal-aid-dpg"), "pdf", &[], &dir);
    let letter = report_file(
        &example("legal-aid-dpg"),
        "pdf",
        &["--paper", "letter"],
        &dir,
    );
    assert_eq!(size(&a4), "595.276 x 841.89", "A4");
    assert_eq!(size(&letter), "612 x 792", "US Letter");
}

#[test]
fn hostile_strings_come_out_inert_in_markdown_and_html() {
    let dir = scratch("hostile");
    let md = std::fs::read_to_string(report_file(HOSTILE, "md", &[], &dir)).expect("md");
    assert!(
        md.contains("\\*bold\\*") && md.contains("a \\| b"),
        "escaped for Markdown"
    );
    assert!(md.contains("\\[x\\](javascript:alert(1))"), "no link");
    for row in md
        .lines()
        .filter(|l| l.starts_with("| G-") || l.starts_with("| F1"))
    {
        let cells = row.matches(" | ").count() - row.matches("\\| ").count();
        assert!(cells >= 2, "{row}");
    }
    let html = std::fs::read_to_string(report_file(HOSTILE, "html", &[], &dir)).expect("html");
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert!(!html.contains("<img src=x") && !html.contains("href=\"javascript"));
    assert!(!html.contains("<b>bold</b>"));
}

#[cfg(feature = "pdf")]
#[test]
fn hostile_strings_come_out_inert_in_pdf() {
    let dir = scratch("hostile-pdf");
    let pdf = report_file(HOSTILE, "pdf", &[], &dir);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("#panic(\"boom\")"),
        "Typst markup printed, not run"
    );
    assert!(text.contains("#set text(red)"));
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(
        text.contains("Supercalifragilistic"),
        "a very long word is kept"
    );
}

#[test]
fn redact_drops_names_notes_and_references() {
    let dir = scratch("redact");
    for format in [
        "md",
        "html",
        #[cfg(feature = "pdf")]
        "pdf",
    ] {
        let out = report_file(&example("national-id"), format, &["--redact"], &dir);
        #[cfg(feature = "pdf")]
        let text = if format == "pdf" {
            pdf_text(&out)
        } else {
            std::fs::read_to_string(&out).expect("report")
        };
        #[cfg(not(feature = "pdf"))]
        let text = std::fs::read_to_string(&out).expect("report");
        assert!(!text.contains("Villanueva"), "{format}: respondent name");
        assert!(
            !text.contains("evidence/hria-2023.md"),
            "{format}: evidence reference"
        );
        assert!(!text.contains("3,100 records"), "{format}: notes");
        assert!(text.contains("Redacted"), "{format}: says it is redacted");
    }
}

#[test]
fn render_gives_the_report_of_a_saved_result() {
    let dir = scratch("render");
    let result = dir.join("result.json");
    dpisafe()
        .args(["assess", &example("g2p-payments"), "--format", "json", "-o"])
        .arg(&result)
        .assert()
        .code(0);
    let direct = stdout_of(dpisafe().args(["report", &example("g2p-payments"), "--format", "md"]));
    let rendered = stdout_of(
        dpisafe()
            .arg("render")
            .arg(&result)
            .args(["--format", "md"]),
    );
    assert_eq!(direct, rendered);
    let (code, _, err) = run(dpisafe().args(["render", "tests/fixtures/check/payment-rail.yaml"]));
    assert_eq!(code, 2);
    assert!(err.contains("invalid-result"), "{err}");
}

/// `dpisafe report` of the legal-aid example as `format` with the templates of `dir`.
fn with_templates(format: &str, dir: &Path) -> assert_cmd::Command {
    let mut cmd = dpisafe();
    cmd.args([
        "report",
        &example("legal-aid-dpg"),
        "--format",
        format,
        "--templates",
    ])
    .arg(dir);
    cmd
}

/// A template that is a FIFO would block the run forever: it is refused at once, by name.
#[cfg(unix)]
#[test]
fn a_template_that_is_not_a_regular_file_is_refused_without_reading() {
    let dir = scratch("template-fifo");
    let fifo = dir.join("report.md.j2");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let started = std::time::Instant::now();
    let (code, out, err) = run(&mut with_templates("md", &dir));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("report.md.j2") && err.contains("is not a regular file"),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "no wait on the FIFO"
    );
}

/// A custom template that loops or grows without end is stopped by the budget, with exit 2, a
/// message saying which budget, and nothing written.
#[test]
fn a_runaway_custom_template_is_stopped_by_its_budget() {
    let dir = scratch("template-budget");
    let loops = dir.join("loops");
    std::fs::create_dir_all(&loops).expect("dir");
    std::fs::write(
        loops.join("report.md.j2"),
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    )
    .expect("write");
    let out = dir.join("report.md");
    let started = std::time::Instant::now();
    let (code, _, err) = run(with_templates("md", &loops)
        .arg("-o")
        .arg(&out)
        .env("DPISAFE_TEMPLATE_SECONDS", "2"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("ran for more than 2 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(!out.exists(), "nothing written");
    #[cfg(feature = "pdf")]
    {
        let grows = dir.join("grows");
        std::fs::create_dir_all(&grows).expect("dir");
        std::fs::write(
            grows.join("report.typ"),
            "#let a = (1,)\n#for i in range(40) { a = a + a }\n#a.len()\n",
        )
        .expect("write");
        let pdf = dir.join("report.pdf");
        let (code, _, err) = run(with_templates("pdf", &grows)
            .arg("-o")
            .arg(&pdf)
            .env("DPISAFE_TEMPLATE_MIB", "400")
            .env("DPISAFE_TEMPLATE_SECONDS", "30"));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("past 400 MiB"), "{err}");
        assert!(!pdf.exists(), "nothing written");
        // A loop of page breaks is stopped by its page count, before the export.
        let pages = dir.join("pages");
        std::fs::create_dir_all(&pages).expect("dir");
        std::fs::write(
            pages.join("report.typ"),
            "#for i in range(5001) [#i #pagebreak()]\n",
        )
        .expect("write");
        let (code, _, err) = run(with_templates("pdf", &pages).arg("-o").arg(&pdf));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("5002 pages, more than the 5000"), "{err}");
        assert!(!pdf.exists(), "nothing written");
    }
}

#[test]
fn templates_dir_overrides_and_errors_are_located() {
    let dir = scratch("templates");
    std::fs::write(dir.join("report.md.j2"), "Custom: {{ view.title }}\n").expect("write");
    let out = stdout_of(&mut with_templates("md", &dir));
    assert!(out.starts_with("Custom: Safeguards assessment:"), "{out}");
    let html = stdout_of(&mut with_templates("html", &dir));
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "missing templates fall back to built-in ones"
    );
    std::fs::write(
        dir.join("report.md.j2"),
        "line one\n{{ view.no_such_field }}\n",
    )
    .expect("write");
    let (code, out, err) = run(&mut with_templates("md", &dir));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("template-error") && err.contains("report.md.j2:2"),
        "{err}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn typst_template_errors_are_located() {
    let dir = scratch("templates-typ");
    std::fs::write(dir.join("report.typ"), "#let x = (\n").expect("write");
    let (code, _, err) = run(dpisafe()
        .args([
            "report",
            &example("legal-aid-dpg"),
            "--format",
            "pdf",
            "-o",
            "-",
            "--templates",
        ])
        .arg(&dir));
    assert_eq!(code, 2);
    assert!(
        err.contains("template-error") && err.contains("report.typ"),
        "{err}"
    );
}

#[test]
fn documents_need_the_date_the_answers_describe() {
    let dir = scratch("undated");
    let text = std::fs::read_to_string(fixture("check/payment-rail.yaml"))
        .expect("fixture")
        .replace("assessed_on: 2026-10-01\n", "");
    let q = dir.join("q.yaml");
    std::fs::write(&q, text).expect("write");
    for extra in [&[][..], &["--as-of", "2026-11-01"][..]] {
        let (code, out, err) = run(dpisafe()
            .args(["report", "--format", "md"])
            .args(extra)
            .arg(&q));
        assert_eq!(
            code, 2,
            "--as-of judges waivers; it does not date the answers"
        );
        assert!(out.is_empty());
        assert!(
            err.contains("missing the required key `assessed_on`"),
            "{err}"
        );
    }
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_engine_is_a_usage_error() {
    let dir = scratch("report-nopdf");
    let out = dir.join("r.pdf");
    let (code, _, err) = run(dpisafe()
        .args(["report", &example("legal-aid-dpg"), "--format", "pdf", "-o"])
        .arg(&out));
    assert_eq!(code, 2);
    assert!(err.contains("without PDF support"), "{err}");
    assert!(!out.exists(), "nothing written");
}
