//! Loading a framework: the embedded Universal DPI Safeguards Framework, or a custom file,
//! from YAML text to a [`Framework`] whose references are known to resolve.

mod build;
mod check;

use std::sync::LazyLock;

pub use build::build;
pub use check::check_references;

use crate::diagnostic::Diagnostics;
use crate::framework::raw::RawFramework;
use crate::framework::{EMBEDDED_COMPILED, EMBEDDED_NAME, EMBEDDED_TEXT, Framework};
use crate::source::{Limits, SourceFile};
use crate::validate::{self, Validated, schema};

// Decoded from the compiled form: parsing the YAML and running the framework schema cost
// most of a short command's time, and the result never changes between runs.
static EMBEDDED: LazyLock<Framework> = LazyLock::new(|| {
    decompile(EMBEDDED_COMPILED)
        .expect("invariant: the compiled framework decodes (checked by its drift test)")
});

/// The Universal DPI Safeguards Framework v1.0 shipped inside the binary.
pub fn embedded() -> &'static Framework {
    &EMBEDDED
}

/// The embedded framework loaded the long way, from its YAML text through every check: what
/// the compiled form must equal.
pub fn embedded_from_text() -> Validated<Framework> {
    load(
        &SourceFile::new(EMBEDDED_NAME, EMBEDDED_TEXT),
        &Limits::default(),
    )
}

/// A validated framework as the compact bytes [`decompile`] reads back.
pub fn compile(framework: &Framework) -> Vec<u8> {
    let mut bytes = Vec::new();
    ciborium::into_writer(framework, &mut bytes)
        .expect("invariant: writing CBOR into memory cannot fail");
    bytes
}

/// A framework from the bytes [`compile`] wrote. Only ever given bytes the tool compiled
/// itself, so a failure names the decoder's reason and nothing more.
pub fn decompile(bytes: &[u8]) -> Result<Framework, String> {
    ciborium::from_reader(bytes).map_err(|error| error.to_string())
}

/// Parses and validates a framework file.
pub fn load(source: &SourceFile, limits: &Limits) -> Validated<Framework> {
    read(source, limits, false)
}

/// Like [`load`], and also gives the advice `dpisafe framework lint` prints as warnings:
/// questions whose linked processes do not fit them, and items that ask nearly the same thing.
pub fn lint(source: &SourceFile, limits: &Limits) -> Validated<Framework> {
    read(source, limits, true)
}

fn read(source: &SourceFile, limits: &Limits, advise: bool) -> Validated<Framework> {
    let mut diagnostics = Diagnostics::default();
    let parsed =
        validate::parse_and_check_shape(source, &schema::FRAMEWORK, limits, &mut diagnostics);
    let Some(parsed) = parsed else {
        return Validated::new(None, diagnostics);
    };
    check_references(&parsed.root, &source.name, &mut diagnostics);
    if advise {
        check::advise(&parsed.root, &source.name, &mut diagnostics);
    }
    let framework = if diagnostics.has_errors() {
        None
    } else {
        validate::decode::<RawFramework>(&parsed, &source.name, &mut diagnostics).map(build)
    };
    Validated::new(framework, diagnostics)
}
