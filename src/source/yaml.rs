//! YAML text → a positioned tree ([`Node`]).
//!
//! serde-saphyr parses the text (strict YAML 1.2 booleans, budgets on) and hands every node to
//! our own visitor, which keeps each node's line and column and every mapping key's position.
//! Duplicate keys are passed through by the parser and collected here, so that one run reports
//! all of them instead of stopping at the first. The tree then becomes the `serde_json::Value`
//! that JSON Schema validates, while the positions stay behind to locate each problem.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Spanned};

use super::{Limits, Pos, Span};

/// A YAML node with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node starts in the source.
    pub pos: Pos,
    /// The bytes of the node's own text (for a scalar: the scalar as written, with any
    /// quotes); empty when the parser could not say.
    pub span: Span,
    /// The node's content.
    pub value: NodeValue,
}

/// The content of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` or `false` (YAML 1.2 spellings only).
    Bool(bool),
    /// An integer or a float.
    Number(serde_json::Number),
    /// Any other scalar.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; duplicates are removed and reported in [`Parsed`].
    Map(Vec<Entry>),
}

/// One key and value of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as text (scalar keys only).
    pub key: String,
    /// Where the key starts.
    pub key_pos: Pos,
    /// The bytes of the key as written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A key that appeared twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The repeated key.
    pub key: String,
    /// The second (and later) occurrence.
    pub pos: Pos,
    /// The first occurrence.
    pub first: Pos,
}

/// Problems that stop parsing altogether.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    /// The YAML is malformed or breaks a budget; the message comes from the parser.
    Syntax {
        /// What the parser said, without its own snippet.
        message: String,
        /// Where, when the parser knows.
        pos: Option<Pos>,
    },
    /// A mapping key is not a scalar (`[a, b]: x`).
    ComplexKey {
        /// Where the key starts.
        pos: Pos,
    },
}

/// A parsed document: the tree and the duplicate keys found on the way.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document root; `Null` for an empty document.
    pub root: Node,
    /// Every duplicate key, in source order.
    pub duplicates: Vec<DuplicateKey>,
}

/// Parses YAML text into a positioned tree, within `limits`.
pub fn parse(text: &str, limits: &Limits) -> Result<Parsed, ParseFailure> {
    let mut budget = Budget::default();
    budget.max_depth = limits.max_depth;
    budget.flow_nesting_limit = limits.max_depth;
    budget.max_nodes = limits.max_nodes;
    budget.max_total_scalar_bytes = limits.max_file_bytes;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        budget: Some(budget),
        with_snippet: false,
    };
    let root: Spanned<RawNode> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|err| syntax_failure(&err, limits))?;
    let mut duplicates = Vec::new();
    let root = finish(root, &mut duplicates)?;
    duplicates.sort_by_key(|d| d.pos);
    Ok(Parsed { root, duplicates })
}

fn syntax_failure(err: &serde_saphyr::Error, limits: &Limits) -> ParseFailure {
    let pos = err.location().and_then(|loc| Pos::from_location(&loc));
    let message = strip_location_suffix(&err.without_snippet().to_string());
    ParseFailure::Syntax {
        message: explain_budget(&message, limits).unwrap_or(message),
        pos,
    }
}

/// serde-saphyr names a breached budget by its Rust name; say what it means instead.
fn explain_budget(message: &str, limits: &Limits) -> Option<String> {
    let breach = message.strip_prefix("budget breached: ")?;
    let what = breach.split([' ', '{']).next().unwrap_or(breach);
    Some(match what {
        "Nodes" | "Events" => format!(
            "the document expands to more than {} YAML nodes (through aliases or sheer size)",
            limits.max_nodes
        ),
        "Depth" | "FlowNesting" => {
            format!("the document nests deeper than {} levels", limits.max_depth)
        }
        "Aliases" | "Anchors" | "AliasReplay" => "the document uses too many aliases".to_owned(),
        "ScalarBytes" | "TotalScalarBytes" => {
            format!(
                "the document holds more than {} bytes of text",
                limits.max_file_bytes
            )
        }
        _ => format!("the document exceeds a parser limit ({what})"),
    })
}

