#!/usr/bin/env bash
# `npm test`: every test tier, installing what it needs (Node 22, npm packages, the Pulumi CLI,
# PostgreSQL and Unleash for the dynamic-resource tier).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shopt -s globstar nullglob

# Runs mocha on the test files under the given folders; a tier with no files yet is skipped.
run_tier() {
  local title="$1"; shift
  local files=()
  for dir in "$@"; do files+=("$dir"/**/*.test.ts); done
  echo "== $title"
  if [ "${#files[@]}" -eq 0 ]; then echo "(no tests yet)"; return 0; fi
  bash scripts/with-node.sh mocha --config .mocharc.json "${files[@]}"
}

bash scripts/install.sh
echo "== typecheck"
bash scripts/with-node.sh tsc -p tsconfig.json --noEmit
echo "== format (Prettier)"
bash scripts/with-node.sh prettier --check --log-level warn .
echo "== lint (ESLint: typed rules, Pulumi Output rules, no @pulumi runtime in the knowledge layer)"
bash scripts/with-node.sh eslint .
run_tier "tier 1: unit (pure: no network, no services)" test/unit
run_tier "tier 2: mocks (components and stacks under Pulumi mocks)" test/mocks
# Tiers 3 and 4 run against a real Unleash (PostgreSQL + unleash-server), started for them when
# none is running and stopped again afterwards (scripts/with-unleash.sh).
export -f run_tier
bash scripts/with-unleash.sh bash -c '
  set -euo pipefail
  shopt -s globstar nullglob
  run_tier "tier 3: integration (simulators, dynamic resources, real Unleash)" test/integration
  echo "== tier 4: real Pulumi engine"
  npm run test:engine
'
