//! The module rules of ARCHITECTURE.md, checked on the source: every `crate::…` path in
//! `src/` may only name a module that comes earlier in the pipeline, and no two sibling
//! modules anywhere in the tree import each other, directly or through others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules in pipeline order (ARCHITECTURE.md lists the same): each
/// may import only the modules before it.
const LAYERS: &[&str] = &[
    "text",
    "source",
    "diagnostic",
    "error",
    "date",
    "framework",
    "questionnaire",
    "policy",
    "crosswalk",
    "plan",
    "validate",
    "migrate",
    "evidence",
    "evaluate",
    "report",
    "gate",
    "diff",
    "portfolio",
    "schema",
    "assessment",
    "i18n",
    "interview",
    "render",
    "cli",
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable source directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module path of a source file: `src/render/view.rs` is `render::view`.
fn module_of(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix("src").expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The module paths a file names with `crate::a::b…`, outside comments, at most two deep.
fn imports(text: &str) -> BTreeSet<Vec<String>> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            found.extend(paths_after(&code[at + "crate::".len()..]));
        }
    }
    found
}

/// The paths a `use` tail names: `a::b::C` gives `[a, b]`; `a::{b, c::D}` gives `[a, b]` and
/// `[a, c]`.
fn paths_after(rest: &str) -> Vec<Vec<String>> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let first = word(rest);
    if first.is_empty() {
        return Vec::new();
    }
    let after = &rest[first.len()..];
    let Some(after) = after.strip_prefix("::") else {
        return vec![vec![first]];
    };
    if let Some(group) = after.strip_prefix('{') {
        let inner = group.split('}').next().unwrap_or_default();
        return inner
            .split(',')
            .map(|item| word(item.trim()))
            .filter(|w| !w.is_empty() && w != "self")
            .map(|w| vec![first.clone(), w])
            .chain(std::iter::once(vec![first.clone()]))
            .collect();
    }
    let second = word(after);
    if second.is_empty() {
        vec![vec![first]]
    } else {
        vec![vec![first, second]]
    }
}

/// Edges between modules: file's module → each module it names, truncated to the depth
/// where they part (siblings under a common parent).
fn edges() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in rust_files(Path::new("src")) {
        let from = module_of(&file);
        if from.is_empty() || from == ["main"] || from == ["lib"] {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable source");
        for to in imports(&text) {
            if let Some((a, b)) = siblings(&from, &to) {
                edges.entry(a).or_default().insert(b);
            }
        }
    }
    edges
}

/// The two sibling modules an import joins, or `None` when one contains the other (a parent
/// re-exporting its child, a child using its parent's types).
fn siblings(from: &[String], to: &[String]) -> Option<(Vec<String>, Vec<String>)> {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    if common == from.len() || common == to.len() {
        return None;
    }
    Some((from[..=common].to_vec(), to[..=common].to_vec()))
}

#[test]
fn every_top_level_module_is_in_the_layer_list() {
    let mut on_disk: Vec<String> = std::fs::read_dir("src")
        .expect("src")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            (p.is_dir() || p.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .filter(|name| name != "main" && name != "lib")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = LAYERS.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "src/ and the layer list disagree");
    let architecture = std::fs::read_to_string("ARCHITECTURE.md").expect("ARCHITECTURE.md");
    let mut last = 0;
    for module in LAYERS {
        let heading = format!("### `{module}`");
        let at = architecture
            .find(&heading)
            .unwrap_or_else(|| panic!("ARCHITECTURE.md has no `{heading}` section"));
        assert!(
            at >= last,
            "ARCHITECTURE.md lists `{module}` out of pipeline order"
        );
        last = at;
    }
}

#[test]
fn modules_import_only_earlier_layers() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut backward = Vec::new();
    for (from, tos) in edges() {
        if from.len() != 1 {
            continue;
        }
        for to in tos {
            let (Some(a), Some(b)) = (rank(&from[0]), rank(&to[0])) else {
                continue;
            };
            if b >= a {
                backward.push(format!("{} imports {}", from[0], to[0]));
            }
        }
    }
    assert!(
        backward.is_empty(),
        "imports against the pipeline order (see ARCHITECTURE.md):\n{}",
        backward.join("\n")
    );
}

#[test]
fn no_two_modules_import_each_other() {
    let edges = edges();
    let mut cycles = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if reaches(&edges, to, from) {
                cycles.push(format!("{} <-> {}", from.join("::"), to.join("::")));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules in a cycle:\n{}",
        cycles.join("\n")
    );
}

/// Whether `target` can be reached from `start` along the edges.
fn reaches(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    start: &[String],
    target: &[String],
) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start.to_vec()];
    while let Some(node) = stack.pop() {
        if node == target {
            return true;
        }
        if seen.insert(node.clone()) {
            stack.extend(edges.get(&node).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn the_library_never_calls_the_validator_or_the_report_builder_from_the_command_line() {
    let mut calls = Vec::new();
    for file in rust_files(Path::new("src/cli")) {
        let text = std::fs::read_to_string(&file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("crate::validate") || code.contains("report::build") {
                calls.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        calls.is_empty(),
        "cli/ must go through crate::assessment:\n{}",
        calls.join("\n")
    );
}

#[test]
fn the_checker_finds_a_backward_import() {
    let found = imports("use crate::report::{Report, build::round1};\nlet x = crate::cli::run;");
    assert!(found.contains(&vec!["report".to_owned(), "build".to_owned()]));
    assert!(found.contains(&vec!["cli".to_owned(), "run".to_owned()]));
    let from = vec!["framework".to_owned()];
    let to = vec!["report".to_owned(), "Report".to_owned()];
    assert_eq!(
        siblings(&from, &to),
        Some((vec!["framework".to_owned()], vec!["report".to_owned()]))
    );
}
