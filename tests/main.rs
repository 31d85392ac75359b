//! dpisafe's integration tests, in one binary to keep link times down.

mod assess;
mod check;
mod cli;
mod common;
mod diff;
mod examples;
mod framework_data;
mod invalid_questionnaires;
mod migrate;
mod reports;
mod schemas;
mod scoring_doc;
mod trust;
