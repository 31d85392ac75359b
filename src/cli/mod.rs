//! The command line: parses arguments, runs a command, prints its output and diagnostics, and
//! turns the outcome into an exit code. The only module that prints or exits.

/// The value of a step that either succeeds or has already told the user why the command
/// stops: on `Err(exit)` the command returns that exit code, as `?` would return an error.
macro_rules! proceed {
    ($step:expr) => {
        match $step {
            Ok(value) => value,
            Err(exit) => return Ok(exit),
        }
    };
}

mod args;
mod assessment;
mod commands;
mod exit;
mod output;
mod signals;
mod watchdog;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

pub use args::Cli;
use args::{ColorChoice, Command};
pub use exit::Exit;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::framework::Framework;
use crate::source::{Limits, SourceFile};

/// Runs dpisafe with the process's arguments.
pub fn main() -> ExitCode {
    signals::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                Exit::Invalid
            } else {
                Exit::Ok
            }
            .into();
        }
    };
    run(&cli).into()
}

/// Runs one parsed command line.
pub fn run(cli: &Cli) -> Exit {
    let ctx = Context::new(cli);
    let started = Instant::now();
    let result = match &cli.command {
        Command::Framework(command) => commands::framework::run(&ctx, command),
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Interview(args) => commands::interview::run(&ctx, args),
        Command::Validate(args) => commands::validate::run(&ctx, args),
        Command::Schema { kind } => commands::schema::run(&ctx, *kind),
        Command::I18n(command) => commands::i18n::run(&ctx, command, cli.lang.map(Into::into)),
        Command::Assess(args) => commands::assess::run(&ctx, args),
        Command::Check(args) => commands::check::run(&ctx, args),
        Command::Report(args) => commands::report::run(&ctx, args),
        Command::Render(args) => commands::report::render(&ctx, args),
        Command::Diff(args) => commands::diff::run(&ctx, args),
        Command::Migrate(args) => commands::migrate::run(&ctx, args),
        Command::Completions { shell } => commands::completions::run(*shell),
        Command::Man { all, output } => commands::man::run(&ctx, *all, output),
        Command::Portfolio(args) => commands::portfolio::run(&ctx, args),
        Command::Plan(command) => commands::plan::run(&ctx, command),
    };
    let exit = match result {
        Ok(exit) => exit,
        Err(err) => {
            ctx.fail(&err);
            Exit::Invalid
        }
    };
    ctx.detail(&format!(
        "done in {}, exit code {}",
        elapsed(started),
        exit as u8
    ));
    exit
}

/// Time since `start`, for `--verbose` details.
pub(crate) fn elapsed(start: Instant) -> String {
    format!("{:.1} ms", start.elapsed().as_secs_f64() * 1000.0)
}

/// What every command needs: the framework and how to print.
pub(crate) struct Context {
    framework_path: Option<std::path::PathBuf>,
    color: bool,
    stdout_color: bool,
    quiet: bool,
    verbose: bool,
    limits: Limits,
    /// `--evidence-root`, which overrides a policy's `evidence_root`.
    pub(crate) evidence_root: Option<std::path::PathBuf>,
    /// `--max-hash-mib` in bytes, which overrides a policy's `max_hash_mib`.
    max_hashed_bytes: Option<u64>,
    lang: crate::i18n::Lang,
}

