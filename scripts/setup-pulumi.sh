#!/usr/bin/env bash
# Makes the Pulumi CLI available in .cache/pulumi/bin for `npm run pulumi` and the engine tests.
#
# No Pulumi installer is reachable from our machines, so the CLI is compiled from its Go module
# (github.com/pulumi/pulumi/pkg/v3) through the wrapper module in tools/pulumi-cli, whose go.mod
# and go.sum pin the version. Every `tool` directive of that module is built, so `go get -tool`
# there is all it takes to build one more binary (e.g. pulumi-language-nodejs once our Go proxy
# serves that module; today it does not, see the comment in tools/pulumi-cli/go.mod).
#
# Beside the CLI we write our own `pulumi-resource-pulumi-nodejs` (official installs ship an
# equivalent script): the plugin behind dynamic providers, which the engine looks for next to
# `pulumi`. It runs the dynamic-provider host of the @pulumi/pulumi the program itself resolves.
#
# A second run is a no-op: it only checks the binary's version and a stamp of the go.mod/go.sum
# hash. A `pulumi` already on PATH with the pinned version is linked instead of building. Go's
# default GOMODCACHE/GOCACHE are used (or whatever the caller exports): they live outside the
# clone, so fresh clones on the same machine, CI's included, reuse earlier downloads and compiles.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tooldir="$root/tools/pulumi-cli"
bindir="$root/.cache/pulumi/bin"
stamp="$bindir/.build-stamp"

say() { echo "setup-pulumi: $*" >&2; }
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="${PULUMI_HOME:-$root/.cache/pulumi/home}"

version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$tooldir/go.mod")"
[ -n "$version" ] || { say "no github.com/pulumi/pulumi/pkg/v3 requirement in $tooldir/go.mod"; exit 1; }
want_stamp="$version $(cat "$tooldir/go.mod" "$tooldir/go.sum" | sha256sum | cut -d' ' -f1)"

cli_version() { "$1" version 2>/dev/null | head -n1 || true; }

write_shim() {
  cat >"$bindir/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
# kindo-models: dynamic-provider plugin. The engine starts it in the program's directory, so the
# @pulumi/pulumi that the program uses is resolved from there.
host="$(node -p 'require.resolve("@pulumi/pulumi/cmd/dynamic-provider")')" || exit 1
exec node "$host" "$@"
EOF
  chmod +x "$bindir/pulumi-resource-pulumi-nodejs"
}

finish() {
  write_shim
  echo "$want_stamp" >"$stamp"
  say "Pulumi CLI $version ready: $bindir/pulumi (run it with: npm run pulumi -- <args>)"
  exit 0
}

mkdir -p "$bindir"

# 1. Already built from the same go.mod/go.sum.
if [ -x "$bindir/pulumi" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] &&
  [ "$(cli_version "$bindir/pulumi")" = "$version" ]; then
  finish
fi

# 2. The pinned version is installed on this machine: link it (its bundled plugins stay beside it).
other_path="$(echo "$PATH" | tr ':' '\n' | grep -vxF "$bindir" | paste -sd: -)"
if ambient="$(PATH="$other_path" command -v pulumi)" && [ "$(cli_version "$ambient")" = "$version" ]; then
  say "using the installed $ambient ($version)"
  ln -sfn "$(readlink -f "$ambient")" "$bindir/pulumi"
  finish
fi

# 3. Build from the Go module.
if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] || { say "building the Pulumi CLI needs Go; none was found"; exit 1; }
  export PATH="/usr/local/go/bin:$PATH"
fi
say "building pulumi $version from Go modules with $(go env GOVERSION) (cold: about 5 minutes)"
say "GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)"
tmp="$(mktemp -d "$root/.cache/pulumi/build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(
  cd "$tooldir"
  # The settings of upstream release builds. The -X stamp makes `pulumi version` print the
  # version, which the Automation API requires.
  # shellcheck source=progress.sh
  . "$root/scripts/progress.sh"
  CGO_ENABLED=0 with_progress "building the Pulumi CLI" go build -mod=readonly -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$tmp/" tool
)
built="$(cli_version "$tmp/pulumi")"
[ "$built" = "$version" ] || { say "the built pulumi reports '$built', expected $version"; exit 1; }
rm -f "$bindir/pulumi" # may be a link to an installed CLI
mv -f "$tmp"/* "$bindir/"
finish
