/** `vllm-shm-too-small` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { validTensorParallelProps } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-shm-too-small", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-shm-too-small", validTensorParallelProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge("vllm-shm-too-small", validTensorParallelProps({ shm: false })),
      {
        violations: [
          {
            message: `${C} must have a memory-backed /dev/shm of at least 1 GiB for 4 parallel workers; it has the container default (64 MiB), so NCCL fails or hangs. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.`,
          },
        ],
      },
    );
  });
});
