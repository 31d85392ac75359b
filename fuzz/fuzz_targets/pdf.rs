//! Fuzzed saved results → PDF. A valid result (the legal-aid example, assessed) is changed by
//! edits drawn from the fuzzer's bytes: any text leaf replaced by any text or by one of a set
//! of strings hostile to Typst, any number by any number, list items dropped or repeated. The
//! edited JSON goes through the reader `dpisafe render RESULT.json` uses, and every result it
//! accepts is typeset with the embedded Typst template in both modes.
//!
//! Needs the `pdf` feature: `cargo fuzz run pdf --features pdf`. A PDF takes a fraction of a
//! second, so a run makes thousands of executions, not millions; what it looks for is a
//! result the reader accepts that the template cannot lay out, or that panics Typst.
#![no_main]

use std::sync::{LazyLock, OnceLock};

use arbitrary::Arbitrary;
use dpisafe::i18n::Lang;
use dpisafe::render::pdf::{Fonts, Paper};
use dpisafe::render::templates::Templates;
use dpisafe::render::view::{Mode, Options};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

/// Text that Typst or a PDF reader might take for something else.
const HOSTILE: [&str; 12] = [
    "#panic(\"x\")",
    "$ x^2 $ ] [ * _ ` @label <label>",
    "\u{1b}[2J\u{1b}]52;c;Zm9v\u{7}",
    "\u{202e}gnp.exe\u{202c}",
    "مرحبا بالعالم، هذه مساعدة قانونية",
    "ကျွန်ုပ်တို့၏ အကူအညီ",
    "ความช่วยเหลือทางกฎหมาย",
    "\u{0}\u{85}\u{9b}\u{ffff}",
    "averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreak",
    "%PDF-1.7\n%%EOF\nendobj",
    "#{ while true {} }",
    "",
];

#[derive(Debug, Arbitrary)]
enum Edit {
    /// The n-th text leaf becomes this text.
    Text { at: u16, text: String },
    /// The n-th text leaf becomes one of [`HOSTILE`].
    Hostile { at: u16, which: u8 },
    /// The n-th number becomes this one.
    Number { at: u16, value: f64 },
    /// The n-th list loses an item.
    Drop { at: u16, item: u8 },
    /// The n-th list repeats an item.
    Repeat { at: u16, item: u8, times: u8 },
}

#[derive(Debug, Arbitrary)]
struct Input {
    edits: Vec<Edit>,
    letter: bool,
    lang: u8,
}

/// The seed result, as `assess --format json` writes it.
fn seed() -> &'static Value {
    static SEED: OnceLock<Value> = OnceLock::new();
    SEED.get_or_init(|| {
        let source = dpisafe::source::SourceFile::new(
            "questionnaire.yaml",
            include_str!("../../examples/legal-aid-dpg/questionnaire.yaml"),
        );
        let framework = dpisafe::assessment::embedded_framework();
        let loaded = dpisafe::validate::questionnaire::load(
            &source,
            framework,
            &dpisafe::source::Limits::default(),
        );
        let questionnaire = loaded.value.expect("the example is valid");
        let report = dpisafe::assessment::Assessment {
            questionnaire: questionnaire.clone(),
            disagreements: Vec::new(),
        }
        .report(framework, questionnaire.assessed_on);
        serde_json::from_str(&dpisafe::render::json::render(&report)).expect("JSON")
    })
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts::new(&[]));

/// The leaves or lists of `value` in document order, for edits to point at by number.
fn visit(value: &mut Value, pick: &mut dyn FnMut(&mut Value) -> bool) -> bool {
    if pick(value) {
        return true;
    }
    match value {
        Value::Array(items) => items.iter_mut().any(|v| visit(v, pick)),
        Value::Object(map) => map.values_mut().any(|v| visit(v, pick)),
        _ => false,
    }
}

/// Applies `change` to the `at`-th node (counted modulo their number) for which `is` holds.
fn nth(value: &mut Value, at: u16, is: fn(&Value) -> bool, change: &mut dyn FnMut(&mut Value)) {
    let mut count = 0usize;
    visit(value, &mut |v| {
        count += usize::from(is(v));
        false
    });
    if count == 0 {
        return;
    }
    let target = usize::from(at) % count;
    let mut seen = 0usize;
    visit(value, &mut |v| {
        if !is(v) {
            return false;
        }
        seen += 1;
        if seen - 1 == target {
            change(v);
            return true;
        }
        false
    });
}

fn apply(edit: &Edit, value: &mut Value) {
    match edit {
        Edit::Text { at, text } => nth(value, *at, Value::is_string, &mut |v| *v = json!(text)),
        Edit::Hostile { at, which } => nth(value, *at, Value::is_string, &mut |v| {
            *v = json!(HOSTILE[usize::from(*which) % HOSTILE.len()]);
        }),
        Edit::Number { at, value: number } => nth(value, *at, Value::is_number, &mut |v| {
            if let Some(n) = serde_json::Number::from_f64(*number) {
                *v = Value::Number(n);
            }
        }),
        Edit::Drop { at, item } => nth(value, *at, Value::is_array, &mut |v| {
            if let Some(items) = v.as_array_mut().filter(|items| !items.is_empty()) {
                let i = usize::from(*item) % items.len();
                items.remove(i);
            }
        }),
        Edit::Repeat { at, item, times } => nth(value, *at, Value::is_array, &mut |v| {
            if let Some(items) = v.as_array_mut().filter(|items| !items.is_empty()) {
                let copy = items[usize::from(*item) % items.len()].clone();
                items.extend(std::iter::repeat_n(copy, usize::from(*times % 16)));
            }
        }),
    }
}

fuzz_target!(|input: Input| {
    let mut value = seed().clone();
    for edit in input.edits.iter().take(32) {
        apply(edit, &mut value);
    }
    let text = serde_json::to_string(&value).expect("serialises");
    let source = dpisafe::source::SourceFile::new("result.json", text);
    let Ok(report) = dpisafe::assessment::parse_result(&source, "result") else {
        return;
    };
    let framework = dpisafe::assessment::embedded_framework();
    let templates = Templates::embedded();
    let paper = if input.letter {
        Paper::Letter
    } else {
        Paper::A4
    };
    let lang = Lang::ALL[usize::from(input.lang) % Lang::ALL.len()];
    for mode in [Mode::Accountability, Mode::Learning] {
        let options = Options {
            mode,
            redact: mode == Mode::Learning,
            lang,
            brief: mode == Mode::Accountability,
        };
        match dpisafe::render::document::pdf(framework, &report, options, &templates, paper, &FONTS)
        {
            Ok(pdf) => assert!(pdf.bytes.starts_with(b"%PDF-"), "not a PDF"),
            Err(err) => panic!("a result the reader accepts did not typeset: {err}"),
        }
    }
});
