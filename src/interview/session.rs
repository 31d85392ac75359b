//! The walk through a questionnaire's applicable questions: show one, read the answer and its
//! evidence, notes or reason, write it into the file's text, check the text still validates,
//! save it, and go on.
//!
//! Each answer is saved as soon as it is complete, so an interrupted walk loses at most the
//! question in progress; a new walk starts at the first applicable question with no answer.

use crate::date::Date;
use crate::diagnostic::{self, Severity};
use crate::framework::{Applicability, Framework, Question};
use crate::questionnaire::raw::{EVIDENCE_KINDS, RawAnswer, RawEvidence};
use crate::questionnaire::{Answer, AnswerValue, Questionnaire};
use crate::source::{Limits, SourceFile};
use crate::text::{shorten, wrap};

use super::facts::ask_until;
use super::{Io, Style, answer_edit, item_lines};

/// How a walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The walk went past the last question.
    Finished {
        /// Applicable questions with an answer.
        answered: usize,
        /// Applicable questions.
        total: usize,
    },
    /// The user quit, or input ended, before the last question.
    Stopped {
        /// Applicable questions with an answer.
        answered: usize,
        /// Applicable questions.
        total: usize,
    },
}

/// A questionnaire being answered.
pub struct Session<'a> {
    framework: &'a Framework,
    questions: Vec<&'a Question>,
    source: SourceFile,
    questionnaire: Questionnaire,
    limits: Limits,
    style: Style,
}

/// Where the walk goes after a line at the prompt.
enum Step {
    /// To the question at this index (past the last: the end), showing its card.
    Go(usize),
    /// Back to the same prompt, without the card again.
    Stay,
    /// Out of the walk, saying what was saved.
    Stop,
}

/// What a line typed at the answer prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    Answer(AnswerValue),
    Keep,
    Skip,
    Back,
    Quit,
    Help,
    Unknown(String),
}

fn command(line: &str) -> Command {
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" => Command::Answer(AnswerValue::Yes),
        "p" | "partial" => Command::Answer(AnswerValue::Partial),
        "n" | "no" => Command::Answer(AnswerValue::No),
        "a" | "n/a" | "na" => Command::Answer(AnswerValue::NotApplicable),
        "" => Command::Keep,
        "s" | "skip" => Command::Skip,
        "b" | "back" => Command::Back,
        "q" | "quit" => Command::Quit,
        "?" | "h" | "help" => Command::Help,
        other => Command::Unknown(other.to_owned()),
    }
}

const KEYS: [&str; 9] = [
    "y yes",
    "p partial",
    "n no",
    "a n/a",
    "Enter keep",
    "s skip",
    "b back",
    "q quit",
    "? help",
];

const HELP: &str = concat!(
    "  y  yes       in place, and there is evidence to show\n",
    "  p  partial   partly in place\n",
    "  n  no        not in place\n",
    "  a  n/a       does not apply to this deployment (you will be asked why)\n",
    "  Enter        keep the answer already given and go on\n",
    "  s            skip this question for now\n",
    "  b            back to the previous question\n",
    "  q            quit; every answer given so far is already saved\n",
);

impl<'a> Session<'a> {
    /// A walk over the questions that apply to `questionnaire` (read from `source`): its
    /// building blocks and stage, and the respondent's authority when one is named.
    pub fn new(
        framework: &'a Framework,
        source: SourceFile,
        questionnaire: Questionnaire,
        limits: Limits,
        style: Style,
    ) -> Self {
        let scope = Applicability {
            building_blocks: questionnaire.deployment.building_blocks.clone(),
            stage: Some(questionnaire.deployment.stage.clone()),
            authority: questionnaire
                .respondents
                .first()
                .and_then(|r| r.authority.clone()),
        };
        let questions = framework
            .questions
            .iter()
            .filter(|q| framework.applies(q, &scope))
            .collect();
        Self {
            framework,
            questions,
            source,
            questionnaire,
            limits,
            style,
        }
    }

    /// How many questions apply.
    pub fn total(&self) -> usize {
        self.questions.len()
    }

