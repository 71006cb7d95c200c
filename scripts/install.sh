#!/usr/bin/env bash
# Installs the project's npm dependencies with Node 22 when package-lock.json is newer than the
# last install (so a second run is a no-op).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
nodebin="$(bash scripts/ensure-node.sh)"
export PATH="$nodebin:$PATH"
stamp="node_modules/.kindo-install-stamp"
# shellcheck source=progress.sh
. "$root/scripts/progress.sh"
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "== npm ci (a fresh clone: about 2 minutes)" >&2
  # A dependency's install-time analytics (scarf-js) neither phones home nor leaves its log in the
  # temporary folder.
  export SCARF_ANALYTICS=false
  with_progress "npm ci" npm ci --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi
