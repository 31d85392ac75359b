//! Reading an input file: at most the size limit, regular files only, UTF-8 text without
//! NUL bytes. The first step of loading; a file that cannot be used is a diagnostic.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Limits, Pos, SourceFile};

/// Reads a file as UTF-8 text within `limits`, or explains why it cannot be used.
pub fn read(path: &Path, limits: &Limits) -> Result<SourceFile, Diagnostic> {
    let name = path.display().to_string();
    let unreadable =
        |message: String| Diagnostic::error(Code::FileUnreadable, &name, None, message);
    let metadata = std::fs::metadata(path).map_err(|err| {
        unreadable(format!("cannot read `{name}`: {}", io_reason(&err)))
            .with_hint("check the path; paths are relative to the current directory")
    })?;
    if crate::source::is_pseudo_file(path) {
        return Err(unreadable(format!(
            "`{name}` is a system file (under /proc, /sys or /dev), not a questionnaire"
        ))
        .with_hint("name a YAML file; system files can block forever when read"));
    }
    if metadata.is_dir() {
        return Err(unreadable(format!("`{name}` is a directory, not a file"))
            .with_hint("name a YAML file inside it"));
    }
    // Devices and pipes report no length and may never end (`/dev/zero`).
    if !metadata.is_file() {
        return Err(unreadable(format!("`{name}` is not a regular file"))
            .with_hint("name a YAML file; devices and pipes are not read"));
    }
    if metadata.len() > limits.max_file_bytes as u64 {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            &name,
            None,
            format!(
                "`{name}` is {} bytes, more than the limit of {} bytes",
                metadata.len(),
                limits.max_file_bytes
            ),
        )
        .with_hint("questionnaires are a few kilobytes; check that this is the right file"));
    }
    // Read at most one byte past the limit, in case the file grew after it was measured.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            std::io::Read::read_to_end(
                &mut std::io::Read::take(file, limits.max_file_bytes as u64 + 1),
                &mut bytes,
            )
        })
        .map_err(|err| unreadable(format!("cannot read `{name}`: {}", io_reason(&err))))?;
    if bytes.len() > limits.max_file_bytes {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            &name,
            None,
            format!(
                "`{name}` grew past the limit of {} bytes while it was read",
                limits.max_file_bytes
            ),
        )
        .with_hint("read a file that is not being written to"));
    }
    from_bytes(&name, bytes)
}

/// Turns raw bytes into a source, rejecting non-UTF-8 and empty input.
pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(Pos::new(1, 1)),
            "the file is UTF-16 encoded; dpisafe reads UTF-8",
        )
        .with_hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"));
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(end_position(valid)),
            "the file is not valid UTF-8 text",
        )
        .with_hint("save the file as UTF-8; the position shows the first byte that is not")
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(Diagnostic::error(
            Code::NotUtf8,
            name,
            Some(end_position(&text[..offset])),
            "the file contains a NUL byte, so it is binary rather than YAML text",
        )
        .with_hint("check that this is the questionnaire and not a document or archive"));
    }
    let source = SourceFile::new(name, text);
    if source.text.trim().is_empty() {
        return Err(
            Diagnostic::error(Code::EmptyFile, name, None, "the file is empty")
                .with_hint("run `dpisafe init` to start a questionnaire"),
        );
    }
    Ok(source)
}

/// The line and column just after `prefix`.
fn end_position(prefix: &str) -> Pos {
    let line = prefix.matches('\n').count() + 1;
    let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
