//! `dpisafe migrate`.

use crate::Error;
use crate::cli::args::MigrateArgs;
use crate::cli::{Context, Exit};

pub(crate) fn run(_ctx: &Context, _args: &MigrateArgs) -> Result<Exit, Error> {
    Ok(Exit::Invalid)
}
