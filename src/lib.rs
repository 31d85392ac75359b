//! dpisafe assesses Digital Public Infrastructure against the Universal DPI Safeguards
//! Framework (UN ODET and UNDP, v1.0, CC BY-SA 4.0).
//!
//! The pipeline, in module order: [`source`] reads files into positioned YAML trees;
//! [`framework`] and [`questionnaire`] hold the validated data, built through [`validate`];
//! [`diagnostic`] describes problems in inputs; [`cli`] is the only part that prints.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod assessment;
pub mod cli;
pub mod crosswalk;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod evaluate;
pub mod evidence;
pub mod framework;
pub mod gate;
pub mod i18n;
pub mod interview;
pub mod migrate;
pub mod plan;
pub mod policy;
pub mod portfolio;
pub mod questionnaire;
pub mod render;
pub mod report;
pub mod schema;
pub mod source;
pub mod text;
pub mod validate;

pub use error::Error;
