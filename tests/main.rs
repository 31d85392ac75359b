//! dpisafe's integration tests, in one binary to keep link times down.

mod architecture;
mod assess;
mod calibration;
mod check;
mod cli;
mod common;
mod contrast;
mod conventions;
mod diff;
mod docs;
mod examples;
mod framework_data;
mod handbook;
mod hostile;
mod i18n;
mod interview;
mod invalid_questionnaires;
mod migrate;
mod pdf;
mod plan;
mod policy_repo;
mod portfolio;
mod reports;
mod schemas;
mod scoring_doc;
mod trust;
