#!/usr/bin/env bash
# The entry of the pre-commit hooks in .pre-commit-hooks.yaml: runs `dpisafe ARGS…`.
#
# pre-commit's own Rust support builds with `cargo install --path .`, which cannot be told
# `--locked` or `--no-default-features`: it builds the PDF engine the hooks never use (about
# 11 minutes and 1.5 GB on 2 cores). So the hooks are `language: script`, and this script
# builds dpisafe once per pre-commit checkout of dpisafe (one per pinned `rev`), locked,
# without the PDF engine and unoptimised (the `hook` profile in Cargo.toml: about a third of a
# release build's time), into that checkout's `.pre-commit-build/`, then runs it.
#
# DPISAFE_BIN, when set, is the dpisafe to run instead (one already installed), and nothing
# is built.
set -euo pipefail

if [ -n "${DPISAFE_BIN:-}" ]; then
  exec "$DPISAFE_BIN" "$@"
fi

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$repo/.pre-commit-build"
bin="$root/bin/dpisafe"

build() {
  # Another hook process may have finished the build while this one waited for the lock.
  [ -x "$bin" ] && return 0
  echo "dpisafe: building $(sed -n 's/^version = "\(.*\)"$/\1/p' "$repo/Cargo.toml" | head -n 1) for pre-commit (once per version, without the PDF engine)" >&2
  cargo install --quiet --locked --no-default-features --profile hook --path "$repo" --root "$root" >&2
}

if [ ! -x "$bin" ]; then
  if command -v flock >/dev/null 2>&1; then
    # pre-commit may start several processes of one hook at once; one builds, the others wait.
    (flock 9 && build) 9>"$repo/.pre-commit-build.lock"
  else
    build
  fi
fi
exec "$bin" "$@"
