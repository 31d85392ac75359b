//! `dpisafe validate FILE…`: every problem of every file, sorted by position, and a warning
//! for each evidence file that is missing or no longer matches its digest.

use crate::Error;
use crate::cli::args::ValidateArgs;
use crate::cli::{Context, Exit, assessment};

pub(crate) fn run(ctx: &Context, args: &ValidateArgs) -> Result<Exit, Error> {
    crate::assessment::prepare();
    let framework = proceed!(ctx.framework());
    let mut exit = Exit::Ok;
    for path in &args.files {
        let Ok(source) = ctx.read(path) else {
            exit = Exit::Invalid;
            continue;
        };
        let started = std::time::Instant::now();
        let loaded =
            crate::assessment::questionnaire(&framework, &source, &ctx.limits, &ctx.evidence(None));
        ctx.detail(&format!(
            "validated {} in {}",
            source.name,
            crate::cli::elapsed(started)
        ));
        ctx.report(&loaded.diagnostics, Some(&source));
        if let Some(q) = &loaded.value {
            let warnings = crate::assessment::evidence_warnings(q);
            assessment::show_warnings(ctx, &warnings, std::slice::from_ref(&source));
        }
        match &loaded.value {
            Some(q) => ctx.note(&format!(
                "{}: valid ({}, {})",
                crate::text::inert(&source.name),
                crate::text::count(q.answers.len(), "answer", "answers"),
                crate::text::count(q.waivers.len(), "waiver", "waivers")
            )),
            None => {
                let errors = loaded
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                    .count();
                ctx.note(&format!(
                    "{}: invalid ({errors} {})",
                    crate::text::inert(&source.name),
                    if errors == 1 { "problem" } else { "problems" }
                ));
                exit = Exit::Invalid;
            }
        }
    }
    Ok(exit)
}
