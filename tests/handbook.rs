//! `dpisafe framework export`: the framework handbook in Markdown, HTML and PDF, and the
//! generated questionnaire reference in docs/.

use std::collections::BTreeSet;

use crate::common::{dpisafe, root, run, scratch, stdout_of};

const MINI: &str = "tests/fixtures/handbook/framework.yaml";

fn export(format: &str) -> String {
    stdout_of(dpisafe().args(["framework", "export", "--format", format]))
}

fn export_mini(format: &str) -> String {
    stdout_of(dpisafe().args([
        "--framework",
        MINI,
        "framework",
        "export",
        "--format",
        format,
    ]))
}

#[test]
fn markdown_and_html_of_a_small_framework() {
    insta::assert_snapshot!("handbook_md_mini", export_mini("md"));
    insta::assert_snapshot!("handbook_html_mini", export_mini("html"));
}

#[test]
fn the_embedded_handbook_holds_every_principle_risk_question_and_check() {
    let framework = dpisafe::validate::framework::embedded();
    let md = export("md");
    let html = export("html");
    for p in &framework.principles {
        assert!(
            md.contains(&format!("\n### {} {}\n", p.id, p.name)),
            "{}",
            p.id
        );
        assert!(
            html.contains(&format!(">{} {}</h3>", p.id, p.name)),
            "{}",
            p.id
        );
    }
    for r in &framework.risks {
        assert!(
            md.contains(&format!("\n### {} {}\n", r.id, r.name)),
            "{}",
            r.id
        );
    }
    for q in &framework.questions {
        assert!(md.contains(&format!("\n#### {}", q.id)), "{} in md", q.id);
        assert!(
            html.contains(&format!(
                "id=\"q-{}\"",
                q.id.to_lowercase().replace('.', "-")
            )),
            "{} in html",
            q.id
        );
    }
    for check in &framework.reused_checks {
        let entry = &md[md.find(&format!("\n#### {}", check.id)).expect("listed")..];
        let asked_as = check.same_as().expect("reuses a question");
        assert!(
            entry.contains(&format!("**Asked as:** {asked_as}")),
            "{}",
            check.id
        );
    }
    assert_eq!(
        md.matches("\n#### ").count(),
        110,
        "71 questions, 24 checks asked and 15 that reuse a question"
    );
    assert!(md.contains(
        "18 principles, 13 risks, 71 questions, 24 gender checks (15 more reuse a question)"
    ));
    // Principles without a critical question say why, and every source is listed.
    for p in framework
        .principles
        .iter()
        .filter(|p| p.no_critical_reason.is_some())
    {
        assert!(
            md.contains(&format!("No question of {} is critical: ", p.id)),
            "{}",
            p.id
        );
    }
    for source in &framework.sources {
        assert!(
            md.contains(&format!("| `{}` |", source.key)),
            "{}",
            source.key
        );
    }
    assert!(md.contains("| not verified |"));
    assert!(md.contains("licensed CC BY-SA 4.0"));
    assert!(html.contains("licensed CC BY-SA 4.0"));
    // A question shows its guidance, the evidence to ask for and where it applies.
    let f1q1 = &md[md.find("#### F1.Q1 (critical)").expect("F1.Q1 is critical")..];
    let f1q1 = &f1q1[..f1q1[5..].find("#### ").expect("next question") + 5];
    assert!(f1q1.contains("\"Yes\" means a dated assessment exists"));
    assert!(f1q1.contains("**Evidence to ask for:** Impact assessment with date"));
    assert!(f1q1.contains("**Action when it falls short:** Commission an impact assessment"));
    assert!(f1q1.contains("**Also counts in the gender index as:** G-GOVERN-01"));
    assert!(f1q1.contains("from L1 Conception and Scoping"));
    assert!(f1q1.contains("**Answered by:** R1 Government, R2 Regulator, R4 Technology Provider"));
}

#[test]
fn every_contents_link_reaches_a_heading() {
    let md = export("md");
    let headings: BTreeSet<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(|h| dpisafe::render::handbook::github_slug(&h.replace('\\', "")))
        .collect();
    let links: Vec<&str> = md
        .split("](#")
        .skip(1)
        .map(|rest| &rest[..rest.find(')').expect("closed link")])
        .collect();
    assert!(links.len() > 40, "the contents list every section");
    for link in links {
        assert!(headings.contains(link), "`#{link}` has no heading");
    }
    let html = export("html");
    let ids: BTreeSet<&str> = html
        .split("id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closed")])
        .collect();
    let hrefs: Vec<&str> = html
        .split("href=\"#")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closed")])
        .collect();
    assert!(
        hrefs.len() > 400,
        "risks, principles and questions are linked"
    );
    for href in hrefs {
        assert!(ids.contains(href), "`#{href}` has no target");
    }
}

