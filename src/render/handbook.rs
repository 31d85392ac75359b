//! The framework as a handbook people read: principles (kind, weight, description), risks
//! (family, what mitigates them), questions (text, guidance, evidence, where they apply),
//! gender checks and processes, with a table of contents and the framework's attribution.
//!
//! One [`Handbook`] view is built from a [`Framework`] in Rust, with every cross-reference
//! already resolved to names, so the Markdown, HTML and Typst templates only lay it out and
//! say the same thing. The templates are embedded; their values are escaped as in reports.

use minijinja::value::{Serde, Value};
use serde::Serialize;

use super::templates::{self, TemplateError};
use super::view::Fact;
use crate::framework::{Framework, Named, Principle, Process, Question, QuestionKind, Risk};

/// The Markdown handbook template's file name.
pub const MARKDOWN: &str = "handbook.md.j2";
/// The HTML handbook template's file name.
pub const HTML: &str = "handbook.html.j2";
/// The Typst handbook template's file name.
pub const TYPST: &str = "handbook.typ";

const MARKDOWN_SOURCE: &str = include_str!("../../templates/handbook.md.j2");
const HTML_SOURCE: &str = include_str!("../../templates/handbook.html.j2");
#[cfg(feature = "pdf")]
const TYPST_SOURCE: &str = include_str!("../../templates/handbook.typ");

/// Everything a handbook template reads.
#[derive(Debug, Clone, Serialize)]
pub struct Handbook {
    /// The framework's title.
    pub title: String,
    /// Version, publisher and publication date on one line.
    pub subtitle: String,
    /// Name, version and licence, as report footers give them.
    pub framework: String,
    /// `<id>@<version>`, as questionnaires name the framework.
    pub reference: String,
    /// Publisher, publication, source, licence and what the data holds.
    pub facts: Vec<Fact>,
    /// How to attribute the framework.
    pub attribution: String,
    /// Address of the licence text.
    pub licence_url: String,
    /// The same address when it is a web address, for a link (empty otherwise, so a
    /// `javascript:` address in a custom framework never becomes a link).
    pub licence_href: String,
    /// The publication date as written in the framework (`YYYY-MM`).
    pub date: String,
    /// The tool and its version.
    pub tool: String,
    /// Building blocks a deployment can declare.
    pub building_blocks: Vec<Fact>,
    /// Life-cycle stages, in order.
    pub stages: Vec<Entry>,
    /// Responsible authorities.
    pub authorities: Vec<Entry>,
    /// How answers become scores, in short.
    pub scoring: Vec<Fact>,
    /// Principles, in framework order, each with its questions and processes.
    pub principles: Vec<PrincipleEntry>,
    /// Risks, in framework order, each with what mitigates it.
    pub risks: Vec<RiskEntry>,
    /// Gender checks, grouped as the framework groups them.
    pub gender_groups: Vec<GenderGroup>,
    /// Number of gender checks asked in their own words.
    pub gender_check_count: usize,
    /// Number of gender checks that reuse a question.
    pub reused_check_count: usize,
    /// The works the gender checks cite, in the framework's order.
    pub sources: Vec<SourceEntry>,
}

/// A work cited by the gender checks.
#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    /// Its key, as checks cite it.
    pub key: String,
    /// HTML anchor.
    pub anchor: String,
    /// Title, publisher, year and address.
    pub citation: String,
    /// Whether the research notes confirm the citation.
    pub verified: bool,
    /// What could not be confirmed, or other remarks.
    pub note: String,
}

/// A stage or an authority.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// What it is.
    pub summary: String,
}

/// A link to another entry of the handbook.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The id shown.
    pub id: String,
    /// The HTML anchor of the entry.
    pub anchor: String,
}

/// A principle with everything scored under it.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleEntry {
    /// Identifier (`F8`).
    pub id: String,
    /// Name.
    pub name: String,
    /// HTML anchor.
    pub anchor: String,
    /// GitHub-style anchor of its Markdown heading.
    pub md_anchor: String,
    /// `foundational` or `operational`.
    pub kind: String,
    /// Weight of its kind in the overall score.
    pub weight: String,
    /// What the principle asks for.
    pub summary: String,
    /// How much of the official text the summary rests on.
    pub text_source: String,
    /// Kinds of international support that fit a shortfall here.
    pub support: String,
    /// Its questions, in framework order.
    pub questions: Vec<QuestionEntry>,
    /// Gender checks that score under it.
    pub gender_checks: Vec<Link>,
    /// The framework's processes under it.
    pub processes: Vec<ProcessEntry>,
    /// How many processes the framework is known to have here, as a sentence.
    pub processes_note: String,
    /// Why none of its questions is critical, when none is.
    pub no_critical_reason: String,
}

