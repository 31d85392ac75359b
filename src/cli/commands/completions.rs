//! `dpisafe completions SHELL`: a completion script for bash, zsh, fish, PowerShell or
//! elvish, generated from the same clap definitions the command line parses with.

use clap::CommandFactory;

use crate::Error;
use crate::cli::{Cli, Exit, print_bytes};

pub(crate) fn run(shell: clap_complete::Shell) -> Result<Exit, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "dpisafe", &mut script);
    print_bytes(&script)?;
    Ok(Exit::Ok)
}
