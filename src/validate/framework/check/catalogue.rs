//! The catalogue of a framework file: every id it defines, per kind, gathered from the tree
//! before any reference is checked, with the ids defined twice reported on the way.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::Node;
use crate::text::did_you_mean;
use crate::validate::tree::Text;

/// The identifiers a framework file defines, gathered from its tree.
pub(super) struct Catalogue<'a> {
    pub(super) file: &'a str,
    sets: BTreeMap<&'static str, BTreeSet<String>>,
    /// Published process ids (and process aliases) that stand for several processes.
    pub(super) ambiguous: BTreeMap<String, Vec<String>>,
}

impl<'a> Catalogue<'a> {
    pub(super) fn collect(root: &Node, file: &'a str, diagnostics: &mut Diagnostics) -> Self {
        let mut catalogue = Self {
            file,
            sets: BTreeMap::new(),
            ambiguous: BTreeMap::new(),
        };
        let blocks = root
            .get("metadata")
            .map_or(&[][..], |m| m.list("building_blocks"));
        let support = root
            .get("scoring")
            .map_or(&[][..], |s| s.list("support_areas"));
        catalogue.define("building block", blocks.iter(), "id", diagnostics);
        catalogue.define("stage", root.list("stages").iter(), "id", diagnostics);
        catalogue.define(
            "authority",
            root.list("authorities").iter(),
            "id",
            diagnostics,
        );
        catalogue.define("risk", root.list("risks").iter(), "id", diagnostics);
        catalogue.define(
            "principle",
            root.list("principles").iter(),
            "id",
            diagnostics,
        );
        catalogue.define_processes(root.list("processes"), diagnostics);
        catalogue.define("support area", support.iter(), "id", diagnostics);
        catalogue.define("source", root.list("sources").iter(), "key", diagnostics);
        catalogue.define_questions(root, diagnostics);
        catalogue.ambiguous_aliases(root);
        catalogue
            .sets
            .entry("building block")
            .or_default()
            .insert("any".to_owned());
        catalogue
    }

    /// Safeguard questions on their own (gender checks may reuse only those), then questions
    /// and gender checks together.
    fn define_questions(&mut self, root: &Node, diagnostics: &mut Diagnostics) {
        let safeguards: Vec<String> = root
            .list("questions")
            .iter()
            .filter_map(|q| q.text("id").map(|t| t.value.to_owned()))
            .collect();
        self.sets
            .entry("safeguard question")
            .or_default()
            .extend(safeguards);
        let answerable = root
            .list("questions")
            .iter()
            .chain(root.list("gender_checks"));
        // Questions and gender checks share one namespace: answers are keyed by either.
        self.define("question", answerable, "id", diagnostics);
    }

    /// A process alias with several targets is as ambiguous as a shared published id.
    fn ambiguous_aliases(&mut self, root: &Node) {
        for alias in root.list("aliases") {
            let targets = alias.texts("to");
            if alias.text("kind").map(|k| k.value) == Some("process")
                && targets.len() > 1
                && let Some(from) = alias.text("from")
            {
                self.ambiguous
                    .entry(from.value.to_owned())
                    .or_insert_with(|| targets.iter().map(|t| t.value.to_owned()).collect());
            }
        }
    }

    fn define<'n>(
        &mut self,
        what: &'static str,
        items: impl Iterator<Item = &'n Node>,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) {
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        for item in items {
            let Some(id) = item.text(key) else { continue };
            if let Some(first) = seen.insert(id.value.to_owned(), id.pos.line) {
                diagnostics.push(duplicate_id(self.file, what, id, first));
            }
        }
        self.sets.entry(what).or_default().extend(seen.into_keys());
    }

    /// Process keys: the id of a process without variants, the key of each variant. An id
    /// with variants is not a key; it is recorded as ambiguous.
    fn define_processes(&mut self, processes: &[Node], diagnostics: &mut Diagnostics) {
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        let mut define = |key: Text<'_>, diagnostics: &mut Diagnostics| {
            if let Some(first) = seen.insert(key.value.to_owned(), key.pos.line) {
                diagnostics.push(duplicate_id(self.file, "process", key, first));
            }
        };
        for process in processes {
            let variants = process.list("variants");
            if variants.is_empty() {
                if let Some(id) = process.text("id") {
                    define(id, diagnostics);
                }
                continue;
            }
            if let Some(id) = process.text("id") {
                define(id, diagnostics);
                self.ambiguous.insert(
                    id.value.to_owned(),
                    variants
                        .iter()
                        .filter_map(|v| v.text("key").map(|k| k.value.to_owned()))
                        .collect(),
                );
            }
            for key in variants.iter().filter_map(|v| v.text("key")) {
                define(key, diagnostics);
            }
        }
        let ambiguous: BTreeSet<&String> = self.ambiguous.keys().collect();
        let keys = seen
            .into_keys()
            .filter(|key| !ambiguous.contains(key))
            .collect::<Vec<_>>();
        self.sets.entry("process").or_default().extend(keys);
    }

    pub(super) fn has(&self, what: &str, id: &str) -> bool {
        self.sets.get(what).is_some_and(|set| set.contains(id))
    }

    pub(super) fn closest(&self, what: &str, id: &str) -> Option<&str> {
        let set = self.sets.get(what)?;
        did_you_mean(id, set.iter().map(String::as_str))
    }
}

fn duplicate_id(file: &str, what: &str, id: Text<'_>, first_line: u32) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateId,
        file,
        Some(id.pos),
        format!("the {what} `{}` is defined twice", id.value),
    )
    .with_label("second definition")
    .with_hint(format!(
        "the first is at line {first_line}; ids must be unique"
    ))
}
