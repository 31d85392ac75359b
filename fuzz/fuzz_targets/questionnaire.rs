//! Questionnaire bytes → source → load and validate against the embedded framework →
//! diagnostics rendered → report → JSON, Markdown, HTML, SARIF and JUnit.
//! Evidence is not inspected: that reads the disk.
#![no_main]

use dpisafe::source::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let source = match dpisafe::assessment::from_bytes("fuzz.yaml", data.to_vec()) {
        Ok(source) => source,
        Err(diagnostic) => {
            let _ = dpisafe::diagnostic::render(&[diagnostic], None, false);
            return;
        }
    };
    let framework = dpisafe::assessment::embedded_framework();
    let loaded = dpisafe::validate::questionnaire::load(&source, framework, &limits);
    let _ = dpisafe::diagnostic::render(&loaded.diagnostics, Some(&source), false);
    let _ = dpisafe::diagnostic::render(&loaded.diagnostics, Some(&source), true);
    if let Some(questionnaire) = loaded.value {
        dpisafe_fuzz::report_and_render(framework, &questionnaire);
    }
});
