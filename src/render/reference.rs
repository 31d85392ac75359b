//! The questionnaire reference (`docs/questionnaire.md`): every field of the questionnaire
//! format, read from its JSON Schema, and every question and gender check of a framework with
//! where it applies. Generated, so it cannot drift from the code: a test compares the
//! committed file with [`questionnaire_reference`] of the embedded framework.

use std::fmt::Write as _;

use serde_json::Value;

use super::templates::escape_markdown;
use crate::diagnostic::Code;
use crate::framework::{Framework, Question, QuestionKind};
use crate::schema::SchemaKind;
use crate::text::wrap;

/// One row of the field table.
struct Field {
    path: String,
    kind: String,
    required: bool,
    meaning: String,
}

/// The questionnaire reference for `framework`, as Markdown.
pub fn questionnaire_reference(framework: &Framework) -> String {
    let schema: Value = serde_json::from_str(SchemaKind::Questionnaire.text())
        .expect("invariant: the embedded questionnaire schema is valid JSON");
    let mut out = String::new();
    let _ = writeln!(out, "# Questionnaire reference\n");
    let _ = writeln!(
        out,
        "<!-- Generated from schemas/questionnaire.schema.json and {} by dpisafe's\n     `render::reference`. Do not edit: run `UPDATE_DOCS=1 cargo test docs` to regenerate. -->\n",
        framework.reference()
    );
    let _ = writeln!(
        out,
        "A questionnaire is one YAML file: one respondent's answers about one deployment, \
         against the {} v{} (`framework: {}`). `dpisafe init` writes one with only the questions \
         that apply; `dpisafe schema questionnaire` prints the JSON Schema for editors. \
         The walk-throughs in this folder show it in use.\n",
        framework.metadata.title,
        framework.metadata.version,
        framework.reference()
    );
    fields_section(&mut out, &schema);
    answers_section(&mut out);
    questions_section(&mut out, framework);
    gender_section(&mut out, framework);
    out
}

fn fields_section(out: &mut String, schema: &Value) {
    let _ = writeln!(out, "## Fields\n");
    let _ = writeln!(
        out,
        "`answers.<id>` stands for each question or gender-check id below; `[]` marks the items \
         of a list. *Required* means the key must be present whenever the mapping that holds \
         it is; any other key may be left out.\n"
    );
    let _ = writeln!(out, "| Field | Type | Required | Meaning |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    let mut fields = Vec::new();
    collect(schema, schema, "", &mut fields);
    for f in fields {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            f.path,
            f.kind,
            if f.required { "yes" } else { "" },
            own_cell(&f.meaning)
        );
    }
    let _ = writeln!(out);
}

/// Walks an object schema, adding a row per property and descending into objects and lists.
fn collect(root: &Value, object: &Value, prefix: &str, fields: &mut Vec<Field>) {
    let required: Vec<&str> = object["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = object["properties"].as_object() else {
        return;
    };
    for (name, property) in properties {
        let path = format!("{prefix}{name}");
        let target = resolve(root, property);
        fields.push(Field {
            path: path.clone(),
            kind: type_name(root, property),
            required: required.contains(&name.as_str()),
            meaning: property["description"].as_str().unwrap_or("").to_owned(),
        });
        if target["properties"].is_object() {
            collect(root, target, &format!("{path}."), fields);
        } else if let Some(items) = target.get("items") {
            collect(root, resolve(root, items), &format!("{path}[]."), fields);
        } else if let Some(values) = target.get("additionalProperties").filter(|v| v.is_object()) {
            collect(
                root,
                resolve(root, values),
                &format!("{path}.<id>."),
                fields,
            );
        }
    }
}

/// The schema a `$ref` (directly or as the non-null branch of `anyOf`) points to.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    let reference = schema["$ref"].as_str().or_else(|| {
        schema["anyOf"]
            .as_array()?
            .iter()
            .find_map(|branch| branch["$ref"].as_str())
    });
    match reference.and_then(|r| r.strip_prefix("#/")) {
        Some(pointer) => root.pointer(&format!("/{pointer}")).unwrap_or(&Value::Null),
        None => schema,
    }
}