/// The parser appends " at line X column Y"; we print positions ourselves.
fn strip_location_suffix(message: &str) -> String {
    let first_line = message.lines().next().unwrap_or(message);
    match first_line.find(" at line ") {
        Some(cut) => first_line[..cut].to_owned(),
        None => first_line.to_owned(),
    }
}

/// What the serde visitor builds before keys are checked; spans come from serde-saphyr.
#[derive(Debug)]
enum RawNode {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    /// A float that JSON cannot hold (`.nan`, `.inf`); kept as its text.
    NonFinite(String),
    String(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

/// Turns the serde-saphyr tree into [`Node`]s, collecting duplicate keys on the way.
fn finish(
    node: Spanned<RawNode>,
    duplicates: &mut Vec<DuplicateKey>,
) -> Result<Node, ParseFailure> {
    let pos = Pos::from_location(&node.referenced).unwrap_or_default();
    let span = Span::from_location(&node.referenced).unwrap_or_default();
    let value = match node.value {
        RawNode::Null => NodeValue::Null,
        RawNode::Bool(b) => NodeValue::Bool(b),
        RawNode::Number(n) => NodeValue::Number(n),
        RawNode::NonFinite(s) | RawNode::String(s) => NodeValue::String(s),
        RawNode::Seq(items) => NodeValue::Seq(
            items
                .into_iter()
                .map(|item| finish(item, duplicates))
                .collect::<Result<_, _>>()?,
        ),
        RawNode::Map(pairs) => NodeValue::Map(finish_map(pairs, duplicates)?),
    };
    Ok(Node { pos, span, value })
}

fn finish_map(
    pairs: Vec<(Spanned<RawNode>, Spanned<RawNode>)>,
    duplicates: &mut Vec<DuplicateKey>,
) -> Result<Vec<Entry>, ParseFailure> {
    let mut entries: Vec<Entry> = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        let key_pos = Pos::from_location(&key.referenced).unwrap_or_default();
        let key_span = Span::from_location(&key.referenced).unwrap_or_default();
        let key = scalar_key(key.value).ok_or(ParseFailure::ComplexKey { pos: key_pos })?;
        if let Some(first) = entries.iter().find(|e| e.key == key) {
            duplicates.push(DuplicateKey {
                key,
                pos: key_pos,
                first: first.key_pos,
            });
            continue;
        }
        let value = finish(value, duplicates)?;
        entries.push(Entry {
            key,
            key_pos,
            key_span,
            value,
        });
    }
    Ok(entries)
}

/// Keys are compared as text: `1` and `"1"` are the same key to a reader.
fn scalar_key(key: RawNode) -> Option<String> {
    match key {
        RawNode::Null => Some(String::new()),
        RawNode::Bool(b) => Some(b.to_string()),
        RawNode::Number(n) => Some(n.to_string()),
        RawNode::NonFinite(s) | RawNode::String(s) => Some(s),
        RawNode::Seq(_) | RawNode::Map(_) => None,
    }
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawNodeVisitor)
    }
}

struct RawNodeVisitor;

