//! JSON Schema checks of a parsed YAML document, with each error placed on its YAML line.
//!
//! The schemas in `schemas/` are generated from the raw serde types (see
//! `schema::generate`, the registry of every format) and embedded in the binary; a test fails
//! when the committed files and the types drift apart.
//! jsonschema reports JSON pointers, and the positioned YAML tree turns them into
//! file:line:col.

use std::sync::OnceLock;

use jsonschema::Validator;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Pos;
use crate::source::yaml::Node;
use crate::text::did_you_mean;

/// An embedded JSON Schema, compiled the first time it is used.
pub struct Schema {
    noun: &'static str,
    text: &'static str,
    compiled: OnceLock<Compiled>,
}

/// The framework file's schema.
pub static FRAMEWORK: Schema = Schema::new(
    "framework",
    include_str!("../../schemas/framework.schema.json"),
);
/// The questionnaire's schema.
pub static QUESTIONNAIRE: Schema = Schema::new(
    "questionnaire",
    include_str!("../../schemas/questionnaire.schema.json"),
);
/// The policy file's schema.
pub static POLICY: Schema = Schema::new("policy", include_str!("../../schemas/policy.schema.json"));
/// A crosswalk's schema.
pub static CROSSWALK: Schema = Schema::new(
    "crosswalk",
    include_str!("../../schemas/crosswalk.schema.json"),
);
/// The action register's schema.
pub static PLAN: Schema = Schema::new("plan", include_str!("../../schemas/plan.schema.json"));

struct Compiled {
    schema: Value,
    validator: Validator,
}

impl Compiled {
    fn new(text: &str) -> Self {
        let schema: Value =
            serde_json::from_str(text).expect("invariant: embedded schemas are valid JSON");
        let validator = jsonschema::draft202012::options()
            .build(&schema)
            .expect("invariant: embedded schemas compile");
        Self { schema, validator }
    }
}

impl Schema {
    /// A schema named `noun` in messages, from its text.
    pub const fn new(noun: &'static str, text: &'static str) -> Self {
        Self {
            noun,
            text,
            compiled: OnceLock::new(),
        }
    }

    /// The schema text, as `dpisafe schema` prints it.
    pub fn text(&self) -> &'static str {
        self.text
    }

    /// What the document is called in messages.
    pub fn noun(&self) -> &'static str {
        self.noun
    }

    /// Checks a JSON value (such as a baseline result) against this schema, returning the
    /// first few problems as `pointer: message` lines.
    pub fn check_json(&self, value: &Value) -> Vec<String> {
        self.compiled()
            .validator
            .iter_errors(value)
            .take(5)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    /// Starts compiling this schema on a thread of its own, so that the work overlaps what the
    /// caller does before its first check (decoding the framework, parsing the YAML). Compiling
    /// includes jsonschema's check of the schema against its meta-schema, which the crate
    /// offers no way to skip. Nothing is lost if the thread cannot start: the first check then
    /// compiles it, and a check that comes early waits for the thread rather than compiling twice.
    pub fn prepare(&'static self) {
        if self.compiled.get().is_some() {
            return;
        }
        let spawned = std::thread::Builder::new()
            .name(format!("{}-schema", self.noun))
            .spawn(move || {
                self.compiled();
            });
        drop(spawned);
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| Compiled::new(self.text))
    }

    /// Checks `root` against this schema, pushing one diagnostic per problem.
    pub fn check(&self, root: &Node, instance: &Value, file: &str, diagnostics: &mut Diagnostics) {
        let compiled = self.compiled();
        for error in compiled.validator.iter_errors(instance) {
            let pointer = error.instance_path().as_str().to_owned();
            let context = ErrorContext {
                noun: self.noun,
                schema: &compiled.schema,
                root,
                file,
                pointer: &pointer,
                instance: error.instance(),
            };
            for diagnostic in context.describe(error.kind()) {
                diagnostics.push(diagnostic);
            }
        }
    }
}

struct ErrorContext<'a> {
    noun: &'static str,
    schema: &'a Value,
    root: &'a Node,
    file: &'a str,
    pointer: &'a str,
    instance: &'a Value,
}

