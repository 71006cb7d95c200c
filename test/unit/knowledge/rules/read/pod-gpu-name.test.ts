/** The GPU model a pod's node selector names, read from every label clusters use; other accelerators it requests. */
import assert from "node:assert/strict";
import {
  findOtherAcceleratorRequest,
  findPodGpuName,
} from "../../../../../knowledge/rules/read/pod";

function podOn(label: string, value: string): Record<string, unknown> {
  return { nodeSelector: { [label]: value }, containers: [] };
}

describe("findPodGpuName", () => {
  it("reads GPU Feature Discovery's product label as written", () => {
    assert.equal(findPodGpuName(podOn("nvidia.com/gpu.product", "NVIDIA-L40S")), "NVIDIA-L40S");
  });

  it("gives an AWS instance type's GPU", () => {
    assert.equal(findPodGpuName(podOn("node.kubernetes.io/instance-type", "g6.xlarge")), "l4-24gb");
  });

  it("gives an Azure VM size's GPU (AKS pins GPU pools by instance type)", () => {
    assert.equal(
      findPodGpuName(podOn("node.kubernetes.io/instance-type", "Standard_NC24ads_A100_v4")),
      "a100-80gb-pcie",
    );
  });

  it("gives nothing for an instance type the catalog does not know", () => {
    assert.equal(findPodGpuName(podOn("node.kubernetes.io/instance-type", "m5.large")), undefined);
  });
});

describe("findOtherAcceleratorRequest", () => {
  const requesting = (resource: string) => ({
    resources: { limits: { cpu: "8", [resource]: "4" } },
  });

  // One per device plugin: GKE TPU, AWS Neuron (device and core), Intel Gaudi, Intel GPU.
  for (const resource of [
    "google.com/tpu",
    "aws.amazon.com/neuron",
    "aws.amazon.com/neuroncore",
    "habana.ai/gaudi",
    "gpu.intel.com/i915",
  ]) {
    it(`names ${resource}`, () => {
      assert.equal(findOtherAcceleratorRequest(requesting(resource)), resource);
    });
  }

  it("names nothing for a container that requests only CPU and memory", () => {
    assert.equal(
      findOtherAcceleratorRequest({ resources: { limits: { cpu: "8", memory: "16Gi" } } }),
      undefined,
    );
  });
});
