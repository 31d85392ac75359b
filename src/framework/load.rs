//! Loading a framework: the embedded Universal DPI Safeguards Framework, or a custom file.

use std::sync::LazyLock;

use super::Framework;
use super::raw::RawFramework;
use crate::diagnostic::Diagnostics;
use crate::source::{Limits, SourceFile};
use crate::validate::schema::SchemaKind;
use crate::validate::{self, Validated};

/// The name diagnostics use for the embedded framework file.
pub const EMBEDDED_NAME: &str = "frameworks/universal-dpi-safeguards-1.0.yaml";

/// The embedded framework file's text.
pub const EMBEDDED_TEXT: &str = include_str!("../../frameworks/universal-dpi-safeguards-1.0.yaml");

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
        validate::parse_and_check_shape(source, SchemaKind::Framework, limits, &mut diagnostics);
    let Some(parsed) = parsed else {
        return Validated::new(None, diagnostics);
    };
    validate::framework::check_references(&parsed.root, &source.name, &mut diagnostics);
    if advise {
        validate::framework::advise(&parsed.root, &source.name, &mut diagnostics);
    }
    let framework = if diagnostics.has_errors() {
        None
    } else {
        validate::decode::<RawFramework>(&parsed, &source.name, &mut diagnostics)
            .map(validate::framework::build)
    };
    Validated::new(framework, diagnostics)
}
