#!/usr/bin/env bash
# dpisafe side by side with the tools people would otherwise use, in one run:
#
#   validate (largest example)  vs  check-jsonschema on the same file and the same schema
#   report --format md          vs  deon writing its (much smaller) ethics checklist
#   report --format pdf         vs  WeasyPrint turning dpisafe's own HTML report into a PDF
#
# Each pair runs alternately (dpisafe, peer, dpisafe, peer, …) so that a change in machine load
# hits both; the figure is the median wall time of the whole process, and the peak RSS is the
# largest over the runs. The peers are installed, pinned, in a virtual environment under
# ~/.cache (BENCH_VENV=… to move it). RUNS=… changes the number of runs (default 9, at least 5).
#
# Needs: cargo, python3 with venv, and the network the first time (pip).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-9}"
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 5 ]] || {
    echo "bench-peers.sh: RUNS must be at least 5, not '$RUNS'" >&2
    exit 2
}
VENV="${BENCH_VENV:-$HOME/.cache/dpisafe-bench-venv}"

echo "== peers in $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check \
    check-jsonschema==0.39.0 deon==0.3.0 weasyprint==70.0
for tool in check-jsonschema deon weasyprint; do
    echo "   $tool $("$VENV/bin/pip" show "$tool" | sed -n 's/^Version: //p')"
done

echo "== release build of dpisafe"
cargo build --release --locked --quiet
BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/dpisafe"

# The largest bundled example, as scripts/bench.sh picks it.
FILE=$(ls -S examples/*/questionnaire.yaml | head -1)
echo "   input: $FILE ($(wc -c <"$FILE") bytes), $(nproc) cores"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" -q report "$FILE" --format html -o "$WORK/report.html"

"$VENV/bin/python" - "$RUNS" "$WORK" "$BIN" "$FILE" "$VENV/bin" <<'PY'
import os, statistics, subprocess, sys, time

runs, work, dpisafe, file, venv = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]


def once(argv, ok):
    """Wall seconds and peak RSS (MiB) of one whole process, which must exit with a code in ok."""
    with open(os.path.join(work, "out"), "wb") as out, open(os.path.join(work, "err"), "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        sys.exit(f"{argv[0]} exited {code}: {open(os.path.join(work, 'err')).read()[-400:]}")
    return wall, usage.ru_maxrss / 1024


def pair(title, ours, peer, ok_ours=(0,), ok_peer=(0,)):
    """Alternating runs of both; returns the figures for the table."""
    once(ours, ok_ours), once(peer, ok_peer)  # warm the page cache; not counted
    a, b = [], []
    for _ in range(runs):
        a.append(once(ours, ok_ours))
        b.append(once(peer, ok_peer))
    ta, tb = statistics.median(w for w, _ in a), statistics.median(w for w, _ in b)
    ma, mb = max(m for _, m in a), max(m for _, m in b)
    print(f"   {title}")
    print(f"     dpisafe {ta * 1000:8.1f} ms  {ma:6.1f} MiB")
    print(f"     peer    {tb * 1000:8.1f} ms  {mb:6.1f} MiB")
    return tb / ta, ma


schema = "schemas/questionnaire.schema.json"
print(f"== median of {runs} alternating whole-process runs")
validate, _ = pair(
    "validate vs check-jsonschema (same file, same schema)",
    [dpisafe, "-q", "validate", file],
    [f"{venv}/check-jsonschema", "--schemafile", schema, file],
    ok_peer=(0, 1),
)
markdown, _ = pair(
    "report --format md vs deon's checklist",
    [dpisafe, "-q", "report", file, "--format", "md", "-o", f"{work}/report.md", "--force"],
    [f"{venv}/deon", "-o", f"{work}/checklist.md", "--overwrite"],
)
pdf, pdf_rss = pair(
    "YAML → PDF vs WeasyPrint on dpisafe's own HTML report",
    [dpisafe, "-q", "report", file, "--format", "pdf", "-o", f"{work}/report.pdf", "--force"],
    [f"{venv}/weasyprint", f"{work}/report.html", f"{work}/weasy.pdf"],
)

print("== against the goals (issue 17)")
rows = [
    ("validate vs check-jsonschema", f"{validate:.1f}× faster", "≥ 50×", validate >= 50),
    ("full Markdown report vs deon", f"{markdown:.1f}× faster", "≥ 20×", markdown >= 20),
    ("YAML → PDF vs WeasyPrint", f"{pdf:.1f}× faster", "≥ 30×", pdf >= 30),
    ("PDF peak memory", f"{pdf_rss:.0f} MiB", "≤ 64 MiB", pdf_rss <= 64),
]
for name, value, goal, met in rows:
    print(f"   {name:32} {value:>14}   goal {goal:9} {'met' if met else 'NOT MET'}")
PY
