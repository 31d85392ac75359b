//! Command-line arguments (clap derive only; turned into library options in the commands).

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

pub(crate) use crate::render::format::{Format, Paper};

/// The formats of a report document (`report`, `render`, `framework export`).
const DOCUMENT_FORMATS: [Format; 3] = [Format::Md, Format::Html, Format::Pdf];

/// A `--format` parser offering only `allowed`, the formats that command writes: one
/// [`Format`] for every command, each with its own list.
fn formats(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(allowed.iter().filter_map(ValueEnum::to_possible_value))
        .map(|name| Format::from_str(&name, false).expect("invariant: every offered value parses"))
}

/// The embedded framework's life-cycle stages, responsible authorities and building blocks, as
/// offered to shell completion and `--help` (a test holds them to the framework).
pub(crate) const STAGES: [&str; 5] = ["L1", "L2", "L3", "L4", "L5"];
/// See [`STAGES`].
pub(crate) const AUTHORITIES: [&str; 5] = ["R1", "R2", "R3", "R4", "R5"];
/// See [`STAGES`].
pub(crate) const BLOCKS: [&str; 4] = ["id", "payments", "data-exchange", "gbv-service"];

/// A free-form value with its usual choices: the embedded framework's ids are offered to shell
/// completion and listed in `--help`, but any value parses, because a `--framework` file may
/// define others. The framework in use checks it afterwards, with a did-you-mean.
#[derive(Clone)]
struct Hinted(&'static [&'static str]);

impl TypedValueParser for Hinted {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .copied()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// Assess Digital Public Infrastructure against the Universal DPI Safeguards Framework.
#[derive(Debug, Parser)]
#[command(name = "dpisafe", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  dpisafe init --blocks id,payments --stage L4 --authority R1 -o questionnaire.yaml\n  dpisafe validate questionnaire.yaml\n  dpisafe framework show RS3\n\nExit codes: 0 fine, 1 the assessment failed a threshold or policy, 2 invalid input or usage."
)]
pub struct Cli {
    /// Use this framework file instead of the embedded Universal DPI Safeguards Framework v1.0.
    #[arg(long, global = true, value_name = "FILE")]
    pub framework: Option<PathBuf>,

    /// Evidence files must lie under DIR; any other is reported as not read and nothing of it
    /// is told [default: the Git work tree holding the questionnaire, else the current
    /// directory when it holds it, else the questionnaire's directory].
    #[arg(long, global = true, value_name = "DIR")]
    pub evidence_root: Option<PathBuf>,

