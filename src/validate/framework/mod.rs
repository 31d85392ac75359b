//! Loading a framework: the embedded Universal DPI Safeguards Framework, or a custom file,
//! from YAML text to a [`Framework`] whose references are known to resolve.

mod check;

use std::sync::LazyLock;

pub use check::{build, check_references};

use crate::diagnostic::Diagnostics;
use crate::framework::raw::RawFramework;
use crate::framework::{EMBEDDED_NAME, EMBEDDED_TEXT, Framework};
use crate::source::{Limits, SourceFile};
use crate::validate::{self, Validated, schema};

static EMBEDDED: LazyLock<Framework> = LazyLock::new(|| {
    let source = SourceFile::new(EMBEDDED_NAME, EMBEDDED_TEXT);
    load(&source, &Limits::default())
        .value
        .expect("invariant: the embedded framework is valid (checked by its tests)")
});

/// The Universal DPI Safeguards Framework v1.0 shipped inside the binary.
pub fn embedded() -> &'static Framework {
    &EMBEDDED
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