    /// How many applicable questions have an answer.
    pub fn answered(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| self.value(&q.id).is_some())
            .count()
    }

    /// Where a walk starts: the first applicable question without an answer (0-based), or
    /// the first question when every one has an answer.
    pub fn start(&self) -> usize {
        self.next_open(0).unwrap_or(0)
    }

    /// The questionnaire's text as it stands (as last saved).
    pub fn text(&self) -> &str {
        &self.source.text
    }

    /// Walks from [`Session::start`] until the last question, `q`, or the end of input.
    pub fn run(&mut self, io: &mut impl Io) -> Outcome {
        let mut index = self.start();
        if self.total() > 0 && self.answered() == self.total() {
            io.show(&format!(
                "Every one of the {} questions has an answer; starting at the first so you can review them.\n",
                self.total()
            ));
        }
        let mut show_card = true;
        while let Some(question) = self.questions.get(index).copied() {
            if show_card {
                io.show(&self.card(index));
            }
            let Some(line) = io.ask("> ") else {
                return self.stopped(io);
            };
            match self.step(io, index, question, &line) {
                Step::Go(next) => {
                    index = next;
                    show_card = true;
                }
                Step::Stay => show_card = false,
                Step::Stop => return self.stopped(io),
            }
        }
        self.finished(io)
    }

    /// What one line typed at the prompt for the question at `index` does.
    fn step(&mut self, io: &mut impl Io, index: usize, question: &Question, line: &str) -> Step {
        match command(line) {
            Command::Answer(value) => {
                let Some(answer) = self.details(io, question, value) else {
                    return Step::Stop;
                };
                match self.record(io, &question.id, answer) {
                    Ok(()) => {
                        io.show(&self.style.dim(&format!("  saved {}\n", question.id)));
                        Step::Go(self.next_open(index + 1).unwrap_or(self.total()))
                    }
                    Err(why) => {
                        io.show(&format!(
                            "  not saved: {why}\n  the file on disk is unchanged\n"
                        ));
                        Step::Stay
                    }
                }
            }
            Command::Keep if self.value(&question.id).is_some() => {
                Step::Go(self.next_open(index + 1).unwrap_or(self.total()))
            }
            Command::Keep => {
                io.show("  type y, p, n or a to answer, s to skip, or ? for help\n");
                Step::Stay
            }
            Command::Skip => Step::Go(index + 1),
            Command::Back if index == 0 => {
                io.show("  this is the first question\n");
                Step::Stay
            }
            Command::Back => Step::Go(index - 1),
            Command::Quit => Step::Stop,
            Command::Help => {
                io.show(HELP);
                Step::Stay
            }
            Command::Unknown(text) => {
                io.show(&format!(
                    "  `{text}` is not an answer: type y, p, n or a (or ? for help)\n"
                ));
                Step::Stay
            }
        }
    }

    fn value(&self, id: &str) -> Option<AnswerValue> {
        self.questionnaire.answer(id).and_then(|a| a.value)
    }

    /// The first question at or after `from` without an answer.
    fn next_open(&self, from: usize) -> Option<usize> {
        (from..self.total()).find(|&i| self.value(&self.questions[i].id).is_none())
    }

    /// One question as shown: progress, id, principle, text, guidance, evidence and the
    /// answer already given.
    fn card(&self, index: usize) -> String {
        let style = self.style;
        let width = style.wrap_width();
        let question = self.questions[index];
        let progress = format!(
            "── {} of {} ── {} answered ",
            index + 1,
            self.total(),
            self.answered()
        );
        let rule = "─".repeat(width.saturating_sub(progress.chars().count()));
        let mut out = format!("\n{}\n", style.dim(&format!("{progress}{rule}")));
        let mut title = vec![question.id.clone(), self.principle(question)];
        if question.critical {
            title.push("critical".to_owned());
        }
        out.push_str(&format!("{}\n", style.bold(&title.join(" · "))));
        for line in wrap(&question.text, width) {
            out.push_str(&format!("{}\n", style.bold(&line)));
        }
        out.push('\n');
        labelled(&mut out, style, "Guidance", &question.guidance, width);
        labelled(
            &mut out,
            style,
            "Evidence",
            &question.evidence.join("; "),
            width,
        );
        if let Some(answer) = self
            .questionnaire
            .answer(&question.id)
            .filter(|a| a.value.is_some())
        {
            labelled(&mut out, style, "Answered", &describe(answer), width);
        }
        out.push('\n');
        for line in item_lines(&KEYS, width) {
            out.push_str(&format!("{}\n", style.dim(&line)));
        }
        out
    }

    fn principle(&self, question: &Question) -> String {
        if question.is_gender() {
            return "gender check".to_owned();
        }
        self.framework.principle(&question.principle).map_or_else(
            || question.principle.clone(),
            |p| format!("{} {}", p.id, p.name),
        )
    }

    /// Evidence, notes and (for n/a) the reason, on top of what the answer already had.
    fn details(
        &self,
        io: &mut impl Io,
        question: &Question,
        value: AnswerValue,
    ) -> Option<RawAnswer> {
        let current = self.questionnaire.answer(&question.id);
        let mut answer = current.map_or_else(RawAnswer::default, raw);
        answer.answer = Some(value);
        if value == AnswerValue::NotApplicable {
            answer.reason = Some(self.reason(io, answer.reason.as_deref())?);
        } else {
            answer.evidence = self.evidence(io, std::mem::take(&mut answer.evidence))?;
        }
        answer.notes = self.notes(io, answer.notes.take())?;
        Some(answer)
    }

    fn reason(&self, io: &mut impl Io, current: Option<&str>) -> Option<String> {
        let prompt = match current {
            Some(reason) => format!(
                "Why does it not apply? [Enter keeps \"{}\"]: ",
                shorten(reason, 40)
            ),
            None => "Why does it not apply here? ".to_owned(),
        };
        ask_until(io, &prompt, |text| match (text, current) {
            ("", Some(reason)) => Ok(reason.to_owned()),
            ("", None) => Err("n/a needs a reason, so readers can judge it".to_owned()),
            (text, _) => Ok(text.to_owned()),
        })
    }

    fn evidence(
        &self,
        io: &mut impl Io,
        mut current: Vec<RawEvidence>,
    ) -> Option<Vec<RawEvidence>> {
        let width = self.style.wrap_width();
        let mut intro = "Evidence: one reference per line, a path relative to the questionnaire or an address; an empty line ends.".to_owned();
        if !current.is_empty() {
            let listed: Vec<&str> = current.iter().map(|e| e.reference.as_str()).collect();
            intro.push_str(&format!(
                " Already listed: {}. New lines add to these; `-` alone removes them.",
                listed.join("; ")
            ));
        }
        for line in wrap(&intro, width) {
            io.show(&format!("{}\n", self.style.dim(&line)));
        }
        loop {
            let line = io.ask("  evidence> ")?;
            let reference = line.trim();
            match reference {
                "" => return Some(current),
                "-" => {
                    current.clear();
                    io.show("  removed the evidence listed before\n");
                }
                _ if current.iter().any(|e| e.reference == reference) => {
                    io.show("  already listed\n");
                }
                _ => current.push(self.evidence_entry(io, reference)?),
            }
        }
    }

    /// A new evidence entry: a warning if its file is not there, then its kind and date, each
    /// with a default that Enter takes and `-` leaves out. The kind is guessed from the name
    /// (`grievance-procedure.pdf` is a procedure); the date is the file's own. Without a date,
    /// evidence counts as fresh, so the question is worth asking.
    fn evidence_entry(&self, io: &mut impl Io, reference: &str) -> Option<RawEvidence> {
        let file_date = match crate::evidence::local_path(&self.source.name, reference) {
            Some(path) if path.is_file() => modified_on(&path),
            Some(_) => {
                io.show(&format!(
                    "  {}\n",
                    self.style.dim(&format!(
                        "no file `{}` beside the questionnaire yet: kept, and reported as missing until it is there",
                        crate::text::inert(reference)
                    ))
                ));
                None
            }
            None => None,
        };
        let guess = guess_kind(reference);
        let kind_prompt = match guess {
            Some(kind) => format!("  kind [{kind}]: "),
            None => "  kind: law, policy, procedure, … (Enter to leave out): ".to_owned(),
        };
        let kind = ask_until(io, &kind_prompt, |text| match text {
            "" => Ok(guess.map(str::to_owned)),
            "-" => Ok(None),
            text => EVIDENCE_KINDS
                .iter()
                .find(|k| k.eq_ignore_ascii_case(text))
                .map(|k| Some((*k).to_owned()))
                .ok_or_else(|| format!("choose one of {}", EVIDENCE_KINDS.join(", "))),
        })?;
        let date_prompt = match file_date {
            Some(date) => format!("  issued or last reviewed [{date}, the file's date]: "),
            None => "  issued or last reviewed, YYYY-MM-DD (Enter to leave out): ".to_owned(),
        };
        let date = ask_until(io, &date_prompt, |text| match text {
            "" => Ok(file_date.map(|d| d.to_string())),
            "-" => Ok(None),
            text => Date::parse(text)
                .map(|d| Some(d.to_string()))
                .ok_or_else(|| format!("`{text}` is not a real date in YYYY-MM-DD form")),
        })?;
        Some(RawEvidence {
            reference: reference.to_owned(),
            kind,
            date,
            sha256: None,
            title: None,
        })
    }

    fn notes(&self, io: &mut impl Io, current: Option<String>) -> Option<Option<String>> {
        let prompt = match &current {
            Some(notes) => format!("Notes [Enter keeps \"{}\", - clears]: ", shorten(notes, 40)),
            None => "Notes (Enter for none): ".to_owned(),
        };
        let line = io.ask(&prompt)?;
        Some(match line.trim() {
            "" => current,
            "-" => None,
            text => Some(text.to_owned()),
        })
    }

    /// Writes `answer` into the text, checks that the new text validates and changed nothing
    /// but this answer, and saves it.
    fn record(&mut self, io: &mut impl Io, id: &str, answer: RawAnswer) -> Result<(), String> {
        let text =
            answer_edit::set_answer(&self.source.text, self.framework, id, &answer, &self.limits)
                .map_err(|err| err.to_string())?;
        let source = SourceFile::new(self.source.name.clone(), text);
        let loaded = crate::validate::questionnaire::load(&source, self.framework, &self.limits);
        let Some(updated) = loaded.value else {
            let errors: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            return Err(format!(
                "the answer would make the file invalid:\n{}",
                diagnostic::render(&errors, Some(&source), self.style.color)
            ));
        };
        if !only_changed(&self.questionnaire, &updated, id, &answer) {
            return Err(format!(
                "writing {id} would have changed more than its answer (an unusual layout of the \
                 file?); edit this answer in an editor"
            ));
        }
        io.save(&source.text)?;
        self.source = source;
        self.questionnaire = updated;
        Ok(())
    }

    fn stopped(&self, io: &mut impl Io) -> Outcome {
        let name = &self.source.name;
        let text = format!(
            "{} of {} answered and saved in {name}. `dpisafe interview {name}` goes on from the \
             first question without an answer.",
            self.answered(),
            self.total(),
        );
        io.show(&format!(
            "\n{}\n",
            wrap(&text, self.style.wrap_width()).join("\n")
        ));
        Outcome::Stopped {
            answered: self.answered(),
            total: self.total(),
        }
    }

    fn finished(&self, io: &mut impl Io) -> Outcome {
        let open: Vec<&str> = self
            .questions
            .iter()
            .filter(|q| self.value(&q.id).is_none())
            .map(|q| q.id.as_str())
            .collect();
        let name = &self.source.name;
        let mut text = format!(
            "\nThat was the last question: {} of {} answered, saved in {name}.",
            self.answered(),
            self.total()
        );
        if !open.is_empty() {
            text.push_str(&format!(
                " Still open: {}. `dpisafe interview {name}` takes you to them.",
                shorten(&open.join(", "), 60)
            ));
        }
        text.push_str(&format!(" Score it with `dpisafe assess {name}`."));
        let wrapped: Vec<String> = wrap(&text, self.style.wrap_width());
        io.show(&format!("\n{}\n", wrapped.join("\n")));
        Outcome::Finished {
            answered: self.answered(),
            total: self.total(),
        }
    }
}

