//! Checks of a crosswalk file (schema; unique target items; links from items the framework
//! has to items the target has; every target item reached or marked not covered), and the
//! step from raw to validated crosswalk.

use std::collections::HashSet;

use super::questionnaire::Checker;
use crate::crosswalk::raw::RawCrosswalk;
use crate::crosswalk::{Crosswalk, Link, Target, TargetItem};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::framework::Framework;
use crate::source::yaml::Node;
use crate::source::{Limits, SourceFile};
use crate::validate::{self, Validated, schema};

/// The crosswalk format versions this build reads.
pub const SUPPORTED_VERSION: u64 = 1;

/// Parses and validates a crosswalk against `framework`.
pub fn load(source: &SourceFile, framework: &Framework, limits: &Limits) -> Validated<Crosswalk> {
    validate::load_document(
        source,
        &schema::CROSSWALK,
        limits,
        |root, diagnostics| check_references(root, &source.name, framework, diagnostics),
        |raw: RawCrosswalk, _| build(raw),
    )
}

/// The built-in crosswalks, validated against `framework`; the problems of the first that
/// fails (possible only with a custom `--framework` that lacks items they link from).
pub fn embedded(framework: &Framework) -> Result<Vec<Crosswalk>, Vec<Diagnostic>> {
    crate::crosswalk::EMBEDDED
        .iter()
        .map(|(name, text)| {
            let source = SourceFile::new(*name, *text);
            let loaded = load(&source, framework, &Limits::default());
            loaded.value.ok_or(loaded.diagnostics)
        })
        .collect()
}

/// Checks a crosswalk tree: its version, target items and links.
pub fn check_references(
    root: &Node,
    file: &str,
    framework: &Framework,
    diagnostics: &mut Diagnostics,
) {
    let mut checker = Checker {
        file,
        framework,
        diagnostics,
    };
    checker.version(root, "dpisafe_crosswalk", "crosswalk", SUPPORTED_VERSION);
    let mut items: Vec<&str> = Vec::new();
    for item in root.list("items") {
        let Some(id) = item.text("id") else { continue };
        if items.contains(&id.value) {
            checker.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    file,
                    Some(id.pos),
                    format!("the target item `{}` is listed twice", id.value),
                )
                .with_hint("keep one entry per item of the standard"),
            );
        }
        items.push(id.value);
    }
    let mut reached: HashSet<&str> = HashSet::new();
    for link in root.list("links") {
        if let Some(from) = link.text("from")
            && framework.question(from.value).is_none()
        {
            checker.unknown_question(Code::UnknownReference, from.value, from.pos, "link");
        }
        let Some(to) = link.text("to") else { continue };
        if items.contains(&to.value) {
            reached.insert(to.value);
        } else {
            checker.unknown(
                Code::UnknownReference,
                "item of the target",
                crate::validate::tree::Text {
                    value: to.value,
                    pos: to.pos,
                },
                &items,
            );
        }
    }
    for item in root.list("items") {
        let Some(id) = item.text("id") else { continue };
        if !reached.contains(id.value) && item.text("not_covered").is_none() {
            checker.push(
                Diagnostic::error(
                    Code::CrosswalkGap,
                    file,
                    Some(id.pos),
                    format!("no link reaches the target item `{}`", id.value),
                )
                .with_label("unreached")
                .with_hint(
                    "link a question or gender check to it, or add `not_covered:` saying why the \
                     safeguards framework does not cover it",
                ),
            );
        }
    }
}

/// Builds the validated crosswalk from a raw one whose references were checked.
pub fn build(raw: RawCrosswalk) -> Crosswalk {
    let t = raw.target;
    Crosswalk {
        target: Target {
            id: t.id,
            title: t.title,
            owner: t.owner,
            version: t.version,
            url: t.url,
        },
        items: raw
            .items
            .into_iter()
            .map(|i| TargetItem {
                id: i.id,
                title: i.title,
                not_covered: i.not_covered,
            })
            .collect(),
        links: raw
            .links
            .into_iter()
            .map(|l| Link {
                from: l.from,
                to: l.to,
                relation: l.relation,
                rationale: l.rationale,
                confidence: l.confidence,
            })
            .collect(),
    }
}
