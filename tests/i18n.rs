//! Languages: `--lang` and `DPISAFE_LANG` on the terminal summary, the check verdict, the
//! reports (Markdown and HTML snapshots in French, Spanish and Arabic; the Arabic PDF through
//! read in-process), the error framing, `dpisafe i18n status`, and a stale translation never shown.

use std::path::{Path, PathBuf};

use crate::common::{dpisafe, run, scratch, stdout_of};

const NATIONAL_ID: &str = "examples/national-id/questionnaire.yaml";
const RAIL: &str = "tests/fixtures/check/payment-rail.yaml";
const STRICT: &str = "tests/fixtures/check/strict-policy.yaml";
const FRAMEWORK: &str = "frameworks/universal-dpi-safeguards-1.0.yaml";
/// The English text of F1.Q1 and the start of its Arabic translation.
const F1_Q1_EN: &str =
    "Before the design was settled, was a written impact assessment done that covers human";
const F1_Q1_AR: &str = "قبل اعتماد التصميم، هل أُجري تقييم أثر مكتوب";
const F1_Q1_FR: &str = "Avant que la conception ne soit arrêtée, une étude d’impact écrite";

#[test]
fn assess_table_speaks_the_chosen_language() {
    let fr = stdout_of(dpisafe().args(["--lang", "fr", "assess", NATIONAL_ID]));
    for word in [
        "Global ",
        "Couverture ",
        "Principe",
        "Ne pas nuire",
        "faible",
        "Premières actions",
    ] {
        assert!(fr.contains(word), "French table lacks {word}:\n{fr}");
    }
    assert!(!fr.contains("Overall"), "{fr}");
    // The variable works like the flag, and the flag wins over it.
    let es = stdout_of(
        dpisafe()
            .env("DPISAFE_LANG", "es")
            .args(["assess", NATIONAL_ID]),
    );
    assert!(
        es.contains("Cobertura") && es.contains("No causar daño"),
        "{es}"
    );
    let ar = stdout_of(dpisafe().env("DPISAFE_LANG", "es").args([
        "assess",
        NATIONAL_ID,
        "--lang",
        "ar",
    ]));
    assert!(
        ar.contains("الإجمالي") && ar.contains("عدم إلحاق الضرر"),
        "{ar}"
    );
}

#[test]
fn the_system_locale_is_never_read() {
    let english = stdout_of(dpisafe().args(["assess", NATIONAL_ID]));
    let with_locale = stdout_of(
        dpisafe()
            .env("LANG", "fr_FR.UTF-8")
            .env("LC_ALL", "fr_FR.UTF-8")
            .env("LANGUAGE", "fr")
            .args(["assess", NATIONAL_ID]),
    );
    assert_eq!(english, with_locale);
    assert!(english.contains("Overall"));
}