    /// Evidence files larger than this many MiB are not hashed against their `sha256`
    /// [default: 512].
    #[arg(long, global = true, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_hash_mib: Option<u64>,

    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Explain on stderr what was read and how long each step took (framework, files,
    /// validation, scoring, rendering, writing).
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Language of messages and reports [default: en]. The system locale (LANG, LC_ALL) is
    /// never read, so CI output does not change with the machine; JSON, SARIF and JUnit stay
    /// English.
    #[arg(long, global = true, value_enum, env = "DPISAFE_LANG")]
    pub lang: Option<LangArg>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Languages of messages and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English.
    En,
    /// French (français).
    Fr,
    /// Spanish (español).
    Es,
    /// Arabic (العربية), right to left.
    Ar,
}

impl From<LangArg> for crate::i18n::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::En => Self::En,
            LangArg::Fr => Self::Fr,
            LangArg::Es => Self::Es,
            LangArg::Ar => Self::Ar,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explore the framework: principles, risks, processes, questions and gender checks.
    #[command(
        subcommand,
        after_help = "Examples:\n  dpisafe framework list --risks\n  dpisafe framework show F8.Q2\n  dpisafe framework coverage"
    )]
    Framework(FrameworkCommand),
    /// Write a blank questionnaire with the questions that apply to a deployment.
    #[command(
        after_help = "Examples:\n  dpisafe init --blocks id,payments --stage L4 --authority R1 -o questionnaire.yaml\n  dpisafe init --blocks gbv-service --stage L5 --name \"Legal aid platform\""
    )]
    Init(InitArgs),
    /// Answer the questions one at a time in the terminal, saving the file after every answer
    /// (creates the questionnaire first when FILE does not exist).
    #[command(
        after_help = "Examples:\n  dpisafe interview questionnaire.yaml\n  dpisafe interview --framework my-framework.yaml assessment.yaml\n\nA new FILE starts with a few facts (name, building blocks, stage, authority …); an existing\none resumes at the first applicable question without an answer. Comments in the file are kept.\nNeeds a terminal: in scripts, write the file with `dpisafe init -o FILE` and edit it."
    )]
    Interview(InterviewArgs),
    /// Check questionnaires for every problem at once (exit 2 when any file is invalid).
    #[command(
        after_help = "Examples:\n  dpisafe validate questionnaire.yaml\n  dpisafe validate examples/*.yaml"
    )]
    Validate(ValidateArgs),
    /// Score questionnaires: rating, coverage, confidence, principles, risks, gender index and
    /// the action plan.
    #[command(
        after_help = "Examples:\n  dpisafe assess questionnaire.yaml\n  dpisafe assess questionnaire.yaml --format json -o result.json\n  dpisafe assess ministry.yaml regulator.yaml civil-society.yaml --merge\n\nExit codes: 0 assessed, 2 invalid input (assess never fails on scores; use `check`)."
    )]
    Assess(AssessArgs),
    /// Apply a policy for CI: thresholds, critical failures, evidence and waivers, optionally
    /// against a baseline so only regressions fail.
    #[command(
        after_help = "Examples:\n  dpisafe check questionnaire.yaml\n  dpisafe check questionnaire.yaml --policy dpisafe-policy.yaml --format sarif -o dpisafe.sarif\n  dpisafe check questionnaire.yaml --policy dpisafe-policy.yaml --baseline baseline.json\n\nExit codes: 0 passed, 1 the policy failed, 2 invalid input or usage."
    )]
    Check(CheckArgs),
    /// Write the report people read: Markdown, self-contained HTML, or PDF.
    #[command(
        after_help = "Examples:\n  dpisafe report questionnaire.yaml --format html -o report.html\n  dpisafe report questionnaire.yaml --format pdf --mode accountability -o report.pdf\n  dpisafe report questionnaire.yaml --format md --redact -o shared.md"
    )]
    Report(ReportArgs),
    /// Re-render a saved JSON result (from `assess --format json`) without scoring again.
    #[command(
        after_help = "Examples:\n  dpisafe render result.json --format pdf -o report.pdf\n  dpisafe render result.json --format md --redact"
    )]
    Render(RenderArgs),
    /// Compare two assessments of one deployment (questionnaires or saved JSON results): what
    /// improved, what regressed, what changed.
    #[command(
        after_help = "Examples:\n  dpisafe diff 2025/questionnaire.yaml 2026/questionnaire.yaml\n  dpisafe diff baseline.json questionnaire.yaml --fail-on-regression\n  dpisafe diff old.yaml new.yaml --format md -o progress.md\n\nExit codes: 0 compared (or nothing regressed with --fail-on-regression), 1 something regressed and --fail-on-regression was given, 2 invalid input or usage."
    )]
    Diff(DiffArgs),
    /// Carry a questionnaire over to this framework version through its alias table,
    /// editing only the ids that change (comments and layout are kept).
    #[command(
        after_help = "Examples:\n  dpisafe --framework new-framework.yaml migrate questionnaire.yaml --dry-run\n  dpisafe --framework new-framework.yaml migrate questionnaire.yaml -o migrated.yaml\n  dpisafe --framework new-framework.yaml migrate questionnaire.yaml --in-place\n\nExit codes: 0 everything carried over, 1 something needs review (the file is still written), 2 invalid input or usage."
    )]
    Migrate(MigrateArgs),
    /// How complete and current each language's translations are (catalog messages and
    /// framework texts).
    #[command(
        after_help = "Examples:\n  dpisafe i18n status\n  dpisafe i18n status --lang ar --check\n\nExit codes: 0 listed (missing framework texts are shown in English and do not fail), 1 with --check when a translation is stale or a catalog differs from English."
    )]
    #[command(subcommand)]
    I18n(I18nCommand),
    /// Keep an action register: who owns each action of the plan, by when, and where it
    /// stands, carried from one assessment to the next.
    #[command(
        subcommand,
        after_help = "Examples:\n  dpisafe plan init questionnaire.yaml -o plan.yaml\n  dpisafe report questionnaire.yaml --plan plan.yaml --brief --format pdf -o brief.pdf\n  dpisafe plan update 2027/questionnaire.yaml --plan plan.yaml -o plan-2027.yaml"
    )]
    Plan(PlanCommand),
    /// Compare many assessments: deployments × the 18 principles, with the weakest
    /// principles, the most exposed risks and critical failures across the portfolio.
    #[command(
        after_help = "Each file is one row: several questionnaires about the same deployment are NOT merged \
(use `assess --merge` for that). With --group-by block a deployment with several building blocks \
appears in each of their groups. Respondents, notes, evidence references and source paths are left \
out unless --no-redact. An invalid file is reported and skipped (listed in the output); --strict \
makes it fatal.\n\nExamples:\n  dpisafe portfolio programmes/\n  dpisafe portfolio 'programmes/*/questionnaire.yaml' results/*.json --format html -o portfolio.html\n  dpisafe portfolio programmes/ --group-by country --format csv -o portfolio.csv\n\nExit codes: 0 done (even with skipped files), 2 no input could be read, or any bad input with --strict."
    )]
    Portfolio(PortfolioArgs),
    /// Print the JSON Schema of a file format.
    #[command(after_help = "Examples:\n  dpisafe schema questionnaire > questionnaire.schema.json")]
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaArg,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  dpisafe completions bash > ~/.local/share/bash-completion/completions/dpisafe\n  dpisafe completions zsh > \"${fpath[1]}/_dpisafe\"\n  dpisafe completions fish > ~/.config/fish/completions/dpisafe.fish\n  dpisafe completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man`.
    #[command(
        after_help = "Examples:\n  dpisafe man | man -l -\n  dpisafe man --all -o /usr/local/share/man/man1\n\nThe page lists its subcommands as dpisafe-check(1) and so on; --all writes those pages too."
    )]
    Man {
        /// Write every page, this one and one per subcommand (dpisafe-check.1, …), into the
        /// directory given with -o (made if missing; no page is written over unless --force).
        #[arg(long, requires = "output")]
        all: bool,
        /// Where output goes.
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// The questionnaires to assess and how.
#[derive(Debug, Args)]
pub struct Inputs {
    /// Questionnaire files (several only with --merge).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Combine several respondents' questionnaires about one deployment; where they disagree
    /// the least favourable answer counts and the disagreement is listed.
    #[arg(long)]
    pub merge: bool,
    /// Judge waivers on this date (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set; otherwise
    /// `assess` uses the questionnaire's `assessed_on` and `check` uses today (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<crate::questionnaire::Date>,
    /// An action register (`dpisafe plan init`): show each action's owner, due date and
    /// status, and what is overdue on the evaluation date.
    #[arg(long, value_name = "PLAN.yaml")]
    pub plan: Option<PathBuf>,
    /// Also show the assessment against another standard, derived through dpisafe's
    /// crosswalk (docs/crosswalks.md); may be given several times.
    #[arg(long = "view", value_enum, value_name = "STANDARD")]
    pub views: Vec<ViewArg>,
}

/// The standards `--view` can show an assessment against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// The Digital Public Goods Standard (9 indicators).
    DpgStandard,
    /// The Principles for Digital Development (9).
    DigitalPrinciples,
    /// The Principles on Identification for Sustainable Development (10).
    Id4d,
    /// The Generation Equality Action Coalition on Technology and Innovation (4 actions).
    GenerationEquality,
    /// The SDG targets DPI safeguards serve.
    Sdg,
}

