//! A catalogue of hostile strings sent through every command and every format. Questionnaires
//! arrive as pull requests from people the CI runner does not trust, so whatever they write
//! must come out inert: no escape sequence, C1 control, NUL, carriage return or bidi override
//! from user text reaches the terminal or a CI log, no user line can start a line there (as a
//! GitHub `::error` workflow command would), documents carry no raw control, JSON, SARIF and
//! JUnit parse, and JSON keeps the text exactly.

use std::path::{Path, PathBuf};

use crate::common::{dpisafe, edited_rail, run, scratch};

/// At least forty strings that have broken, or could break, some channel.
const CATALOGUE: [&str; 42] = [
    "\u{1b}[2J\u{1b}[H\u{1b}[32mPASS: all clear\u{1b}[0m",
    "\u{1b}]52;c;cHduZWQ=\u{7}clipboard",
    "\u{1b}P+q544e\u{1b}\\device control",
    "\u{9b}31mC1 control sequence",
    "\u{85}next line (C1)",
    "line one\n::error file=x::pwned",
    "\n::add-mask::secret",
    "\r::warning::carriage return",
    "NUL\u{0}byte",
    "bell\u{7}",
    "backspace\u{8}\u{8}\u{8}XX",
    "vertical\u{b}tab and form\u{c}feed",
    "\u{202e}right-to-left override",
    "\u{2066}isolate\u{2069} and \u{202d}embed\u{202c}",
    "zero\u{200b}width",
    "\u{feff}byte-order mark in text",
    "non-character \u{fffe}",
    "non-character \u{ffff}",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[link](javascript:alert(1))",
    "*bold* _it_ `code` # heading",
    "| a | b |",
    "<!-- comment --> &amp; &lt;",
    "#panic(\"typst\")",
    "#set text(red) $x^2$ @ref <label>",
    "]]> <![CDATA[ x ]]>",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)",
    "\ttab first",
    "{{ template }} {% if x %}",
    "${{ github.token }}",
    "$(touch pwned) `id`",
    "%s %n %x",
    "\\u001b a backslash, not an escape",
    "' OR 1=1 --",
    "emoji 👩‍👩‍👧 and a\u{301} combining",
    "last code point \u{10ffff}",
    "Supercalifragilisticexpialidocious-Supercalifragilisticexpialidocious-Supercalifragilisticexpialidocious",
    "",
];

/// A YAML double-quoted scalar for `text`, as `init` writes one.
fn quoted(text: &str) -> String {
    dpisafe::text::yaml_quoted(text)
}

/// The payment-rail fixture named `name`, with the whole catalogue in its answers' notes (two
/// strings to a note) and in the respondent's name.
fn questionnaire(dir: &Path, name: &str) -> PathBuf {
    edited_rail(dir, |text| {
        let mut out = String::new();
        let mut next = 0;
        for line in text.lines() {
            if line.trim_start().starts_with("notes:") {
                continue; // replaced by the catalogue's
            }
            out.push_str(&line.replace(
                "  name: Test payment rail",
                &format!("  name: {}", quoted(name)),
            ));
            out.push('\n');
            let is_answer =
                line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':');
            if is_answer && next < CATALOGUE.len() {
                let note = format!(
                    "{} ¦ {}",
                    CATALOGUE[next],
                    CATALOGUE[(next + 21) % CATALOGUE.len()]
                );
                out.push_str(&format!("    notes: {}\n", quoted(&note)));
                next += 1;
            }
        }
        out.replace(
            "  name: Test respondent",
            &format!("  name: {}", quoted(CATALOGUE[13])),
        )
    })
}

/// What must never appear raw on a terminal or in a CI log.
fn assert_terminal_safe(what: &str, text: &str) {
    for c in text.chars() {
        let bad = c == '\u{1b}'
            || c == '\0'
            || c == '\r'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
            || (c.is_control() && c != '\n');
        assert!(
            !bad,
            "{what}: U+{:04X} reached the terminal:\n{text}",
            u32::from(c)
        );
    }
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what}: a line that GitHub reads as a workflow command:\n{line}"
        );
    }
}

/// What must never appear raw in a document.
fn assert_document_safe(what: &str, text: &str) {
    for c in text.chars() {
        let bad =
            (c.is_control() && !matches!(c, '\n' | '\t')) || ('\u{80}'..='\u{9f}').contains(&c);
        assert!(!bad, "{what}: U+{:04X} in the document", u32::from(c));
    }
}

fn assert_html_safe(what: &str, html: &str) {
    assert_document_safe(what, html);
    for markup in [
        "<script>alert",
        "<img src=x",
        "href=\"javascript",
        "<!-- comment -->",
    ] {
        assert!(!html.contains(markup), "{what}: `{markup}` is live markup");
    }
}

/// Every event of an XML document, failing on the first error.
fn assert_xml_parses(what: &str, xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed XML at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    for c in xml.chars() {
        let allowed = matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}';
        assert!(
            allowed,
            "{what}: U+{:04X} is not allowed in XML",
            u32::from(c)
        );
    }
}

fn json(what: &str, text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"))
}

/// Runs `args`, expecting one of `codes`; gives stdout and stderr, both checked for the
/// terminal (stderr always is; stdout when `stdout_is_terminal`).
fn run_checked(args: &[&str], codes: &[i32], stdout_is_terminal: bool) -> String {
    let (code, out, err) = run(dpisafe().args(args));
    let what = args.join(" ");
    assert!(codes.contains(&code), "{what}: exit {code}\n{err}");
    assert_terminal_safe(&format!("{what} (stderr)"), &err);
    if stdout_is_terminal {
        assert_terminal_safe(&format!("{what} (stdout)"), &out);
    }
    out
}