/// A question or a gender check.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionEntry {
    /// Identifier (`F8.Q2`, `G-DATA-01`).
    pub id: String,
    /// HTML anchor.
    pub anchor: String,
    /// The question.
    pub text: String,
    /// What yes, partial and no look like (empty for gender checks).
    pub guidance: String,
    /// The evidence to ask for.
    pub evidence: Vec<String>,
    /// Whether a `no` caps scores.
    pub critical: bool,
    /// Weight inside its principle.
    pub weight: String,
    /// The building blocks it applies to, by name.
    pub blocks: String,
    /// From which stage it applies, and where evidence is expected.
    pub stages: String,
    /// The authorities who answer for it.
    pub authorities: String,
    /// The risks it mitigates.
    pub risks: Vec<Link>,
    /// Related processes.
    pub processes: String,
    /// The principles it maps to (the first scores it).
    pub principles: Vec<Link>,
    /// Sources behind a gender check.
    pub sources: String,
    /// What to do when the answer falls short.
    pub action: String,
    /// Why no process of its principle fits, when none does.
    pub process_note: String,
    /// For a gender check that reuses a question: that question (empty otherwise).
    pub same_as: String,
    /// The HTML anchor of that question.
    pub same_as_anchor: String,
    /// For a question: the gender checks that reuse it, comma-separated.
    pub also_counts_as: String,
}

/// A framework process.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessEntry {
    /// Its key (`F4.10a`).
    pub key: String,
    /// Short title.
    pub title: String,
    /// Risks it mitigates, as ids.
    pub risks: String,
    /// Where it is placed: authority and stage pairs, by name.
    pub placements: String,
}

/// A risk and what mitigates it.
#[derive(Debug, Clone, Serialize)]
pub struct RiskEntry {
    /// Identifier (`RS3`).
    pub id: String,
    /// Name.
    pub name: String,
    /// HTML anchor.
    pub anchor: String,
    /// GitHub-style anchor of its Markdown heading.
    pub md_anchor: String,
    /// Its family.
    pub family: String,
    /// What the risk is.
    pub summary: String,
    /// How much of the official text the summary rests on.
    pub text_source: String,
    /// Questions that mitigate it.
    pub questions: Vec<Link>,
    /// Gender checks that mitigate it.
    pub gender_checks: Vec<Link>,
    /// Framework processes that mitigate it, as keys.
    pub processes: String,
}

/// The gender checks of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GenderGroup {
    /// The group (`DATA`, `ACCESS`, …).
    pub group: String,
    /// HTML anchor.
    pub anchor: String,
    /// GitHub-style anchor of its Markdown heading.
    pub md_anchor: String,
    /// Its checks.
    pub checks: Vec<QuestionEntry>,
}

/// Builds the handbook view of a framework.
pub fn build(framework: &Framework) -> Handbook {
    let meta = &framework.metadata;
    let gender: Vec<&Question> = framework
        .questions
        .iter()
        .filter(|q| q.is_gender())
        .collect();
    let all_checks: Vec<&Question> = gender
        .iter()
        .copied()
        .chain(&framework.reused_checks)
        .collect();
    Handbook {
        title: meta.title.clone(),
        subtitle: format!(
            "Version {} · {} · published {}",
            meta.version, meta.publisher, meta.published
        ),
        framework: format!("{} v{} ({})", meta.title, meta.version, meta.licence),
        reference: framework.reference(),
        facts: facts(framework),
        attribution: meta.attribution.clone(),
        licence_url: meta.licence_url.clone(),
        licence_href: web_address(&meta.licence_url),
        date: meta.published.clone(),
        tool: format!("dpisafe {}", env!("CARGO_PKG_VERSION")),
        building_blocks: meta
            .building_blocks
            .iter()
            .map(|b| Fact::new(&b.id, b.name.clone()))
            .collect(),
        stages: framework.stages.iter().map(entry).collect(),
        authorities: framework.authorities.iter().map(entry).collect(),
        scoring: scoring(framework),
        principles: framework
            .principles
            .iter()
            .map(|p| principle(framework, p))
            .collect(),
        risks: framework.risks.iter().map(|r| risk(framework, r)).collect(),
        gender_groups: gender_groups(framework, &all_checks),
        gender_check_count: gender.len(),
        reused_check_count: framework.reused_checks.len(),
        sources: source_entries(framework),
    }
}

