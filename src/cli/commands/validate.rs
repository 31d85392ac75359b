//! `dpisafe validate FILE…`: every problem of every file, sorted by position.

use crate::Error;
use crate::cli::args::ValidateArgs;
use crate::cli::{Context, Exit};
use crate::questionnaire;

pub(crate) fn run(ctx: &Context, args: &ValidateArgs) -> Result<Exit, Error> {
    let framework = match ctx.framework() {
        Ok(framework) => framework,
        Err(exit) => return Ok(exit),
    };
    let mut exit = Exit::Ok;
    for path in &args.files {
        let Ok(source) = ctx.read(path) else {
            exit = Exit::Invalid;
            continue;
        };
        let loaded = questionnaire::load(&source, &framework, &ctx.limits);
        ctx.report(&loaded.diagnostics, Some(&source));
        match &loaded.value {
            Some(q) => ctx.note(&format!(
                "{}: valid ({} answers, {} waivers)",
                source.name,
                q.answers.len(),
                q.waivers.len()
            )),
            None => {
                let errors = loaded
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                    .count();
                ctx.note(&format!(
                    "{}: invalid ({errors} {})",
                    source.name,
                    if errors == 1 { "problem" } else { "problems" }
                ));
                exit = Exit::Invalid;
            }
        }
    }
    Ok(exit)
}