#[test]
fn every_hostile_string_is_inert_in_every_terminal_output() {
    let dir = scratch("hostile-catalogue-terminal");
    // Four strings to a name, so the whole catalogue passes in eleven rounds: each string is
    // as hostile beside others (a line break still starts a line). The empty string is no
    // name (validation says so); it is still in the notes.
    let names: Vec<String> = CATALOGUE[..41].chunks(4).map(|c| c.join(" ¦ ")).collect();
    for (n, name) in names.iter().enumerate() {
        let sub = dir.join(n.to_string());
        std::fs::create_dir_all(&sub).expect("dir");
        let file = questionnaire(&sub, name);
        let file = file.to_str().expect("path");
        run_checked(&["-v", "validate", file], &[0], true);
        run_checked(&["assess", file], &[0], true);
        run_checked(&["check", file], &[0, 1], true);
        run_checked(&["portfolio", file, "--no-redact"], &[0], true);
        run_checked(&["diff", file, file], &[0], true);
    }
}

#[test]
fn every_hostile_string_is_inert_in_every_document_and_data_format() {
    let dir = scratch("hostile-catalogue-documents");
    let file = questionnaire(&dir, CATALOGUE[0]);
    let file = file.to_str().expect("path");

    // JSON keeps user text exactly: it is data, and escaping is the format's.
    let result = run_checked(&["assess", file, "--format", "json"], &[0], false);
    let value = json("assess json", &result);
    assert_eq!(value["assessment"]["deployment"]["name"], CATALOGUE[0]);
    let notes: Vec<&str> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["notes"].as_str())
        .collect();
    for hostile in CATALOGUE.iter().filter(|s| !s.is_empty()) {
        assert!(
            notes.iter().any(|n| n.contains(hostile)),
            "the JSON keeps {hostile:?} exactly"
        );
    }
    let saved = dir.join("result.json");
    std::fs::write(&saved, &result).expect("writes");
    let saved = saved.to_str().expect("path");

    for format in ["json", "sarif"] {
        let out = run_checked(&["check", file, "--format", format], &[0, 1], false);
        json(&format!("check {format}"), &out);
    }
    let junit = run_checked(&["check", file, "--format", "junit"], &[0, 1], false);
    assert_xml_parses("check junit", &junit);
    let text = run_checked(&["check", file, "--format", "text"], &[0, 1], true);
    assert!(!text.is_empty());

    for source in [file, saved] {
        let verb = if source == saved { "render" } else { "report" };
        let md = run_checked(&[verb, source, "--format", "md"], &[0], false);
        assert_document_safe(&format!("{verb} md"), &md);
        let html = run_checked(&[verb, source, "--format", "html"], &[0], false);
        assert_html_safe(&format!("{verb} html"), &html);
    }
    #[cfg(feature = "pdf")]
    {
        let pdf = dir.join("report.pdf");
        let (code, _, err) = run(dpisafe()
            .args(["report", file, "--format", "pdf", "-o"])
            .arg(&pdf));
        assert_eq!(code, 0, "{err}");
        assert_terminal_safe("report pdf (stderr)", &err);
        let text = crate::pdf::text(&pdf);
        assert!(text.contains("PASS: all clear"), "the name is kept");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\0'),
            "no controls typeset"
        );
    }

    for format in ["md", "html", "csv", "json"] {
        let out = run_checked(
            &["portfolio", file, saved, "--no-redact", "--format", format],
            &[0],
            false,
        );
        match format {
            "json" => {
                json("portfolio json", &out);
            }
            "html" => assert_html_safe("portfolio html", &out),
            // RFC 4180 ends records with CRLF; no other carriage return may be there.
            "csv" => assert_document_safe("portfolio csv", &out.replace("\r\n", "\n")),
            _ => assert_document_safe(&format!("portfolio {format}"), &out),
        }
    }
    for format in ["md", "json"] {
        let out = run_checked(&["diff", saved, file, "--format", format], &[0], false);
        if format == "json" {
            json("diff json", &out);
        } else {
            assert_document_safe("diff md", &out);
        }
    }
}

/// `init --name` writes user text into YAML: the file it writes reads back to the same name.
#[test]
fn init_writes_every_hostile_name_as_yaml_that_reads_back() {
    let dir = scratch("hostile-catalogue-init");
    // A command line cannot hold NUL, so that one is left to the files.
    for (n, name) in CATALOGUE
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty() && !s.contains('\0'))
    {
        let out = dir.join(format!("{n}.yaml"));
        let (code, _, err) = run(dpisafe()
            .args([
                "init", "--blocks", "payments", "--stage", "L2", "--name", name, "-o",
            ])
            .arg(&out));
        assert_eq!(code, 0, "{name:?}: {err}");
        assert_terminal_safe("init (stderr)", &err);
        let (code, json_out, err) =
            run(dpisafe().args(["assess", out.to_str().expect("path"), "--format", "json"]));
        assert_eq!(code, 0, "{name:?}: {err}");
        let value: serde_json::Value = serde_json::from_str(&json_out).expect("JSON");
        assert_eq!(
            value["assessment"]["deployment"]["name"], *name,
            "{name:?} read back"
        );
    }
}
