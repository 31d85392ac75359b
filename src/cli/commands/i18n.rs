//! `dpisafe i18n status [--lang xx] [--check] [--all]`: per language, how many catalog
//! messages and framework texts are translated, and which are missing or stale. Exit 0; with
//! `--check`, exit 1 when a translation is stale or a catalog differs from English.

use std::fmt::Write;

use crate::Error;
use crate::cli::args::I18nCommand;
use crate::cli::{Context, Exit, print_stdout};
use crate::i18n::status::{self, LanguageStatus};
use crate::i18n::{Lang, framework, source_digest};

/// How many missing ids are listed before the rest are only counted (without `--all`).
const SHOWN: usize = 12;

pub(crate) fn run(ctx: &Context, command: &I18nCommand, lang: Option<Lang>) -> Result<Exit, Error> {
    let I18nCommand::Status(args) = command;
    let framework = match ctx.framework() {
        Ok(framework) => framework,
        Err(exit) => return Ok(exit),
    };
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
        describe(&mut out, &status, &units, args.all);
    }
    print_stdout(&out)?;
    Ok(if args.check && needs_work {
        Exit::PolicyFailed
    } else {
        Exit::Ok
    })
}

fn describe(out: &mut String, s: &LanguageStatus, units: &[framework::Unit], all: bool) {
    let catalog_done = s.catalog_total - s.catalog_missing.len();
    let texts_done = s.texts_total - s.missing.len() - s.stale.len();
    let _ = writeln!(out, "{} ({})", s.lang.english_name(), s.lang.code());
    let _ = writeln!(
        out,
        "  catalog          {catalog_done} of {} messages",
        s.catalog_total
    );
    if s.lang == Lang::En {
        let _ = writeln!(out, "  framework texts  {} (the source)\n", s.texts_total);
        return;
    }
    let _ = writeln!(
        out,
        "  framework texts  {texts_done} of {} current · {} missing · {} stale",
        s.texts_total,
        s.missing.len(),
        s.stale.len()
    );
    list(out, "catalog ids missing", &s.catalog_missing, usize::MAX);
    list(
        out,
        "catalog ids English lacks",
        &s.catalog_unknown,
        usize::MAX,
    );
    list(
        out,
        "catalog placeholders differing from English",
        &s.catalog_placeholders,
        usize::MAX,
    );
    let limit = if all { usize::MAX } else { SHOWN };
    for (kind, ids) in [("stale", &s.stale), ("missing", &s.missing)] {
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  {kind} (shown in English; translate from the English text with this source):"
        );
        for id in ids.iter().take(limit) {
            let digest = units
                .iter()
                .find(|u| &u.id == id)
                .map(|u| source_digest(&u.english))
                .unwrap_or_default();
            let _ = writeln!(out, "    {id}  source: {digest}");
        }
        if ids.len() > limit {
            let _ = writeln!(
                out,
                "    … and {} more (--all lists them)",
                ids.len() - limit
            );
        }
    }
    list(
        out,
        "translations of ids the framework lacks",
        &s.unknown,
        usize::MAX,
    );
    out.push('\n');
}

fn list(out: &mut String, what: &str, ids: &[String], limit: usize) {
    if ids.is_empty() {
        return;
    }
    let shown: Vec<&str> = ids.iter().take(limit).map(String::as_str).collect();
    let _ = writeln!(out, "  {what}: {}", shown.join(", "));
}
