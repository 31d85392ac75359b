//! `dpisafe check FILE… [--policy P] [--baseline B] [--format text|json|sarif|junit]`: the
//! CI gate. Exit 0 when the policy passes, 1 when it fails, 2 when an input is invalid.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::args::{CheckArgs, Format};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::policy::Policy;
use crate::questionnaire::Questionnaire;
use crate::render::format::Subject;
use crate::render::templates::Templates;
use crate::source::SourceFile;

pub(crate) fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit, Error> {
    crate::assessment::prepare();
    let framework = proceed!(ctx.framework());
    // The policy comes first: its `evidence_root` and `max_hash_mib` decide how the
    // questionnaires' evidence is looked at.
    let (policy, policy_source) = proceed!(load_policy(ctx, args, &framework));
    let evidence = proceed!(evidence_options(ctx, &policy, policy_source.as_ref()));
    let mut loaded = proceed!(assessment::load_with(
        ctx,
        framework,
        &args.inputs,
        &evidence
    ));
    let plan = proceed!(assessment::load_plan(ctx, &args.inputs, &mut loaded));
    let baseline = proceed!(load_baseline(ctx, args, &loaded));
    let as_of = proceed!(assessment::as_of(
        ctx,
        &args.inputs,
        &loaded.assessment.questionnaire,
        DefaultDate::Today,
    ));
    apply_waivers(ctx, &policy, &mut loaded.assessment.questionnaire);
    loaded.sources.extend(policy_source);
    let mut report = assessment::build_report(ctx, &loaded, as_of, plan.as_ref());
    proceed!(assessment::add_views(
        ctx,
        &args.inputs,
        &loaded,
        &mut report
    ));
    let gate = crate::gate::judge(
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
    let templates = Templates::embedded();
    let settings = assessment::plain_settings(ctx, &args.output, &templates);
    let subject = Subject::Report {
        framework: loaded.framework(),
        report: &report,
        baseline: baseline.as_ref().map(|(_, r)| r),
    };
    let bytes = proceed!(assessment::render(ctx, args.format, subject, &settings, ""));
    let mut inputs: Vec<PathBuf> = args.inputs.files.clone();
    inputs.extend(args.policy.iter().cloned());
    inputs.extend(args.inputs.plan.iter().cloned());
    inputs.extend(args.baseline.iter().cloned());
    inputs.extend(loaded.assessment.evidence_files());
    assessment::emit_bytes(ctx, &args.output, &inputs, &bytes)?;
    if args.format != Format::Text {
        let verdict = crate::render::verdict::render(&report, ctx.lang());
        ctx.note(verdict.lines().next().unwrap_or_default());
    }
    Ok(if passed { Exit::Ok } else { Exit::PolicyFailed })
}

/// The `--baseline` result, named by its file, when given and about the same deployment.
fn load_baseline(
    ctx: &Context,
    args: &CheckArgs,
    loaded: &assessment::Loaded,
) -> Result<Option<(String, crate::report::Report)>, Exit> {
    let Some(path) = &args.baseline else {
        return Ok(None);
    };
    let report = assessment::load_result(ctx, path, "baseline")?;
    same_subject(ctx, path, &report, loaded)?;
    Ok(Some((path.display().to_string(), report)))
}

/// The policy's waivers replace the questionnaire's own when the policy does not accept them
/// (with a note saying so), and are added to them otherwise.
fn apply_waivers(ctx: &Context, policy: &Policy, questionnaire: &mut Questionnaire) {
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
    let name = &loaded.assessment.questionnaire.deployment.name;
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

/// How evidence is looked at under `policy`. Its `evidence_root` must be a directory (a
/// misspelt root would put every evidence file outside it, silently), and may only narrow the
/// root the policy file itself lies in: the policy sits in the same repository as the
/// questionnaires, so a pull request could otherwise widen it to `/`.
fn evidence_options(
    ctx: &Context,
    policy: &Policy,
    source: Option<&SourceFile>,
) -> Result<crate::evidence::Options, Exit> {
    let options = ctx.evidence(Some(policy));
    let (Some((dir, pos)), None) = (&policy.evidence_root, &ctx.evidence_root) else {
        return Ok(options);
    };
    let file = policy.file.as_deref().unwrap_or_default();
    let repository =
        crate::evidence::evidence_root(Path::new(file).parent().unwrap_or(Path::new("")));
    let problem = if !dir.is_dir() {
        Some((
            format!("evidence_root `{}` is not a directory", dir.display()),
            "name a directory relative to the policy file, such as `.` or `evidence`",
        ))
    } else if !crate::evidence::inside(dir, &repository) {
        Some((
            format!(
                "evidence_root `{}` lies outside the repository holding the policy",
                dir.display()
            ),
            "a policy may narrow where evidence is read, not widen it; use --evidence-root DIR on the command line for that",
        ))
    } else {
        None
    };
    let Some((message, hint)) = problem else {
        return Ok(options);
    };
    let diagnostic =
        Diagnostic::error(Code::InvalidValue, file, Some(*pos), message).with_hint(hint);
    ctx.report(&[diagnostic], source);
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
    let loaded = crate::assessment::policy(&source, framework, &ctx.limits);
    ctx.report(&loaded.diagnostics, Some(&source));
    let policy = loaded.value.ok_or(Exit::Invalid)?;
    Ok((policy, Some(source)))
}