impl ErrorContext<'_> {
    fn describe(&self, kind: &ValidationErrorKind) -> Vec<Diagnostic> {
        let at = self.value_pos();
        let path = self.path(self.pointer);
        let invalid =
            |message: String| Diagnostic::error(Code::InvalidValue, self.file, Some(at), message);
        let one = |d: Diagnostic| vec![d];
        match kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                unexpected.iter().map(|key| self.unknown_key(key)).collect()
            }
            ValidationErrorKind::Required { property } => {
                one(self.missing_key(property.as_str().unwrap_or_default(), &path))
            }
            ValidationErrorKind::Type { kind } => one(self.wrong_type(kind, &path)),
            ValidationErrorKind::Enum { options } => one(self.not_one_of(options)),
            ValidationErrorKind::Pattern { pattern } => one(self.pattern_mismatch(pattern)),
            ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MinItems { .. } => {
                one(invalid(format!("`{path}` must not be empty"))
                    .with_hint("fill it in, or remove the key if it is optional"))
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => one(invalid(format!(
                "`{path}` is {}, below the minimum of {limit}",
                self.instance
            ))
            .with_hint(format!("use a value of at least {limit}"))),
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => one(invalid(format!(
                "`{path}` is {}, above the maximum of {limit}",
                self.instance
            ))
            .with_hint(format!("use a value of at most {limit}"))),
            other => one(
                invalid(format!("`{path}`: {}", other_message(other, self.instance)))
                    .with_hint(format!("see `dpisafe schema {}` for the format", self.noun)),
            ),
        }
    }

    fn missing_key(&self, key: &str, path: &str) -> Diagnostic {
        Diagnostic::error(
            Code::MissingKey,
            self.file,
            Some(self.key_pos()),
            if self.pointer.is_empty() {
                format!("the file is missing the required key `{key}`")
            } else {
                format!("`{path}` is missing the required key `{key}`")
            },
        )
        .with_label(format!("add `{key}:` here"))
        .with_hint(self.required_hint(key))
    }

    fn wrong_type(&self, kind: &TypeKind, path: &str) -> Diagnostic {
        Diagnostic::error(
            Code::WrongType,
            self.file,
            Some(self.value_pos()),
            format!(
                "`{path}` should be {}, not {}",
                expected_types(kind),
                describe_value(self.instance)
            ),
        )
        .with_label(format!("expected {}", expected_types(kind)))
        .with_hint(type_hint(kind))
    }

    /// The pointer as a readable path, naming list items by their `id` or `key` when they have
    /// one (`questions[F1.Q1]/weight` rather than `questions/0/weight`).
    fn path(&self, pointer: &str) -> String {
        if pointer.is_empty() {
            return display_path(pointer);
        }
        let mut shown = String::new();
        let mut prefix = String::new();
        for token in pointer.split('/').skip(1) {
            prefix.push('/');
            prefix.push_str(token);
            let item_id = token
                .parse::<usize>()
                .ok()
                .and_then(|_| self.root.locate(&prefix))
                .and_then(|found| found.node.text("id").or_else(|| found.node.text("key")))
                .map(|text| text.value.to_owned());
            match item_id {
                Some(id) => shown.push_str(&format!("[{id}]")),
                None => {
                    if !shown.is_empty() {
                        shown.push('/');
                    }
                    shown.push_str(&token.replace("~1", "/").replace("~0", "~"));
                }
            }
        }
        shown
    }

    fn value_pos(&self) -> Pos {
        self.root
            .locate(self.pointer)
            .map_or(self.root.pos, |found| found.node.pos)
    }

    /// The key that introduces the node at the pointer (or the node itself at the root).
    fn key_pos(&self) -> Pos {
        self.root
            .locate(self.pointer)
            .map_or(self.root.pos, |found| {
                found.entry.map_or(found.node.pos, |entry| entry.key_pos)
            })
    }

    fn unknown_key(&self, key: &str) -> Diagnostic {
        let child = format!(
            "{}/{}",
            self.pointer,
            key.replace('~', "~0").replace('/', "~1")
        );
        let pos = self
            .root
            .locate(&child)
            .and_then(|found| found.entry.map(|entry| entry.key_pos))
            .unwrap_or_else(|| self.value_pos());
        let allowed = allowed_keys(self.schema, self.pointer);
        let container = self.path(self.pointer);
        let mut diagnostic = Diagnostic::error(
            Code::UnknownKey,
            self.file,
            Some(pos),
            format!("unknown key `{key}` in `{container}`"),
        )
        .with_label("not part of the format");
        let hint = match did_you_mean(key, allowed.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None if allowed.is_empty() => "remove it".to_owned(),
            None => format!("allowed keys here: {}", allowed.join(", ")),
        };
        diagnostic = diagnostic.with_hint(hint);
        diagnostic
    }

    fn required_hint(&self, key: &str) -> String {
        match (self.pointer, key) {
            ("", "dpisafe") => "start the file with `dpisafe: 1`".to_owned(),
            ("", "framework") => "add `framework: universal-dpi-safeguards@1.0`".to_owned(),
            ("", "assessed_on") => "add the date the answers describe, for example \
                                     `assessed_on: 2026-10-01`: reports, portfolios and evidence \
                                     ages are dated by it"
                .to_owned(),
            (_, "stage") => "add the life-cycle stage, for example `stage: L4`".to_owned(),
            (_, "expires") => {
                "waivers need an expiry date, for example `expires: 2027-01-31`".to_owned()
            }
            _ => format!("add `{key}:` with a value"),
        }
    }

    fn not_one_of(&self, options: &Value) -> Diagnostic {
        let path = self.path(self.pointer);
        let choices: Vec<String> = options
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let found = describe_value(self.instance);
        let hint = self
            .instance
            .as_str()
            .and_then(|given| did_you_mean(given, choices.iter().map(String::as_str)))
            .map_or_else(
                || format!("use one of: {}", choices.join(", ")),
                |best| format!("did you mean `{best}`? (choices: {})", choices.join(", ")),
            );
        Diagnostic::error(
            Code::InvalidValue,
            self.file,
            Some(self.value_pos()),
            format!("`{path}` cannot be {found}"),
        )
        .with_label("not an allowed value")
        .with_hint(hint)
    }

    fn pattern_mismatch(&self, pattern: &str) -> Diagnostic {
        let path = self.path(self.pointer);
        let found = describe_value(self.instance);
        let (code, expected, hint) = pattern_meaning(pattern);
        Diagnostic::error(
            code,
            self.file,
            Some(self.value_pos()),
            format!("`{path}` should be {expected}, not {found}"),
        )
        .with_label(format!("expected {expected}"))
        .with_hint(hint)
    }
}

