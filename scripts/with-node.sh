#!/usr/bin/env bash
# Runs a command with Node >= 22 and the project's node_modules/.bin first on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KINDO_NODE_BIN="$(bash "$root/scripts/ensure-node.sh")"
export KINDO_NODE_BIN
export PATH="$KINDO_NODE_BIN:$root/node_modules/.bin:$PATH"
exec "$@"
