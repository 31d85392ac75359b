//! Carrying a questionnaire over to a newer framework version through the framework's alias
//! table, as a set of text edits (see [`span_edit`](crate::questionnaire::span_edit)): the `framework:` reference, the
//! answer keys and the waivers' `question:` values are rewritten where they stand, and every
//! other byte stays as the user wrote it.
//!
//! A framework names the versions it replaces in `metadata.supersedes`. For a file written
//! against one of them, every question alias applies (an old id can be a current id that now
//! means something else). For a file already on the current version, only ids the framework
//! does not know are looked up, so spelling aliases still help. An alias with one target
//! carries over; with several, or an id nobody knows, or two old ids that would become one, the
//! id is left as it was and listed for review. Only question ids appear in a questionnaire, so
//! risk and process aliases play no part here.
//!
//! Files from before `assessed_on` was required get the line added after `framework:`, dated
//! by the caller and marked for the user to correct.

use serde::Serialize;

use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::framework::{AliasKind, Framework};
use crate::questionnaire::span_edit::{self, Edit, EditError};
use crate::source::yaml::Node;
use crate::source::{Limits, Pos, SourceFile, Span};
use crate::validate::schema;

/// The version of the JSON report of `dpisafe migrate --report json`.
pub const MIGRATE_REPORT_VERSION: u32 = 1;

/// Where an id stands in a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Site {
    /// The `framework:` reference.
    Framework,
    /// An answer's key.
    Answer,
    /// A waiver's `question:`.
    Waiver,
}

impl Site {
    /// The word used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Site::Framework => "framework",
            Site::Answer => "answer",
            Site::Waiver => "waiver",
        }
    }
}

/// An id rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carried {
    /// Where it stands.
    pub site: Site,
    /// As it was.
    pub old: String,
    /// As it is now.
    pub new: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// Why an id was left for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The alias table gives several successors.
    Split,
    /// The new framework does not know the id, and no alias covers it.
    Unknown,
    /// Another answer already has (or would get) the same new id.
    Collision,
    /// The id is written in a form migrate does not rewrite (escapes, a block scalar).
    Unwritable,
}

/// An id left as it was, for a person to decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// Where it stands.
    pub site: Site,
    /// The id.
    pub id: String,
    /// Why it was left.
    pub reason: Reason,
    /// The ids it may have become.
    pub candidates: Vec<String>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Review {
    /// What a person should do, in a sentence.
    pub fn advice(&self) -> String {
        let candidates = self.candidates.join("`, `");
        match self.reason {
            Reason::Split if self.site == Site::Waiver => format!(
                "`{}` was split into `{candidates}`: name the one this waiver covers, and copy \
                 the waiver for the others if it covers them too",
                self.id
            ),
            Reason::Split => format!(
                "`{}` was split into `{candidates}`: choose the one this answer answers, and \
                 copy the entry for the others if it answers them too",
                self.id
            ),
            Reason::Unknown => format!(
                "the new framework has no `{}` and no alias for it: move the {} to the question \
                 that replaced it, or remove it",
                self.id,
                self.site.as_str()
            ),
            Reason::Collision => format!(
                "`{}` would become `{candidates}`, which another answer already has: merge the two \
                 answers by hand",
                self.id
            ),
            Reason::Unwritable => format!(
                "`{}` would become `{candidates}`, but it is written in a form migrate does not \
                 edit: write it as plain text and run migrate again",
                self.id
            ),
        }
    }
}

/// What a migration does to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Migration {
    /// Version of this report's format.
    pub dpisafe_migrate: u32,
    /// The file, as named on the command line.
    pub file: String,
    /// The framework reference the file was written against.
    pub from: String,
    /// The framework it is carried over to.
    pub to: String,
    /// Every id rewritten, in file order.
    pub carried_over: Vec<Carried>,
    /// Every id left for a person, in file order.
    pub needs_review: Vec<Review>,
    /// Ids already right for the new framework.
    pub unchanged: usize,
    /// The `assessed_on` date added to a file that had none (absent when it had one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_assessed_on: Option<String>,
    /// The migrated text (not part of the JSON report).
    #[serde(skip)]
    pub text: String,
}

impl Migration {
    /// Whether everything carried over without a person.
    pub fn is_complete(&self) -> bool {
        self.needs_review.is_empty()
    }

