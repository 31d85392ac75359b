//! One module per subcommand; each returns the exit status and prints through the context.

pub(crate) mod assess;
pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod diff;
pub(crate) mod export;
pub(crate) mod framework;
pub(crate) mod i18n;
pub(crate) mod init;
pub(crate) mod interview;
pub(crate) mod man;
pub(crate) mod migrate;
pub(crate) mod plan;
pub(crate) mod portfolio;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod validate;
