#!/usr/bin/env bash
# Checks the locked dependencies against deny.toml: licences compatible with dpisafe's
# Apache-2.0, no network crates, no source but crates.io, and known security advisories
# (RustSec). Installs cargo-deny if it is missing.
#
# The advisory check needs the network once, to fetch the RustSec database from GitHub; when
# that fails the script says so and exits 3, after the offline checks have run. `.ci/run` runs
# only the offline checks (`--offline`), so CI does not depend on GitHub being reachable.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-deny >/dev/null 2>&1; then
    echo "== installing cargo-deny"
    cargo install cargo-deny --locked --quiet
fi

echo "== licences, banned crates and sources"
cargo deny --locked check licenses bans sources

if [ "${1:-}" = "--offline" ]; then
    exit 0
fi

echo "== security advisories (RustSec)"
if ! cargo deny --locked fetch db >/dev/null 2>&1; then
    echo "could not fetch the RustSec advisory database (no network?); advisories were not checked" >&2
    exit 3
fi
cargo deny --locked check --disable-fetch advisories
