//! Small queries on the positioned YAML tree, used by the reference checks.
//!
//! They are forgiving on purpose: a value of the wrong type was already reported by the schema
//! check, so here it is simply skipped.

use crate::source::Pos;
use crate::source::yaml::{Node, NodeValue};

/// A text value and where it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text<'a> {
    pub(crate) value: &'a str,
    pub(crate) pos: Pos,
}

impl Node {
    /// The value under `key`, when this node is a mapping that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The node's text, when it is a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The text under `key`, with its position.
    pub(crate) fn text(&self, key: &str) -> Option<Text<'_>> {
        let node = self.get(key)?;
        node.as_str().map(|value| Text {
            value,
            pos: node.pos,
        })
    }

    /// The texts under `key`: one for a string, each string item for a list.
    pub(crate) fn texts(&self, key: &str) -> Vec<Text<'_>> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        match &node.value {
            NodeValue::String(value) => vec![Text {
                value,
                pos: node.pos,
            }],
            NodeValue::Seq(items) => items
                .iter()
                .filter_map(|item| {
                    item.as_str().map(|value| Text {
                        value,
                        pos: item.pos,
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The items of the list under `key`.
    pub(crate) fn list(&self, key: &str) -> &[Node] {
        self.get(key).map_or(&[], Node::items)
    }
}
