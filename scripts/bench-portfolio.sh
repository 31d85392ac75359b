#!/usr/bin/env bash
# Benchmarks `dpisafe portfolio` on 10,000 generated questionnaires (COUNT=… to change) and
# compares it with `dpisafe validate` of the same files. Prints whole-process wall time and
# peak RSS (GNU time), the speed-up from threads, how RSS grows with the number of files, the
# share of worker time spent parsing, and checks that the output does not depend on threads.
#
# Needs: cargo, python3, GNU time (/usr/bin/time; `apt-get install time`).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${COUNT:-10000}"
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing: apt-get install time" >&2
    exit 3
fi

echo "== release build (without the pdf feature: the JSON path does not use Typst)"
cargo build --release --no-default-features --quiet
BIN="$PWD/target/release/dpisafe"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "== generating $COUNT questionnaires (scripts/gen-portfolio.py, fixed seed) in $WORK/q"
python3 scripts/gen-portfolio.py "$BIN" "$WORK/q" "$COUNT"
FILES=$(find "$WORK/q" -name '*.yaml' | wc -l)
BYTES=$(du -sb "$WORK/q" | cut -f1)
echo "   $FILES files, $((BYTES / 1024 / 1024)) MiB with the evidence files; $(nproc) cores"

# measure LABEL COMMAND…: runs it once, prints wall seconds and peak RSS.
measure() {
    local label="$1"
    shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || {
        echo "$label failed:" >&2
        tail -5 "$WORK/stderr" >&2
        exit 1
    }
    read -r wall rss <"$WORK/time"
    printf '   %-58s %7.2f s  %7.1f MiB\n' "$label" "$wall" "$(echo "$rss / 1024" | bc -l)"
}

echo "== whole-process wall time and peak RSS"
measure "portfolio DIR --format json ($(nproc) threads)" \
    "$BIN" -q portfolio "$WORK/q" --format json -o "$WORK/all.json"
measure "portfolio DIR --format json (RAYON_NUM_THREADS=1)" \
    env RAYON_NUM_THREADS=1 "$BIN" -q portfolio "$WORK/q" --format json -o "$WORK/one.json"
# validate reads, parses, checks and inspects evidence like portfolio, on one thread, but
# does not score; -q hides its per-file notes and warnings so printing does not dominate.
measure "validate FILE… (single-threaded, -q)" \
    sh -c "find '$WORK/q' -name '*.yaml' -print0 | sort -z | xargs -0 '$BIN' -q validate"
measure "portfolio on the first 10 % of the files ($(nproc) threads)" \
    "$BIN" -q portfolio "$WORK/q/batch-00[0-1]" --format json -o "$WORK/tenth.json"
echo "   (JSON written: $(($(stat -c %s "$WORK/all.json") / 1024)) KiB for all files)"

echo "== determinism"
if cmp -s "$WORK/all.json" "$WORK/one.json"; then
    echo "   1 thread and $(nproc) threads wrote byte-identical JSON"
else
    echo "   the JSON differs between 1 and $(nproc) threads" >&2
    exit 1
fi

echo "== where the worker time goes"
echo "   Method: with DPISAFE_PORTFOLIO_TIMINGS set, each worker times its stages with a"
echo "   monotonic clock and adds them up: read (file to text), parse+validate (YAML to tree,"
echo "   schema, references, typed questionnaire), score (evidence files looked at, report"
echo "   built), reduce (report to row). Shares are of the summed worker time; the timing"
echo "   itself costs about two clock reads per stage per file."
DPISAFE_PORTFOLIO_TIMINGS=1 "$BIN" -q portfolio "$WORK/q" --format json -o "$WORK/timed.json" 2>&1 |
    grep '^timings:' | sed 's/; /;\n     /g; s/^/   /'

echo "== against the parse floor (examples/parse_floor.rs: the same YAML parser into a JSON value, the same thread pool)"
cargo build --release --no-default-features --quiet --example parse_floor
FLOOR="${CARGO_TARGET_DIR:-$PWD/target}/release/examples/parse_floor"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
    echo "   PyYAML with its C loader is missing for $PYTHON: pip install pyyaml (or PYTHON=…)" >&2
    exit 3
fi
cat >"$WORK/pyyaml_floor.py" <<'PY'
import pathlib, sys, yaml
files = sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml"))
for path in files:
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
print(f"parsed {len(files)} files")
PY

# median_of N LABEL COMMAND…: the median wall time of N runs, and the peak RSS of the last one.
median_of() {
    local runs="$1" label="$2"
    shift 2
    local times=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || {
            echo "$label failed:" >&2
            tail -5 "$WORK/stderr" >&2
            exit 1
        }
        read -r wall rss <"$WORK/time"
        times+=("$wall")
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
    printf '   %-58s %7.2f s  %7.1f MiB\n' "$label" "$median" "$(echo "$rss / 1024" | bc -l)" >&2
    echo "$median $rss"
}

RUNS="${RUNS:-5}"
echo "   median of $RUNS runs each (RUNS=… to change)"
read -r floor2 _ < <(median_of "$RUNS" "parse floor ($(nproc) threads)" "$FLOOR" "$WORK/q")
read -r port2 rss2 < <(median_of "$RUNS" "portfolio ($(nproc) threads)" \
    "$BIN" -q portfolio "$WORK/q" --format json -o "$WORK/floor-all.json" --force)
read -r floor1 _ < <(median_of "$RUNS" "parse floor (1 thread)" env RAYON_NUM_THREADS=1 "$FLOOR" "$WORK/q")
read -r port1 _ < <(median_of "$RUNS" "portfolio (1 thread)" \
    env RAYON_NUM_THREADS=1 "$BIN" -q portfolio "$WORK/q" --format json -o "$WORK/floor-one.json" --force)
read -r pyyaml _ < <(median_of 1 "PyYAML C loader, parse only (1 thread)" "$PYTHON" "$WORK/pyyaml_floor.py" "$WORK/q")
ratio() { echo "scale=2; $1 / $2" | bc -l; }
echo "   portfolio / parse floor, $(nproc) threads:  $(ratio "$port2" "$floor2")×   (goal ≤ 1.3×)"
echo "   portfolio / parse floor, 1 thread:   $(ratio "$port1" "$floor1")×"
echo "   PyYAML parse only / portfolio:       $(ratio "$pyyaml" "$port2")× faster   (goal ≥ 4.5×)"
echo "   portfolio peak memory:               $(echo "$rss2 / 1024" | bc) MiB   (goal ≤ 100 MiB)"
