/** `vllm-tool-parser-missing` on raw apps/v1 Deployments and on VllmDeployment inputs: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { VLLM_DEPLOYMENT_TYPE } from "../../../components/vllm/vllm-deployment";
import { validVllmDeploymentArgs } from "../../support/factories/components";
import { runResourcePolicy, UNKNOWN } from "./support/policy-harness";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge, resourcePolicy } from "./support/workload-case";

describe("vllm-tool-parser-missing", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-tool-parser-missing", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-tool-parser-missing",
        validDeploymentProps({
          args: withFlag(withFlag(baseArgs(), "--tool-call-parser"), "--enable-auto-tool-choice"),
        }),
      ),
      {
        violations: [
          {
            message: `${C} must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.`,
          },
        ],
      },
    );
  });

  it("reports a VllmDeployment whose inputs turn tool calling off for a tool-capable model", async () => {
    const props = JSON.parse(
      JSON.stringify(validVllmDeploymentArgs({ enableToolCalling: false })),
    ) as Record<string, unknown>;
    const r = await runResourcePolicy(resourcePolicy("vllm-tool-parser-missing"), {
      type: VLLM_DEPLOYMENT_TYPE,
      name: "llama",
      props,
    });
    assert.deepStrictEqual(r, {
      violations: [
        {
          message:
            'vLLM container "server" in VllmDeployment "llama" must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.',
        },
      ],
    });
  });

  it("reports no violation when a VllmDeployment's decision input is unknown at preview, and says which", async () => {
    const props = {
      ...(JSON.parse(JSON.stringify(validVllmDeploymentArgs())) as Record<string, unknown>),
      model: UNKNOWN,
    };
    const r = await runResourcePolicy(resourcePolicy("vllm-tool-parser-missing"), {
      type: VLLM_DEPLOYMENT_TYPE,
      name: "llama",
      props,
    });
    assert.deepStrictEqual(r, {
      violations: [],
      cannotRun:
        "can't run policy 'vllm-tool-parser-missing' during preview: string value at .model can't be known during preview",
    });
  });
});