impl ViewArg {
    /// The crosswalk's target id.
    pub fn target(self) -> &'static str {
        match self {
            ViewArg::DpgStandard => "dpg-standard",
            ViewArg::DigitalPrinciples => "digital-principles",
            ViewArg::Id4d => "id4d",
            ViewArg::GenerationEquality => "generation-equality",
            ViewArg::Sdg => "sdg",
        }
    }
}

/// Where output goes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (never an input).
    #[arg(long)]
    pub force: bool,
}

impl OutputArgs {
    /// Whether output goes to standard output (no `-o`, or `-o -`).
    pub(crate) fn is_stdout(&self) -> bool {
        self.output.as_deref().is_none_or(|p| p.as_os_str() == "-")
    }
}

fn parse_date(text: &str) -> Result<crate::questionnaire::Date, String> {
    crate::questionnaire::Date::parse(text)
        .ok_or_else(|| format!("`{text}` is not a real date in YYYY-MM-DD form"))
}

/// `dpisafe plan …`
#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Write a new register with every action of an assessment, open and without owner, for
    /// the team to fill in.
    #[command(
        after_help = "Examples:\n  dpisafe plan init questionnaire.yaml -o plan.yaml\n  dpisafe report questionnaire.yaml --plan plan.yaml --format pdf -o report.pdf\n\nExit codes: 0 written, 2 invalid input or usage."
    )]
    Init {
        /// The assessment whose actions it lists.
        #[command(flatten)]
        inputs: Inputs,
        /// Where output goes.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Carry a register (--plan) forward to a newer assessment: actions whose gap closed are
    /// marked done with its date, new gaps are added as open, and what was done but is found
    /// again is reopened. Owners, dates and notes are kept; the old file is not changed.
    #[command(
        after_help = "Examples:\n  dpisafe plan update 2027/questionnaire.yaml --plan plan.yaml -o plan-2027.yaml\n\nExit codes: 0 written, 2 invalid input or usage."
    )]
    Update {
        /// The newer assessment, and the register (--plan, required).
        #[command(flatten)]
        inputs: Inputs,
        /// Where output goes.
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// `dpisafe assess`
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// What to assess.
    #[command(flatten)]
    pub inputs: Inputs,
    /// Output format.
    #[arg(long, value_parser = formats(&[Format::Table, Format::Json]), default_value = "table")]
    pub format: Format,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `dpisafe check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// What to check.
    #[command(flatten)]
    pub inputs: Inputs,
    /// The policy file (thresholds, rules, waivers). Without it: no critical failure and no
    /// missing or altered evidence file.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// A result JSON from an earlier `assess` or `check`: violations it already had, and that
    /// did not get worse, are reported but do not fail.
    #[arg(long, value_name = "RESULT.json")]
    pub baseline: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = formats(&[Format::Text, Format::Json, Format::Sarif, Format::Junit]), default_value = "text")]
    pub format: Format,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How a report document is made.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Output format.
    #[arg(long, value_parser = formats(&DOCUMENT_FORMATS), default_value = "html")]
    pub format: Format,
    /// `learning` (guidance first, no ranking language: for self-assessment) or
    /// `accountability` (evidence first, with an approvals block: for reviews and funders).
    #[arg(long, value_enum, default_value_t = ModeArg::Learning)]
    pub mode: ModeArg,
    /// Leave out respondent names, notes and evidence references, for reports shared beyond
    /// the team.
    #[arg(long)]
    pub redact: bool,
    /// Write the executive brief instead of the full report: the key messages, the two
    /// charts, the first five actions and what to decide, in at most three pages.
    #[arg(long)]
    pub brief: bool,
    /// Use the templates in this directory (report.md.j2, report.html.j2, report.typ, and
    /// brief.md.j2, brief.html.j2, brief.typ for --brief) instead of the built-in ones; a file
    /// missing there falls back to the built-in one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Also look for fonts here (for example CJK fonts); may be given several times.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
}

/// Report modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// For a team assessing itself.
    Learning,
    /// For reviews, oversight bodies and funders.
    Accountability,
}

/// `dpisafe report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// What to assess.
    #[command(flatten)]
    pub inputs: Inputs,
    /// How to render it.
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `dpisafe render`
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// A JSON result written by `assess --format json` or `check --format json`.
    #[arg(value_name = "RESULT.json")]
    pub result: PathBuf,
    /// How to render it.
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `dpisafe portfolio`
#[derive(Debug, Args)]
pub struct PortfolioArgs {
    /// Questionnaires, saved results (`assess --format json`), directories (searched for
    /// .yaml, .yml and .json files, skipping hidden directories and `target`) or quoted
    /// patterns such as 'programmes/*/questionnaire.yaml'.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = formats(&[Format::Table, Format::Md, Format::Html, Format::Csv, Format::Json, Format::Pdf]), default_value = "table")]
    pub format: Format,
    /// One matrix and summary per building block, stage or country.
    #[arg(long, value_enum, value_name = "KEY")]
    pub group_by: Option<GroupByArg>,
    /// Row order: `name` (deployment name, then file) or `score` (overall, highest first).
    #[arg(long, value_enum, default_value_t = SortArg::Name)]
    pub sort: SortArg,
    /// Add respondents and source files (left out by default).
    #[arg(long)]
    pub no_redact: bool,
    /// Any unreadable or invalid input exits 2 with no output (default: report and skip it).
    #[arg(long)]
    pub strict: bool,
    /// Judge questionnaires' waivers on this date (YYYY-MM-DD) and date the portfolio with it.
    /// Default: SOURCE_DATE_EPOCH if set, otherwise each questionnaire's `assessed_on` (the
    /// portfolio is dated with the latest). Saved results keep their own date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<crate::questionnaire::Date>,
    /// The file name of each deployment's action register, looked up beside its
    /// questionnaire (`--plan plan.yaml`): rows show how many actions it tracks and which
    /// are overdue. A deployment without one is shown as before.
    #[arg(long, value_name = "NAME")]
    pub plan: Option<PathBuf>,
    /// Paper size of the PDF (landscape).
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Also look for fonts here (for example CJK fonts); may be given several times.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What `--group-by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupByArg {
    /// Building block (a deployment with several is in several groups).
    Block,
    /// Life-cycle stage.
    Stage,
    /// Country.
    Country,
}

/// Row orders of `dpisafe portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Deployment name, then file.
    Name,
    /// Overall score, highest first.
    Score,
}

/// Schemas `dpisafe schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaArg {
    /// The framework file format.
    Framework,
    /// The questionnaire format.
    Questionnaire,
    /// The policy format of `dpisafe check`.
    Policy,
    /// The action register of `dpisafe plan`.
    Plan,
    /// A crosswalk to another standard (frameworks/crosswalks/).
    Crosswalk,
    /// The JSON result of `assess --format json` and `check --format json`.
    Report,
    /// The JSON of `portfolio --format json`.
    Portfolio,
    /// The JSON comparison of `diff --format json`.
    Diff,
}

