import assert from "node:assert/strict";
import { findModel, type ModelSpec } from "../../../../knowledge/catalog";
import { DEFAULT_RULE_CONFIG } from "../../../../knowledge/rules";
import { buildServingSetup } from "../../../../knowledge/rules/serving-setup";
import { parseVllmFlags } from "../../../../knowledge/vllm";
import { validGpu } from "../../../support/factories/sizing";

const ONE_GPU = {
  tensorParallelSize: 1,
  pipelineParallelSize: 1,
  dataParallelSize: 1,
  gpusPerRank: 1,
};

function setupOf(flags: readonly string[]) {
  const spec = findModel("llama-3.1-8b-instruct") as ModelSpec;
  return buildServingSetup(
    parseVllmFlags(flags),
    spec,
    validGpu(),
    ONE_GPU,
    DEFAULT_RULE_CONFIG,
    "0.6.4",
  );
}

describe("buildServingSetup", () => {
  it("leaves chunked prefill unset when the server does not pass the flag", () => {
    assert.equal(setupOf(["vllm", "serve", "m"]).enableChunkedPrefill, undefined);
  });

  it("leaves the block size unset when the server does not pass --block-size", () => {
    assert.equal(setupOf(["vllm", "serve", "m"]).blockSize, undefined);
  });

  it("passes --block-size to the sizing", () => {
    assert.equal(setupOf(["vllm", "serve", "m", "--block-size", "32"]).blockSize, 32);
  });

  it("sizes a .gguf model file with the gguf quantization, as vLLM loads it", () => {
    // vllm-project/vllm issue 27251: "--model .../Qwen3-Coder-480B-A35B-Instruct-Q4_K_M-Merge.gguf".
    assert.equal(
      setupOf([
        "vllm",
        "serve",
        "--model",
        "/models/Qwen3-Coder-480B-A35B-Instruct-Q4_K_M-Merge.gguf",
      ]).quantization,
      "gguf",
    );
  });

  it("passes --no-enable-chunked-prefill to the sizing", () => {
    assert.equal(
      setupOf(["vllm", "serve", "m", "--no-enable-chunked-prefill"]).enableChunkedPrefill,
      false,
    );
  });
});