    /// One warning per id left for a person, at the id's place in `file`, with the candidates
    /// as its label and the advice as its hint.
    pub fn review_diagnostics(&self, file: &str) -> Vec<Diagnostic> {
        self.needs_review
            .iter()
            .map(|r| {
                Diagnostic::warning(
                    Code::NeedsReview,
                    file,
                    Some(Pos::new(r.line, r.column)),
                    format!("{} `{}` needs review", r.site.as_str(), r.id),
                )
                .with_label(match r.candidates.as_slice() {
                    [] => "unknown to the new framework".to_owned(),
                    several => format!("→ {}", several.join(" or ")),
                })
                .with_hint(r.advice())
            })
            .collect()
    }
}

/// How a file relates to the framework it is carried over to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Written for a version the framework supersedes: every alias applies.
    Superseded,
    /// Written for the framework's own version: only unknown ids are looked up.
    Current,
}

/// What becomes of one id.
enum Fate {
    Keep,
    Rename(String),
    Review(Reason, Vec<String>),
}

/// One id found in the file.
struct Found {
    site: Site,
    id: String,
    pos: Pos,
    span: Span,
    fate: Fate,
}

/// Plans and applies the migration of `source` to `framework`.
///
/// `date` becomes `assessed_on` when the file has none. Errors are diagnostics for the user:
/// an unreadable or misshapen file, or a framework that does not supersede the file's.
pub fn migrate(
    source: &SourceFile,
    framework: &Framework,
    limits: &Limits,
    date: Date,
) -> Result<Migration, Vec<Diagnostic>> {
    let (parsed, diagnostics) = parse(source, limits)?;
    let root = &parsed.root;
    let Some(reference) = root.get("framework") else {
        return Err(diagnostics.into_sorted());
    };
    let from = reference.as_str().unwrap_or_default().to_owned();
    let mode = mode(&source.name, reference, &from, framework)?;
    let mut found = ids(root, framework, mode);
    settle_collisions(&mut found);
    let mut edits = rename_edits(&source.text, &mut found);
    let to = framework.reference();
    let mut carried_over = Vec::new();
    if mode == Mode::Superseded {
        let Some(text) = replacement(&source.text, reference.span, &from, &to) else {
            return Err(vec![cannot(
                &source.name,
                reference.pos,
                "the `framework:` reference is written in a form migrate does not edit".to_owned(),
                "write it as plain text (`framework: <id>@<version>`) and run migrate again",
            )]);
        };
        edits.push(Edit::new(reference.span.range(), text));
        carried_over.push(carried(Site::Framework, &from, &to, reference.pos));
    }
    let added_assessed_on = if root.get("assessed_on").is_none() {
        edits.push(date_line(source, reference, date)?);
        Some(date.to_string())
    } else {
        None
    };
    let text =
        span_edit::apply(&source.text, &edits).map_err(|err| vec![failed(&source.name, &err)])?;
    let (needs_review, unchanged) = sort_out(found, &mut carried_over);
    Ok(Migration {
        dpisafe_migrate: MIGRATE_REPORT_VERSION,
        file: source.name.clone(),
        from,
        to,
        carried_over,
        needs_review,
        unchanged,
        added_assessed_on,
        text,
    })
}

/// The questionnaire's tree, when its shape is right apart from a missing `assessed_on`, and
/// the warnings found on the way.
fn parse(
    source: &SourceFile,
    limits: &Limits,
) -> Result<(crate::validate::Parsed, Diagnostics), Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::default();
    let parsed = crate::validate::parse_and_check_shape(
        source,
        &schema::QUESTIONNAIRE,
        limits,
        &mut diagnostics,
    );
    // Files from before the date was required are what migrate is for: it adds the date.
    diagnostics.retain(|d| !is_missing_date(d));
    match parsed {
        Some(parsed) if !diagnostics.has_errors() => Ok((parsed, diagnostics)),
        _ => Err(diagnostics.into_sorted()),
    }
}

/// The edits that rename ids; an id whose text migrate cannot rewrite in place (a quoted or
/// folded form) is left for review instead.
fn rename_edits(text: &str, found: &mut [Found]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for item in found {
        if let Fate::Rename(new) = &item.fate {
            match replacement(text, item.span, &item.id, new) {
                Some(text) => edits.push(Edit::new(item.span.range(), text)),
                None => item.fate = Fate::Review(Reason::Unwritable, vec![new.clone()]),
            }
        }
    }
    edits
}

