//! The `dpisafe` binary: everything lives in the library's `cli` module.

fn main() -> std::process::ExitCode {
    dpisafe::cli::main()
}