/// A label and wrapped text in two columns; nothing when the text is empty.
fn labelled(out: &mut String, style: Style, label: &str, text: &str, width: usize) {
    if text.is_empty() {
        return;
    }
    for (i, line) in wrap(text, width.saturating_sub(12)).into_iter().enumerate() {
        let lead = if i == 0 { label } else { "" };
        out.push_str(&format!("  {}{line}\n", style.dim(&format!("{lead:<10}"))));
    }
}

/// The answer already given, in a line.
fn describe(answer: &Answer) -> String {
    let mut parts = vec![answer.value.map_or("", AnswerValue::as_str).to_owned()];
    if let Some(reason) = &answer.reason {
        parts.push(format!("reason \"{}\"", shorten(reason, 40)));
    }
    if !answer.evidence.is_empty() {
        let listed: Vec<&str> = answer
            .evidence
            .iter()
            .map(|e| e.reference.as_str())
            .collect();
        parts.push(format!("evidence {}", shorten(&listed.join(", "), 50)));
    }
    if let Some(notes) = &answer.notes {
        parts.push(format!("notes \"{}\"", shorten(notes, 40)));
    }
    parts.join(" · ")
}

/// The answer as the raw form written to the file.
fn raw(answer: &Answer) -> RawAnswer {
    RawAnswer {
        answer: answer.value,
        evidence: answer
            .evidence
            .iter()
            .map(|e| RawEvidence {
                reference: e.reference.clone(),
                kind: e.kind.clone(),
                date: e.date.map(|d| d.to_string()),
                sha256: e.sha256.clone(),
                title: e.title.clone(),
            })
            .collect(),
        reason: answer.reason.clone(),
        notes: answer.notes.clone(),
    }
}

