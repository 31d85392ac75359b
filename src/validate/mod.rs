//! Validation: from YAML text to a document whose shape and references are known to be good.
//!
//! Every step pushes [`Diagnostic`](crate::diagnostic::Diagnostic)s and carries on, so a user
//! sees every problem of a file in one run: YAML syntax (the only step that must stop), duplicate
//! keys, the JSON Schema, then cross-references checked on the positioned tree. Only a file
//! without errors is decoded into its raw serde type.

pub mod crosswalk;
pub mod framework;
pub mod plan;
pub mod policy;
pub mod questionnaire;
pub mod read;
pub mod schema;

pub(crate) mod tree;

pub use read::{from_bytes, read};

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::{self, Node, ParseFailure};
use crate::source::{Limits, SourceFile};
use schema::Schema;

/// A parsed document: the positioned tree for diagnostics and its JSON value for the schema
/// check and the typed decode (built once, since large files make it costly).
#[derive(Debug)]
pub struct Parsed {
    /// The tree with a position for every node.
    pub root: Node,
    /// The same document as JSON.
    pub json: serde_json::Value,
}

/// The whole load of a small input (policy, action register, crosswalk): parse and shape,
/// `check` its references on the tree, and only when nothing is wrong decode it and `build`
/// the domain value from the raw one and the tree.
pub fn load_document<R: DeserializeOwned, T>(
    source: &SourceFile,
    schema: &Schema,
    limits: &Limits,
    check: impl FnOnce(&Node, &mut Diagnostics),
    build: impl FnOnce(R, &Node) -> T,
) -> Validated<T> {
    let mut diagnostics = Diagnostics::default();
    let Some(parsed) = parse_and_check_shape(source, schema, limits, &mut diagnostics) else {
        return Validated::new(None, diagnostics);
    };
    check(&parsed.root, &mut diagnostics);
    let value = if diagnostics.has_errors() {
        None
    } else {
        decode::<R>(&parsed, &source.name, &mut diagnostics).map(|raw| build(raw, &parsed.root))
    };
    Validated::new(value, diagnostics)
}

/// Parses `source` and checks it against `schema`.
///
/// Returns the document unless the YAML itself is unreadable; problems go to `diagnostics`.
pub fn parse_and_check_shape(
    source: &SourceFile,
    schema: &Schema,
    limits: &Limits,
    diagnostics: &mut Diagnostics,
) -> Option<Parsed> {
    let parsed = match yaml::parse(&source.text, limits) {
        Ok(parsed) => parsed,
        Err(failure) => {
            diagnostics.push(parse_failure(&source.name, failure));
            return None;
        }
    };
    for duplicate in &parsed.duplicates {
        diagnostics.push(
            Diagnostic::error(
                Code::DuplicateKey,
                &source.name,
                Some(duplicate.pos),
                format!(
                    "the key `{}` appears twice in the same mapping",
                    duplicate.key
                ),
            )
            .with_label("second occurrence")
            .with_hint(format!(
                "the first is at line {}; keep one of them (dpisafe never picks one for you)",
                duplicate.first.line
            )),
        );
    }
    let json = parsed.root.to_json();
    schema.check(&parsed.root, &json, &source.name, diagnostics);
    Some(Parsed {
        root: parsed.root,
        json,
    })
}

fn parse_failure(file: &str, failure: ParseFailure) -> Diagnostic {
    match failure {
        ParseFailure::Syntax { message, pos } => {
            let hint = syntax_hint(&message);
            Diagnostic::error(
                Code::YamlSyntax,
                file,
                pos,
                format!("invalid YAML: {message}"),
            )
            .with_hint(hint)
        }
        ParseFailure::ComplexKey { pos } => Diagnostic::error(
            Code::YamlSyntax,
            file,
            Some(pos),
            "a mapping key must be plain text, not a list or mapping",
        )
        .with_hint("write keys as plain text such as `answer:`"),
    }
}

fn syntax_hint(message: &str) -> String {
    let lower = message.to_lowercase();
    if lower.contains("budget") || lower.contains("alias") {
        "the file expands beyond dpisafe's limits (nodes, depth or aliases); \
         questionnaires never need that many"
            .to_owned()
    } else if lower.contains("tab") {
        "indent with spaces; YAML does not allow tabs for indentation".to_owned()
    } else if lower.contains("quot") {
        "check that every quote is closed on the same value".to_owned()
    } else {
        "check the indentation and punctuation around this place".to_owned()
    }
}

/// Decodes a checked tree into its raw serde type; a failure here means the schema and the
/// types disagree, which the schema drift test is there to prevent.
pub fn decode<T: DeserializeOwned>(
    parsed: &Parsed,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    match T::deserialize(&parsed.json) {
        Ok(value) => Some(value),
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                Code::InvalidValue,
                file,
                Some(parsed.root.pos),
                format!("the document does not fit the expected format: {err}"),
            ));
            None
        }
    }
}

/// The result of validating one document: the value when there are no errors, and every
/// diagnostic (warnings included) sorted by position.
#[derive(Debug, Clone)]
pub struct Validated<T> {
    /// The validated value; `None` when any diagnostic is an error.
    pub value: Option<T>,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}

impl<T> Validated<T> {
    /// Wraps a value (kept only when `diagnostics` hold no error).
    pub fn new(value: Option<T>, diagnostics: Diagnostics) -> Self {
        let failed = diagnostics.has_errors();
        Self {
            value: if failed { None } else { value },
            diagnostics: diagnostics.into_sorted(),
        }
    }
}