/// The handbook's table of facts about the framework: who published it, when, under which
/// licence, and what it holds.
fn facts(framework: &Framework) -> Vec<Fact> {
    let meta = &framework.metadata;
    let gender = framework.questions.iter().filter(|q| q.is_gender()).count();
    let question_count = framework.questions.len() - gender;
    vec![
        Fact::new("Publisher", meta.publisher.clone()),
        Fact::new("Published", meta.published.clone()),
        Fact::new("Source", meta.source.clone()),
        Fact::new(
            "Licence",
            format!("{} ({})", meta.licence, meta.licence_url),
        ),
        Fact::new("Questionnaires name it", framework.reference()),
        Fact::new(
            "Contents",
            format!(
                "{} principles, {} risks, {} questions, {} gender checks{}, {} processes",
                framework.principles.len(),
                framework.risks.len(),
                question_count,
                gender,
                match framework.reused_checks.len() {
                    0 => String::new(),
                    n => format!(" ({n} more reuse a question)"),
                },
                framework.processes.len()
            ),
        ),
    ]
}

/// Every cited work, with its anchor and full citation.
fn source_entries(framework: &Framework) -> Vec<SourceEntry> {
    framework
        .sources
        .iter()
        .map(|s| SourceEntry {
            key: s.key.clone(),
            anchor: anchor("source-", &s.key),
            citation: framework.citation(&crate::framework::SourceRef {
                key: s.key.clone(),
                at: None,
            }),
            verified: s.verified,
            note: s.note.clone().unwrap_or_default(),
        })
        .collect()
}

/// The Markdown handbook.
pub fn markdown(framework: &Framework) -> Result<String, TemplateError> {
    render(MARKDOWN, MARKDOWN_SOURCE, &build(framework))
}

/// The HTML handbook: one file with inline CSS, no scripts and no requests.
pub fn html(framework: &Framework) -> Result<String, TemplateError> {
    render(HTML, HTML_SOURCE, &build(framework))
}

/// The PDF handbook, laid out by Typst. Its date is the framework's publication date, so the
/// same framework gives the same bytes.
#[cfg(feature = "pdf")]
pub fn pdf(
    framework: &Framework,
    paper: super::pdf::Paper,
    fonts: &super::pdf::Fonts,
) -> Result<super::pdf::Typeset, TemplateError> {
    let origin = format!("templates/{TYPST}");
    let date =
        crate::framework::published_date(&framework.metadata.published).ok_or_else(|| {
            TemplateError {
                file: origin.clone(),
                line: None,
                message: format!(
                    "the framework's `published` ({}) is not a YYYY-MM or YYYY-MM-DD date",
                    framework.metadata.published
                ),
            }
        })?;
    let input = super::pdf::PdfInput {
        template: TYPST_SOURCE,
        data_json: super::pdf::data_json(&origin, &build(framework))?,
        files: Vec::new(),
        paper,
        date: (date.year(), date.month(), date.day()),
    };
    super::pdf::render(input, fonts).map_err(|err| err.in_template(&origin))
}

fn render(name: &str, source: &str, handbook: &Handbook) -> Result<String, TemplateError> {
    let fail = |err: minijinja::Error| TemplateError {
        file: format!("templates/{name}"),
        line: err.line(),
        message: templates::describe(&err),
    };
    let mut env = templates::environment();
    env.add_template_owned(name.to_owned(), source.to_owned())
        .map_err(fail)?;
    let template = env.get_template(name).map_err(fail)?;
    template
        .render(minijinja::context! { book => Value::from(Serde(handbook)) })
        .map_err(fail)
}

fn entry(named: &Named) -> Entry {
    Entry {
        id: named.id.clone(),
        name: named.name.clone(),
        summary: named.summary.clone(),
    }
}

