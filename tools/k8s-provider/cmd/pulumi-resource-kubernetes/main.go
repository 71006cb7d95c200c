// The Pulumi Kubernetes provider plugin, built from its Go module for machines that cannot reach
// Pulumi's plugin downloads (see scripts/setup-k8s-provider.sh). Upstream's main embeds
// schema-embed.json and terraform-mapping-embed.json, which its `go generate` writes and git
// ignores, so the module zip lacks them; the setup script generates both and supplies them to
// this file through `go build -overlay`.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