#[test]
fn unknown_languages_are_usage_errors() {
    let (code, out, err) = run(dpisafe().args(["--lang", "de", "assess", NATIONAL_ID]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("'de'") && err.contains("ar"), "{err}");
    let (code, _, err) = run(dpisafe()
        .env("DPISAFE_LANG", "xx")
        .args(["assess", NATIONAL_ID]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn check_verdict_speaks_the_chosen_language_and_keeps_its_exit_code() {
    let args = [RAIL, "--as-of", "2026-10-01", "--policy", STRICT];
    let (code, out, _) = run(dpisafe().args(["--lang", "fr", "check"]).args(args));
    assert_eq!(code, 1);
    assert!(
        out.starts_with("ÉCHEC : Test payment rail — score 59.0, couverture 100.0 %"),
        "{out}"
    );
    assert!(
        out.contains("7 infractions à tests/fixtures/check/strict-policy.yaml (7 bloquantes)"),
        "{out}"
    );
    assert!(
        out.contains("1 lacune couverte par une dérogation"),
        "{out}"
    );
    let (code, out, _) = run(dpisafe().args(["--lang", "ar", "check"]).args(args));
    assert_eq!(code, 1);
    assert!(out.starts_with("غير ناجح: Test payment rail"), "{out}");
    // Machine output stays English whatever the language.
    let (_, en_json, _) = run(dpisafe().args(["check", "--format", "json"]).args(args));
    let (_, ar_json, err) = run(dpisafe()
        .args(["--lang", "ar", "check", "--format", "json"])
        .args(args));
    assert_eq!(en_json, ar_json);
    assert!(
        err.contains("غير ناجح"),
        "the note on stderr is localised: {err}"
    );
}

#[test]
fn failures_are_framed_in_the_chosen_language() {
    let dir = scratch("i18n-exists");
    let out = dir.join("report.md");
    std::fs::write(&out, "mine").expect("write");
    let (code, _, err) = run(dpisafe()
        .args([
            "--lang",
            "fr",
            "report",
            NATIONAL_ID,
            "--format",
            "md",
            "-o",
        ])
        .arg(&out));
    assert_eq!(code, 2);
    assert!(
        err.contains("erreur: `") && err.contains("` existe déjà"),
        "{err}"
    );
    assert!(err.contains("aide: choisissez un autre chemin"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), "mine");
}

fn report(lang: &str, format: &str, mode: &str) -> String {
    stdout_of(dpisafe().args([
        "--lang",
        lang,
        "report",
        NATIONAL_ID,
        "--format",
        format,
        "--mode",
        mode,
    ]))
}

#[test]
fn reports_in_french_spanish_and_arabic() {
    let fr_md = report("fr", "md", "learning");
    assert!(
        fr_md.contains("## Synthèse") && fr_md.contains(F1_Q1_FR),
        "French md"
    );
    insta::assert_snapshot!("report_md_fr_national-id", fr_md);
    insta::assert_snapshot!(
        "report_html_fr_national-id",
        report("fr", "html", "accountability")
    );
    insta::assert_snapshot!("report_md_es_national-id", report("es", "md", "learning"));
    let ar_md = report("ar", "md", "accountability");
    assert!(
        ar_md.contains("## الملخص") && ar_md.contains(F1_Q1_AR),
        "Arabic md"
    );
    insta::assert_snapshot!("report_md_ar_national-id", ar_md);
    let ar_html = report("ar", "html", "accountability");
    assert!(
        ar_html.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "RTL page"
    );
    insta::assert_snapshot!("report_html_ar_national-id", ar_html);
}

#[test]
fn markdown_escaping_applies_to_translated_text() {
    // The method text's *marks* become emphasis and nothing else in it is read as markup.
    let md = report("es", "md", "learning");
    assert!(
        md.contains("suma 1 por *sí*, ½ por *parcial*"),
        "emphasis kept"
    );
    // The method's generated paragraphs too: their marks are emphasis, their figures plain.
    assert!(md.contains("Un *sí* o un *parcial* tiene pruebas"), "{md}");
    assert!(md.contains("como mucho 730 días"), "{md}");
    assert!(
        !md.contains("docs/scoring.md"),
        "the report needs no other document"
    );
}

/// The embedded framework with F1.Q1's English text changed: its translations become stale.
fn changed_framework(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(crate::common::root().join(FRAMEWORK)).expect("framework");
    assert!(text.contains(F1_Q1_EN));
    let changed = text.replacen(
        F1_Q1_EN,
        "Was a human-rights impact assessment written before the design was fixed",
        1,
    );
    let path = dir.join("changed-framework.yaml");
    std::fs::write(&path, changed).expect("write");
    path
}

#[test]
fn i18n_status_counts_and_check_fails_only_on_stale_translations() {
    let (code, out, err) = run(dpisafe().args(["i18n", "status"]));
    assert_eq!(code, 0, "{err}");
    for lang in ["English (en)", "French (fr)", "Spanish (es)", "Arabic (ar)"] {
        assert!(out.contains(lang), "{out}");
    }
    assert!(
        out.contains("242 of 435 current · 193 missing · 0 stale"),
        "{out}"
    );
    let (code, out, _) =
        run(dpisafe().args(["i18n", "status", "--lang", "ar", "--check", "--all"]));
    assert_eq!(code, 0, "missing guidance does not fail --check");
    assert!(!out.contains("French"), "only Arabic: {out}");
    assert!(out.contains("F1.Q1.guidance  source: "), "{out}");

    let dir = scratch("i18n-stale");
    let framework = changed_framework(&dir);
    let (code, out, err) = run(dpisafe()
        .arg("--framework")
        .arg(&framework)
        .args(["i18n", "status", "--lang", "fr", "--check"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("1 stale") && out.contains("    F1.Q1  source: "),
        "{out}"
    );
    let (code, _, _) = run(dpisafe()
        .arg("--framework")
        .arg(&framework)
        .args(["i18n", "status", "--lang", "fr"]));
    assert_eq!(code, 0, "without --check, stale is reported, not failed");
}

#[test]
fn a_stale_translation_is_never_shown() {
    let dir = scratch("i18n-stale-report");
    let framework = changed_framework(&dir);
    let md = stdout_of(dpisafe().arg("--framework").arg(&framework).args([
        "--lang",
        "fr",
        "report",
        NATIONAL_ID,
        "--format",
        "md",
    ]));
    assert!(
        md.contains("Was a human-rights impact assessment written before the design was fixed")
    );
    assert!(
        !md.contains(F1_Q1_FR),
        "the stale French text must not appear"
    );
    assert!(
        md.contains("La loi interdit-elle les mesures coercitives"),
        "F1.Q2 is still current"
    );
}

/// The text of a PDF, read in-process (tests/pdf.rs).
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &Path) -> String {
    crate::pdf::text(pdf)
}

#[cfg(feature = "pdf")]
#[test]
fn arabic_pdf_has_arabic_headings_questions_and_page_numbers_and_is_deterministic() {
    let dir = scratch("i18n-pdf");
    let render = |name: &str| {
        let path = dir.join(name);
        let (code, _, err) = run(dpisafe()
            .args([
                "--lang",
                "ar",
                "report",
                NATIONAL_ID,
                "--format",
                "pdf",
                "--mode",
                "accountability",
                "-o",
            ])
            .arg(&path));
        assert_eq!(code, 0, "{err}");
        path
    };
    let first = render("first.pdf");
    let second = render("second.pdf");
    assert!(
        std::fs::read(&first).expect("first") == std::fs::read(&second).expect("second"),
        "the Arabic PDF differs between two runs"
    );
    let text = pdf_text(&first);
    for heading in [
        "الملخص",
        "خطة العمل",
        "سجل الأدلة",
        "المنهجية",
        "الاعتمادات",
        "الإسناد",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(
        text.contains("تقييم أثر مكتوب يشمل حقوق الإنسان"),
        "F1.Q1 in Arabic"
    );
    let pages = text.matches('\u{c}').count();
    assert!(pages > 3);
    // The page numbers split the footer into runs, which tests/pdf.rs leaves in the order they
    // are drawn: compare without whitespace, in either order.
    let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        bare.contains(&format!("الصفحة{pages}من{pages}"))
            || bare.contains(&format!("{pages}من{pages}الصفحة")),
        "page {pages} of {pages}"
    );
}
