//! `dpisafe portfolio PATH…`: many questionnaires and saved results compared in one matrix.
//!
//! The paths are expanded (directories walked, patterns matched) into one list in a fixed
//! order. Each input is read, validated, scored and reduced to its row on a worker thread
//! (rayon); its report and source are dropped as soon as the row exists, so memory grows with
//! the rows, not with the files. Results come back in input order, so the output and the
//! messages never depend on how the threads were scheduled.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::Error;
use crate::cli::args::{GroupByArg, PortfolioArgs, SortArg};
use crate::cli::assessment;
use crate::cli::{Context, Exit};
use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::framework::Framework;
use crate::portfolio::{self, GroupBy, Options, Row, Skipped, Sort};
use crate::questionnaire::Date;
use crate::render::format::{Settings, Subject};
use crate::render::templates::Templates;
use crate::report::Report;
use crate::source::{Limits, SourceFile};

/// Set to any value to print where worker time went (read, parse, score, reduce) on stderr.
const TIMINGS_VAR: &str = "DPISAFE_PORTFOLIO_TIMINGS";

pub(crate) fn run(ctx: &Context, args: &PortfolioArgs) -> Result<Exit, Error> {
    let framework = proceed!(ctx.framework());
    let as_of = match args.as_of {
        Some(date) => Some(date),
        None => proceed!(assessment::source_date_epoch(ctx)),
    };
    if args.format.is_binary() {
        assessment::refuse_pdf_on_terminal(&args.output, "portfolio.pdf")?;
    }
    let inputs = expand(&args.paths);
    let timings = Timings::from_env();
    let started = timings.enabled.then(Instant::now);
    let evidence = ctx.evidence(None);
    let job = Job {
        framework: &framework,
        limits: &ctx.limits,
        evidence: &evidence,
        as_of,
        plan: args.plan.as_deref(),
        color: ctx.color,
        quiet: ctx.quiet,
        timings: &timings,
    };
    let outcomes = score_all(ctx, &job, &inputs);
    let scored_at = started.map(|t| t.elapsed());
    let (rows, skipped) = gather(ctx, outcomes);
    let rows = merge_respondents(ctx, &job, rows);
    if let Some(exit) = refuse(ctx, args, &rows, &skipped) {
        return Ok(exit);
    }
    let options = options(args, as_of);
    let portfolio = portfolio::build(&framework, rows, skipped, options);
    let bytes = proceed!(format(ctx, &portfolio, args));
    let paths: Vec<PathBuf> = inputs.into_iter().map(Input::into_path).collect();
    assessment::emit_bytes(ctx, &args.output, &paths, &bytes)?;
    if let (Some(started), Some(scored_at)) = (started, scored_at) {
        timings.print(paths.len(), scored_at, started.elapsed());
    }
    Ok(Exit::Ok)
}

/// Scores every input in parallel (results in input order), with a progress bar.
fn score_all(ctx: &Context, job: &Job<'_>, inputs: &[Input]) -> Vec<Outcome> {
    let progress = progress_bar(ctx, inputs.len());
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let outcome = job.run(input);
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();
    outcomes
}

/// The exit code when there is nothing to show, or `--strict` meets a skipped input.
fn refuse(ctx: &Context, args: &PortfolioArgs, rows: &[Row], skipped: &[Skipped]) -> Option<Exit> {
    if rows.is_empty() {
        ctx.fail(&Error::Usage {
            message: "no questionnaire or result could be read".to_owned(),
            hint: "give questionnaire files, saved results (`assess --format json`), \
                   directories holding them, or quoted patterns"
                .to_owned(),
        });
        return Some(Exit::Invalid);
    }
    if args.strict && !skipped.is_empty() {
        ctx.fail(&Error::Usage {
            message: format!(
                "{} invalid or unreadable with --strict; nothing was written",
                crate::text::count(skipped.len(), "input is", "inputs are")
            ),
            hint: "fix the files named above, or drop --strict to skip them".to_owned(),
        });
        return Some(Exit::Invalid);
    }
    None
}

/// How the portfolio is grouped, sorted, redacted and dated.
fn options(args: &PortfolioArgs, as_of: Option<Date>) -> Options {
    Options {
        group_by: args.group_by.map(|g| match g {
            GroupByArg::Block => GroupBy::Block,
            GroupByArg::Stage => GroupBy::Stage,
            GroupByArg::Country => GroupBy::Country,
        }),
        sort: match args.sort {
            SortArg::Name => Sort::Name,
            SortArg::Score => Sort::Score,
        },
        redact: !args.no_redact,
        as_of,
    }
}