/// `dpisafe diff`
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier assessment: a questionnaire, or a JSON result from `assess --format json`.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later assessment of the same deployment, in either form.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_parser = formats(&[Format::Table, Format::Md, Format::Json]), default_value = "table")]
    pub format: Format,
    /// Exit with 1 when anything regressed (the output names what).
    #[arg(long)]
    pub fail_on_regression: bool,
    /// Compare even when the deployment's name or country differ (never across frameworks).
    #[arg(long)]
    pub allow_different: bool,
    /// Judge waivers of questionnaire inputs on this date (YYYY-MM-DD), as `assess` does.
    /// Default: SOURCE_DATE_EPOCH if set, otherwise each questionnaire's `assessed_on`.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<crate::questionnaire::Date>,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `dpisafe migrate`
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The questionnaire to carry over.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Replace FILE (atomically), keeping the original as FILE.bak (never over an existing one).
    #[arg(long, conflicts_with = "output")]
    pub in_place: bool,
    /// Show the changes as a diff of lines on standard output and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to report what carried over: `text` on standard error, or `json` on standard
    /// output (then the questionnaire must go to -o, --in-place or nowhere with --dry-run).
    #[arg(long, value_enum, default_value_t = MigrateReport::Text)]
    pub report: MigrateReport,
    /// The `assessed_on` date to add when the file has none (YYYY-MM-DD). Default:
    /// SOURCE_DATE_EPOCH if set, otherwise today; correct it to the date the answers describe.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<crate::questionnaire::Date>,
    /// Where the migrated questionnaire goes (standard output without -o or --in-place).
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How `dpisafe migrate` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MigrateReport {
    /// For people, on standard error.
    Text,
    /// For scripts, on standard output.
    Json,
}

