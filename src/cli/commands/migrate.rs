//! `dpisafe migrate FILE [-o OUT | --in-place] [--dry-run] [--report text|json]`: carry a
//! questionnaire over to the loaded framework's version through its alias table.
//!
//! The human report goes to standard error (with each id left for review shown in place, like
//! any diagnostic), so standard output can carry the migrated file or the `--dry-run` diff.
//! `--report json` puts the report on standard output instead, for scripts; the migrated file
//! must then go to `-o` or `--in-place` (or nowhere, with `--dry-run`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::args::{MigrateArgs, MigrateReport};
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, print_stdout};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::framework::Framework;
use crate::migrate::{self, Migration};
use crate::source::{Pos, SourceFile};

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
    let framework = match ctx.framework() {
        Ok(framework) => framework,
        Err(exit) => return Ok(exit),
    };
    let source = match ctx.read(&args.file) {
        Ok(source) => source,
        Err(exit) => return Ok(exit),
    };
    let date = match crate::cli::assessment::new_file_date(ctx, args.date) {
        Ok(date) => date,
        Err(exit) => return Ok(exit),
    };
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
    let changed = migration.text != source.text;
    let bytes = with_bom(&args.file, &migration.text);
    let written = if args.dry_run {
        if args.report == MigrateReport::Text {
            print_stdout(&line_diff(&source.name, &source.text, &migration))?;
        }
        None
    } else if args.in_place {
        in_place(&args.file, &bytes, changed)?
    } else if to_stdout {
        print_stdout(&String::from_utf8_lossy(&bytes))?;
        None
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
        Some(path.to_owned())
    };
    match args.report {
        MigrateReport::Text => report(ctx, &source, &migration, args, written.as_deref()),
        MigrateReport::Json => print_stdout(&json(&migration, written.as_deref()))?,
    }
    Ok(if migration.is_complete() {
        Exit::Ok
    } else {
        Exit::PolicyFailed
    })
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
    let mut text = if migration.from == migration.to {
        format!("{}: written for {}\n", migration.file, migration.to)
    } else {
        format!(
            "{}: from {} to {}\n",
            migration.file, migration.from, migration.to
        )
    };
    if migration.carried_over.is_empty() {
        text.push_str("Carried over: nothing needed renaming.\n");
    } else {
        let _ = writeln!(text, "Carried over ({}):", migration.carried_over.len());
        for c in &migration.carried_over {
            let _ = writeln!(
                text,
                "  line {:<4} {:<9}  {} → {}",
                c.line,
                c.site.as_str(),
                c.old,
                c.new
            );
        }
    }
    let _ = writeln!(
        text,
        "Unchanged: {} already right for {}.",
        crate::text::count(migration.unchanged, "id", "ids"),
        migration.to
    );
    if let Some(date) = &migration.added_assessed_on {
        let _ = writeln!(
            text,
            "Added: assessed_on: {date}. Correct it to the date the answers describe."
        );
    }
    if !migration.is_complete() {
        let _ = writeln!(text, "Needs review ({}):", migration.needs_review.len());
    }
    ctx.note(text.trim_end());
    let reviews: Vec<Diagnostic> = migration
        .needs_review
        .iter()
        .map(|r| {
            Diagnostic::warning(
                Code::NeedsReview,
                &source.name,
                Some(Pos::new(r.line, r.column)),
                format!("{} `{}` needs review", r.site.as_str(), r.id),
            )
            .with_label(match r.candidates.as_slice() {
                [] => "unknown to the new framework".to_owned(),
                several => format!("→ {}", several.join(" or ")),
            })
            .with_hint(r.advice())
        })
        .collect();
    ctx.report(&reviews, Some(source));
    let outcome = match (args.dry_run, written) {
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
    };
    ctx.note(&outcome);
    if !migration.is_complete() {
        ctx.note(
            "some ids need a person (exit 1): edit them as shown, then run `dpisafe validate`",
        );
    }
}

/// The JSON report, with where the questionnaire was written (`null`: nowhere or stdout).
fn json(migration: &Migration, written: Option<&Path>) -> String {
    let mut value = serde_json::to_value(migration).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "written".to_owned(),
            written.map_or(serde_json::Value::Null, |p| p.display().to_string().into()),
        );
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The changed lines as a unified diff without context (`diff -U0`): migration edits ids
/// inside lines and never adds or removes one, so old and new lines pair up.
fn line_diff(name: &str, old: &str, migration: &Migration) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = migration.text.split_inclusive('\n').collect();
    let mut out = format!("--- {name}\n+++ {name} (migrated to {})\n", migration.to);
    if old_lines.len() != new_lines.len() {
        // Cannot happen with id edits; show the whole file rather than a wrong pairing.
        let _ = writeln!(out, "@@ -1,{} +1,{} @@", old_lines.len(), new_lines.len());
        old_lines.iter().for_each(|l| push_line(&mut out, '-', l));
        new_lines.iter().for_each(|l| push_line(&mut out, '+', l));
        return out;
    }
    let mut index = 0;
    while index < old_lines.len() {
        if old_lines[index] == new_lines[index] {
            index += 1;
            continue;
        }
        let start = index;
        while index < old_lines.len() && old_lines[index] != new_lines[index] {
            index += 1;
        }
        let count = index - start;
        let range = if count == 1 {
            format!("{}", start + 1)
        } else {
            format!("{},{count}", start + 1)
        };
        let _ = writeln!(out, "@@ -{range} +{range} @@");
        old_lines[start..index]
            .iter()
            .for_each(|l| push_line(&mut out, '-', l));
        new_lines[start..index]
            .iter()
            .for_each(|l| push_line(&mut out, '+', l));
    }
    out
}

fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line.trim_end_matches(['\n', '\r']));
    out.push('\n');
}