/// Adds each renamed id to `carried_over`, and returns the ids left for review and the count
/// of ids kept as they were.
fn sort_out(found: Vec<Found>, carried_over: &mut Vec<Carried>) -> (Vec<Review>, usize) {
    let mut needs_review = Vec::new();
    let mut unchanged = 0;
    for item in found {
        match item.fate {
            Fate::Keep => unchanged += 1,
            Fate::Rename(new) => carried_over.push(carried(item.site, &item.id, &new, item.pos)),
            Fate::Review(reason, candidates) => needs_review.push(Review {
                site: item.site,
                id: item.id,
                reason,
                candidates,
                line: item.pos.line,
                column: item.pos.col,
            }),
        }
    }
    (needs_review, unchanged)
}

/// The schema's complaint about a top-level `assessed_on` missing (`validate::schema` words it).
fn is_missing_date(diagnostic: &Diagnostic) -> bool {
    diagnostic.code == Code::MissingKey
        && diagnostic.message == "the file is missing the required key `assessed_on`"
}

/// An `assessed_on:` line inserted after the `framework:` line, at its indentation, when that
/// line holds nothing but the reference (flow-style files are left for a person).
fn date_line(source: &SourceFile, reference: &Node, date: Date) -> Result<Edit, Vec<Diagnostic>> {
    let text = &source.text;
    let start = reference.span.range().start;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let indent = &line[..line.len() - line.trim_start().len()];
    if !line.trim_start().starts_with("framework:") {
        return Err(vec![cannot(
            &source.name,
            reference.pos,
            "the file has no `assessed_on:`, and migrate only adds it to block-style files"
                .to_owned(),
            "add `assessed_on: YYYY-MM-DD` (the date the answers describe) by hand",
        )]);
    }
    let newline = if line.ends_with('\r') { "\r\n" } else { "\n" };
    let (at, lead) = if line_end == text.len() {
        (line_end, newline)
    } else {
        (line_end + 1, "")
    };
    Ok(Edit::new(
        at..at,
        format!(
            "{lead}{indent}assessed_on: {date}  # added by migrate: correct it to the date the answers describe{newline}"
        ),
    ))
}

fn carried(site: Site, old: &str, new: &str, pos: Pos) -> Carried {
    Carried {
        site,
        old: old.to_owned(),
        new: new.to_owned(),
        line: pos.line,
        column: pos.col,
    }
}

/// Whether the file is on the framework's version or one it supersedes; anything else cannot
/// be migrated by this framework.
fn mode(
    file: &str,
    node: &Node,
    from: &str,
    framework: &Framework,
) -> Result<Mode, Vec<Diagnostic>> {
    let metadata = &framework.metadata;
    let (id, version) = from.split_once('@').unwrap_or((from, ""));
    if id == metadata.id && version == metadata.version {
        return Ok(Mode::Current);
    }
    if id == metadata.id && metadata.supersedes.iter().any(|v| v == version) {
        return Ok(Mode::Superseded);
    }
    let (message, hint) = if id == metadata.id {
        let replaces = if metadata.supersedes.is_empty() {
            "no earlier version".to_owned()
        } else {
            format!("version {}", metadata.supersedes.join(", "))
        };
        (
            format!(
                "the questionnaire answers `{from}`, and {} replaces {replaces}",
                framework.reference()
            ),
            "pass the framework that replaces this version with --framework".to_owned(),
        )
    } else {
        (
            format!(
                "the questionnaire answers `{from}`, a different framework from {}",
                framework.reference()
            ),
            format!(
                "migrate carries answers between versions of one framework; pass a newer `{id}` with --framework"
            ),
        )
    };
    Err(vec![cannot(file, node.pos, message, &hint)])
}

fn cannot(file: &str, pos: Pos, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(Code::CannotMigrate, file, Some(pos), message)
        .with_label("cannot migrate")
        .with_hint(hint.to_owned())
}

/// An edit that would break the file is a fault here, never the user's: say so plainly.
fn failed(file: &str, err: &EditError) -> Diagnostic {
    let pos = match err {
        EditError::Unparsable { pos, .. } => *pos,
        EditError::DuplicateKey { pos, .. } => Some(*pos),
        _ => None,
    };
    Diagnostic::error(
        Code::CannotMigrate,
        file,
        pos,
        format!("the migrated file would not be valid, so nothing was written: {err}"),
    )
    .with_hint("please report this with the file; edit the ids by hand meanwhile")
}

