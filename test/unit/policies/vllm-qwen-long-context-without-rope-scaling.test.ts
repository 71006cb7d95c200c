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

  // The Qwen3.5 card's override (vllm-project/recipes 8959cf6, Qwen/Qwen3.5.md): text_config.rope_parameters.
  const qwen35 = (...extra: string[]) =>
    validDeploymentProps({
      args: [
        "--model",
        "Qwen/Qwen3.5-9B",
        "--max-model-len",
        "1010000",
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "qwen3_coder",
        ...extra,
      ],
    });

  it("passes a server that applies the card's nested text_config.rope_parameters override", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-qwen-long-context-without-rope-scaling",
        qwen35(
          "--hf-overrides",
          `{"text_config": {"rope_parameters": {"mrope_interleaved": true, "mrope_section": [11, 11, 10], "rope_type": "yarn", "rope_theta": 10000000, "partial_rotary_factor": 0.25, "factor": 4.0, "original_max_position_embeddings": 262144}}}`,
        ),
      ),
      { violations: [] },
    );
  });

  it("prints the nested override in the fix for a model whose card nests it", async () => {
    assert.deepStrictEqual(await judge("vllm-qwen-long-context-without-rope-scaling", qwen35()), {
      violations: [
        {
          message: `${C} must apply YaRN rope scaling to serve more than 262,144 tokens of Qwen3.5 9B; it sets --max-model-len 1,010,000 without it, so vLLM refuses to start. Add --hf-overrides '{"text_config":{"rope_parameters":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":262144,"mrope_interleaved":true,"mrope_section":[11,11,10],"rope_theta":10000000,"partial_rotary_factor":0.25}}}' (up to 1,048,576 tokens).`,
        },
      ],
    });
  });
});