/// Whether `after` is `before` with only `id`'s answer changed, to exactly `answer`.
fn only_changed(
    before: &Questionnaire,
    after: &Questionnaire,
    id: &str,
    answer: &RawAnswer,
) -> bool {
    let written = after.answer(id).map(raw);
    let same_answer = written.is_some_and(|w| {
        w.answer == answer.answer
            && w.reason == answer.reason
            && w.notes == answer.notes
            && serde_json::to_value(&w.evidence).ok() == serde_json::to_value(&answer.evidence).ok()
    });
    same_answer && without(before, id) == without(after, id)
}

/// A questionnaire as JSON without `id`'s answer and without positions, which move when
/// lines are added above them.
fn without(questionnaire: &Questionnaire, id: &str) -> serde_json::Value {
    let mut value = serde_json::to_value(questionnaire).unwrap_or_default();
    if let Some(answers) = value.get_mut("answers").and_then(|a| a.as_array_mut()) {
        answers.retain(|a| a.get("question").and_then(|q| q.as_str()) != Some(id));
    }
    strip_positions(&mut value);
    value
}

fn strip_positions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.shift_remove("pos");
            map.values_mut().for_each(strip_positions);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_positions),
        _ => {}
    }
}

/// The kind of evidence a reference's name says it is, if one word of it is a kind.
fn guess_kind(reference: &str) -> Option<&'static str> {
    let name = reference
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(reference)
        .to_lowercase();
    let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).collect();
    EVIDENCE_KINDS
        .iter()
        .copied()
        .filter(|k| *k != "other")
        .find(|k| words.contains(k) || words.iter().any(|w| w.strip_suffix('s') == Some(k)))
}

/// The day a file was last changed (UTC), if the system tells.
fn modified_on(path: &std::path::Path) -> Option<Date> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Date::from_days(i64::try_from(secs / 86_400).ok()?))
}

#[cfg(test)]
mod tests;
