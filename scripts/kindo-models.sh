#!/usr/bin/env bash
# Runs the CLI from a clone: compiles dist/ first when it is missing or older than the sources
# (scripts/build-if-stale.js), then runs the published bin, which runs compiled JavaScript only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/with-node.sh" node "$root/scripts/build-if-stale.js"
exec bash "$root/scripts/with-node.sh" node "$root/bin/kindo-models.js" "$@"