#[test]
fn html_is_self_contained_and_escapes_framework_text() {
    let html = export_mini("html");
    assert!(
        !html.contains("<script"),
        "no script, even from framework text"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(!html.contains("src="), "nothing is fetched");
    assert!(
        !html.contains("href=\"javascript:"),
        "a non-web licence address is text, not a link"
    );
    let md = export_mini("md");
    assert!(md.contains("Open \\| fair"), "a | cannot split a table");
    assert!(md.contains("\\#panic()"));
}

#[test]
fn output_goes_to_a_file_atomically_and_never_over_one() {
    let dir = scratch("handbook-output");
    let out = dir.join("handbook.md");
    let (code, _, stderr) = run(dpisafe().args(["framework", "export", "-o"]).arg(&out));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("wrote"));
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written, export("md"));
    let (code, _, stderr) = run(dpisafe()
        .args(["framework", "export", "--format", "html", "-o"])
        .arg(&out));
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), written);
    let copy = dir.join("framework.yaml");
    std::fs::copy(root().join(MINI), &copy).expect("copied");
    let (code, _, stderr) = run(dpisafe()
        .arg("--framework")
        .arg(&copy)
        .args(["framework", "export", "--force", "-o"])
        .arg(&copy));
    assert_eq!(code, 2, "the framework is an input");
    assert!(stderr.contains("one of the input files"), "{stderr}");
}

#[test]
fn a_framework_with_an_undated_publication_is_refused_with_its_line() {
    let dir = scratch("handbook-published");
    let bad = dir.join("framework.yaml");
    let text = std::fs::read_to_string(root().join(MINI))
        .expect("fixture")
        .replace("published: 2026-01", "published: spring 2026");
    std::fs::write(&bad, text).expect("written");
    let (code, stdout, stderr) = run(dpisafe()
        .arg("--framework")
        .arg(&bad)
        .args(["framework", "export"]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("error[invalid-date]"), "{stderr}");
    assert!(stderr.contains("framework.yaml:7:14"), "{stderr}");
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_has_contents_questions_and_attribution_and_is_reproducible() {
    let dir = scratch("handbook-pdf");
    let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
    for path in [&a, &b] {
        let (code, _, stderr) = run(dpisafe()
            .args(["framework", "export", "--format", "pdf", "-o"])
            .arg(path));
        assert_eq!(code, 0, "{stderr}");
    }
    let bytes = std::fs::read(&a).expect("pdf");
    assert_eq!(bytes, std::fs::read(&b).expect("pdf"), "byte-identical");
    let text = pdf_text(&a);
    for expected in [
        "Contents",
        "How to read this handbook",
        "F8 Ensure effective remedy and redress",
        "RS3 Physical insecurity",
        "F1.Q1",
        "G-PAY-04",
        "Evidence to ask for",
        "licensed CC BY-SA 4.0",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "`{expected}` in the PDF");
    }
    let doc = crate::pdf::open(&a);
    assert_eq!(doc.creation_date().as_deref(), Some("2024-09-01"));
    assert_eq!(doc.page_size(), "595.276 x 841.89", "A4");
    let letter = dir.join("letter.pdf");
    let (code, _, _) = run(dpisafe()
        .args([
            "--framework",
            MINI,
            "framework",
            "export",
            "--format",
            "pdf",
            "--paper",
            "letter",
            "-o",
        ])
        .arg(&letter));
    assert_eq!(code, 0);
    assert_eq!(
        crate::pdf::open(&letter).page_size(),
        "612 x 792",
        "US Letter"
    );
    assert!(pdf_text(&letter).contains("Adapted for tests | shared *alike*."));
}

#[cfg(feature = "pdf")]
fn pdf_text(pdf: &std::path::Path) -> String {
    crate::pdf::text(pdf)
}

#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_engine_is_a_usage_error() {
    let dir = scratch("handbook-nopdf");
    let (code, _, stderr) = run(dpisafe()
        .args(["framework", "export", "--format", "pdf", "-o"])
        .arg(dir.join("h.pdf")));
    assert_eq!(code, 2);
    assert!(stderr.contains("without PDF support"), "{stderr}");
    assert!(!dir.join("h.pdf").exists());
}

/// docs/questionnaire.md is generated; run with `UPDATE_DOCS=1` to rewrite it.
#[test]
fn docs_questionnaire_reference_is_generated() {
    let generated = dpisafe::render::reference::questionnaire_reference(
        dpisafe::validate::framework::embedded(),
    );
    let path = root().join("docs/questionnaire.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("writes docs/questionnaire.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).expect("docs/questionnaire.md");
    assert!(
        committed == generated,
        "docs/questionnaire.md differs from what dpisafe generates; run `UPDATE_DOCS=1 cargo test docs` and review the diff"
    );
}

#[test]
fn questionnaire_reference_covers_every_field_and_question() {
    let doc = dpisafe::render::reference::questionnaire_reference(
        dpisafe::validate::framework::embedded(),
    );
    for field in [
        "`dpisafe`",
        "`deployment.building_blocks`",
        "`respondent.authority`",
        "`answers.<id>.answer`",
        "`answers.<id>.evidence[].sha256`",
        "`waivers[].expires`",
    ] {
        assert!(doc.contains(&format!("| {field} |")), "{field}");
    }
    assert!(doc.contains("| `deployment.stage` | text | yes |"));
    assert!(doc.contains("| `assessed_on` | date (`YYYY-MM-DD`) | yes |"));
    assert!(doc.contains("| `scope.authorities` | list of text | yes |"));
    for q in &dpisafe::validate::framework::embedded().questions {
        assert!(doc.contains(&format!("\n| {} |", q.id)), "{}", q.id);
    }
    assert!(
        doc.contains("| F1.Q1 | Before the design was settled, was a written impact assessment")
    );
    assert!(doc.contains("| any | L1 | R1, R2, R4 | critical | 3 |"));
}
