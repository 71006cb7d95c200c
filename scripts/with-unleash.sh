#!/usr/bin/env bash
# Runs a command with PostgreSQL and the real unleash-server up (scripts/unleash.sh). An Unleash
# this script started is stopped again when the command ends; one that was already running (a
# developer's) is left alone. Used by `npm test`, `npm run demo` and the benchmarks that talk to
# Unleash.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
started_unleash=0
stop_unleash() { if [ "$started_unleash" -eq 1 ]; then bash "$root/scripts/unleash.sh" stop || true; fi; }
trap stop_unleash EXIT
if ! bash "$root/scripts/unleash.sh" status >/dev/null 2>&1; then
  echo "== starting PostgreSQL and Unleash" >&2
  # Set before starting: an interrupted start must be stopped too (the trap above).
  started_unleash=1
  bash "$root/scripts/unleash.sh" start
fi
# The command reads this Unleash (KINDO_UNLEASH_STATE may name another than .cache/unleash).
while IFS= read -r line; do export "${line?}"; done < <(bash "$root/scripts/unleash.sh" env)
"$@"
