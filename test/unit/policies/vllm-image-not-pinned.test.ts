/** `vllm-image-not-pinned` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { UNKNOWN } from "./support/policy-harness";
import { validDeploymentProps } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-image-not-pinned", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-image-not-pinned", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-image-not-pinned",
        validDeploymentProps({ image: "vllm/vllm-openai:latest" }),
      ),
      {
        violations: [
          {
            message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai:latest" has the moving tag "latest", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
          },
        ],
      },
    );
  });

  it("judges the image while only the arguments are unknown", async () => {
    const props = validDeploymentProps({ image: "vllm/vllm-openai:nightly", args: [UNKNOWN] });
    assert.equal((await judge("vllm-image-not-pinned", props)).violations.length, 1);
  });
});