/// `dpisafe framework …`
#[derive(Debug, Subcommand)]
pub enum FrameworkCommand {
    /// List the principles (or risks, processes, questions).
    #[command(
        after_help = "Examples:\n  dpisafe framework list\n  dpisafe framework list --risks\n  dpisafe framework list --questions"
    )]
    List(ListArgs),
    /// Show one principle, risk, process, question or gender check, with everything linked to it.
    #[command(
        after_help = "Examples:\n  dpisafe framework show RS3\n  dpisafe framework show F8\n  dpisafe framework show G-PAY-01"
    )]
    Show {
        /// The id (F8, RS3, O3.21, F8.Q2, G-PAY-01, L4, R2).
        id: String,
    },
    /// Check a custom framework file: schema and cross-references.
    #[command(after_help = "Examples:\n  dpisafe framework lint my-framework.yaml")]
    Lint {
        /// The framework file.
        file: PathBuf,
    },
    /// How much of the published framework the data holds, per principle.
    #[command(
        after_help = "Examples:\n  dpisafe framework coverage\n  dpisafe --framework my-framework.yaml framework coverage"
    )]
    Coverage,
    /// Write the framework as a handbook: principles, risks, questions, gender checks and
    /// processes, with a table of contents and the framework's attribution.
    #[command(
        after_help = "Examples:\n  dpisafe framework export --format md -o handbook.md\n  dpisafe framework export --format pdf --paper letter -o handbook.pdf\n  dpisafe --framework my-framework.yaml framework export --format html -o handbook.html"
    )]
    Export(ExportArgs),
}

