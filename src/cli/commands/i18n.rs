//! `dpisafe i18n status [--lang xx] [--check] [--all]`: per language, how many catalog
//! messages and framework texts are translated, and which are missing or stale. Exit 0; with
//! `--check`, exit 1 when a translation is stale or a catalog differs from English.

use crate::Error;
use crate::cli::args::I18nCommand;
use crate::cli::{Context, Exit, print_stdout};
use crate::i18n::status;
use crate::i18n::{Lang, framework};
use crate::render::i18n_status;

pub(crate) fn run(ctx: &Context, command: &I18nCommand, lang: Option<Lang>) -> Result<Exit, Error> {
    let I18nCommand::Status(args) = command;
    let framework = proceed!(ctx.framework());
    let langs: Vec<Lang> = match lang {
        Some(lang) => vec![lang],
        None => Lang::ALL.to_vec(),
    };
    let units = framework::units(&framework);
    let mut out = String::new();
    let mut needs_work = false;
    for lang in langs {
        let status = status::embedded(lang, &framework);
        needs_work |= status.needs_work();
        out.push_str(&i18n_status::language(&status, &units, args.all));
    }
    print_stdout(&out)?;
    Ok(if args.check && needs_work {
        Exit::PolicyFailed
    } else {
        Exit::Ok
    })
}
