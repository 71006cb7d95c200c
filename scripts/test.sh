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
echo "== lint (ESLint: typed rules, Pulumi Output rules, no @pulumi runtime in the knowledge layer)"
bash scripts/with-node.sh eslint .
run_tier "tier 1: knowledge layer, CLI and policies" test/knowledge test/cli test/policies
run_tier "tier 2: components and stacks under Pulumi mocks" test/components test/stacks
# Tiers 3 and 4 run against a real Unleash (PostgreSQL + unleash-server), started for them when
# none is running and stopped again afterwards (scripts/with-unleash.sh).
export -f run_tier
bash scripts/with-unleash.sh bash -c '
  set -euo pipefail
  shopt -s globstar nullglob
  run_tier "tier 3: simulators and dynamic resources" test/sim test/dynamic
  echo "== tier 4: real Pulumi engine"
  npm run test:engine
'
