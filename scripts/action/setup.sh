#!/usr/bin/env bash
# action.yml, step "set up": builds this action's own checkout (GITHUB_ACTION_PATH) so the comment
# renderer runs as compiled JavaScript, and, unless the workflow names a pack (KINDO_POLICY_PACK),
# builds the guardrail pack (npm run build:policy-pack) and installs its dependencies. Writes the
# pack's absolute path to the step output `policy-pack`.
set -euo pipefail
action="${GITHUB_ACTION_PATH:?}"
cd "$action"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
if [ -n "${KINDO_POLICY_PACK:-}" ]; then
  pack="$(cd "${GITHUB_WORKSPACE:?}" && realpath "$KINDO_POLICY_PACK")"
else
  npm run --silent build:policy-pack
  (cd dist/policy-pack && npm install --omit=dev --no-audit --no-fund --loglevel=error)
  pack="$action/dist/policy-pack"
fi
echo "policy-pack=$pack" >>"${GITHUB_OUTPUT:?}"
