//! Renderers: each turns the one [`Report`](crate::report::Report) into one output format.
//! The documents (Markdown, HTML, PDF) share a [`view::View`] and the [`charts`].
//! They return text and never print; the command line decides where it goes.

pub mod charts;
pub mod document;
pub mod json;
pub mod junit;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod portfolio;
pub mod sarif;
pub mod summary;
pub mod table;
pub mod templates;
pub mod verdict;
pub mod view;
