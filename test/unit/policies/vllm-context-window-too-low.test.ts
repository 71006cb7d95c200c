/** `vllm-context-window-too-low` on raw apps/v1 Deployments and on VllmDeployment inputs: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { VLLM_DEPLOYMENT_TYPE } from "../../../components/vllm/vllm-deployment";
import { validVllmDeploymentArgs } from "../../support/factories/components";
import { runResourcePolicy } from "./support/policy-harness";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge, resourcePolicy } from "./support/workload-case";

describe("vllm-context-window-too-low", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-context-window-too-low", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-context-window-too-low",
        validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") }),
      ),
      {
        violations: [
          {
            message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`,
          },
        ],
      },
    );
  });

  // Qwen3.5 9B: 262,144 native, 1,010,000 only with the card's opt-in YaRN override (as Qwen3's
  // 32,768 native against 131,072): its native window without the override is its full window.
  it("passes a YaRN model served at its native window without the override", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-context-window-too-low",
        validDeploymentProps({
          args: [
            "--model",
            "Qwen/Qwen3.5-9B",
            "--max-model-len",
            "262144",
            "--enable-auto-tool-choice",
            "--tool-call-parser",
            "qwen3_coder",
          ],
          image: "vllm/vllm-openai:v0.27.1",
        }),
      ),
      { violations: [] },
    );
  });

  it("accepts a lower window recorded as an exception with its reason", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") });
    const config = {
      exceptions: [
        {
          resource: "Deployment/models/llama",
          reason: "latency budget for the autocomplete feature",
          maxModelLen: 8192,
        },
      ],
    };
    assert.deepStrictEqual(await judge("vllm-context-window-too-low", props, config), {
      violations: [],
    });
  });

  it("sizes with the GPU memory utilisation from config when the server sets none", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") });
    assert.deepStrictEqual(
      await judge("vllm-context-window-too-low", props, { gpuMemoryUtilization: 0.2 }),
      { violations: [] },
    );
  });

  it("judges a VllmDeployment on its recorded inputs and passes the planned full window", async () => {
    const props = JSON.parse(JSON.stringify(validVllmDeploymentArgs())) as Record<string, unknown>;
    const r = await runResourcePolicy(resourcePolicy("vllm-context-window-too-low"), {
      type: VLLM_DEPLOYMENT_TYPE,
      name: "llama",
      props,
    });
    assert.deepStrictEqual(r, { violations: [] });
  });

  it("reports a VllmDeployment whose maxModelLen input is far below what fits", async () => {
    const props = JSON.parse(
      JSON.stringify(validVllmDeploymentArgs({ maxModelLen: 8192 })),
    ) as Record<string, unknown>;
    const r = await runResourcePolicy(resourcePolicy("vllm-context-window-too-low"), {
      type: VLLM_DEPLOYMENT_TYPE,
      name: "llama",
      props,
    });
    assert.deepStrictEqual(r, {
      violations: [
        {
          message: `vLLM container "server" in VllmDeployment "llama" must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`,
        },
      ],
    });
  });

  it("reports nothing for a VllmDeployment whose inputs do not plan (the component reports those itself)", async () => {
    const props = JSON.parse(
      JSON.stringify(validVllmDeploymentArgs({ toolCallParser: "hermes", maxModelLen: 8192 })),
    ) as Record<string, unknown>;
    const r = await runResourcePolicy(resourcePolicy("vllm-context-window-too-low"), {
      type: VLLM_DEPLOYMENT_TYPE,
      name: "llama",
      props,
    });
    assert.deepStrictEqual(r, { violations: [] });
  });

  it("is not applicable to the Deployment a VllmDeployment creates, which is judged through its parent", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") });
    const parent = `urn:pulumi:test::test::${VLLM_DEPLOYMENT_TYPE}::llama`;
    const r = await runResourcePolicy(resourcePolicy("vllm-context-window-too-low"), {
      type: "kubernetes:apps/v1:Deployment",
      name: "llama-server",
      props,
      parent,
    });
    assert.deepStrictEqual(r, {
      violations: [],
      notApplicable: "judged on its VllmDeployment's inputs",
    });
  });
});