impl<'de> Visitor<'de> for RawNodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        RawNode::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::NonFinite(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::NonFinite(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(serde_json::Number::from_f64(v)
            .map_or_else(|| RawNode::NonFinite(v.to_string()), RawNode::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::String(v))
    }

    fn visit_bytes<E>(self, v: &[u8]) -> Result<RawNode, E> {
        Ok(RawNode::String(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            let value = map.next_value::<Spanned<RawNode>>()?;
            pairs.push((key, value));
        }
        Ok(RawNode::Map(pairs))
    }
}

impl Node {
    /// The node as a JSON value, for schema validation and typed decoding.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Number(n) => Value::Number(n.clone()),
            NodeValue::String(s) => Value::String(s.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// The mapping entry `key`, when this node is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// The entries of a mapping node; empty for anything else.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            NodeValue::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence node; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            NodeValue::Seq(items) => items,
            _ => &[],
        }
    }

    /// Follows a JSON pointer (`/answers/F1.Q1/answer`) down the tree.
    ///
    /// Returns the node it reaches and, when the last step was a mapping key, that key's entry.
    pub fn locate(&self, pointer: &str) -> Option<Located<'_>> {
        let mut node = self;
        let mut entry = None;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            match &node.value {
                NodeValue::Map(entries) => {
                    let found = entries.iter().find(|e| e.key == token)?;
                    entry = Some(found);
                    node = &found.value;
                }
                NodeValue::Seq(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    entry = None;
                }
                _ => return None,
            }
        }
        Some(Located { node, entry })
    }
}

/// A node found by [`Node::locate`].
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    /// The node the pointer names.
    pub node: &'a Node,
    /// The mapping entry it is the value of, if any.
    pub entry: Option<&'a Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Parsed {
        parse(text, &Limits::default()).expect("parses")
    }

    #[test]
    fn keeps_norway_and_yes_as_strings() {
        let parsed = parse_ok("country: NO\nflag: yes\nreal: true\n");
        assert_eq!(
            parsed.root.to_json(),
            serde_json::json!({"country": "NO", "flag": "yes", "real": true})
        );
    }

    #[test]
    fn records_positions_of_keys_and_values() {
        let parsed = parse_ok("a:\n  b: 1\n  c: [x, y]\n");
        let c = parsed.root.locate("/a/c/1").expect("found");
        assert_eq!((c.node.pos.line, c.node.pos.col), (3, 10));
        let b = parsed.root.locate("/a/b").expect("found");
        let key = b.entry.expect("entry").key_pos;
        assert_eq!((key.line, key.col), (2, 3));
        assert_eq!((b.node.pos.line, b.node.pos.col), (2, 6));
    }

    #[test]
    fn records_the_bytes_of_scalars_and_keys() {
        let text = "a: plain\n\"q\": 'single'\nm: {k: \"double\"}\nl: [x, 'y']\né: ü # note\n";
        let parsed = parse_ok(text);
        let slice = |span: Span| &text[span.range()];
        let value = |pointer: &str| slice(parsed.root.locate(pointer).expect("found").node.span);
        let key = |pointer: &str| {
            slice(
                parsed
                    .root
                    .locate(pointer)
                    .expect("found")
                    .entry
                    .expect("entry")
                    .key_span,
            )
        };
        assert_eq!(value("/a"), "plain");
        assert_eq!(key("/q"), "\"q\"");
        assert_eq!(value("/q"), "'single'");
        assert_eq!(value("/m/k"), "\"double\"");
        assert_eq!(key("/m/k"), "k");
        assert_eq!(value("/l/1"), "'y'");
        assert_eq!(key("/é"), "é");
        assert_eq!(value("/é"), "ü");
    }

    #[test]
    fn collects_every_duplicate_key() {
        let parsed = parse_ok("a: 1\nb: 2\na: 3\nm:\n  x: 1\n  x: 2\n");
        let found: Vec<_> = parsed
            .duplicates
            .iter()
            .map(|d| (d.key.as_str(), d.pos.line, d.first.line))
            .collect();
        assert_eq!(found, vec![("a", 3, 1), ("x", 6, 5)]);
        assert_eq!(parsed.root.to_json()["a"], serde_json::json!(1));
    }

    #[test]
    fn reports_syntax_errors_with_a_position() {
        let failure = parse("a: [1, 2\nb: 3\n", &Limits::default()).unwrap_err();
        let ParseFailure::Syntax { pos, .. } = failure else {
            panic!("expected a syntax failure, got {failure:?}");
        };
        assert!(pos.is_some());
    }

    #[test]
    fn refuses_alias_bombs() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert!(matches!(
            parse(bomb, &Limits::default()),
            Err(ParseFailure::Syntax { .. })
        ));
    }
}
