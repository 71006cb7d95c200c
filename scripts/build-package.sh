#!/usr/bin/env bash
# Compiles the published package into dist/ (tsconfig.build.json: knowledge/, verification/,
# components/, hub/, cli/ to JavaScript with declarations). `npm run build` and npm's `prepack` (npm pack,
# npm publish, installs from git) run it. The folders are emptied first so nothing stale is packed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rm -rf dist/knowledge dist/verification dist/components dist/hub dist/cli
"$root/node_modules/.bin/tsc" -p tsconfig.build.json
node "$root/scripts/prune-declarations.js" "$root/dist"