impl Context {
    fn new(cli: &Cli) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        let stdout_color = match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
        };
        Self {
            framework_path: cli.framework.clone(),
            color,
            stdout_color,
            quiet: cli.quiet,
            verbose: cli.verbose,
            limits: Limits::default(),
            evidence_root: cli.evidence_root.clone(),
            max_hashed_bytes: cli.max_hash_mib.map(|mib| mib.saturating_mul(1024 * 1024)),
            lang: cli.lang.map(Into::into).unwrap_or_default(),
        }
    }

    /// How evidence is looked at: the flags first, then the `policy`'s keys, then the defaults.
    fn evidence(&self, policy: Option<&crate::policy::Policy>) -> crate::evidence::Options {
        let root = self
            .evidence_root
            .clone()
            .or_else(|| policy.and_then(|p| p.evidence_root.as_ref().map(|(dir, _)| dir.clone())));
        let max_hashed_bytes = self
            .max_hashed_bytes
            .or_else(|| policy.and_then(|p| p.max_hashed_bytes))
            .unwrap_or(crate::evidence::MAX_HASHED_BYTES);
        crate::evidence::Options {
            root,
            max_hashed_bytes,
        }
    }

    /// The framework: the embedded one, or `--framework FILE` after validation.
    fn framework(&self) -> Result<FrameworkRef, Exit> {
        let started = Instant::now();
        let Some(path) = &self.framework_path else {
            let embedded = crate::assessment::embedded_framework();
            self.detail(&format!(
                "framework: the embedded {} ({}), ready in {}",
                embedded.reference(),
                contents(embedded),
                elapsed(started)
            ));
            return Ok(FrameworkRef::Embedded(embedded));
        };
        let source = self.read(path)?;
        let loaded = crate::assessment::framework(&source, &self.limits);
        self.report(&loaded.diagnostics, Some(&source));
        let framework = loaded.value.ok_or(Exit::Invalid)?;
        self.detail(&format!(
            "framework: {} from {} ({}), checked in {}",
            framework.reference(),
            source.name,
            contents(&framework),
            elapsed(started)
        ));
        Ok(FrameworkRef::Custom(Box::new(framework)))
    }

    /// Reads a file, reporting a diagnostic when it cannot be used.
    fn read(&self, path: &std::path::Path) -> Result<SourceFile, Exit> {
        let source = crate::assessment::read(path, &self.limits).map_err(|diagnostic| {
            self.report(&[diagnostic], None);
            Exit::Invalid
        })?;
        self.detail(&format!(
            "read {} ({} bytes)",
            source.name,
            source.text.len()
        ));
        Ok(source)
    }

    /// Prints diagnostics to stderr (warnings are hidden with `--quiet`).
    fn report(&self, diagnostics: &[Diagnostic], source: Option<&SourceFile>) {
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        if shown.is_empty() {
            return;
        }
        let text = diagnostic::render(&shown, source, self.color);
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// Prints a failure that stops the command, in the chosen language.
    fn fail(&self, err: &crate::Error) {
        let m = self.messages();
        // Errors quote what the user typed (`--blocks`, a path): shown inert, never raw.
        let mut text = format!("{}: {}\n", m.get("cli.error"), inert_lines(&m.error(err)));
        if let Some(hint) = m.error_hint(err) {
            text.push_str(&format!(
                "  {}: {}\n",
                m.get("cli.help"),
                inert_lines(&hint)
            ));
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// The language of messages and reports (`--lang`, else `DPISAFE_LANG`, else English).
    fn lang(&self) -> crate::i18n::Lang {
        self.lang
    }

    /// dpisafe's messages in the chosen language.
    fn messages(&self) -> crate::i18n::Messages {
        crate::i18n::Messages::new(self.lang)
    }

    /// Whether output printed to stdout may be coloured.
    fn stdout_color(&self) -> bool {
        self.stdout_color
    }

    /// A detail on stderr with `--verbose`: what was read, what was done, how long it took.
    fn detail(&self, text: &str) {
        if self.verbose {
            let _ = writeln!(std::io::stderr().lock(), "dpisafe: {}", inert_lines(text));
        }
    }

    /// A note on stderr, unless `--quiet`.
    fn note(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{}", inert_lines(text));
        }
    }
}

/// What a framework holds, in a few words.
fn contents(framework: &Framework) -> String {
    let gender = framework.questions.iter().filter(|q| q.is_gender()).count();
    format!(
        "{} principles, {} risks, {} questions, {} gender checks",
        framework.principles.len(),
        framework.risks.len(),
        framework.questions.len() - gender,
        gender
    )
}

/// The framework in use, embedded or loaded for this run.
pub(crate) enum FrameworkRef {
    Embedded(&'static Framework),
    Custom(Box<Framework>),
}

impl std::ops::Deref for FrameworkRef {
    type Target = Framework;

    fn deref(&self) -> &Framework {
        match self {
            FrameworkRef::Embedded(f) => f,
            FrameworkRef::Custom(f) => f,
        }
    }
}

/// A note's lines, each made inert: notes name files and deployments, which a pull request
/// controls, and their own line breaks are the only ones kept.
fn inert_lines(text: &str) -> String {
    text.lines()
        .map(crate::text::inert)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes command output to stdout.
pub(crate) fn print_stdout(text: &str) -> Result<(), crate::Error> {
    print_bytes(text.as_bytes())
}

/// Writes binary or text output to stdout. A failed write (a full disk, a closed file) is an
/// error naming standard output, so nothing reports success on an unwritten result; a reader
/// that stopped reading (`| head`, EPIPE) is not, and the command ends quietly.
pub(crate) fn print_bytes(bytes: &[u8]) -> Result<(), crate::Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(crate::Error::Write {
            path: std::path::PathBuf::from("standard output"),
            source: err,
        }),
        _ => Ok(()),
    }
}
