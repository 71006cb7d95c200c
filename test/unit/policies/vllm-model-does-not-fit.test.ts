/** `vllm-model-does-not-fit` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-model-does-not-fit", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-model-does-not-fit", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-model-does-not-fit",
        validDeploymentProps({
          args: withFlag(baseArgs(), "--model", "meta-llama/Llama-3.1-70B-Instruct"),
        }),
      ),
      {
        violations: [
          {
            message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2 and --quantization fp8, which serves 131,072 tokens.`,
          },
        ],
      },
    );
  });
});
