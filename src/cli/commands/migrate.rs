//! `dpisafe migrate FILE [-o OUT | --in-place] [--dry-run] [--report text|json]`: carry a
//! questionnaire over to the loaded framework's version through its alias table.
//!
//! The human report goes to standard error (with each id left for review shown in place, like
//! any diagnostic), so standard output can carry the migrated file or the `--dry-run` diff.
//! `--report json` puts the report on standard output instead, for scripts; the migrated file
//! must then go to `-o` or `--in-place` (or nowhere, with `--dry-run`).

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::args::{MigrateArgs, MigrateReport};
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, print_stdout};
use crate::diagnostic::{Diagnostic, Severity};
use crate::framework::Framework;
use crate::migrate::{self, Migration};
use crate::render;
use crate::source::SourceFile;

const BOM: &str = "\u{FEFF}";

pub(crate) fn run(ctx: &Context, args: &MigrateArgs) -> Result<Exit, Error> {
    let to_stdout = !args.dry_run && !args.in_place && args.output.is_stdout();
    if args.report == MigrateReport::Json && to_stdout {
        return Err(Error::Usage {
            message:
                "--report json and the migrated questionnaire would both go to standard output"
                    .to_owned(),
            hint: "write the questionnaire with -o FILE or --in-place, or preview with --dry-run"
                .to_owned(),
        });
    }
    let framework = proceed!(ctx.framework());
    let source = proceed!(ctx.read(&args.file));
    let date = proceed!(crate::cli::assessment::new_file_date(ctx, args.date));
    let migration = match migrate::migrate(&source, &framework, &ctx.limits, date) {
        Ok(migration) => migration,
        Err(diagnostics) => {
            ctx.report(&diagnostics, Some(&source));
            return Ok(Exit::Invalid);
        }
    };
    if migration.is_complete() && !validates(ctx, &source, &migration, &framework) {
        return Ok(Exit::Invalid);
    }
    let written = write(args, &source, &migration, to_stdout)?;
    match args.report {
        MigrateReport::Text => report(ctx, &source, &migration, args, written.as_deref()),
        MigrateReport::Json => {
            print_stdout(&render::migration::json(&migration, written.as_deref()))?;
        }
    }
    Ok(if migration.is_complete() {
        Exit::Ok
    } else {
        Exit::PolicyFailed
    })
}

/// Sends the migrated questionnaire where the flags say (the dry-run diff, the file itself,
/// standard output or `-o`) and returns the path written, if any.
fn write(
    args: &MigrateArgs,
    source: &SourceFile,
    migration: &Migration,
    to_stdout: bool,
) -> Result<Option<PathBuf>, Error> {
    let changed = migration.text != source.text;
    let bytes = with_bom(&args.file, &migration.text);
    if args.dry_run {
        if args.report == MigrateReport::Text {
            let diff = render::migration::line_diff(&source.name, &source.text, migration);
            print_stdout(&diff)?;
        }
        Ok(None)
    } else if args.in_place {
        in_place(&args.file, &bytes, changed)
    } else if to_stdout {
        print_stdout(&String::from_utf8_lossy(&bytes))?;
        Ok(None)
    } else {
        let path = args.output.output.as_deref().unwrap_or(Path::new("-"));
        output::write(
            &Target {
                path,
                inputs: std::slice::from_ref(&args.file),
                force: args.output.force,
            },
            &bytes,
        )?;
        Ok(Some(path.to_owned()))
    }
}

/// A migration with nothing to review must give a questionnaire the new framework accepts;
/// otherwise the old file had other problems, shown here, and nothing is written.
fn validates(
    ctx: &Context,
    source: &SourceFile,
    migration: &Migration,
    framework: &Framework,
) -> bool {
    let migrated = SourceFile::new(source.name.clone(), migration.text.clone());
    let loaded = crate::assessment::answers(framework, &migrated, &ctx.limits);
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return true;
    }
    ctx.report(&errors, Some(&migrated));
    ctx.fail(&Error::Usage {
        message: format!(
            "after migration {} would still not be a valid questionnaire for {}; nothing was written",
            source.name,
            framework.reference()
        ),
        hint: "fix the problems above (they are not about renamed ids) and run migrate again"
            .to_owned(),
    });
    false
}

/// The migrated bytes, with the byte-order mark the original had (the reader drops it).
fn with_bom(path: &Path, text: &str) -> Vec<u8> {
    let had_bom = std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(BOM.as_bytes()));
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if had_bom {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Keeps the original as FILE.bak (never over an existing one), then replaces FILE.
fn in_place(file: &Path, bytes: &[u8], changed: bool) -> Result<Option<PathBuf>, Error> {
    if !changed {
        return Ok(None);
    }
    let mut name = file.as_os_str().to_owned();
    name.push(".bak");
    let backup = PathBuf::from(name);
    if backup.exists() {
        return Err(Error::Usage {
            message: format!(
                "{} already exists, and --in-place keeps the original there",
                backup.display()
            ),
            hint: "move the old backup away, or write the result elsewhere with -o FILE".to_owned(),
        });
    }
    let original = std::fs::read(file).map_err(|source| Error::Write {
        path: backup.clone(),
        source,
    })?;
    output::write(
        &Target {
            path: &backup,
            inputs: &[],
            force: false,
        },
        &original,
    )?;
    output::replace(file, bytes)?;
    Ok(Some(file.to_owned()))
}

/// What carried over and what needs review, for a person, on standard error.
fn report(
    ctx: &Context,
    source: &SourceFile,
    migration: &Migration,
    args: &MigrateArgs,
    written: Option<&Path>,
) {
    ctx.note(render::migration::summary(migration).trim_end());
    ctx.report(&migration.review_diagnostics(&source.name), Some(source));
    ctx.note(&outcome(args, written));
    if !migration.is_complete() {
        ctx.note(
            "some ids need a person (exit 1): edit them as shown, then run `dpisafe validate`",
        );
    }
}

/// Where the migrated questionnaire went, in one line.
fn outcome(args: &MigrateArgs, written: Option<&Path>) -> String {
    match (args.dry_run, written) {
        (true, _) => "dry run: nothing written".to_owned(),
        (false, Some(path)) if args.in_place => {
            format!(
                "replaced {} (the original is {}.bak)",
                path.display(),
                path.display()
            )
        }
        (false, Some(path)) => format!("wrote {}", path.display()),
        (false, None) if args.in_place => {
            format!("{} left as it was: nothing to change", args.file.display())
        }
        (false, None) => "the migrated questionnaire is on standard output".to_owned(),
    }
}
