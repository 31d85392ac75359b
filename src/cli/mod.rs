//! The command line: parses arguments, runs a command, prints its output and diagnostics, and
//! turns the outcome into an exit code. The only module that prints or exits.

mod args;
mod assessment;
mod commands;
mod exit;
mod output;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{ColorChoice, Command};
pub use exit::Exit;

use crate::diagnostic::{self, Diagnostic, Severity};
use crate::framework::{self, Framework};
use crate::source::{self, Limits, SourceFile};

/// Runs dpisafe with the process's arguments.
pub fn main() -> ExitCode {
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
    let result = match &cli.command {
        Command::Framework(command) => commands::framework::run(&ctx, command),
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::Validate(args) => commands::validate::run(&ctx, args),
        Command::Schema { kind } => commands::schema::run(&ctx, *kind),
        Command::Assess(args) => commands::assess::run(&ctx, args),
        Command::Check(args) => commands::check::run(&ctx, args),
        Command::Report(args) => commands::report::run(&ctx, args),
        Command::Render(args) => commands::report::render(&ctx, args),
        Command::Portfolio(args) => commands::portfolio::run(&ctx, args),
    };
    match result {
        Ok(exit) => exit,
        Err(err) => {
            ctx.fail(&err);
            Exit::Invalid
        }
    }
}

/// What every command needs: the framework and how to print.
pub(crate) struct Context {
    framework_path: Option<std::path::PathBuf>,
    color: bool,
    stdout_color: bool,
    quiet: bool,
    limits: Limits,
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
            limits: Limits::default(),
        }
    }

    /// The framework: the embedded one, or `--framework FILE` after validation.
    fn framework(&self) -> Result<FrameworkRef, Exit> {
        let Some(path) = &self.framework_path else {
            return Ok(FrameworkRef::Embedded(framework::embedded()));
        };
        let source = self.read(path)?;
        let loaded = framework::load(&source, &self.limits);
        self.report(&loaded.diagnostics, Some(&source));
        loaded
            .value
            .map(|f| FrameworkRef::Custom(Box::new(f)))
            .ok_or(Exit::Invalid)
    }

    /// Reads a file, reporting a diagnostic when it cannot be used.
    fn read(&self, path: &std::path::Path) -> Result<SourceFile, Exit> {
        source::read(path, &self.limits).map_err(|diagnostic| {
            self.report(&[diagnostic], None);
            Exit::Invalid
        })
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

    /// Prints a failure that stops the command.
    fn fail(&self, err: &crate::Error) {
        let mut text = format!("error: {err}\n");
        if let Some(hint) = err.hint() {
            text.push_str(&format!("  help: {hint}\n"));
        }
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    /// Whether output printed to stdout may be coloured.
    fn stdout_color(&self) -> bool {
        self.stdout_color
    }

    /// A note on stderr, unless `--quiet`.
    fn note(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    }
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

/// Writes command output to stdout.
pub(crate) fn print_stdout(text: &str) {
    print_bytes(text.as_bytes());
}

/// Writes binary or text output to stdout.
pub(crate) fn print_bytes(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes);
    let _ = stdout.flush();
}
