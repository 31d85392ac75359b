//! `dpisafe schema`: prints the embedded JSON Schemas.

use crate::Error;
use crate::cli::args::SchemaArg;
use crate::cli::{Context, Exit, print_stdout};
use crate::schema::SchemaKind;

pub(crate) fn run(_ctx: &Context, kind: SchemaArg) -> Result<Exit, Error> {
    let kind = match kind {
        SchemaArg::Framework => SchemaKind::Framework,
        SchemaArg::Questionnaire => SchemaKind::Questionnaire,
        SchemaArg::Policy => SchemaKind::Policy,
        SchemaArg::Plan => SchemaKind::Plan,
        SchemaArg::Crosswalk => SchemaKind::Crosswalk,
        SchemaArg::Report => SchemaKind::Report,
        SchemaArg::Diff => SchemaKind::Diff,
        SchemaArg::Portfolio => SchemaKind::Portfolio,
    };
    print_stdout(kind.text())?;
    Ok(Exit::Ok)
}