/// Every answer key and waiver question, in file order, with what becomes of it.
fn ids(root: &Node, framework: &Framework, mode: Mode) -> Vec<Found> {
    let mut found = Vec::new();
    if let Some(answers) = root.get("answers") {
        for entry in answers.entries() {
            found.push(Found {
                site: Site::Answer,
                id: entry.key.clone(),
                pos: entry.key_pos,
                span: entry.key_span,
                fate: fate(&entry.key, framework, mode),
            });
        }
    }
    for waiver in root.get("waivers").map_or(&[][..], Node::items) {
        let Some(question) = waiver.entry("question") else {
            continue;
        };
        let Some(id) = question.value.as_str() else {
            continue;
        };
        found.push(Found {
            site: Site::Waiver,
            id: id.to_owned(),
            pos: question.value.pos,
            span: question.value.span,
            fate: fate(id, framework, mode),
        });
    }
    found
}

fn fate(id: &str, framework: &Framework, mode: Mode) -> Fate {
    let known = framework.question(id).is_some();
    if mode == Mode::Current && known {
        return Fate::Keep;
    }
    let alias = framework
        .aliases
        .iter()
        .find(|a| a.kind == AliasKind::Question && a.from == id);
    match alias {
        Some(alias) => match alias.to.as_slice() {
            [one] if one == id => Fate::Keep,
            [one] => Fate::Rename(one.clone()),
            several => Fate::Review(Reason::Split, several.to_vec()),
        },
        None if known => Fate::Keep,
        None => Fate::Review(Reason::Unknown, Vec::new()),
    }
}

/// Two answers may not end up under one key: a rename that would collide is withdrawn (the
/// answer keeps its old id and is listed), until no collision is left.
fn settle_collisions(found: &mut [Found]) {
    loop {
        let finals: Vec<Option<String>> = found
            .iter()
            .map(|f| match (&f.site, &f.fate) {
                (Site::Answer, Fate::Rename(new)) => Some(new.clone()),
                (Site::Answer, _) => Some(f.id.clone()),
                _ => None,
            })
            .collect();
        let clash = found.iter().enumerate().position(|(i, f)| {
            matches!(f.fate, Fate::Rename(_))
                && f.site == Site::Answer
                && finals
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && other.is_some() && *other == finals[i])
        });
        let Some(index) = clash else {
            return;
        };
        if let Fate::Rename(new) = &found[index].fate {
            found[index].fate = Fate::Review(Reason::Collision, vec![new.clone()]);
        }
    }
}

/// The text that replaces an id written at `span`, in the same style (plain, `"…"` or
/// `'…'`); `None` when it is written in any other way.
fn replacement(text: &str, span: Span, old: &str, new: &str) -> Option<String> {
    let written = text.get(span.range())?;
    if written == old {
        return Some(new.to_owned());
    }
    ['"', '\'']
        .into_iter()
        .find(|q| written.len() >= 2 && written.starts_with(*q) && written.ends_with(*q))
        .filter(|q| written[1..written.len() - 1] == *old && !old.contains(*q))
        .filter(|_| !old.contains('\\'))
        .map(|q| format!("{q}{new}{q}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_quoting_of_an_id() {
        let text = "a: F1.Q1\nb: \"F1.Q1\"\nc: 'F1.Q1'\nd: |\n  F1.Q1\n";
        let at = |needle: &str| {
            let start = text.find(needle).expect("present");
            Span {
                start,
                end: start + needle.len(),
            }
        };
        assert_eq!(
            replacement(text, at("F1.Q1"), "F1.Q1", "F1.Q2").as_deref(),
            Some("F1.Q2")
        );
        assert_eq!(
            replacement(text, at("\"F1.Q1\""), "F1.Q1", "F1.Q2").as_deref(),
            Some("\"F1.Q2\"")
        );
        assert_eq!(
            replacement(text, at("'F1.Q1'"), "F1.Q1", "F1.Q2").as_deref(),
            Some("'F1.Q2'")
        );
        assert_eq!(
            replacement(text, at("|\n  F1.Q1\n"), "F1.Q1", "F1.Q2"),
            None
        );
    }
}
