#!/usr/bin/env bash
# A short fuzzing pass over the cargo-fuzz targets (fuzz/fuzz_targets/):
#   questionnaire  bytes -> questionnaire load and validation -> report -> JSON, MD, HTML, SARIF, JUnit
#   framework      bytes -> framework load and validation -> applicability -> `init` template,
#                  loaded back and assessed against that framework
#   mutate         edits to two valid questionnaires (answers, evidence and what was found of
#                  it, waivers, scope) -> load -> merge -> report, gate -> every format
#   pdf            edits to a valid saved result -> the saved-result reader -> PDF (Typst;
#                  built with --features pdf, and slow: thousands of runs, not millions)
# Builds both, runs each for FUZZ_SECONDS (default 30), and fails on any crash, hang or OOM.
#
# Needs: cargo-fuzz (`cargo install cargo-fuzz --locked`) and a compiler that accepts the
# unstable sanitizer flags: a nightly toolchain (used when `rustup toolchain list` has one), or
# RUSTC_BOOTSTRAP=1 with the stable toolchain. With neither, it falls back to stable with
# `--sanitizer none` (no AddressSanitizer; still finds panics, overflows, hangs and OOMs).
#
# Environment:
#   FUZZ_SECONDS     seconds per target (default 30)
#   FUZZ_TARGETS     targets to run (default "questionnaire framework mutate pdf")
#   FUZZ_TOOLCHAIN   force a toolchain, e.g. "nightly" or "stable"
#   FUZZ_SANITIZER   address (default) or none
#
# Usage: scripts/fuzz-smoke.sh            (from any directory)
# New inputs go to a scratch corpus that is deleted afterwards; only the seeds in fuzz/corpus/
# are kept. A crashing input is saved under fuzz/artifacts/<target>/ and the script exits 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="$root/fuzz"
seconds="${FUZZ_SECONDS:-30}"
targets="${FUZZ_TARGETS:-questionnaire framework mutate pdf}"
sanitizer="${FUZZ_SANITIZER:-address}"

case "$seconds" in
    '' | *[!0-9]*) echo "fuzz-smoke: FUZZ_SECONDS must be a whole number of seconds, not '$seconds'" >&2; exit 2 ;;
esac

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: cargo-fuzz is not installed; run: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

# Which toolchain: FUZZ_TOOLCHAIN, else nightly if installed, else stable with RUSTC_BOOTSTRAP=1
# if the caller set it, else stable without a sanitizer.
toolchain="${FUZZ_TOOLCHAIN:-}"
if [ -z "$toolchain" ]; then
    if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^nightly'; then
        toolchain=nightly
    elif [ "${RUSTC_BOOTSTRAP:-}" = 1 ]; then
        toolchain=stable
    else
        toolchain=stable
        if [ "$sanitizer" != none ]; then
            echo "fuzz-smoke: no nightly toolchain and RUSTC_BOOTSTRAP is not 1:" \
                "running without AddressSanitizer (--sanitizer none)." >&2
            echo "fuzz-smoke: for ASan, 'rustup toolchain install nightly' or set RUSTC_BOOTSTRAP=1." >&2
            sanitizer=none
        fi
    fi
fi
cargo_fuzz=(cargo "+$toolchain" fuzz)
if ! cargo "+$toolchain" --version >/dev/null 2>&1; then
    echo "fuzz-smoke: toolchain '$toolchain' is not installed (rustup toolchain install $toolchain)" >&2
    exit 2
fi

cd "$fuzz_dir"
# The pdf target needs Typst, which the others do without.
features_of() { if [ "$1" = pdf ]; then echo "--features=pdf"; else echo "--features="; fi; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/dpisafe-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

failed=0
summary=()
for target in $targets; do
    seeds="$fuzz_dir/corpus/$target"
    dict="$fuzz_dir/dict/$target.dict"
    log="$scratch/$target.log"
    artifacts="$fuzz_dir/artifacts/$target"
    mkdir -p "$scratch/$target" "$artifacts"
    echo "fuzz-smoke: building $target with $toolchain, sanitizer $sanitizer"
    "${cargo_fuzz[@]}" build --sanitizer "$sanitizer" "$(features_of "$target")" "$target"
    echo "fuzz-smoke: $target for ${seconds}s"
    args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
        -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -f "$dict" ] && args+=(-dict="$dict")
    # The structure-aware targets read a list of edits: without this, libFuzzer starts at
    # 4-byte inputs (one edit at most) and grows them over hours.
    case "$target" in mutate | pdf) args+=(-len_control=0 -max_len=4096) ;; esac
    status=0
    mkdir -p "$seeds"
    "${cargo_fuzz[@]}" run --sanitizer "$sanitizer" "$(features_of "$target")" "$target" "$scratch/$target" "$seeds" \
        -- "${args[@]}" >"$log" 2>&1 || status=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    [ -n "$execs" ] || execs="$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)"
    line="$target: ${execs:-?} executions in ${seconds}s"
    if [ "$status" -ne 0 ] || grep -qE '^==[0-9]+== ERROR|deadly signal|panicked at|ERROR: libFuzzer' "$log"; then
        failed=1
        line="$line: FAILED (exit $status)"
        echo "----- last lines of the $target log -----" >&2
        tail -n 60 "$log" >&2
        echo "-----" >&2
        ls -1 "$artifacts" >&2 || true
    fi
    echo "fuzz-smoke: $line"
    summary+=("$line")
done

echo
echo "fuzz-smoke summary:"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "fuzz-smoke: a target crashed, hung or ran out of memory; inputs are in fuzz/artifacts/" >&2
    echo "fuzz-smoke: reproduce with: cd $fuzz_dir && cargo +$toolchain fuzz run TARGET artifacts/TARGET/FILE" >&2
    exit 1
fi
