//! `dpisafe man [--all] [-o PATH]`: the manual pages in roff, generated from the clap
//! definitions so they list the same options, subcommands and examples as `--help`.
//!
//! The main page names its subcommands' pages (`dpisafe-check(1)` …); `--all -o DIR` writes
//! them, so that every page it names exists.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::Error;
use crate::cli::args::OutputArgs;
use crate::cli::output::Target;
use crate::cli::{Cli, Context, Exit, assessment};

pub(crate) fn run(ctx: &Context, all: bool, output: &OutputArgs) -> Result<Exit, Error> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    if !all {
        let page = render(command, output.output.as_deref().unwrap_or(Path::new("-")))?;
        assessment::emit_bytes(ctx, output, &[], &page)?;
        return Ok(Exit::Ok);
    }
    let dir = output
        .output
        .clone()
        .expect("invariant: clap requires -o with --all");
    let pages = every_page(command, &dir)?;
    // Refuse before writing anything, so a second run without --force leaves no half set.
    if !output.force
        && let Some((path, _)) = pages.iter().find(|(path, _)| path.exists())
    {
        return Err(Error::OutputExists { path: path.clone() });
    }
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    for (path, page) in &pages {
        let target = Target {
            path,
            inputs: &[],
            force: output.force,
        };
        crate::cli::output::write(&target, page)?;
        ctx.detail(&format!("wrote {} bytes to {}", page.len(), path.display()));
    }
    ctx.note(
        &ctx.messages()
            .format("cli.wrote", &[("path", &dir.display())]),
    );
    Ok(Exit::Ok)
}

/// One page in roff.
fn render(command: clap::Command, path: &Path) -> Result<Vec<u8>, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })?;
    Ok(page)
}

/// The page of `command` and of every visible subcommand under it, each with the file name its
/// parent's page gives it (`dpisafe-framework-show.1`), in `dir`.
fn every_page(command: clap::Command, dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let mut pages = Vec::new();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.extend(every_page(sub.clone(), dir)?);
    }
    let path = dir.join(clap_mangen::Man::new(command.clone()).get_filename());
    let page = render(command, &path)?;
    pages.push((path, page));
    Ok(pages)
}
