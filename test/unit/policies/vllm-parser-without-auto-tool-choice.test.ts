/** `vllm-parser-without-auto-tool-choice` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-parser-without-auto-tool-choice", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(
      await judge("vllm-parser-without-auto-tool-choice", validDeploymentProps()),
      { violations: [] },
    );
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-parser-without-auto-tool-choice",
        validDeploymentProps({ args: withFlag(baseArgs(), "--enable-auto-tool-choice") }),
      ),
      {
        violations: [
          {
            message: `${C} must set --enable-auto-tool-choice with --tool-call-parser llama3_json; without it every request with tools and tool_choice "auto" fails with HTTP 400. Add --enable-auto-tool-choice.`,
          },
        ],
      },
    );
  });
});
