/** `vllm-qwen-long-context-without-rope-scaling` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { validDeploymentProps } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-qwen-long-context-without-rope-scaling", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-qwen-long-context-without-rope-scaling",
        validDeploymentProps({
          args: [
            "--model",
            "Qwen/Qwen3-8B",
            "--max-model-len",
            "40960",
            "--enable-auto-tool-choice",
            "--tool-call-parser",
            "hermes",
          ],
        }),
      ),
      { violations: [] },
    );
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-qwen-long-context-without-rope-scaling",
        validDeploymentProps({
          args: [
            "--model",
            "Qwen/Qwen3-8B",
            "--max-model-len",
            "131072",
            "--enable-auto-tool-choice",
            "--tool-call-parser",
            "hermes",
          ],
        }),
      ),
      {
        violations: [
          {
            message: `${C} must apply YaRN rope scaling to serve more than 40,960 tokens of Qwen3 8B; it sets --max-model-len 131,072 without it, so vLLM refuses to start. Add --hf-overrides '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}' (up to 131,072 tokens).`,
          },
        ],
      },
    );
  });
});
