//! Renderers: each turns the one [`Report`](crate::report::Report) into one output format.
//! The documents (Markdown, HTML, PDF) share a [`view::ReportView`] and the [`charts`].
//! [`handbook`], [`reference`] and [`framework`] render the framework itself: as a handbook, as
//! the questionnaire reference, and as the terminal's lists and lookups. They return text and
//! never print; the command line decides where it goes.

pub mod charts;
pub mod diff;
pub mod document;
pub mod format;
pub mod framework;
#[cfg(feature = "pdf")]
pub mod glyphs;
pub mod handbook;
pub mod i18n_status;
pub mod json;
pub mod junit;
pub mod migration;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod plan;
pub mod portfolio;
pub mod reference;
pub mod sarif;
mod standing;
pub mod summary;
pub mod table;
pub mod templates;
pub mod verdict;
pub mod view;
pub mod views;
pub mod words;
