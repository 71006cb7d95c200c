/** `vllm-tool-parser-unknown` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { runResourcePolicy, UNKNOWN } from "./support/policy-harness";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge, resourcePolicy } from "./support/workload-case";

describe("vllm-tool-parser-unknown", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-tool-parser-unknown", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-tool-parser-unknown",
        validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "llama3") }),
      ),
      {
        violations: [
          {
            message: `${C} must use a --tool-call-parser that vLLM 0.11.0 registers; "llama3" is not a vLLM parser, so vLLM will not start. Use "llama3_json".`,
          },
        ],
      },
    );
  });

  it("is not applicable to resources that are not workloads", async () => {
    const r = await runResourcePolicy(resourcePolicy("vllm-tool-parser-unknown"), {
      type: "kubernetes:core/v1:ConfigMap",
      name: "c",
      props: {},
    });
    assert.deepStrictEqual(r, {
      violations: [],
      notApplicable: "not a Kubernetes workload or a VllmDeployment",
    });
  });

  it("reports no violation when the parser is unknown at preview, and says which value", async () => {
    const props = validDeploymentProps({
      args: withFlag(baseArgs(), "--tool-call-parser", UNKNOWN),
    });
    assert.deepStrictEqual(await judge("vllm-tool-parser-unknown", props), {
      violations: [],
      cannotRun:
        "can't run policy 'vllm-tool-parser-unknown' during preview: string value at .spec.template.spec.containers.0.args.8 can't be known during preview",
    });
  });

  it("accepts a plugin parser listed in extraParsers", async () => {
    const props = validDeploymentProps({
      args: withFlag(baseArgs(), "--tool-call-parser", "acme_json"),
    });
    assert.deepStrictEqual(
      await judge("vllm-tool-parser-unknown", props, { extraParsers: ["acme_json"] }),
      { violations: [] },
    );
  });
});
