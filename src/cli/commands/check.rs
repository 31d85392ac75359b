//! `dpisafe check FILE… [--policy P] [--baseline B] [--format text|json|sarif|junit]`: the
//! CI gate. Exit 0 when the policy passes, 1 when it fails, 2 when an input is invalid.

use std::path::PathBuf;

use crate::Error;
use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::framework::Framework;
use crate::policy::{self, Policy};
use crate::render;
use crate::report::{REPORT_VERSION, Report};
use crate::source::Pos;
use crate::validate::schema::SchemaKind;

pub(crate) fn run(ctx: &Context, args: &CheckArgs) -> Result<Exit, Error> {
    let loaded = match assessment::load(ctx, &args.inputs) {
        Ok(loaded) => loaded,
        Err(exit) => return Ok(exit),
    };
    let policy = match load_policy(ctx, args, loaded.framework()) {
        Ok(policy) => policy,
        Err(exit) => return Ok(exit),
    };
    let baseline = match &args.baseline {
        Some(path) => match load_baseline(ctx, path) {
            Ok(report) => Some((path.display().to_string(), report)),
            Err(exit) => return Ok(exit),
        },
        None => None,
    };
    let as_of =
        match assessment::as_of(ctx, &args.inputs, &loaded.questionnaire, DefaultDate::Today) {
            Ok(date) => date,
            Err(exit) => return Ok(exit),
        };
    let mut questionnaire = loaded.questionnaire.clone();
    if !policy.questionnaire_waivers && !questionnaire.waivers.is_empty() {
        let waivers = crate::text::count(questionnaire.waivers.len(), "waiver", "waivers");
        ctx.note(&format!(
            "note: the policy ignores the {waivers} written in the questionnaire"
        ));
        questionnaire.waivers.clear();
    }
    questionnaire.waivers.extend(policy.waivers.iter().cloned());
    let loaded = assessment::Loaded {
        questionnaire,
        ..loaded
    };
    let mut report = assessment::build_report(ctx, &loaded, as_of);
    let gate = policy::gate::judge(
        &policy,
        &report,
        baseline.as_ref().map(|(name, r)| (name.as_str(), r)),
    );
    let passed = gate.passed;
    report.gate = Some(gate);
    let text = match args.format {
        CheckFormat::Text => render::verdict::render(&report),
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
        let verdict = render::verdict::render(&report);
        ctx.note(verdict.lines().next().unwrap_or_default());
    }
    Ok(if passed { Exit::Ok } else { Exit::PolicyFailed })
}

fn load_policy(ctx: &Context, args: &CheckArgs, framework: &Framework) -> Result<Policy, Exit> {
    let Some(path) = &args.policy else {
        return Ok(Policy::default());
    };
    let source = ctx.read(path)?;
    let loaded = policy::load(&source, framework, &ctx.limits);
    ctx.report(&loaded.diagnostics, Some(&source));
    loaded.value.ok_or(Exit::Invalid)
}

/// Reads a baseline result: JSON, of this report version, matching the report schema.
fn load_baseline(ctx: &Context, path: &std::path::Path) -> Result<Report, Exit> {
    let source = ctx.read(path)?;
    let invalid = |pos: Option<Pos>, message: String, hint: &str| {
        let diagnostic = Diagnostic::error(Code::InvalidBaseline, &source.name, pos, message)
            .with_hint(hint.to_owned());
        ctx.report(&[diagnostic], Some(&source));
        Exit::Invalid
    };
    let regenerate = "write a baseline with `dpisafe assess FILE --format json -o baseline.json`";
    let value: serde_json::Value = serde_json::from_str(&source.text).map_err(|err| {
        let pos = u32::try_from(err.line())
            .ok()
            .zip(u32::try_from(err.column()).ok())
            .filter(|(line, _)| *line > 0)
            .map(|(line, col)| Pos::new(line, col.max(1)));
        invalid(
            pos,
            format!("the baseline is not valid JSON: {err}"),
            regenerate,
        )
    })?;
    let version = value
        .get("dpisafe_report")
        .and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(REPORT_VERSION)) {
        return Err(invalid(
            None,
            match version {
                Some(v) => {
                    format!("the baseline is report format {v}; this build reads {REPORT_VERSION}")
                }
                None => "the baseline is not a dpisafe result (it has no `dpisafe_report` version)"
                    .to_owned(),
            },
            regenerate,
        ));
    }
    let problems = SchemaKind::Report.check_json(&value);
    if let Some(first) = problems.first() {
        return Err(invalid(
            None,
            format!("the baseline does not match the report format: {first}"),
            regenerate,
        ));
    }
    serde_json::from_value(value).map_err(|err| {
        invalid(
            None,
            format!("the baseline does not match the report format: {err}"),
            regenerate,
        )
    })
}
