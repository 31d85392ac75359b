//! `dpisafe interview [FILE]`: the terminal side of the walk in `crate::interview` — reading
//! lines, printing cards, saving the questionnaire atomically after every answer, and ending
//! cleanly on Ctrl-C once any save in progress is done.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::Error;
use crate::cli::args::InterviewArgs;
use crate::cli::output::{self, Target};
use crate::cli::{Context, Exit, assessment};
use crate::i18n::{Lang, Messages};
use crate::interview::{Io, Session, Style, facts};
use crate::questionnaire::{Date, template};
use crate::source::SourceFile;

/// Held while the questionnaire is being written, so Ctrl-C waits for the rename.
static SAVING: Mutex<()> = Mutex::new(());

pub(crate) fn run(ctx: &Context, args: &InterviewArgs) -> Result<Exit, Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage {
            message:
                "`dpisafe interview` asks questions in a terminal, and standard input is not one"
                    .to_owned(),
            hint:
                "in a script, write the questionnaire with `dpisafe init -o FILE` and fill it in \
                   with an editor; check it with `dpisafe validate FILE`"
                    .to_owned(),
        });
    }
    let framework = proceed!(ctx.framework());
    let path = &args.file;
    let style = Style {
        // Guidance wraps to the terminal, or to 80 columns when it does not say.
        width: assessment::terminal_width().unwrap_or(80),
        color: ctx.stdout_color(),
    };
    let mut terminal = Terminal {
        path: path.clone(),
        byte_order_mark: starts_with_bom(path),
    };
    on_interrupt(path);
    let source = if path.exists() {
        proceed!(ctx.read(path))
    } else {
        match create(ctx, &framework, &mut terminal, style, path)? {
            Some(source) => source,
            None => return Ok(Exit::Ok),
        }
    };
    let loaded = crate::assessment::answers(&framework, &source, &ctx.limits);
    ctx.report(&loaded.diagnostics, Some(&source));
    let Some(loaded) = loaded.value else {
        return Ok(Exit::Invalid);
    };
    let mut session = Session::new(&framework, source, loaded, ctx.limits, style);
    if session.total() == 0 {
        ctx.note(&format!(
            "no question of the framework applies to {}'s building blocks, stage and authority",
            path.display()
        ));
        return Ok(Exit::Ok);
    }
    let intro = format!(
        "{}: {} questions apply, {} answered. Each answer is saved as soon as it is given; \
         ? lists the keys.",
        path.display(),
        session.total(),
        session.answered()
    );
    terminal.show(&format!(
        "{}\n",
        crate::text::wrap(&intro, style.wrap_width()).join("\n")
    ));
    if let crate::interview::Outcome::Finished { .. } = session.run(&mut terminal) {
        offer_register(ctx, &framework, &mut terminal, style, path)?;
    }
    Ok(Exit::Ok)
}

/// Once every question is answered, offers to write an action register beside the
/// questionnaire with owners and due dates of the urgent actions; never over an existing one.
fn offer_register(
    ctx: &Context,
    framework: &crate::cli::FrameworkRef,
    terminal: &mut Terminal,
    style: Style,
    path: &Path,
) -> Result<(), Error> {
    let register = path.with_file_name("plan.yaml");
    if register.exists() {
        ctx.note(&format!(
            "{} exists: carry it forward with `dpisafe plan update {} --plan {}`",
            register.display(),
            path.display(),
            register.display()
        ));
        return Ok(());
    }
    let inputs = crate::cli::args::Inputs {
        files: vec![path.to_path_buf()],
        merge: false,
        as_of: None,
        plan: None,
        views: Vec::new(),
    };
    let Ok((_, report)) =
        assessment::load_and_report(ctx, &inputs, assessment::DefaultDate::AssessedOn)
    else {
        return Ok(());
    };
    let Some(mut plan) = crate::interview::register::fill(terminal, framework, &report, style)
    else {
        return Ok(());
    };
    plan.file = register.display().to_string();
    let words = crate::render::words::Words::new(ctx.lang(), "view");
    let text = crate::render::plan::yaml(&plan, &report, framework, &words);
    output::write(
        &Target {
            path: &register,
            inputs: &[path.to_path_buf()],
            force: false,
        },
        text.as_bytes(),
    )?;
    ctx.note(&format!(
        "wrote {}; pass it with --plan to assess, report and check",
        register.display()
    ));
    Ok(())
}

/// Asks the facts of a new questionnaire and writes it; `None` when input ends first.
fn create(
    ctx: &Context,
    framework: &crate::framework::Framework,
    terminal: &mut Terminal,
    style: Style,
    path: &Path,
) -> Result<Option<SourceFile>, Error> {
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        return Err(Error::Usage {
            message: format!("the directory `{}` does not exist", dir.display()),
            hint: "create it first, or name a file in an existing directory".to_owned(),
        });
    }
    let intro = format!(
        "{} does not exist yet. A few facts about the deployment decide which questions apply.",
        path.display()
    );
    terminal.show(&format!(
        "{}\n\n",
        crate::text::wrap(&intro, style.wrap_width()).join("\n")
    ));
    let Some(blank) = facts::ask(framework, terminal, style, default_date()) else {
        terminal.show("\nNothing written.\n");
        return Ok(None);
    };
    let text = template::render(framework, &blank)?;
    {
        let _saving = SAVING.lock();
        output::write(
            &Target {
                path,
                inputs: &[],
                force: false,
            },
            text.as_bytes(),
        )?;
    }
    ctx.note(&format!("\nwrote {}", path.display()));
    Ok(Some(SourceFile::new(path.display().to_string(), text)))
}

/// The date offered for `assessed_on`: SOURCE_DATE_EPOCH's when set and valid, otherwise
/// today's. (An invalid value is not an error here: the user confirms or replaces the date.)
fn default_date() -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|text| text.trim().parse::<i64>().ok())
        .filter(|seconds| (0..253_402_300_800).contains(seconds))
        .map_or_else(assessment::today, |seconds| {
            Date::from_days(seconds.div_euclid(86_400))
        })
}

fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == [0xEF, 0xBB, 0xBF])
}

/// Ctrl-C or SIGTERM: wait for a save in progress and say where the answers are (the signal
/// handler then ends the process with 130 or 143).
fn on_interrupt(path: &Path) {
    let name = path.display().to_string();
    crate::cli::signals::on_signal(move || {
        let _saving = SAVING.lock();
        let _ = writeln!(
            std::io::stderr().lock(),
            "\ninterrupted: every answer given so far is saved in {name}; \
             `dpisafe interview {name}` goes on from there"
        );
    });
}

/// The walk's input and output: lines from stdin, text to stdout, saves to the file.
struct Terminal {
    path: PathBuf,
    byte_order_mark: bool,
}

impl Io for Terminal {
    fn show(&mut self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
    }

    fn ask(&mut self, prompt: &str) -> Option<String> {
        self.show(prompt);
        let mut line = String::new();
        match std::io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                self.show("\n");
                None
            }
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_owned()),
        }
    }

    fn save(&mut self, text: &str) -> Result<(), String> {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if self.byte_order_mark {
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        bytes.extend_from_slice(text.as_bytes());
        let _saving = SAVING.lock();
        output::write(
            &Target {
                path: &self.path,
                inputs: &[],
                force: true,
            },
            &bytes,
        )
        .map_err(|err| match Messages::new(Lang::En).error_hint(&err) {
            Some(hint) => format!("{err} ({hint})"),
            None => err.to_string(),
        })
    }
}
