//! Cross-reference checks of a framework file.
//!
//! The schema has already checked the shape; here every id must be unique and every
//! reference (a question's principle, a process's risks, a gender rule's checks) must resolve,
//! and the scoring rules must not contradict themselves.

mod advice;
mod catalogue;
mod scoring;

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::yaml::Node;
use crate::validate::tree::Text;

/// The framework file format this build reads.
const FRAMEWORK_VERSION: u64 = 1;

/// Checks ids and references of a framework tree.
pub fn check_references(root: &Node, file: &str, diagnostics: &mut Diagnostics) {
    let catalogue = Catalogue::collect(root, file, diagnostics);
    let mut checker = Checker {
        catalogue: &catalogue,
        diagnostics,
    };
    checker.processes(root.list("processes"));
    checker.questions(root.list("questions"));
    checker.gender_checks(root.list("gender_checks"));
    checker.principles(root.list("principles"));
    checker.aliases(root.list("aliases"));
    checker.version(root);
    checker.published(root);
    if let Some(metadata) = root.get("metadata") {
        checker.supersedes(metadata);
    }
    if let Some(scoring) = root.get("scoring") {
        checker.scoring(scoring);
    }
    checker.principles_have_questions(root);
    checker.critical_or_reason(root);
    checker.sources(root.list("sources"));
}

/// Advice on a framework's content, given as warnings by `dpisafe framework lint`: questions
/// linked to no process that fits them, and pairs of items that ask nearly the same thing.
pub(super) fn advise(root: &Node, file: &str, diagnostics: &mut Diagnostics) {
    let mut quiet = Diagnostics::default();
    let catalogue = Catalogue::collect(root, file, &mut quiet);
    let mut checker = Checker {
        catalogue: &catalogue,
        diagnostics,
    };
    checker.processes_fit(root);
    checker.similar_items(root);
}

use catalogue::Catalogue;

struct Checker<'c, 'd> {
    catalogue: &'c Catalogue<'c>,
    diagnostics: &'d mut Diagnostics,
}