/// What a pattern of our schemas means, in words.
fn pattern_meaning(pattern: &str) -> (Code, &'static str, String) {
    match pattern {
        r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => (
            Code::InvalidDate,
            "a date",
            "write dates as YYYY-MM-DD, for example 2026-10-01".to_owned(),
        ),
        "^[A-Z]{2}$" => (
            Code::InvalidValue,
            "a two-letter country code",
            "use the ISO 3166-1 alpha-2 code in capitals, for example TH or KE".to_owned(),
        ),
        r"^[a-z0-9][a-z0-9-]*@[0-9A-Za-z.-]+$" => (
            Code::InvalidValue,
            "a framework reference",
            "write `<framework id>@<version>`, for example universal-dpi-safeguards@1.0".to_owned(),
        ),
        r"^[0-9A-Za-z.-]+$" => (
            Code::InvalidValue,
            "a version of letters, digits, dots and hyphens",
            "questionnaires name the framework as `<id>@<version>`, so the version may hold only \
             letters, digits, `.` and `-`, for example \"1.0\""
                .to_owned(),
        ),
        r"^[0-9a-f]{64}$" => (
            Code::InvalidValue,
            "a SHA-256 digest",
            "use 64 lowercase hex digits, as printed by `sha256sum`".to_owned(),
        ),
        other => (
            Code::InvalidValue,
            "a value in the expected form",
            format!("the value must match the pattern {other}"),
        ),
    }
}

