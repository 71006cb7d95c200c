/** `vllm-tensor-parallel-invalid` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { validTensorParallelProps, withFlag } from "./support/factories";
import { C, judge, tpArgs } from "./support/workload-case";

describe("vllm-tensor-parallel-invalid", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(
      await judge("vllm-tensor-parallel-invalid", validTensorParallelProps()),
      { violations: [] },
    );
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-tensor-parallel-invalid",
        validTensorParallelProps({ args: withFlag(tpArgs(), "--tensor-parallel-size", "3") }),
      ),
      {
        violations: [
          {
            message: `${C} must use a --tensor-parallel-size that divides the 64 attention heads of Llama 3.1 70B Instruct; it sets 3, so vLLM will not start. Use one of 1, 2, 4, 8, 16.`,
          },
        ],
      },
    );
  });
});