impl Checker<'_, '_> {
    /// Every text under `key` of `item` must name a defined `what`.
    fn expect(&mut self, item: &Node, key: &str, what: &'static str) {
        for text in item.texts(key) {
            if self.catalogue.has(what, text.value) {
                continue;
            }
            if what == "process"
                && let Some(keys) = self.catalogue.ambiguous.get(text.value)
            {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::AmbiguousReference,
                        self.catalogue.file,
                        Some(text.pos),
                        format!(
                            "`{key}` names `{}`, which the framework uses for {} different processes",
                            text.value,
                            keys.len()
                        ),
                        )
                        .with_label("ambiguous process id")
                        .with_hint(format!(
                            "name the one meant by its key: `{}`",
                            keys.join("` or `")
                        )),
                );
                continue;
            }
            let hint = match self.catalogue.closest(what, text.value) {
                Some(best) => format!("did you mean `{best}`?"),
                None if what == "source" => "add it to the `sources` table with its title, \
                     publisher, year and address, or with `verified: false` and a note"
                    .to_owned(),
                None => format!("define the {what} first, or fix the reference"),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    self.catalogue.file,
                    Some(text.pos),
                    format!(
                        "`{key}` names the {what} `{}`, which is not defined",
                        text.value
                    ),
                )
                .with_label(format!("unknown {what}"))
                .with_hint(hint),
            );
        }
    }

    fn inconsistent(&mut self, pos: crate::source::Pos, message: String, hint: &str) {
        self.diagnostics.push(
            Diagnostic::error(
                Code::InconsistentFramework,
                self.catalogue.file,
                Some(pos),
                message,
            )
            .with_hint(hint.to_owned()),
        );
    }

    /// `dpisafe_framework` names the file format; a later version may mean other fields, so
    /// only the one this build reads is accepted.
    fn version(&mut self, root: &Node) {
        let Some(node) = root.get("dpisafe_framework") else {
            return;
        };
        let crate::source::yaml::NodeValue::Number(n) = &node.value else {
            return;
        };
        if n.as_u64() != Some(FRAMEWORK_VERSION) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnsupportedVersion,
                    self.catalogue.file,
                    Some(node.pos),
                    format!("framework format version {n} is not supported"),
                )
                .with_label("unsupported version")
                .with_hint(format!(
                    "this build reads `dpisafe_framework: {FRAMEWORK_VERSION}`"
                )),
            );
        }
    }

    /// `metadata.published` dates the handbook, so it must be a real month or day.
    fn published(&mut self, root: &Node) {
        let Some(text) = root.get("metadata").and_then(|m| m.text("published")) else {
            return;
        };
        if crate::framework::published_date(text.value).is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    self.catalogue.file,
                    Some(text.pos),
                    format!("`published` is `{}`, not a month or a day", text.value),
                )
                .with_label("not YYYY-MM or YYYY-MM-DD")
                .with_hint("write the publication month (2024-09) or day (2024-09-17)"),
            );
        }
    }

    fn processes(&mut self, processes: &[Node]) {
        for process in processes {
            self.expect(process, "principle", "principle");
            self.placed(process);
            if let (Some(id), Some(principle)) = (process.text("id"), process.text("principle")) {
                self.prefix_matches(id, principle.value, ".");
            }
            let variants = process.list("variants");
            if variants.is_empty() {
                if process.get("title").is_none() {
                    self.missing_title(process);
                }
                continue;
            }
            for own in ["title", "risks", "placements", "source"] {
                if let Some(entry) = process.entry(own) {
                    self.inconsistent(
                        entry.key_pos,
                        format!("a process with variants has no `{own}` of its own"),
                        "move it into the variant it belongs to",
                    );
                }
            }
            if variants.len() < 2 {
                self.inconsistent(
                    process.pos,
                    "a process with variants needs at least two of them".to_owned(),
                    "give the single process its title, risks and placements directly",
                );
            }
            let id = process
                .text("id")
                .map(|t| t.value.to_owned())
                .unwrap_or_default();
            for variant in variants {
                self.placed(variant);
                if let Some(key) = variant.text("key")
                    && (key.value.len() != id.len() + 1 || !key.value.starts_with(&id))
                {
                    self.inconsistent(
                        key.pos,
                        format!("the variant key `{}` is not `{id}` and a letter", key.value),
                        "name variants after their id: F4.10a, F4.10b",
                    );
                }
            }
        }
    }

    /// Risks and (authority, stage) placements of a process or a variant.
    fn placed(&mut self, node: &Node) {
        self.expect(node, "risks", "risk");
        for placement in node.list("placements") {
            self.expect(placement, "authority", "authority");
            self.expect(placement, "stage", "stage");
        }
    }

    fn missing_title(&mut self, process: &Node) {
        self.diagnostics.push(
            Diagnostic::error(
                Code::MissingKey,
                self.catalogue.file,
                Some(process.pos),
                "this process has neither a `title` nor `variants`".to_owned(),
            )
            .with_hint("give it the framework's heading as `title`"),
        );
    }

    /// `F8.Q2` belongs to `F8`; a mismatch is almost always a copy-paste slip.
    fn prefix_matches(&mut self, id: Text<'_>, principle: &str, separator: &str) {
        if !id.value.starts_with(&format!("{principle}{separator}")) {
            self.inconsistent(
                id.pos,
                format!(
                    "`{}` does not start with its principle `{principle}`",
                    id.value
                ),
                "make the id start with the principle it belongs to",
            );
        }
    }

    fn questions(&mut self, questions: &[Node]) {
        for question in questions {
            self.expect(question, "principle", "principle");
            self.expect(question, "building_blocks", "building block");
            self.expect(question, "stages", "stage");
            self.expect(question, "authorities", "authority");
            self.expect(question, "risks", "risk");
            self.expect(question, "processes", "process");
            if let (Some(id), Some(principle)) = (question.text("id"), question.text("principle")) {
                self.prefix_matches(id, principle.value, ".Q");
            }
        }
    }

    fn gender_checks(&mut self, checks: &[Node]) {
        // Which check reuses each question: a second one would count one answer twice.
        let mut reused: BTreeMap<String, String> = BTreeMap::new();
        for check in checks {
            self.gender_check_references(check);
            let id = check.text("id");
            if let (Some(id), Some(group)) = (id, check.text("group"))
                && !id.value.starts_with(&format!("G-{}-", group.value))
            {
                self.inconsistent(
                    id.pos,
                    format!(
                        "`{}` does not belong to its group `{}`",
                        id.value, group.value
                    ),
                    "gender-check ids are G-<GROUP>-<nn>",
                );
            }
            let name = id.map_or("the check", |t| t.value).to_owned();
            match check.text("same_as") {
                Some(same_as) => self.reusing_check(check, &name, same_as, &mut reused),
                None => self.own_check(check, &name),
            }
        }
    }

    fn gender_check_references(&mut self, check: &Node) {
        self.expect(check, "principles", "principle");
        self.expect(check, "risks", "risk");
        self.expect(check, "building_blocks", "building block");
        self.expect(check, "stages", "stage");
        self.expect(check, "authorities", "authority");
        self.expect(check, "same_as", "safeguard question");
        for source in check.list("sources") {
            self.expect(source, "key", "source");
        }
    }

    /// A check that reuses a question has none of the question's own keys, and no other check
    /// reuses the same question.
    fn reusing_check(
        &mut self,
        check: &Node,
        name: &str,
        same_as: Text<'_>,
        reused: &mut BTreeMap<String, String>,
    ) {
        for own in [
            "text",
            "evidence",
            "principles",
            "building_blocks",
            "stages",
            "authorities",
            "action",
        ] {
            if let Some(entry) = check.entry(own) {
                self.inconsistent(
                    entry.key_pos,
                    format!(
                        "{name} reuses `{}` and cannot have `{own}` of its own",
                        same_as.value
                    ),
                    "the question it reuses is what people are asked; remove the key",
                );
            }
        }
        if let Some(first) = reused.insert(same_as.value.to_owned(), name.to_owned()) {
            self.inconsistent(
                same_as.pos,
                format!(
                    "{name} and {first} both reuse `{}`: one answer would count twice in the gender index",
                    same_as.value
                ),
                "let one check reuse the question and fold the other into it",
            );
        }
    }

    /// A check asked on its own needs what a question needs.
    fn own_check(&mut self, check: &Node, name: &str) {
        for own in [
            "text",
            "evidence",
            "principles",
            "building_blocks",
            "stages",
        ] {
            let present = check.get(own).is_some_and(|v| match &v.value {
                crate::source::yaml::NodeValue::Seq(items) => !items.is_empty(),
                _ => true,
            });
            if !present {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        self.catalogue.file,
                        Some(check.pos),
                        format!("{name} has no `{own}` and reuses no question"),
                    )
                    .with_hint(format!(
                        "give it `{own}`, or `same_as: <question>` when a question already asks it"
                    )),
                );
            }
        }
    }

    /// Every cited work needs an address, unless it is marked as not verified.
    fn sources(&mut self, sources: &[Node]) {
        for source in sources {
            let verified = matches!(
                source.get("verified").map(|v| &v.value),
                Some(crate::source::yaml::NodeValue::Bool(true))
            );
            for needed in ["url", "year"] {
                if verified && source.get(needed).is_none() {
                    let key = source.text("key").map_or("a source", |k| k.value);
                    self.inconsistent(
                        source.pos,
                        format!("the source `{key}` is marked verified but has no `{needed}`"),
                        "give it, or mark the source `verified: false` with a note",
                    );
                }
            }
        }
    }

    /// A principle with questions needs a critical one, or a stated reason why none is.
    fn critical_or_reason(&mut self, root: &Node) {
        let critical: BTreeSet<&str> = root
            .list("questions")
            .iter()
            .filter(|q| {
                matches!(
                    q.get("critical").map(|v| &v.value),
                    Some(crate::source::yaml::NodeValue::Bool(true))
                )
            })
            .filter_map(|q| q.text("principle").map(|t| t.value))
            .collect();
        let scored = scored_principles(root);
        for principle in root.list("principles") {
            let Some(id) = principle.text("id") else {
                continue;
            };
            let reason = principle.entry("no_critical_reason");
            match (critical.contains(id.value), reason) {
                (false, None) if scored.contains(id.value) => self.inconsistent(
                    id.pos,
                    format!(
                        "the principle `{}` has no critical question and gives no reason",
                        id.value
                    ),
                    "mark the question whose `no` means direct harm to people `critical: true`, \
                     or say why none does in `no_critical_reason`",
                ),
                (true, Some(entry)) => self.inconsistent(
                    entry.key_pos,
                    format!(
                        "the principle `{}` has a critical question, so `no_critical_reason` contradicts it",
                        id.value
                    ),
                    "remove the reason, or the critical mark",
                ),
                _ => {}
            }
        }
    }

    fn principles(&mut self, principles: &[Node]) {
        for principle in principles {
            self.expect(principle, "support", "support area");
        }
    }

    fn aliases(&mut self, aliases: &[Node]) {
        for alias in aliases {
            let what = match alias.text("kind").map(|k| k.value) {
                Some("risk") => "risk",
                Some("process") => "process",
                Some("question") => "question",
                _ => continue,
            };
            self.expect(alias, "to", what);
        }
    }

    /// A framework cannot replace itself: its questionnaires need no migration.
    fn supersedes(&mut self, metadata: &Node) {
        let Some(version) = metadata.text("version") else {
            return;
        };
        for old in metadata.texts("supersedes") {
            if old.value == version.value {
                self.inconsistent(
                    old.pos,
                    format!("version {} cannot supersede itself", old.value),
                    "list only earlier versions under `supersedes`",
                );
            }
        }
    }

    /// A principle without questions can never be scored: worth a warning, not a failure.
    fn principles_have_questions(&mut self, root: &Node) {
        let scored = scored_principles(root);
        for principle in root.list("principles") {
            let Some(id) = principle.text("id") else {
                continue;
            };
            if !scored.contains(id.value) {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::PrincipleWithoutQuestions,
                        self.catalogue.file,
                        Some(id.pos),
                        format!("the principle `{}` has no questions", id.value),
                    )
                    .with_hint("it will show as not assessed in every report"),
                );
            }
        }
    }
}

fn number(node: &Node) -> Option<f64> {
    match &node.value {
        crate::source::yaml::NodeValue::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// The principles that at least one question of the file belongs to.
fn scored_principles(root: &Node) -> BTreeSet<&str> {
    root.list("questions")
        .iter()
        .filter_map(|q| q.text("principle").map(|t| t.value))
        .collect()
}