fn scoring(framework: &Framework) -> Vec<Fact> {
    let rules = &framework.scoring;
    let credit = |answer: &str| {
        rules
            .credits
            .get(answer)
            .map_or_else(|| "—".to_owned(), |c| number(*c))
    };
    let bands = rules
        .bands
        .iter()
        .map(|b| format!("{} from {}", b.label, number(b.min)))
        .collect::<Vec<_>>()
        .join(", ");
    let kind_weights = rules
        .principle_kind_weights
        .iter()
        .map(|(kind, w)| format!("{kind} {}", number(*w)))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        Fact {
            label: "Answer credits".to_owned(),
            value: format!(
                "yes {}, partial {}, no {}; n/a leaves the question out",
                credit("yes"),
                credit("partial"),
                credit("no")
            ),
        },
        Fact {
            label: "Bands".to_owned(),
            value: bands,
        },
        Fact {
            label: "Critical no".to_owned(),
            value: format!(
                "caps its principle at {} and the overall score at {}",
                number(rules.caps.critical_no_principle),
                number(rules.caps.critical_no_overall)
            ),
        },
        Fact {
            label: "Principle weights".to_owned(),
            value: format!("{kind_weights} (by kind, in the overall score)"),
        },
        Fact {
            label: "Evidence".to_owned(),
            value: format!(
                "stale when older than {} days on the assessment date",
                rules.evidence_max_age_days
            ),
        },
    ]
}

fn principle(framework: &Framework, p: &Principle) -> PrincipleEntry {
    let (gender, questions): (Vec<&Question>, Vec<&Question>) = framework
        .questions
        .iter()
        .filter(|q| q.principle == p.id)
        .partition(|q| q.is_gender());
    let processes: Vec<&Process> = framework
        .processes
        .iter()
        .filter(|pr| pr.principle == p.id)
        .collect();
    let support = p
        .support
        .iter()
        .map(|id| framework.support_label(id))
        .collect::<Vec<_>>()
        .join(", ");
    PrincipleEntry {
        id: p.id.clone(),
        name: p.name.clone(),
        anchor: anchor("principle-", &p.id),
        md_anchor: github_slug(&format!("{} {}", p.id, p.name)),
        kind: p.kind.as_str().to_owned(),
        weight: framework
            .scoring
            .principle_kind_weights
            .get(p.kind.as_str())
            .map_or_else(|| "1".to_owned(), |w| number(*w)),
        summary: p.summary.clone(),
        text_source: p.text_source.label().to_owned(),
        support,
        questions: questions.iter().map(|q| question(framework, q)).collect(),
        gender_checks: gender.iter().map(|q| link("q-", &q.id)).collect(),
        processes_note: processes_note(p, processes.len()),
        no_critical_reason: p.no_critical_reason.clone().unwrap_or_default(),
        processes: processes.iter().map(|pr| process(framework, pr)).collect(),
    }
}

fn processes_note(p: &Principle, held: usize) -> String {
    match (held, p.processes_known_up_to) {
        (0, 0) => "No process of this principle is held in the data.".to_owned(),
        (_, 0) => format!("The data holds {held} of this principle's processes."),
        (_, known) => format!(
            "The data holds {held} of this principle's processes; the framework numbers them up to at least {}.{known}.",
            p.id
        ),
    }
}

