/**
 * The pack reads KAITO Workspaces as lint does: a preset Workspace is the vLLM server KAITO runs
 * on the GPUs of its Azure VM size.
 */
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../policies/all";
import { runResourcePolicy } from "./support/policy-harness";

const WORKSPACE_TYPE = "kubernetes:kaito.sh/v1beta1:Workspace";

function rule(name: string): ResourceValidationPolicy {
  return allPolicies.find((p) => p.name === name) as ResourceValidationPolicy;
}

/** Llama 3.3 70B on `instanceType`, at KAITO's defaults. */
function workspace(instanceType: string) {
  return {
    type: WORKSPACE_TYPE,
    name: "llama",
    props: {
      metadata: { name: "llama" },
      resource: { instanceType },
      inference: { preset: { name: "llama-3.3-70b-instruct" } },
    },
  };
}

describe("policies: KAITO Workspace", () => {
  it("finds nothing when the preset fits the instance type's GPUs", async () => {
    assert.deepStrictEqual(
      await runResourcePolicy(
        rule("vllm-model-does-not-fit"),
        workspace("Standard_NC96ads_A100_v4"),
      ),
      { violations: [] },
    );
  });

  it("reports a preset whose weights exceed the one GPU of its instance type", async () => {
    assert.deepStrictEqual(
      await runResourcePolicy(
        rule("vllm-model-does-not-fit"),
        workspace("Standard_NC24ads_A100_v4"),
      ),
      {
        violations: [
          {
            message:
              'vLLM container "inference" in Workspace "llama" must fit the GPUs it requests (1 × NVIDIA A100 80GB PCIe); BF16 weights of llama-3.3-70b-instruct need 131.4 GiB per GPU, but 1 × NVIDIA A100 80GB PCIe at gpu-memory-utilization 0.84 leaves 67.2 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request more GPUs or larger GPUs (`kindo-models plan llama-3.3-70b-instruct` lists setups that fit).',
          },
        ],
      },
    );
  });
});
