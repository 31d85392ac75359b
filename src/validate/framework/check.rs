//! Cross-reference checks of a framework file, and the step from raw to validated types.
//!
//! The schema has already checked the shape; here every id must be unique and every
//! reference (a question's principle, a process's risks, a gender rule's checks) must resolve,
//! and the scoring rules must not contradict themselves.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::framework::raw::RawFramework;
use crate::framework::{Framework, Named, Principle, Process, Question, QuestionKind, Risk};
use crate::source::yaml::Node;
use crate::text::did_you_mean;
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

/// The identifiers a framework file defines, gathered from its tree.
struct Catalogue<'a> {
    file: &'a str,
    sets: BTreeMap<&'static str, BTreeSet<String>>,
    /// Published process ids (and process aliases) that stand for several processes.
    ambiguous: BTreeMap<String, Vec<String>>,
}

impl<'a> Catalogue<'a> {
    fn collect(root: &Node, file: &'a str, diagnostics: &mut Diagnostics) -> Self {
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
        let answerable: Vec<&Node> = root
            .list("questions")
            .iter()
            .chain(root.list("gender_checks"))
            .collect();
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
        let safeguards: Vec<String> = root
            .list("questions")
            .iter()
            .filter_map(|q| q.text("id").map(|t| t.value.to_owned()))
            .collect();
        catalogue
            .sets
            .entry("safeguard question")
            .or_default()
            .extend(safeguards);
        // Questions and gender checks share one namespace: answers are keyed by either.
        catalogue.define("question", answerable.into_iter(), "id", diagnostics);
        // A process alias with several targets is as ambiguous as a shared published id.
        for alias in root.list("aliases") {
            let targets = alias.texts("to");
            if alias.text("kind").map(|k| k.value) == Some("process")
                && targets.len() > 1
                && let Some(from) = alias.text("from")
            {
                catalogue
                    .ambiguous
                    .entry(from.value.to_owned())
                    .or_insert_with(|| targets.iter().map(|t| t.value.to_owned()).collect());
            }
        }
        catalogue
            .sets
            .entry("building block")
            .or_default()
            .insert("any".to_owned());
        catalogue
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

    fn has(&self, what: &str, id: &str) -> bool {
        self.sets.get(what).is_some_and(|set| set.contains(id))
    }

    fn closest(&self, what: &str, id: &str) -> Option<&str> {
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
        let mut reused: BTreeMap<String, String> = BTreeMap::new();
        for check in checks {
            self.expect(check, "principles", "principle");
            self.expect(check, "risks", "risk");
            self.expect(check, "building_blocks", "building block");
            self.expect(check, "stages", "stage");
            self.expect(check, "authorities", "authority");
            self.expect(check, "same_as", "safeguard question");
            for source in check.list("sources") {
                self.expect(source, "key", "source");
            }
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
                Some(same_as) => {
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
                    if let Some(first) = reused.insert(same_as.value.to_owned(), name.clone()) {
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
                None => {
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

    /// A question should name a process of its own principle that shares one of its risks and
    /// one of its stages, or say why none fits (a warning).
    fn processes_fit(&mut self, root: &Node) {
        struct Placed {
            principle: String,
            risks: BTreeSet<String>,
            stages: BTreeSet<String>,
        }
        let mut by_key: BTreeMap<String, Placed> = BTreeMap::new();
        for process in root.list("processes") {
            let principle = process
                .text("principle")
                .map(|t| t.value.to_owned())
                .unwrap_or_default();
            let variants = process.list("variants");
            let records: Vec<(&Node, Option<Text<'_>>)> = if variants.is_empty() {
                vec![(process, process.text("id"))]
            } else {
                variants.iter().map(|v| (v, v.text("key"))).collect()
            };
            for (node, key) in records {
                let Some(key) = key else { continue };
                let stages = node
                    .list("placements")
                    .iter()
                    .filter_map(|p| p.text("stage").map(|t| t.value.to_owned()))
                    .collect();
                let risks = node
                    .texts("risks")
                    .iter()
                    .map(|t| t.value.to_owned())
                    .collect();
                by_key.insert(
                    key.value.to_owned(),
                    Placed {
                        principle: principle.clone(),
                        risks,
                        stages,
                    },
                );
            }
        }
        for question in root.list("questions") {
            if question.get("process_note").is_some() {
                continue;
            }
            let (Some(id), Some(principle)) = (question.text("id"), question.text("principle"))
            else {
                continue;
            };
            let risks: BTreeSet<&str> = question.texts("risks").iter().map(|t| t.value).collect();
            let stages: BTreeSet<&str> = question.texts("stages").iter().map(|t| t.value).collect();
            let fits = question.texts("processes").iter().any(|key| {
                by_key.get(key.value).is_some_and(|p| {
                    p.principle == principle.value
                        && p.risks.iter().any(|r| risks.contains(r.as_str()))
                        && p.stages.iter().any(|s| stages.contains(s.as_str()))
                })
            });
            if !fits {
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::InconsistentFramework,
                        self.catalogue.file,
                        Some(id.pos),
                        format!(
                            "`{}` names no process of `{}` that shares one of its risks and one of its stages",
                            id.value, principle.value
                        ),
                    )
                    .with_hint("link a process that fits, or say why none does in `process_note`"),
                );
            }
        }
    }

    /// Answerable items whose texts share most of their words (a warning).
    fn similar_items(&mut self, root: &Node) {
        let items: Vec<(Text<'_>, BTreeSet<String>)> = root
            .list("questions")
            .iter()
            .chain(root.list("gender_checks"))
            .filter_map(|item| {
                let id = item.text("id")?;
                let words = similar::words(item.text("text")?.value);
                Some((id, words))
            })
            .collect();
        for (i, (a, words_a)) in items.iter().enumerate() {
            for (b, words_b) in &items[i + 1..] {
                let Some(share) = similar::similar(words_a, words_b) else {
                    continue;
                };
                self.diagnostics.push(
                    Diagnostic::warning(
                        Code::SimilarItems,
                        self.catalogue.file,
                        Some(b.pos),
                        format!(
                            "`{}` and `{}` ask nearly the same thing ({:.0} % of their words shared)",
                            a.value,
                            b.value,
                            100.0 * share
                        ),
                    )
                    .with_hint(
                        "keep one item, or let the gender check reuse the question with `same_as`",
                    ),
                );
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

    fn scoring(&mut self, scoring: &Node) {
        self.credits(scoring);
        if let Some(bands) = scoring.get("bands") {
            self.bands_descend(bands, "bands");
        }
        if let Some(bands) = scoring.get("risk").and_then(|r| r.get("bands")) {
            self.bands_descend(bands, "risk bands");
        }
        self.kind_weights(scoring);
        if let Some(gender) = scoring.get("gender") {
            self.gender_rules(gender);
        }
    }

    fn credits(&mut self, scoring: &Node) {
        let Some(credits) = scoring.get("credits") else {
            return;
        };
        let keys: BTreeSet<&str> = credits.entries().iter().map(|e| e.key.as_str()).collect();
        if keys != BTreeSet::from(["yes", "partial", "no"]) {
            self.inconsistent(
                credits.pos,
                "`credits` must give exactly `yes`, `partial` and `no`".to_owned(),
                "n/a needs no credit: it leaves the denominator",
            );
        }
        for entry in credits.entries() {
            let value = number(&entry.value);
            if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                self.inconsistent(
                    entry.value.pos,
                    format!("the credit for `{}` must lie between 0 and 1", entry.key),
                    "credits are shares of a question's weight",
                );
            }
        }
    }

    fn bands_descend(&mut self, bands: &Node, what: &str) {
        let mins: Vec<(f64, crate::source::Pos)> = bands
            .items()
            .iter()
            .filter_map(|band| band.get("min").and_then(|m| number(m).map(|v| (v, m.pos))))
            .collect();
        for pair in mins.windows(2) {
            if pair[1].0 >= pair[0].0 {
                self.inconsistent(
                    pair[1].1,
                    format!("{what} must be listed from the highest `min` down"),
                    "order the bands so each `min` is lower than the one before",
                );
            }
        }
        if let Some(last) = mins.last().filter(|(v, _)| *v != 0.0) {
            self.inconsistent(
                last.1,
                format!("the last of the {what} must start at 0"),
                "otherwise low scores fall into no band",
            );
        }
    }

    fn kind_weights(&mut self, scoring: &Node) {
        let Some(weights) = scoring.get("principle_kind_weights") else {
            return;
        };
        for entry in weights.entries() {
            if !matches!(entry.key.as_str(), "foundational" | "operational") {
                self.inconsistent(
                    entry.key_pos,
                    format!("`{}` is not a principle kind", entry.key),
                    "use `foundational` and `operational`",
                );
            }
            if number(&entry.value).is_some_and(|v| v < 0.0) {
                self.inconsistent(
                    entry.value.pos,
                    format!("the weight of `{}` principles is negative", entry.key),
                    "weights must be zero or more",
                );
            }
        }
        // With every weight zero the overall score is a mean over nothing: every assessment
        // would come out "not scored", however complete.
        let entries = weights.entries();
        if !entries.is_empty() && entries.iter().all(|e| number(&e.value) == Some(0.0)) {
            self.inconsistent(
                weights.pos,
                "every principle kind weighs 0, so no overall score could ever be computed"
                    .to_owned(),
                "give at least one kind a weight above 0 (the shipped framework weighs both 1)",
            );
        }
    }

    fn gender_rules(&mut self, gender: &Node) {
        for key in ["unanswered_counts_as", "claimed_yes_counts_as"] {
            if let Some(text) = gender.text(key)
                && !matches!(text.value, "yes" | "partial" | "no")
            {
                self.inconsistent(
                    text.pos,
                    format!("`{key}` must be yes, partial or no"),
                    "it says which answer the case is scored as",
                );
            }
        }
        for cap in gender.list("caps") {
            self.expect(cap, "check", "question");
        }
        if let Some(code) = gender.get("practice_code") {
            self.expect(code, "code_4_requires_yes", "question");
            if let Some(bands) = code.get("bands") {
                self.bands_descend(bands, "practice-code bands");
            }
        }
        if let Some(intent) = gender.get("intent") {
            for key in [
                "analysis_check",
                "disaggregated_data_check",
                "objective_check",
                "monitoring_checks",
            ] {
                self.expect(intent, key, "question");
            }
            self.expect(intent, "principal_building_blocks", "building block");
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

/// How alike two item texts are: the share of content words they have in common.
mod similar {
    use std::collections::BTreeSet;

    /// Short or common words that say nothing about what an item asks.
    const COMMON: &[&str] = &[
        "that", "this", "with", "from", "have", "been", "their", "they", "them", "what", "when",
        "where", "which", "while", "there", "these", "those", "into", "than", "then", "about",
        "after", "before", "each", "every", "other", "such", "only", "also", "does", "without",
        "within", "through", "being", "would", "could", "should", "must", "will", "more", "most",
        "less", "very", "over", "under", "against", "between", "across", "among", "both", "either",
        "same", "some", "many", "much", "people", "system",
    ];

    /// Jaccard share from which two texts count as asking nearly the same thing.
    const THRESHOLD: f64 = 0.4;

    /// Fewest shared words for a match, so that short texts do not match by chance.
    const MIN_SHARED: usize = 4;

    /// The content words of a text, lower-cased and with common endings cut.
    pub(super) fn words(text: &str) -> BTreeSet<String> {
        text.split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
            .map(|w| stem(&w))
            .collect()
    }

    fn stem(word: &str) -> String {
        for ending in ["ing", "ies", "es", "ed", "s"] {
            if let Some(root) = word.strip_suffix(ending)
                && root.chars().count() >= 4
            {
                return root.to_owned();
            }
        }
        word.to_owned()
    }

    /// The Jaccard share of two word sets, when it reaches the threshold.
    pub(super) fn similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<f64> {
        let shared = a.intersection(b).count();
        let all = a.union(b).count();
        if shared < MIN_SHARED || all == 0 {
            return None;
        }
        #[allow(clippy::cast_precision_loss)]
        let share = shared as f64 / all as f64;
        (share >= THRESHOLD).then_some(share)
    }

    #[cfg(test)]
    mod tests {
        use super::{similar, words};

        #[test]
        fn near_copies_match_and_different_questions_do_not() {
            let a = words("Can people complain through several channels, free of charge?");
            let b = words("Can women complain through several channels free of charge?");
            assert!(similar(&a, &b).is_some());
            let c = words("Is personal data encrypted in storage and in transit?");
            assert!(similar(&a, &c).is_none());
        }
    }
}

fn number(node: &Node) -> Option<f64> {
    match &node.value {
        crate::source::yaml::NodeValue::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Builds the validated framework from a raw one whose references were checked.
pub fn build(raw: RawFramework) -> Framework {
    let named = |items: Vec<crate::framework::raw::RawNamed>| {
        items
            .into_iter()
            .map(|n| Named {
                id: n.id,
                name: n.name,
                summary: n.summary,
            })
            .collect()
    };
    let gender_weight = raw.scoring.gender_check_weight_in_principle;
    let mut questions: Vec<Question> = raw.questions.into_iter().map(Question::from).collect();
    let mut reused_checks = Vec::new();
    for check in raw.gender_checks {
        let asked_as = check
            .same_as
            .as_ref()
            .and_then(|id| questions.iter().find(|q| &q.id == id));
        let mut item = Question {
            principle: check.principles.first().cloned().unwrap_or_default(),
            principles: check.principles,
            kind: QuestionKind::Gender {
                group: check.group,
                sources: check.sources,
                same_as: check.same_as.clone(),
            },
            id: check.id,
            text: check.text.unwrap_or_default(),
            guidance: String::new(),
            evidence: check.evidence,
            building_blocks: check.building_blocks,
            stages: check.stages,
            authorities: check.authorities,
            risks: check.risks,
            processes: Vec::new(),
            process_note: None,
            action: check.action.unwrap_or_default(),
            weight: gender_weight,
            critical: check.critical,
        };
        match asked_as {
            // A reused check applies wherever its question does, and scores nowhere itself.
            Some(question) => {
                item.principle.clone_from(&question.principle);
                item.principles = vec![question.principle.clone()];
                item.building_blocks.clone_from(&question.building_blocks);
                item.stages.clone_from(&question.stages);
                item.authorities.clone_from(&question.authorities);
                item.weight = question.weight;
                reused_checks.push(item);
            }
            None => questions.push(item),
        }
    }
    Framework {
        metadata: raw.metadata,
        stages: named(raw.stages),
        authorities: named(raw.authorities),
        risks: raw
            .risks
            .into_iter()
            .map(|r| Risk {
                id: r.id,
                name: r.name,
                category: r.category,
                summary: r.summary,
                text_source: r.text_source,
            })
            .collect(),
        principles: raw
            .principles
            .into_iter()
            .map(|p| Principle {
                id: p.id,
                name: p.name,
                kind: p.kind,
                summary: p.summary,
                text_source: p.text_source,
                processes_known_up_to: p.processes_known_up_to,
                support: p.support,
                no_critical_reason: p.no_critical_reason,
            })
            .collect(),
        processes: raw.processes.into_iter().flat_map(processes).collect(),
        aliases: raw.aliases,
        questions,
        reused_checks,
        sources: raw.sources,
        scoring: raw.scoring,
    }
}

/// The processes of one published id: itself, or each of its variants.
fn processes(raw: crate::framework::raw::RawProcess) -> Vec<Process> {
    let placements = |list: Vec<crate::framework::raw::RawPlacement>| {
        list.into_iter()
            .map(|pl| (pl.authority, pl.stage))
            .collect()
    };
    if raw.variants.is_empty() {
        return vec![Process {
            key: raw.id.clone(),
            id: raw.id,
            title: raw.title.unwrap_or_default(),
            principle: raw.principle,
            risks: raw.risks,
            placements: placements(raw.placements),
            source: raw.source,
            conflict: false,
            note: raw.note,
        }];
    }
    raw.variants
        .into_iter()
        .map(|v| Process {
            key: v.key,
            id: raw.id.clone(),
            title: v.title,
            principle: raw.principle.clone(),
            risks: v.risks,
            placements: placements(v.placements),
            source: v.source,
            conflict: v.conflict,
            note: v.note,
        })
        .collect()
}

impl From<crate::framework::raw::RawQuestion> for Question {
    fn from(q: crate::framework::raw::RawQuestion) -> Self {
        Question {
            principles: vec![q.principle.clone()],
            principle: q.principle,
            kind: QuestionKind::Safeguard,
            id: q.id,
            text: q.text,
            guidance: q.guidance,
            evidence: q.evidence,
            building_blocks: q.building_blocks,
            stages: q.stages,
            authorities: q.authorities,
            risks: q.risks,
            processes: q.processes,
            process_note: q.process_note,
            action: q.action.unwrap_or_default(),
            weight: q.weight,
            critical: q.critical,
        }
    }
}

/// The principles that at least one question of the file belongs to.
fn scored_principles(root: &Node) -> BTreeSet<&str> {
    root.list("questions")
        .iter()
        .filter_map(|q| q.text("principle").map(|t| t.value))
        .collect()
}