/// A row, and the questionnaire it was scored from (none for a saved result).
type Scored = (Row, Option<PathBuf>);

/// Merges the questionnaires of one deployment and date as respondents, as `assess` does with
/// several files: one row per deployment, the least favourable answer counting. Each file is
/// read again here; only the few that share a deployment and date pay for it, so a run over
/// thousands of files still holds rows, not questionnaires. Files that cannot be merged (a
/// different stage, say) stay separate rows, with a note.
fn merge_respondents(ctx: &Context, job: &Job<'_>, scored: Vec<Scored>) -> Vec<Row> {
    let mut together: std::collections::BTreeMap<_, Vec<usize>> = Default::default();
    for (i, (row, path)) in scored.iter().enumerate() {
        if path.is_some() {
            together
                .entry((row.deployment_key(), row.assessed_on))
                .or_default()
                .push(i);
        }
    }
    let mut merged: Vec<Option<Row>> = vec![None; scored.len()];
    let mut absorbed = HashSet::new();
    for members in together.values().filter(|m| m.len() > 1) {
        let paths: Vec<&Path> = members
            .iter()
            .filter_map(|&i| scored[i].1.as_deref())
            .collect();
        match job.merged(&paths) {
            Ok(row) => {
                merged[members[0]] = Some(row);
                absorbed.extend(members[1..].iter().copied());
            }
            Err(reason) => ctx.note(&format!(
                "note: {} describe one deployment on one date but were not merged: {reason}",
                paths
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )),
        }
    }
    scored
        .into_iter()
        .zip(merged)
        .enumerate()
        .filter(|(i, _)| !absorbed.contains(i))
        .map(|(_, ((row, _), merged))| merged.unwrap_or(row))
        .collect()
}

/// Prints each skipped input's messages in input order and splits rows from skipped inputs.
fn gather(ctx: &Context, outcomes: Vec<Outcome>) -> (Vec<Scored>, Vec<Skipped>) {
    let mut rows = Vec::with_capacity(outcomes.len());
    let mut skipped = Vec::new();
    let mut warned = 0;
    let mut others: Vec<&'static str> = Vec::new();
    let mut stderr = std::io::stderr().lock();
    for (index, outcome) in outcomes.into_iter().enumerate() {
        match outcome {
            Outcome::Row {
                row,
                warnings,
                questionnaire,
            } => {
                warned += usize::from(warnings > 0);
                rows.push((*row, questionnaire));
            }
            Outcome::Skipped {
                file,
                messages,
                problems,
            } => {
                let _ = stderr.write_all(messages.as_bytes());
                skipped.push(Skipped {
                    input: index + 1,
                    file: Some(file),
                    problems,
                });
            }
            Outcome::Other { kind } => others.push(kind),
        }
    }
    drop(stderr);
    left_out_notes(ctx, skipped.len(), others, warned);
    (rows, skipped)
}

/// Notes on what the portfolio left out: invalid inputs, files of other dpisafe formats found
/// beside the assessments, and how many files had warnings.
fn left_out_notes(ctx: &Context, skipped: usize, mut others: Vec<&'static str>, warned: usize) {
    if skipped > 0 {
        ctx.note(&format!(
            "note: skipped {} (listed in the output); --strict makes this fatal",
            crate::text::count(skipped, "invalid input", "invalid inputs")
        ));
    }
    if !others.is_empty() {
        let files = others.len();
        others.sort_unstable();
        others.dedup();
        ctx.note(&format!(
            "note: left out {} found beside the assessments ({}); name a file to have it read",
            crate::text::count(
                files,
                "file of another dpisafe format",
                "files of other dpisafe formats"
            ),
            others.join(", ")
        ));
    }
    if warned > 0 {
        ctx.note(&format!(
            "note: {} warnings (missing or changed evidence, expired waivers, answers that do \
             not apply); `dpisafe validate FILE` lists them",
            crate::text::count(warned, "file has", "files have")
        ));
    }
}

/// The portfolio in the asked format, through the one format dispatch.
fn format(
    ctx: &Context,
    portfolio: &portfolio::Portfolio,
    args: &PortfolioArgs,
) -> Result<Vec<u8>, Exit> {
    let templates = Templates::embedded();
    let settings = Settings {
        paper: args.paper,
        font_path: &args.font_path,
        ..assessment::plain_settings(ctx, &args.output, &templates)
    };
    let hint = "fix the template, or remove it from --templates to use the built-in one";
    assessment::render(
        ctx,
        args.format,
        Subject::Portfolio(portfolio),
        &settings,
        hint,
    )
}

