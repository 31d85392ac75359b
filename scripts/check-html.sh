#!/usr/bin/env bash
# Judges dpisafe's HTML as a browser and a screen reader see it: every report, brief, portfolio
# and handbook is opened in headless Chromium and checked by axe-core (zero serious or critical
# violations), and each full report and brief, printed by Chromium to A4, must take no more
# pages than the PDF dpisafe typesets from it.
#
# Usage: scripts/check-html.sh [path/to/dpisafe]   (default: target/debug/dpisafe, built when
# missing). Installs Debian's chromium when it is missing (as root), and playwright-core and
# axe-core (pinned) into target/check-html/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
dpisafe="${1:-$target/debug/dpisafe}"
if [ ! -x "$dpisafe" ]; then
  cargo build --quiet --locked
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "Chromium is needed at /usr/bin/chromium; install Debian's chromium package" >&2
    exit 1
  fi
fi
if ! command -v pdfinfo >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
  fi
fi

tools="$target/check-html"
if [ ! -d "$tools/node_modules/playwright-core" ] || [ ! -d "$tools/node_modules/axe-core" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund --no-save playwright-core@1.65.1 axe-core@4.14.1 >/dev/null)
fi
cp scripts/check-html.mjs "$tools/check-html.mjs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1788220800 NO_COLOR=1
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

files=()
print=()
for example in examples/*/questionnaire.yaml; do
  name="$(basename "$(dirname "$example")")"
  for lang in en fr ar; do
    for kind in report brief; do
      flag=""
      [ "$kind" = brief ] && flag="--brief"
      out="$work/$name-$lang-$kind"
      "$dpisafe" --quiet --lang "$lang" report "$example" $flag --format html -o "$out.html"
      files+=("$out.html")
      if [ "$lang" = en ]; then
        "$dpisafe" --quiet --lang "$lang" report "$example" $flag --format pdf -o "$out.pdf"
        print+=(--print "$out.html=$(pages "$out.pdf")")
      fi
    done
  done
done
"$dpisafe" --quiet portfolio examples --format html -o "$work/portfolio.html"
"$dpisafe" --quiet framework export --format html -o "$work/handbook.html"
files+=("$work/portfolio.html" "$work/handbook.html")

node "$tools/check-html.mjs" "${print[@]}" "${files[@]}"
echo "HTML: no serious accessibility violation, and no print longer than its PDF"
