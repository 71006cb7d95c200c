#!/usr/bin/env bash
# Builds the Pulumi Kubernetes provider plugin into .cache/pulumi/plugins/kubernetes for the engine
# tests that render VllmDeployments with `renderYamlToDirectory` (no cluster exists here).
#
# Pulumi's plugin downloads are unreachable from our machines, and the Go proxy serves
# github.com/pulumi/pulumi-kubernetes/provider/v4 only as the pseudo-version pinned in
# tools/k8s-provider/go.mod (commit f47bc2d6, 2026-01-15, between 4.24.1 and 4.25.0). The binary
# reports that code's own version label, so the engine warns that @pulumi/kubernetes 4.34.2
# expects >= 4.34.2; the warning is true and harmless for the resources we render.
#
# A second run is a no-op (stamp of the module files and label). Go's default caches are used.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
k8sdir="$root/tools/k8s-provider"
k8sbin="$root/.cache/pulumi/plugins/kubernetes"
k8smod=github.com/pulumi/pulumi-kubernetes/provider/v4
label="4.25.0-alpha.f47bc2d6"
say() { echo "setup-k8s-provider: $*" >&2; }

stamp="$label $(cat "$k8sdir/go.mod" "$k8sdir/go.sum" "$k8sdir/cmd/pulumi-resource-kubernetes/main.go" | sha256sum | cut -d' ' -f1)"
if [ -x "$k8sbin/pulumi-resource-kubernetes" ] && [ "$(cat "$k8sbin/.build-stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  [ -x /usr/local/go/bin/go ] || { say "building the provider needs Go; none was found"; exit 1; }
  export PATH="/usr/local/go/bin:$PATH"
fi
say "building pulumi-resource-kubernetes ($label) from Go modules (cold: about 7 minutes)"
mkdir -p "$root/.cache/pulumi"
tmp="$(mktemp -d "$root/.cache/pulumi/k8s-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
go -C "$k8sdir" mod download "$k8smod"
src="$(go -C "$k8sdir" list -mod=readonly -m -f '{{.Dir}}' "$k8smod")/cmd/pulumi-resource-kubernetes"
# Upstream's generate.go (from the module cache, compiled in our module so it uses the provider's
# pinned pkg/v3) writes the two embed files; overlays may not replace files under GOMODCACHE, so
# they are mapped into our main's directory instead.
go -C "$k8sdir" build -mod=readonly -o "$tmp/generate" "$src/generate.go"
cp "$src/schema.json" "$src/terraform-mapping.json" "$tmp/"
chmod u+w "$tmp"/*.json
(cd "$tmp" && VERSION="$label" ./generate)
main="$k8sdir/cmd/pulumi-resource-kubernetes"
printf '{"Replace":{"%s":"%s","%s":"%s"}}\n' \
  "$main/schema-embed.json" "$tmp/schema-embed.json" \
  "$main/terraform-mapping-embed.json" "$tmp/terraform-mapping-embed.json" >"$tmp/overlay.json"
CGO_ENABLED=0 go -C "$k8sdir" build -mod=readonly -trimpath -tags osusergo,grpcnotrace \
  -overlay "$tmp/overlay.json" \
  -ldflags "-s -w -X $k8smod/pkg/version.Version=$label" \
  -o "$tmp/bin/" ./cmd/pulumi-resource-kubernetes
mkdir -p "$k8sbin"
mv -f "$tmp/bin/pulumi-resource-kubernetes" "$k8sbin/"
echo "$stamp" >"$k8sbin/.build-stamp"
say "ready: $k8sbin/pulumi-resource-kubernetes"
