#!/usr/bin/env bash
# Judges dpisafe's CI outputs with the clients CI servers and reviewers use, not only with the
# schema: junitparser reads the JUnit as Jenkins and GitLab would, and sarif-tools reads the
# SARIF as a reviewer would. On examples/policy-repo, a passing check must give zero JUnit
# failures and no unsuppressed SARIF error; its regressed/ variant must give at least one of
# each, pointing at the lines; and `sarif summary` must print sentences, not garbled rule ids.
#
# Usage: scripts/check-ci-clients.sh [path/to/dpisafe]   (default: target/debug/dpisafe,
# built when missing). Installs its Python clients into a virtual environment under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
dpisafe="${1:-$target/debug/dpisafe}"
if [ ! -x "$dpisafe" ]; then
  cargo build --quiet --locked
fi
dpisafe="$(cd "$(dirname "$dpisafe")" && pwd)/$(basename "$dpisafe")"

venv="$target/ci-clients-venv"
if [ ! -x "$venv/bin/python" ]; then
  if ! python3 -m venv "$venv" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
      rm -rf "$venv"
      python3 -m venv "$venv"
    else
      echo "python3 with venv is needed; install python3-venv" >&2
      exit 1
    fi
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check sarif-tools==3.0.5 junitparser==5.0.3
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="examples/policy-repo"
# Judged before the waiver expires, as the example's README does.
export SOURCE_DATE_EPOCH=1788220800 NO_COLOR=1

run_check() { # name questionnaire
  local status=0
  for format in sarif junit; do
    (cd "$repo" && "$dpisafe" check "$2" --policy dpisafe-policy.yaml --format "$format" \
      -o "$work/$1.$format" --force) >/dev/null 2>&1 || status=$?
  done
  echo "$status"
}

pass_status="$(run_check pass questionnaire.yaml)"
fail_status="$(run_check fail regressed/questionnaire.yaml)"
"$venv/bin/sarif" summary "$work/pass.sarif" >"$work/pass.summary"
"$venv/bin/sarif" summary "$work/fail.sarif" >"$work/fail.summary"
"$venv/bin/sarif" html -o "$work/fail.html" "$work/fail.sarif" >/dev/null

"$venv/bin/python" - "$work" "$pass_status" "$fail_status" <<'PY'
import json
import re
import sys
from pathlib import Path

from junitparser import JUnitXml

work, pass_status, fail_status = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
problems = []


def junit_failures(name):
    xml = JUnitXml.fromfile(str(work / f"{name}.junit"))
    failures = []
    for suite in xml:
        for case in suite:
            for result in case.result:
                if type(result).__name__ == "Failure":
                    failures.append((case.name, result.message, result.text))
    return failures


def unsuppressed_errors(name):
    log = json.loads((work / f"{name}.sarif").read_text())
    return [
        r["ruleId"]
        for r in log["runs"][0]["results"]
        if r["level"] == "error" and not r.get("suppressions")
    ]


def summary_lines(name):
    # "- RULE Message…: COUNT" under each level heading.
    return re.findall(r"^ - (\S+) (.*): (\d+)$", (work / f"{name}.summary").read_text(), re.M)


if pass_status != 0:
    problems.append(f"the example's check should pass (exit {pass_status})")
if junit_failures("pass"):
    problems.append(f"a passing check has JUnit failures: {junit_failures('pass')}")
if unsuppressed_errors("pass"):
    problems.append(f"a passing check has SARIF errors: {unsuppressed_errors('pass')}")
if not re.search(r"^error: 0$", (work / "pass.summary").read_text(), re.M):
    problems.append("sarif summary of the passing check counts errors")

if fail_status != 1:
    problems.append(f"the regressed check should fail with exit 1 (exit {fail_status})")
failures = junit_failures("fail")
if not failures:
    problems.append("a failing check has no JUnit failure")
if not any("regressed/questionnaire.yaml:" in (text or "") for _, _, text in failures):
    problems.append("no JUnit failure points at a line of the questionnaire")
if "O3.Q3" not in unsuppressed_errors("fail"):
    problems.append(f"the critical O3.Q3 is not a SARIF error: {unsuppressed_errors('fail')}")

for name in ("pass", "fail"):
    lines = summary_lines(name)
    if not lines:
        problems.append(f"sarif summary of the {name} check lists nothing")
    for rule, message, _ in lines:
        if message.startswith(rule) or not message[:1].isupper():
            problems.append(f"sarif summary garbles {rule}: {message!r}")
if "Answered no to the critical question" not in (work / "fail.html").read_text():
    problems.append("sarif html does not show the messages")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(
    f"CI clients agree with the gate: pass 0 JUnit failures, 0 SARIF errors; "
    f"regressed {len(failures)} JUnit failures, {len(unsuppressed_errors('fail'))} SARIF errors"
)
PY
