#!/usr/bin/env bash
# Prints the directory of a Node >= 22 binary, installing Node 22 from the npm registry
# (package "node", which carries the real binary) into .tools/node22 when the system one is older.
# @pulumi/pulumi >= 3.249 and unleash-server declare engines.node >= 22.
# Spawns no node process when the answer is already known: an outer call exported KINDO_NODE_BIN,
# npm runs on Node >= 22 (its user agent says so), or .tools/node22 holds the pinned release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="22.23.3"
if [ -n "${KINDO_NODE_BIN:-}" ] && [ -x "$KINDO_NODE_BIN/node" ]; then echo "$KINDO_NODE_BIN"; exit 0; fi
if [[ "${npm_config_user_agent:-}" =~ node/v([0-9]+)\. ]] && [ "${BASH_REMATCH[1]}" -ge 22 ] && [ -x "${npm_node_execpath:-}" ]; then
  dirname "$npm_node_execpath"; exit 0
fi
dir="$root/.tools/node22"
bin="$dir/node_modules/node/bin"
stamp="$dir/.version"
if [ -x "$bin/node" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$NODE_VERSION" ]; then echo "$bin"; exit 0; fi
if command -v node >/dev/null 2>&1; then
  version="$(node --version)"
  major="${version#v}"; major="${major%%.*}"
  if [ "$major" -ge 22 ]; then dirname "$(command -v node)"; exit 0; fi
fi
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "kindo-models: installing Node $NODE_VERSION from the npm registry into .tools/node22" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "node@$NODE_VERSION" >&2
fi
[ -x "$bin/node" ] || { echo "kindo-models: Node $NODE_VERSION did not install into $bin" >&2; exit 1; }
echo "$NODE_VERSION" > "$stamp"
echo "$bin"
