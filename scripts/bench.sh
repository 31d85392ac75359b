#!/usr/bin/env bash
# Benchmark the release binary on one questionnaire.
#
#   scripts/bench.sh [QUESTIONNAIRE]      default: the largest examples/*/questionnaire.yaml
#   BENCH_RUNS=50 scripts/bench.sh        runs per command (default 20)
#
# For every command in BENCH_COMMANDS it prints the median and minimum wall-clock time in ms and
# the peak resident memory (max RSS) in MB. Wall-clock time is taken with bash's microsecond
# clock around the bare command; max RSS comes from a separate pass under GNU time
# (`/usr/bin/time -f '%e %M'`), because GNU time only reports %e in hundredths of a second and
# adds its own start-up to every run. Without GNU time the RSS column reads "n/a".
set -euo pipefail

# The commands to measure, one entry each: "EXIT_CODES|ARGUMENTS".
#   EXIT_CODES  the exit codes that count as success, separated by spaces;
#               anything else aborts the benchmark.
#   ARGUMENTS   the dpisafe arguments, split on whitespace; @FILE@ stands for the questionnaire.
# Add a format or a command by adding a line here.
BENCH_COMMANDS=(
    "0|validate @FILE@"
    "0|assess @FILE@ --format json"
    "0 1|check @FILE@ --format sarif" # 1 = the default policy fails, expected for some examples
    "0|report @FILE@ --format md"
    "0|report @FILE@ --format html"
    "0|report @FILE@ --format pdf" # standard output is /dev/null here, not a terminal
)

die() {
    echo "bench.sh: $*" >&2
    exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${BENCH_RUNS:-20}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number, not '$runs'"

# --- the input --------------------------------------------------------------------------------
if [[ $# -ge 1 ]]; then
    file=$1
    [[ -f $file ]] || die "no such file: $file"
else
    file=
    best=-1
    for candidate in examples/*/questionnaire.yaml; do
        [[ -f $candidate ]] || continue
        size=$(wc -c <"$candidate")
        if ((size > best)); then
            best=$size
            file=$candidate
        fi
    done
    [[ -n $file ]] || die "no examples/*/questionnaire.yaml found; pass a questionnaire as \$1"
fi

# --- the binary -------------------------------------------------------------------------------
cargo build --release --locked --quiet
bin=${CARGO_TARGET_DIR:-target}/release/dpisafe
[[ -x $bin ]] || die "cargo build succeeded but $bin is missing"

# --- the clocks -------------------------------------------------------------------------------
gnu_time=
if ! /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1 && [[ ! -e /usr/bin/time ]]; then
        echo "Installing GNU time (apt-get install -y time)…" >&2
        apt-get install -y -qq time >/dev/null 2>&1 || echo "bench.sh: could not install GNU time; RSS will read n/a" >&2
    fi
fi
if /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
    gnu_time=/usr/bin/time
fi

# Microseconds since the epoch: bash 5's EPOCHREALTIME, else GNU date.
if [[ -n ${EPOCHREALTIME:-} ]]; then
    now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$((10#$t))"; }
else
    now_us() { echo $(($(date +%s%N) / 1000)); }
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check_status STATUS ALLOWED LABEL: abort unless STATUS is one of ALLOWED.
check_status() {
    local status=$1 allowed=$2 label=$3 code
    for code in $allowed; do
        [[ $status == "$code" ]] && return 0
    done
    {
        echo "bench.sh: 'dpisafe $label' exited with $status (expected: ${allowed// / or })"
        echo "--- its standard error (last 20 lines) ---"
        tail -n 20 "$tmp/stderr"
    } >&2
    exit 1
}

# --- the machine ------------------------------------------------------------------------------
cpu=$(awk -F': *' '/^(model name|Hardware|Processor|cpu model)[[:space:]]*:/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
echo "machine:  $(nproc) CPUs, ${cpu:-unknown CPU}"
echo "dpisafe:  $("$bin" --version)"
echo "input:    $file ($(wc -c <"$file") bytes)"
echo "runs:     $runs per command (after one warm-up), output to /dev/null"
echo

# --- the runs ---------------------------------------------------------------------------------
labels=()
results=()
for entry in "${BENCH_COMMANDS[@]}"; do
    allowed=${entry%%|*}
    read -ra words <<<"${entry#*|}"
    args=()
    for word in "${words[@]}"; do
        if [[ $word == @FILE@ ]]; then args+=("$file"); else args+=("$word"); fi
    done
    label=${entry#*|}
    label=${label//@FILE@/FILE}

    # Warm-up: fills the page cache and checks the exit code before anything is measured.
    status=0
    "$bin" "${args[@]}" >/dev/null 2>"$tmp/stderr" || status=$?
    check_status "$status" "$allowed" "$label"

    # Wall clock, bare command.
    : >"$tmp/times"
    for ((i = 0; i < runs; i++)); do
        status=0
        start=$(now_us)
        "$bin" "${args[@]}" >/dev/null 2>"$tmp/stderr" || status=$?
        end=$(now_us)
        check_status "$status" "$allowed" "$label"
        echo "$((end - start))" >>"$tmp/times"
    done
    read -r median min < <(sort -n "$tmp/times" | awk '
        { v[NR] = $1 }
        END {
            m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.1f %.1f\n", m / 1000, v[1] / 1000
        }')

    # Peak resident memory, under GNU time. On a non-zero exit GNU time writes a
    # "Command exited with non-zero status" line first, so only the last line is read.
    rss=n/a
    if [[ -n $gnu_time ]]; then
        peak_kb=0
        for ((i = 0; i < runs; i++)); do
            status=0
            "$gnu_time" -f '%e %M' -o "$tmp/time" "$bin" "${args[@]}" >/dev/null 2>"$tmp/stderr" || status=$?
            check_status "$status" "$allowed" "$label"
            read -r _ kb < <(tail -n 1 "$tmp/time")
            [[ $kb =~ ^[0-9]+$ ]] || die "unexpected GNU time output: $(cat "$tmp/time")"
            if ((kb > peak_kb)); then peak_kb=$kb; fi
        done
        rss=$(awk -v kb="$peak_kb" 'BEGIN { printf "%.1f", kb / 1024 }')
    fi

    labels+=("$label")
    results+=("$median $min $rss")
done

# --- the table --------------------------------------------------------------------------------
width=7
for label in "${labels[@]}"; do
    if ((${#label} > width)); then width=${#label}; fi
done
printf "%-${width}s  %11s  %8s  %12s\n" command "median (ms)" "min (ms)" "max RSS (MB)"
printf "%-${width}s  %11s  %8s  %12s\n" "$(printf '%*s' "$width" '' | tr ' ' -)" ----------- -------- ------------
for i in "${!labels[@]}"; do
    read -r median min rss <<<"${results[$i]}"
    printf "%-${width}s  %11s  %8s  %12s\n" "${labels[$i]}" "$median" "$min" "$rss"
done
