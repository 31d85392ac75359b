//! `dpisafe man [-o FILE]`: the manual page in roff, generated from the clap definitions so
//! it lists the same options, subcommands and examples as `--help`.

use clap::CommandFactory;

use crate::Error;
use crate::cli::args::OutputArgs;
use crate::cli::{Cli, Context, Exit, assessment};

pub(crate) fn run(ctx: &Context, output: &OutputArgs) -> Result<Exit, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|source| Error::Write {
            path: output.output.clone().unwrap_or_else(|| "-".into()),
            source,
        })?;
    assessment::emit_bytes(ctx, output, &[], &page)?;
    Ok(Exit::Ok)
}
