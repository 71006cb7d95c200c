/** `vllm-gpu-unsupported` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { validDeploymentProps } from "./support/factories";
import { C, judge } from "./support/workload-case";

/** The compliant Deployment with its nvidia.com/gpu.product node selector set to `product`. */
function onGpu(product: string): Record<string, unknown> {
  const props = validDeploymentProps();
  const pod = (props["spec"] as { template: { spec: Record<string, unknown> } }).template.spec;
  pod["nodeSelector"] = { "nvidia.com/gpu.product": product };
  return props;
}

describe("vllm-gpu-unsupported", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-gpu-unsupported", validDeploymentProps()), {
      violations: [],
    });
  });

  it("passes a server on a T4, a GPU vLLM runs on", async () => {
    assert.deepStrictEqual(await judge("vllm-gpu-unsupported", onGpu("Tesla-T4")), {
      violations: [],
    });
  });

  it("reports a server pinned to a Tesla P40", async () => {
    assert.deepStrictEqual(await judge("vllm-gpu-unsupported", onGpu("Tesla-P40")), {
      violations: [
        {
          message: `${C} must run on a GPU vLLM supports; it is pinned to "Tesla-P40", the Tesla P40 (compute capability 6.1; vLLM needs 7.0 or higher: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
        },
      ],
    });
  });
});
