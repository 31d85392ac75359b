//! The floor `scripts/bench-portfolio.sh` measures `dpisafe portfolio` against: every
//! `*.yaml` file under a folder read and parsed into a JSON value with the same YAML parser
//! dpisafe uses (serde-saphyr), on the same thread pool (rayon, `RAYON_NUM_THREADS`), and
//! nothing else: no positions, no schema, no scoring.
//!
//! ```text
//! cargo run --release --no-default-features --example parse_floor -- DIR
//! ```
//!
//! It prints how many files it parsed and how many failed, so a run that parsed nothing
//! cannot pass for a fast one.

// A program on its own, outside the library: printing its count is its whole output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1) else {
        eprintln!("usage: parse_floor DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(error) = collect(Path::new(&root), &mut files) {
        eprintln!("parse_floor: {error}");
        return ExitCode::from(2);
    }
    // Sorted like the portfolio's own walk, so both read the files in the same order.
    files.sort();
    let failed = files.par_iter().filter(|path| !parses(path)).count();
    println!("parsed {} files, {failed} failed", files.len() - failed);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Every `*.yaml` file under `dir`, at any depth.
fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "yaml") {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads and parses one file; the value is dropped, as the portfolio drops its trees.
fn parses(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_saphyr::from_str::<serde_json::Value>(&text).ok())
        .is_some()
}