/// One input after expansion.
enum Input {
    /// A file to read.
    File(PathBuf),
    /// A file found by walking a directory or matching a pattern: one in another dpisafe
    /// format (a policy beside the questionnaires, say) is left out rather than reported.
    Found(PathBuf),
    /// A directory or pattern that gave no file: reported and listed as skipped.
    Empty { path: PathBuf, message: String },
}

impl Input {
    fn into_path(self) -> PathBuf {
        match self {
            Input::File(path) | Input::Found(path) | Input::Empty { path, .. } => path,
        }
    }
}

/// Files, directories (walked) and quoted patterns, in the order given; inside a directory or
/// a pattern, sorted. A file reached twice is read once.
fn expand(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |inputs: &mut Vec<Input>, file: PathBuf, found: bool| {
        let key = file.canonicalize().unwrap_or_else(|_| file.clone());
        if seen.insert(key) {
            inputs.push(if found {
                Input::Found(file)
            } else {
                Input::File(file)
            });
        }
    };
    for path in paths {
        let text = path.to_string_lossy();
        let files = if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files);
            files
        } else if path.exists() || !text.contains(['*', '?', '[']) {
            push(&mut inputs, path.clone(), false);
            continue;
        } else {
            match matches(&text) {
                Ok(files) => files,
                Err(message) => {
                    inputs.push(Input::Empty {
                        path: path.clone(),
                        message,
                    });
                    continue;
                }
            }
        };
        if files.is_empty() {
            let message = if path.is_dir() {
                format!("`{}` holds no .yaml, .yml or .json file", path.display())
            } else {
                format!("no file matches `{text}`")
            };
            inputs.push(Input::Empty {
                path: path.clone(),
                message,
            });
        }
        for file in files {
            push(&mut inputs, file, true);
        }
    }
    inputs
}

