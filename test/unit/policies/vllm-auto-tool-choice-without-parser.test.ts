/** `vllm-auto-tool-choice-without-parser` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-auto-tool-choice-without-parser", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(
      await judge("vllm-auto-tool-choice-without-parser", validDeploymentProps()),
      { violations: [] },
    );
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-auto-tool-choice-without-parser",
        validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser") }),
      ),
      {
        violations: [
          {
            message: `${C} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser llama3_json.`,
          },
        ],
      },
    );
  });
});
