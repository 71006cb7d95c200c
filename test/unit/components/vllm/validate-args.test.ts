/** The vLLM release a VllmDeployment states, read as the policy rules read an image's tag. */
import assert from "node:assert/strict";
import { findDeploymentRelease } from "../../../../components/vllm/validate-args";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("the vLLM release a VllmDeployment states", () => {
  it("reads a release tag of vLLM's image", () => {
    assert.equal(findDeploymentRelease({ image: "vllm/vllm-openai:v0.11.0" }), "0.11.0");
  });

  it("reads a post release as a release of its own, as the policy rules do", () => {
    assert.equal(findDeploymentRelease({ image: "vllm/vllm-openai:v0.6.1.post1" }), "0.6.1.post1");
  });

  it("reads the tag of an image pinned by tag and digest", () => {
    assert.equal(findDeploymentRelease({ image: `vllm/vllm-openai:v0.10.1@${DIGEST}` }), "0.10.1");
  });

  it("states no release for a named build", () => {
    assert.equal(findDeploymentRelease({ image: "vllm/vllm-openai:gptoss" }), undefined);
  });

  it("takes vllmVersion over the image's tag, without its leading v", () => {
    assert.equal(
      findDeploymentRelease({ vllmVersion: "v0.10.2", image: "vllm/vllm-openai:v0.11.0" }),
      "0.10.2",
    );
  });
});