/// The files a pattern matches (directories among them are walked), sorted.
///
/// A `**` is not left to the glob crate, which follows links to directories and so never ends
/// on a link loop: the part before it is matched, the directories found are walked (links to
/// directories are not followed, so each file is seen once), and the files kept are those the
/// whole pattern matches.
fn matches(pattern: &str) -> Result<Vec<PathBuf>, String> {
    let invalid = |err: glob::PatternError| format!("`{pattern}` is not a valid pattern: {err}");
    let mut files = Vec::new();
    if let Some((base, _)) = pattern.split_once("**") {
        let whole = glob::Pattern::new(pattern).map_err(invalid)?;
        let base = if base.is_empty() { "." } else { base };
        let mut found = Vec::new();
        for dir in glob::glob(base).map_err(invalid)?.flatten() {
            if dir.is_dir() {
                walk(&dir, &mut found);
            }
        }
        let dot = Path::new(".");
        files.extend(found.into_iter().filter(|path| {
            let shown = path.strip_prefix(dot).unwrap_or(path);
            whole.matches_path(shown) || whole.matches_path(path)
        }));
    } else {
        for path in glob::glob(pattern).map_err(invalid)?.flatten() {
            if path.is_dir() {
                walk(&path, &mut files);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Questionnaire and result files under `dir`, sorted by path, skipping hidden entries and
/// `target` directories (build output, never assessments).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            if name != "target" {
                walk(&path, files);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
        {
            files.push(path);
        }
    }
}

/// What became of one input.
enum Outcome {
    /// Scored and reduced; `questionnaire` is the file when it was one (not a saved result).
    Row {
        row: Box<Row>,
        warnings: usize,
        questionnaire: Option<PathBuf>,
    },
    /// Left out, with its rendered messages and error codes.
    Skipped {
        file: String,
        messages: String,
        problems: Vec<Code>,
    },
    /// Found in a directory but in another dpisafe format (policy, saved result, diff or
    /// portfolio).
    Other { kind: &'static str },
}

/// Why a deployment's register could not be read: its problems, and its text to quote.
type Untracked = (Vec<Diagnostic>, Option<SourceFile>);

/// What every worker shares.
struct Job<'a> {
    framework: &'a Framework,
    limits: &'a Limits,
    evidence: &'a crate::evidence::Options,
    as_of: Option<Date>,
    /// The register's file name, looked up beside each questionnaire.
    plan: Option<&'a Path>,
    color: bool,
    quiet: bool,
    timings: &'a Timings,
}

impl Job<'_> {
    fn run(&self, input: &Input) -> Outcome {
        let (path, found) = match input {
            Input::File(path) => (path, false),
            Input::Found(path) => (path, true),
            Input::Empty { path, message } => {
                let name = path.display().to_string();
                let diagnostic =
                    Diagnostic::error(Code::FileUnreadable, &name, None, message.clone())
                        .with_hint("check the path; quote patterns so the shell leaves them alone");
                return self.skipped(&name, &[diagnostic], None);
            }
        };
        let started = self.timings.start();
        let source = match crate::assessment::read(path, self.limits) {
            Ok(source) => source,
            Err(diagnostic) => {
                return self.skipped(&path.display().to_string(), &[diagnostic], None);
            }
        };
        self.timings.add(Stage::Read, started);
        if found && let Some(kind) = other_format(&source.text) {
            return Outcome::Other { kind };
        }
        match (looks_like_result(&source.text), found) {
            // A saved result met while walking a directory (a baseline, the output of an
            // earlier run) is not a deployment of its own; named, it is read.
            (true, true) => Outcome::Other { kind: "result" },
            (true, false) => self.result(&source),
            (false, _) => self.questionnaire(&source, path),
        }
    }

    /// The row of several respondents' questionnaires of one deployment, merged; or why not.
    fn merged(&self, paths: &[&Path]) -> Result<Row, String> {
        let sources = paths
            .iter()
            .map(|path| crate::assessment::read(path, self.limits))
            .collect::<Result<Vec<SourceFile>, Diagnostic>>()
            .map_err(|d| d.message)?;
        let loaded = crate::assessment::load(self.framework, &sources, self.limits, self.evidence);
        let Some(assessment) = loaded.value else {
            let first = loaded
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            return Err(first.map_or_else(|| "they disagree".to_owned(), |d| d.message.clone()));
        };
        let as_of = self.as_of.unwrap_or(assessment.questionnaire.assessed_on);
        let mut report = assessment.report(self.framework, as_of);
        if let Err((diagnostics, _)) = self.track(&mut report, paths[0]) {
            let first = diagnostics.into_iter().next();
            return Err(first.map_or_else(String::new, |d| d.message));
        }
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        Ok(Row::from_report(
            self.framework,
            &report,
            &names.join(" + "),
        ))
    }

    fn questionnaire(&self, source: &SourceFile, path: &Path) -> Outcome {
        let started = self.timings.start();
        let loaded =
            crate::assessment::questionnaire(self.framework, source, self.limits, self.evidence);
        self.timings.add(Stage::Parse, started);
        let Some(q) = loaded.value else {
            return self.skipped(&source.name, &loaded.diagnostics, Some(source));
        };
        let as_of = self.as_of.unwrap_or(q.assessed_on);
        let started = self.timings.start();
        let assessment = crate::assessment::Assessment {
            questionnaire: q,
            disagreements: Vec::new(),
        };
        let mut report = assessment.report(self.framework, as_of);
        if let Err((diagnostics, plan)) = self.track(&mut report, path) {
            return self.skipped(&source.name, &diagnostics, plan.as_ref());
        }
        self.timings.add(Stage::Score, started);
        let started = self.timings.start();
        let row = Row::from_report(self.framework, &report, &source.name);
        self.timings.add(Stage::Reduce, started);
        Outcome::Row {
            row: Box::new(row),
            warnings: loaded.diagnostics.len() + report.warnings.len(),
            questionnaire: Some(path.to_owned()),
        }
    }

    /// Reads the register beside `questionnaire` into `report`, when `--plan` names one and
    /// it exists; its problems (already rendered with its source) when it is invalid.
    fn track(&self, report: &mut Report, questionnaire: &Path) -> Result<(), Untracked> {
        let Some(name) = self.plan else {
            return Ok(());
        };
        let path = questionnaire.with_file_name(name);
        if !path.is_file() {
            return Ok(());
        }
        let source = crate::assessment::read(&path, self.limits).map_err(|d| (vec![d], None))?;
        let deployment = &report.assessment.deployment.name;
        let validated = crate::assessment::plan(self.framework, &source, self.limits, deployment);
        match validated.value {
            Some(plan) => {
                report.track(&plan);
                Ok(())
            }
            None => Err((validated.diagnostics, Some(source))),
        }
    }

    fn result(&self, source: &SourceFile) -> Outcome {
        let started = self.timings.start();
        let parsed = crate::assessment::parse_result(source, "result");
        self.timings.add(Stage::Parse, started);
        let report = match parsed {
            Ok(report) => report,
            Err(diagnostic) => return self.skipped(&source.name, &[*diagnostic], Some(source)),
        };
        if let Some(message) = crate::assessment::framework_mismatch(&report, self.framework) {
            let diagnostic = Diagnostic::error(Code::InvalidResult, &source.name, None, message)
                .with_hint("compare results made against one framework; pass it with --framework");
            return self.skipped(&source.name, &[diagnostic], None);
        }
        let started = self.timings.start();
        let row = Row::from_report(self.framework, &report, &source.name);
        self.timings.add(Stage::Reduce, started);
        Outcome::Row {
            row: Box::new(row),
            warnings: report.warnings.len(),
            questionnaire: None,
        }
    }

    /// An input left out: its messages rendered now (the source is dropped after this).
    fn skipped(
        &self,
        file: &str,
        diagnostics: &[Diagnostic],
        source: Option<&SourceFile>,
    ) -> Outcome {
        let shown: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .cloned()
            .collect();
        let mut problems: Vec<Code> = Vec::new();
        for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            if !problems.contains(&d.code) {
                problems.push(d.code);
            }
        }
        Outcome::Skipped {
            file: file.to_owned(),
            messages: diagnostic::render(&shown, source, self.color),
            problems,
        }
    }
}