fn process(framework: &Framework, p: &Process) -> ProcessEntry {
    let placements = p
        .placements
        .iter()
        .map(|(authority, stage)| {
            let stage = named(stage, framework.stage(stage));
            match authority {
                Some(a) => format!("{} at {stage}", named(a, framework.authority(a))),
                None => stage,
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    ProcessEntry {
        key: p.key.clone(),
        title: p.title.clone(),
        risks: p.risks.join(", "),
        placements,
    }
}

fn question(framework: &Framework, q: &Question) -> QuestionEntry {
    let blocks = blocks(framework, q);
    let authorities = authorities(framework, q);
    let sources = sources(q);
    let same_as = q.same_as().unwrap_or_default().to_owned();
    let text = match framework.question(&same_as) {
        Some(asked) => asked.text.clone(),
        None => q.text.clone(),
    };
    QuestionEntry {
        id: q.id.clone(),
        anchor: anchor("q-", &q.id),
        action: q.action.clone(),
        process_note: q.process_note.clone().unwrap_or_default(),
        same_as_anchor: if same_as.is_empty() {
            String::new()
        } else {
            anchor("q-", &same_as)
        },
        same_as,
        also_counts_as: framework
            .checks_reusing(&q.id)
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        text,
        guidance: q.guidance.clone(),
        evidence: q.evidence.clone(),
        critical: q.critical,
        weight: q.weight.to_string(),
        blocks,
        stages: stages(framework, q),
        authorities,
        risks: q.risks.iter().map(|r| link("risk-", r)).collect(),
        processes: q.processes.join(", "),
        principles: q.principles.iter().map(|p| link("principle-", p)).collect(),
        sources,
    }
}

/// The building blocks a question applies to, by name; "every building block" for `any`.
fn blocks(framework: &Framework, q: &Question) -> String {
    if q.building_blocks.iter().any(|b| b == "any") {
        "every building block".to_owned()
    } else {
        q.building_blocks
            .iter()
            .map(|id| {
                framework
                    .metadata
                    .building_blocks
                    .iter()
                    .find(|b| &b.id == id)
                    .map_or_else(|| id.clone(), |b| b.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The authorities a question is put to, by name; "any" when it names none.
fn authorities(framework: &Framework, q: &Question) -> String {
    if q.authorities.is_empty() {
        "any".to_owned()
    } else {
        q.authorities
            .iter()
            .map(|a| named(a, framework.authority(a)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A gender check's sources with their pages; empty for a safeguard question.
fn sources(q: &Question) -> String {
    match &q.kind {
        QuestionKind::Gender { sources, .. } => sources
            .iter()
            .map(|s| match &s.at {
                Some(at) => format!("{} ({at})", s.key),
                None => s.key.clone(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        QuestionKind::Safeguard => String::new(),
    }
}

/// "From L2 Strategy and Design (evidence expected at L2, L4)".
fn stages(framework: &Framework, q: &Question) -> String {
    match framework.earliest_stage(&q.stages) {
        Some(first) => format!(
            "from {} (evidence expected at {})",
            named(first, framework.stage(first)),
            q.stages.join(", ")
        ),
        None => "every stage".to_owned(),
    }
}

fn risk(framework: &Framework, r: &Risk) -> RiskEntry {
    let (gender, questions): (Vec<&Question>, Vec<&Question>) = framework
        .questions_for_risk(&r.id)
        .into_iter()
        .partition(|q| q.is_gender());
    RiskEntry {
        id: r.id.clone(),
        name: r.name.clone(),
        anchor: anchor("risk-", &r.id),
        md_anchor: github_slug(&format!("{} {}", r.id, r.name)),
        family: r.category.label().to_owned(),
        summary: r.summary.clone(),
        text_source: r.text_source.label().to_owned(),
        questions: questions.iter().map(|q| link("q-", &q.id)).collect(),
        gender_checks: gender.iter().map(|q| link("q-", &q.id)).collect(),
        processes: framework
            .processes_for_risk(&r.id)
            .iter()
            .map(|p| p.key.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn gender_groups(framework: &Framework, checks: &[&Question]) -> Vec<GenderGroup> {
    let mut groups: Vec<GenderGroup> = Vec::new();
    for check in checks {
        let QuestionKind::Gender { group, .. } = &check.kind else {
            continue;
        };
        let entry = question(framework, check);
        match groups.iter_mut().find(|g| &g.group == group) {
            Some(existing) => existing.checks.push(entry),
            None => groups.push(GenderGroup {
                group: group.clone(),
                anchor: anchor("group-", group),
                md_anchor: github_slug(&format!("{group} checks")),
                checks: vec![entry],
            }),
        }
    }
    groups
}

fn named(id: &str, item: Option<&Named>) -> String {
    match item {
        Some(item) => format!("{id} {}", item.name),
        None => id.to_owned(),
    }
}

fn link(prefix: &str, id: &str) -> Link {
    Link {
        id: id.to_owned(),
        anchor: anchor(prefix, id),
    }
}

/// An HTML id for a framework id: a prefix per kind (so no id can clash with a section's), then
/// the id in lower case with anything but letters and digits as `-`.
fn anchor(prefix: &str, id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}{id}")
}

/// The anchor GitHub and most Markdown renderers give a heading: lower case, spaces as `-`,
/// punctuation dropped.
pub fn github_slug(heading: &str) -> String {
    heading
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' => Some(c),
            _ => None,
        })
        .collect()
}

fn web_address(url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        url.to_owned()
    } else {
        String::new()
    }
}

/// A weight or threshold without a trailing `.0`.
fn number(value: f64) -> String {
    let text = format!("{value}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{github_slug, number};

    #[test]
    fn slugs_follow_the_markdown_renderers() {
        assert_eq!(github_slug("F8 Grievance redress"), "f8-grievance-redress");
        assert_eq!(
            github_slug("O3 Open, fair (and safe)"),
            "o3-open-fair-and-safe"
        );
        assert_eq!(number(1.0), "1");
        assert_eq!(number(1.5), "1.5");
    }
}
