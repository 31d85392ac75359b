//! dpisafe's integration tests, in one binary to keep link times down.

mod cli;
mod examples;
mod framework_data;
mod invalid_questionnaires;
mod schemas;