fn type_name(root: &Value, schema: &Value) -> String {
    if let Some(options) = schema["enum"].as_array() {
        let names: Vec<String> = options
            .iter()
            .filter_map(Value::as_str)
            .map(|o| format!("`{o}`"))
            .collect();
        return format!("one of {}", names.join(", "));
    }
    let target = resolve(root, schema);
    if target["properties"].is_object() {
        return "mapping".to_owned();
    }
    let types: Vec<&str> = match &target["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    };
    let base = match types.first().copied() {
        Some("array") => {
            let items = target.get("items").map(|i| resolve(root, i));
            match items {
                Some(i) if i["properties"].is_object() => "list of mappings".to_owned(),
                Some(i) => format!("list of {}", type_name(root, i)),
                None => "list".to_owned(),
            }
        }
        Some("object") => "mapping of id to answer".to_owned(),
        Some("string") => "text".to_owned(),
        Some(other) => other.to_owned(),
        None => "value".to_owned(),
    };
    match target["pattern"].as_str() {
        Some(p) if p.contains("[0-9]{4}-[0-9]{2}-[0-9]{2}") => "date (`YYYY-MM-DD`)".to_owned(),
        Some(p) => format!("{base} matching `{p}`"),
        None => base,
    }
}

fn answers_section(out: &mut String) {
    let _ = writeln!(out, "## Answers\n");
    let _ = writeln!(
        out,
        "| Answer | Means | Scores |\n| --- | --- | --- |\n\
         | `yes` | in place; give evidence, or it counts as *claimed* | full credit |\n\
         | `partial` | partly in place | half credit |\n\
         | `no` | not in place; on a critical question it caps scores | no credit |\n\
         | `n/a` | does not apply to this deployment; `reason` is required | left out |\n\
         | (left out) | not assessed yet | lowers coverage, never the score |\n"
    );
}

fn questions_section(out: &mut String, framework: &Framework) {
    let _ = writeln!(out, "## Questions\n");
    let _ = writeln!(
        out,
        "Each question applies to a deployment when it names one of its building blocks (or \
         `any`), when its first stage is not later than the deployment's `stage`, and, for \
         `init --authority`, when it lists that authority. A *critical* question answered `no` \
         caps its principle and the overall score. The weight counts inside the principle. \
         `dpisafe framework show ID` gives a question's guidance and the evidence to ask for.\n"
    );
    for p in &framework.principles {
        let questions: Vec<&Question> = framework
            .questions
            .iter()
            .filter(|q| q.principle == p.id && !q.is_gender())
            .collect();
        let _ = writeln!(
            out,
            "### {} {} ({})\n",
            p.id,
            escape_markdown(&p.name),
            p.kind.as_str()
        );
        let _ = writeln!(
            out,
            "| Id | Question | Building blocks | From stage | Authorities | Critical | Weight |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
        for q in questions {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                q.id,
                escape_markdown(&q.text),
                q.building_blocks.join(", "),
                first_stage(framework, q),
                q.authorities.join(", "),
                if q.critical { "critical" } else { "" },
                q.weight
            );
        }
        let _ = writeln!(out);
    }
}

fn gender_section(out: &mut String, framework: &Framework) {
    let _ = writeln!(out, "## Gender checks\n");
    let _ = writeln!(
        out,
        "Gender checks are answered like questions, under the same `answers` key. Each scores \
         inside the first principle it names (with weight {}) and in the gender index GIX-DPI; \
         a critical check answered `no` or `partial` caps the index.\n",
        framework.scoring.gender_check_weight_in_principle
    );
    let _ = writeln!(
        out,
        "| Id | Group | Check | Principles | Building blocks | From stage | Authorities | Critical |"
    );
    let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- | --- |");
    for q in framework.questions.iter().filter(|q| q.is_gender()) {
        let group = match &q.kind {
            QuestionKind::Gender { group, .. } => group.as_str(),
            QuestionKind::Safeguard => "",
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            q.id,
            group,
            escape_markdown(&q.text),
            q.principles.join(", "),
            q.building_blocks.join(", "),
            first_stage(framework, q),
            if q.authorities.is_empty() {
                "any".to_owned()
            } else {
                q.authorities.join(", ")
            },
            if q.critical { "critical" } else { "" }
        );
    }
}

fn first_stage(framework: &Framework, q: &Question) -> String {
    q.stages
        .iter()
        .min_by_key(|s| framework.stage_rank(s).unwrap_or(usize::MAX))
        .cloned()
        .unwrap_or_default()
}

/// One of dpisafe's own descriptions in a table cell: its code spans kept, on one line.
fn own_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The opening of `docs/codes.md`, before the codes.
const CODES_INTRO: &str = r"# Diagnostic codes

Every problem dpisafe finds in an input file has a stable code, shown as `error[code]` with the
file, line and column, the offending text and a hint. Any error makes the command exit with 2
and write nothing. This page explains each code and how to fix it.

";

/// `docs/codes.md`: every diagnostic code with its explanation, from the codes' own
/// documentation, so the page and the tool cannot drift apart.
pub fn codes_reference() -> String {
    let sections: Vec<String> = Code::all()
        .map(|code| format!("## {code}\n{}\n", wrap(code.explanation(), 100).join("\n")))
        .collect();
    format!("{CODES_INTRO}{}", sections.join("\n"))
}