/// The keys the schema allows for the object at `pointer` (following `$ref`s).
fn allowed_keys(schema: &Value, pointer: &str) -> Vec<String> {
    let mut current = resolve(schema, schema);
    for token in pointer.split('/').skip(1) {
        let next = current
            .get("properties")
            .and_then(|p| p.get(token))
            .or_else(|| {
                current
                    .get("additionalProperties")
                    .filter(|v| v.is_object())
            })
            .or_else(|| {
                current
                    .get("items")
                    .filter(|_| token.parse::<usize>().is_ok())
            });
        match next {
            Some(next) => current = resolve(schema, next),
            None => return Vec::new(),
        }
    }
    current
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

/// Follows a local `$ref` (`#/$defs/Name`), and the first branch of an `anyOf` with null.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer));
        return target.map_or(node, |t| resolve(root, t));
    }
    if let Some(branches) = node.get("anyOf").and_then(Value::as_array)
        && let Some(branch) = branches
            .iter()
            .find(|b| b.get("type") != Some(&Value::from("null")))
    {
        return resolve(root, branch);
    }
    node
}

/// `/answers/F1.Q1/evidence/0` → `answers/F1.Q1/evidence/0`; the root is `(top level)`.
pub fn display_path(pointer: &str) -> String {
    if pointer.is_empty() {
        return "(top level)".to_owned();
    }
    pointer[1..].replace("~1", "/").replace("~0", "~")
}

fn expected_types(kind: &TypeKind) -> String {
    let names: Vec<&str> = match kind {
        TypeKind::Single(t) => vec![type_name(&t.to_string())],
        TypeKind::Multiple(set) => set.iter().map(|t| type_name(&t.to_string())).collect(),
    };
    let names: Vec<&str> = names.into_iter().filter(|n| *n != "empty").collect();
    names.join(" or ")
}

fn type_hint(kind: &TypeKind) -> String {
    let expected = expected_types(kind);
    if expected.starts_with("a list") {
        "write a list as `[a, b]`, or one `- item` per line".to_owned()
    } else if expected.starts_with("a mapping") {
        "write `key: value` lines indented under this key".to_owned()
    } else if expected.starts_with("text") {
        "put the value in double quotes to make it text".to_owned()
    } else {
        format!("write {expected} here")
    }
}

fn type_name(json_type: &str) -> &'static str {
    match json_type {
        "array" => "a list",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "object" => "a mapping",
        "string" => "text",
        "null" => "empty",
        _ => "a value",
    }
}

/// A short description of a JSON value for messages.
pub fn describe_value(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let ellipsis = if s.chars().count() > 40 { "…" } else { "" };
            format!("`{shown}{ellipsis}`")
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn other_message(kind: &ValidationErrorKind, instance: &Value) -> String {
    match kind {
        ValidationErrorKind::MaxLength { limit } => format!("longer than {limit} characters"),
        ValidationErrorKind::MaxItems { limit } => format!("more than {limit} items"),
        ValidationErrorKind::UniqueItems => "items must not repeat".to_owned(),
        _ => format!("{} is not allowed here", describe_value(instance)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_path_reads_like_the_yaml() {
        assert_eq!(display_path(""), "(top level)");
        assert_eq!(
            display_path("/answers/F1.Q1/evidence/0"),
            "answers/F1.Q1/evidence/0"
        );
    }

    #[test]
    fn allowed_keys_follow_refs_and_maps() {
        let schema: Value = serde_json::from_str(QUESTIONNAIRE.text()).expect("valid JSON");
        let keys = allowed_keys(&schema, "/answers/F1.Q1");
        assert!(keys.contains(&"answer".to_owned()), "{keys:?}");
        let keys = allowed_keys(&schema, "/answers/F1.Q1/evidence/0");
        assert!(keys.contains(&"ref".to_owned()), "{keys:?}");
        let keys = allowed_keys(&schema, "/deployment");
        assert!(keys.contains(&"building_blocks".to_owned()), "{keys:?}");
    }
}
