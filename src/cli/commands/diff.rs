//! `dpisafe diff OLD NEW [--format table|md|json] [--fail-on-regression]`: two assessments of
//! one deployment compared. Each side is a questionnaire (scored here, as `assess` would) or a
//! saved JSON result (read as `render` reads it); the file's content decides which.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::args::{DiffArgs, Inputs};
use crate::cli::assessment::{self, DefaultDate};
use crate::cli::{Context, Exit};
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::{self, InputKind, Mismatch};
use crate::framework::Framework;
use crate::render::format::Subject;
use crate::render::templates::Templates;
use crate::report::Report;
use crate::source::{Pos, SourceFile};

/// One loaded side: its report, its kind and its text (to point at in messages).
struct Side {
    report: Report,
    kind: InputKind,
    source: SourceFile,
}

pub(crate) fn run(ctx: &Context, args: &DiffArgs) -> Result<Exit, Error> {
    let framework = proceed!(ctx.framework());
    // Load both before stopping, so one run shows the problems of both files.
    let old = load(ctx, &framework, &args.old, args.as_of);
    let new = load(ctx, &framework, &args.new, args.as_of);
    let (Ok(old), Ok(new)) = (old, new) else {
        return Ok(Exit::Invalid);
    };
    if let Some(mismatch) = diff::mismatch(&old.report, &new.report) {
        let overridable = matches!(mismatch, Mismatch::Deployment { .. });
        if !(overridable && args.allow_different) {
            ctx.report(&[refusal(&mismatch, &old, &new)], Some(&new.source));
            return Ok(Exit::Invalid);
        }
    }
    let diff = diff::compare(
        &framework,
        diff::Input {
            report: &old.report,
            file: &old.source.name,
            kind: old.kind,
        },
        diff::Input {
            report: &new.report,
            file: &new.source.name,
            kind: new.kind,
        },
    );
    let templates = Templates::embedded();
    let settings = assessment::plain_settings(ctx, &args.output, &templates);
    let bytes = proceed!(assessment::render(
        ctx,
        args.format,
        Subject::Diff(&diff),
        &settings,
        ""
    ));
    let inputs = vec![args.old.clone(), args.new.clone()];
    assessment::emit_bytes(ctx, &args.output, &inputs, &bytes)?;
    let regressions = &diff.summary.regressions;
    if args.fail_on_regression && !regressions.is_empty() {
        let mut subjects: Vec<&str> = Vec::new();
        for note in regressions {
            if !subjects.contains(&note.subject.as_str()) {
                subjects.push(&note.subject);
            }
        }
        ctx.note(&format!("regressed: {}", subjects.join(", ")));
        return Ok(Exit::PolicyFailed);
    }
    Ok(Exit::Ok)
}

/// Reads one side: a saved result when the file is a JSON object with `dpisafe_report`,
/// otherwise a questionnaire, validated and scored as `assess` scores it.
fn load(
    ctx: &Context,
    framework: &Framework,
    path: &Path,
    as_of: Option<crate::questionnaire::Date>,
) -> Result<Side, Exit> {
    let source = ctx.read(path)?;
    if is_result(&source.text) {
        let report = assessment::load_result(ctx, path, "result")?;
        if let Some(message) = crate::assessment::framework_mismatch(&report, framework) {
            let diagnostic = Diagnostic::error(
                Code::DiffMismatch,
                &source.name,
                json_position(&source.text, "framework", "version"),
                message,
            )
            .with_hint("pass the matching framework file with --framework");
            ctx.report(&[diagnostic], Some(&source));
            return Err(Exit::Invalid);
        }
        return Ok(Side {
            report,
            kind: InputKind::Result,
            source,
        });
    }
    let inputs = Inputs {
        files: vec![PathBuf::from(path)],
        merge: false,
        as_of,
        plan: None,
        views: Vec::new(),
    };
    let (_, report) = assessment::load_and_report(ctx, &inputs, DefaultDate::AssessedOn)?;
    Ok(Side {
        report,
        kind: InputKind::Questionnaire,
        source,
    })
}

/// Whether the text is a saved result rather than a questionnaire (YAML can be JSON too, so
/// the `dpisafe_report` key decides, not the braces).
fn is_result(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => value.get("dpisafe_report").is_some(),
        // Broken JSON that means to be a result is read as one, to explain what is wrong.
        Err(_) => text.trim_start().starts_with('{') && text.contains("\"dpisafe_report\""),
    }
}

/// The error that refuses a comparison, placed on the new file's deployment or framework.
fn refusal(mismatch: &Mismatch, old: &Side, new: &Side) -> Diagnostic {
    match mismatch {
        Mismatch::Framework { old: a, new: b } => Diagnostic::error(
            Code::DiffMismatch,
            &new.source.name,
            position(new, "framework", "version"),
            format!(
                "{} was assessed against {a} and {} against {b}; diff compares one framework version",
                old.source.name, new.source.name
            ),
        )
        .with_label("different framework")
        .with_hint("carry the older questionnaire over with `dpisafe migrate` and assess it again"),
        Mismatch::Deployment { field, old: a, new: b } => Diagnostic::error(
            Code::DiffMismatch,
            &new.source.name,
            position(new, "deployment", field),
            format!(
                "the deployment's {field} is `{b}` here but `{a}` in {}; diff compares two assessments of one deployment",
                old.source.name
            ),
        )
        .with_label(format!("different {field}"))
        .with_hint(
            "compare assessments of the same deployment, or pass --allow-different if it was renamed",
        ),
    }
}

/// Where `parent.key` is written in a side's file.
fn position(side: &Side, parent: &str, key: &str) -> Option<Pos> {
    match side.kind {
        InputKind::Result => json_position(&side.source.text, parent, key),
        InputKind::Questionnaire => {
            let parsed = crate::source::yaml::parse(&side.source.text, &Default::default()).ok()?;
            let found = parsed.root.locate(&format!("/{parent}/{key}"))?;
            Some(found.entry.map_or(found.node.pos, |e| e.key_pos))
        }
    }
}

/// The line and column of the first `"key"` after `"parent"` in JSON text.
fn json_position(text: &str, parent: &str, key: &str) -> Option<Pos> {
    let start = text.find(&format!("\"{parent}\""))?;
    let offset = start + text[start..].find(&format!("\"{key}\""))?;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(Pos::new(
        u32::try_from(line).ok()?,
        u32::try_from(col).ok()?,
    ))
}
