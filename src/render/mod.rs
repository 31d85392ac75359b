//! Renderers: each turns the one [`Report`](crate::report::Report) into one output format.
//! They return text and never print; the command line decides where it goes.

pub mod json;
pub mod junit;
pub mod sarif;
pub mod summary;
pub mod table;
pub mod verdict;
