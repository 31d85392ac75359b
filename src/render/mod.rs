//! Renderers: each turns the one [`Report`](crate::report::Report) into one output format.
//! The documents (Markdown, HTML, PDF) share a [`view::ReportView`] and the [`charts`].
//! [`handbook`] and [`reference`] render the framework itself, as a handbook and as the
//! questionnaire reference. They return text and never print; the command line decides where
//! it goes.

pub mod charts;
pub mod diff;
pub mod document;
pub mod format;
pub mod handbook;
pub mod json;
pub mod junit;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod portfolio;
pub mod reference;
pub mod sarif;
mod standing;
pub mod summary;
pub mod table;
pub mod templates;
pub mod verdict;
pub mod view;
pub mod words;
