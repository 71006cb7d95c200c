/** `vllm-tool-parser-mismatch` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-tool-parser-mismatch", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-tool-parser-mismatch", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-tool-parser-mismatch",
        validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "hermes") }),
      ),
      {
        violations: [
          {
            message: `${C} must use the tool-call parser of Llama 3.1 8B Instruct; it sets "hermes", which does not read that model's tool-call format, so tool calls come back as plain text. Use "llama3_json".`,
          },
        ],
      },
    );
  });
});