/// The dpisafe format other than a questionnaire or a result that `text` declares, if any: a
/// policy (`dpisafe_policy:` at the top level), or a diff or portfolio written as JSON.
fn other_format(text: &str) -> Option<&'static str> {
    let text = text.trim_start_matches('\u{feff}');
    if text.lines().any(|line| line.starts_with("dpisafe_policy:")) {
        return Some("policy");
    }
    if text.lines().any(|line| line.starts_with("dpisafe_plan:")) {
        return Some("action register");
    }
    if !text.trim_start().starts_with('{') {
        return None;
    }
    [("dpisafe_diff", "diff"), ("dpisafe_portfolio", "portfolio")]
        .into_iter()
        .find(|(key, _)| text.contains(&format!("\"{key}\"")))
        .map(|(_, kind)| kind)
}

/// Whether the text is a saved result: a JSON object naming `dpisafe_report`. It is read
/// (and judged) once, by `assessment::parse_result`; anything else is a questionnaire.
fn looks_like_result(text: &str) -> bool {
    text.trim_start().starts_with('{') && text.contains("\"dpisafe_report\"")
}

/// A progress bar on stderr, only on a terminal and without --quiet.
fn progress_bar(ctx: &Context, len: usize) -> ProgressBar {
    if ctx.quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(len).unwrap_or(u64::MAX)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// Where worker time goes, for `scripts/bench-portfolio.sh`; measured only when
/// DPISAFE_PORTFOLIO_TIMINGS is set, and never part of the output.
struct Timings {
    enabled: bool,
    nanos: [AtomicU64; 4],
}

#[derive(Clone, Copy)]
enum Stage {
    Read = 0,
    Parse = 1,
    Score = 2,
    Reduce = 3,
}

impl Timings {
    fn from_env() -> Self {
        Self {
            enabled: std::env::var_os(TIMINGS_VAR).is_some(),
            nanos: Default::default(),
        }
    }

    fn start(&self) -> Option<Instant> {
        self.enabled.then(Instant::now)
    }

    fn add(&self, stage: Stage, started: Option<Instant>) {
        if let Some(started) = started {
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.nanos[stage as usize].fetch_add(nanos, Ordering::Relaxed);
        }
    }

    fn print(&self, inputs: usize, scored: std::time::Duration, total: std::time::Duration) {
        let ms = |stage: Stage| self.nanos[stage as usize].load(Ordering::Relaxed) as f64 / 1e6;
        let (read, parse, score, reduce) = (
            ms(Stage::Read),
            ms(Stage::Parse),
            ms(Stage::Score),
            ms(Stage::Reduce),
        );
        let worker = read + parse + score + reduce;
        let share = |part: f64| {
            if worker > 0.0 {
                100.0 * part / worker
            } else {
                0.0
            }
        };
        let text = format!(
            "timings: {inputs} inputs on {threads} threads; worker time summed over threads: \
             read {read:.0} ms ({:.1} %), parse+validate {parse:.0} ms ({:.1} %), \
             score {score:.0} ms ({:.1} %), reduce {reduce:.0} ms ({:.1} %); \
             wall: workers {:.0} ms, whole command after the framework loaded {:.0} ms\n",
            share(read),
            share(parse),
            share(score),
            share(reduce),
            scored.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e3,
            threads = rayon::current_num_threads(),
        );
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}
