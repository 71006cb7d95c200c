/** `vllm-model-unsupported-by-release` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { validDeploymentProps } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-model-unsupported-by-release", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(
      await judge("vllm-model-unsupported-by-release", validDeploymentProps()),
      { violations: [] },
    );
  });

  it("reports the defect with its fix", async () => {
    // Gemma 3 on a release from before it: v0.6.3.post1's registry lacks Gemma3ForConditionalGeneration
    // and its Transformers fallback (from 0.7.2, multimodal from 0.10.0) is not there either.
    const args = ["--model", "google/gemma-3-4b-it", "--max-model-len", "131072"];
    assert.deepStrictEqual(
      await judge(
        "vllm-model-unsupported-by-release",
        validDeploymentProps({ args, image: "vllm/vllm-openai:v0.6.3.post1" }),
      ),
      {
        violations: [
          {
            message: `${C} must run a vLLM release that can load its model; vLLM 0.6.3.post1 cannot load Gemma 3 4B IT's architecture "Gemma3ForConditionalGeneration": its registry lacks it (the first release read that registers it is 0.8.0), and its Transformers fallback loads no multimodal model there, so vLLM will not start. Use vLLM 0.8.0 or newer.`,
          },
        ],
      },
    );
  });
});
