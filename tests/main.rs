//! dpisafe's integration tests, in one binary to keep link times down.

mod assess;
mod check;
mod cli;
mod common;
mod examples;
mod framework_data;
mod invalid_questionnaires;
mod portfolio;
mod reports;
mod schemas;
mod scoring_doc;
mod trust;
