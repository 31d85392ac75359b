//! Helpers the integration-test modules share: running the binary and finding fixtures.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The dpisafe binary, run from the repository root without colour.
pub(crate) fn dpisafe() -> Command {
    let mut cmd = Command::cargo_bin("dpisafe").expect("binary built");
    cmd.env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(root());
    cmd
}

/// The repository root.
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path under tests/fixtures.
pub(crate) fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

/// Stdout of a command that must succeed.
pub(crate) fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Exit code, stdout and stderr of a command.
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

/// An empty scratch directory for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dpisafe-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Copies a directory tree, e.g. an example to change in a scratch directory.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copied");
        }
    }
}

/// A PATH on which `dpisafe` is the binary under test, for commands run through a shell.
pub(crate) fn path_with_dpisafe() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_dpisafe"))
        .parent()
        .expect("bin dir");
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The payment-rail fixture with one edit, written as `q.yaml` in the scratch directory `dir`:
/// the questionnaire a test needs with a hostile name or reference in it.
pub(crate) fn edited_rail(dir: &Path, edit: impl FnOnce(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(fixture("check/payment-rail.yaml")).expect("fixture");
    let file = dir.join("q.yaml");
    std::fs::write(&file, edit(text)).expect("writes");
    file
}
