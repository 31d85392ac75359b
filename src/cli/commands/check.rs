//! `dpisafe check FILE… [--policy P] [--baseline B] [--format text|json|sarif|junit]`: the
//! CI gate. Exit 0 when the policy passes, 1 when it fails, 2 when an input is invalid.

use std::path::PathBuf;

use crate::Error;
use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::framework::Framework;
use crate::policy::{self, Policy};
use crate::render;
use crate::source::SourceFile;

pub(crate) fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit, Error> {
    let mut loaded = match assessment::load(ctx, &args.inputs) {
        Ok(loaded) => loaded,
        Err(exit) => return Ok(exit),
    };
    let (policy, policy_source) = match load_policy(ctx, args, loaded.framework()) {
        Ok(found) => found,
        Err(exit) => return Ok(exit),
    };
    let baseline = match &args.baseline {
        Some(path) => match assessment::load_result(ctx, path, "baseline") {
            Ok(report) => match same_subject(ctx, path, &report, &loaded) {
                Ok(()) => Some((path.display().to_string(), report)),
                Err(exit) => return Ok(exit),
            },
            Err(exit) => return Ok(exit),
        },
        None => None,
    };
    let as_of =
        match assessment::as_of(ctx, &args.inputs, &loaded.questionnaire, DefaultDate::Today) {
            Ok(date) => date,
            Err(exit) => return Ok(exit),
        };
    let questionnaire = &mut loaded.questionnaire;
    if !policy.questionnaire_waivers && !questionnaire.waivers.is_empty() {
        let m = ctx.messages();
        let ignored = m.plural(
            "cli.policy_ignores_waivers",
            questionnaire.waivers.len(),
            &[],
        );
        ctx.note(&format!("{}: {ignored}", m.get("cli.note")));
        questionnaire.waivers.clear();
    }
    questionnaire.waivers.extend(policy.waivers.iter().cloned());
    loaded.sources.extend(policy_source);
    let mut report = assessment::build_report(ctx, &loaded, as_of);
    let gate = policy::gate::judge(
        &policy,
        &report,
        baseline.as_ref().map(|(name, r)| (name.as_str(), r)),
    );
    ctx.detail(&format!(
        "policy gate: {} ({} violations)",
        if gate.passed { "passed" } else { "failed" },
        gate.violations.len()
    ));
    let passed = gate.passed;
    report.gate = Some(gate);
    let text = match args.format {
        CheckFormat::Text => render::verdict::render(&report, ctx.lang()),
        CheckFormat::Json => render::json::render(&report),
        CheckFormat::Sarif => render::sarif::render(
            loaded.framework(),
            &report,
            baseline.as_ref().map(|(_, r)| r),
        ),
        CheckFormat::Junit => render::junit::render(loaded.framework(), &report),
    };
    let mut inputs: Vec<PathBuf> = args.inputs.files.clone();
    inputs.extend(args.policy.iter().cloned());
    inputs.extend(args.baseline.iter().cloned());
    assessment::emit(ctx, &args.output, &inputs, &text)?;
    if args.format != CheckFormat::Text {
        let verdict = render::verdict::render(&report, ctx.lang());
        ctx.note(verdict.lines().next().unwrap_or_default());
    }
    Ok(if passed { Exit::Ok } else { Exit::PolicyFailed })
}

/// A baseline must describe the same deployment against the same framework; otherwise its
/// known violations would excuse someone else's.
fn same_subject(
    ctx: &Context,
    path: &std::path::Path,
    baseline: &crate::report::Report,
    loaded: &assessment::Loaded,
) -> Result<(), Exit> {
    let framework = loaded.framework();
    let name = &loaded.questionnaire.deployment.name;
    let problem = if baseline.assessment.deployment.name != *name {
        Some(format!(
            "the baseline assesses `{}`, not `{name}`",
            baseline.assessment.deployment.name
        ))
    } else if baseline.framework.id != framework.metadata.id
        || baseline.framework.version != framework.metadata.version
    {
        Some(format!(
            "the baseline was made against {}@{}, not {}",
            baseline.framework.id,
            baseline.framework.version,
            framework.reference()
        ))
    } else {
        None
    };
    let Some(message) = problem else {
        return Ok(());
    };
    let diagnostic = crate::diagnostic::Diagnostic::error(
        crate::diagnostic::Code::InvalidResult,
        &path.display().to_string(),
        None,
        message,
    )
    .with_hint("use a baseline written from this deployment's own questionnaire");
    ctx.report(&[diagnostic], None);
    Err(Exit::Invalid)
}

/// The policy, and its source so that warnings about its waivers can quote it.
fn load_policy(
    ctx: &Context,
    args: &CheckArgs,
    framework: &Framework,
) -> Result<(Policy, Option<SourceFile>), Exit> {
    let Some(path) = &args.policy else {
        return Ok((Policy::default(), None));
    };
    let source = ctx.read(path)?;
    let loaded = policy::load(&source, framework, &ctx.limits);
    ctx.report(&loaded.diagnostics, Some(&source));
    let policy = loaded.value.ok_or(Exit::Invalid)?;
    Ok((policy, Some(source)))
}