/// `dpisafe framework export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_parser = formats(&DOCUMENT_FORMATS), default_value = "md")]
    pub format: Format,
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Also look for fonts here (for example CJK fonts); may be given several times.
    #[arg(long, value_name = "DIR")]
    pub font_path: Vec<PathBuf>,
    /// Where output goes.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What `framework list` lists.
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct ListArgs {
    /// List the 13 risks.
    #[arg(long)]
    pub risks: bool,
    /// List the processes.
    #[arg(long)]
    pub processes: bool,
    /// List the questions and gender checks.
    #[arg(long)]
    pub questions: bool,
}

/// `dpisafe init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Building blocks of the deployment, comma-separated (id, payments, data-exchange, gbv-service).
    #[arg(long, value_delimiter = ',', value_name = "BLOCKS", value_parser = Hinted(&BLOCKS))]
    pub blocks: Vec<String>,
    /// The deployment's life-cycle stage (L1–L5); questions expected later are left out.
    #[arg(long, value_parser = Hinted(&STAGES))]
    pub stage: Option<String>,
    /// The respondent's responsible authority (R1–R5); other authorities' questions are left out.
    #[arg(long, value_parser = Hinted(&AUTHORITIES))]
    pub authority: Option<String>,
    /// The deployment's name.
    #[arg(long)]
    pub name: Option<String>,
    /// The deployment's ISO 3166-1 alpha-2 country code.
    #[arg(long)]
    pub country: Option<String>,
    /// The assessment date written as `assessed_on` (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH
    /// if set, otherwise today (UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<crate::questionnaire::Date>,
    /// Write to this file instead of standard output (never over an existing file; `-` is
    /// standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `dpisafe interview`
#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// The questionnaire to answer; created (after a few questions) when it does not exist.
    #[arg(value_name = "FILE", default_value = "questionnaire.yaml")]
    pub file: PathBuf,
}

/// `dpisafe validate`
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaire files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `dpisafe i18n …`
#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Per language: catalog messages and framework texts missing or stale.
    #[command(
        after_help = "Examples:\n  dpisafe i18n status\n  dpisafe i18n status --lang fr --all\n  dpisafe i18n status --check\n\nExit codes: 0 listed, 1 with --check when a translation is stale or a catalog differs from English."
    )]
    Status(I18nStatusArgs),
}

/// `dpisafe i18n status`
#[derive(Debug, Args)]
pub struct I18nStatusArgs {
    /// Exit 1 when a translation is stale or a catalog's ids or placeholders differ from
    /// English (missing framework texts never fail: they are shown in English).
    #[arg(long)]
    pub check: bool,
    /// List every missing text, not only the counts.
    #[arg(long)]
    pub all: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_hints_are_the_embedded_frameworks_ids() {
        let framework = crate::assessment::embedded_framework();
        let ids = |named: &[crate::framework::Named]| -> Vec<String> {
            named.iter().map(|n| n.id.clone()).collect()
        };
        assert_eq!(ids(&framework.stages), STAGES);
        assert_eq!(ids(&framework.authorities), AUTHORITIES);
        assert_eq!(framework.building_block_ids(), BLOCKS);
    }
}
