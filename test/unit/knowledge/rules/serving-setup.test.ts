import assert from "node:assert/strict";
import { findModel, type ModelSpec } from "../../../../knowledge/catalog";
import { DEFAULT_RULE_CONFIG } from "../../../../knowledge/rules";
import {
  buildServingSetup,
  describeUnloadableGguf,
  parseGgufFileName,
  readMultimodalSettings,
} from "../../../../knowledge/rules/serving-setup";
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

  it("counts a GGUF file's weights at llama.cpp's figure for its file type", () => {
    const argv = ["vllm", "serve", "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"];
    assert.deepEqual(setupOf(argv).ggufWeights, {
      fileType: "Q4_K_M",
      bitsPerWeight: 4.8944,
      uniform: false,
    });
  });

  it("counts a GGUF mix at its narrowest type when asked", () => {
    const spec = findModel("llama-3.1-8b-instruct") as ModelSpec;
    const argv = ["vllm", "serve", "/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf"];
    const s = buildServingSetup(
      parseVllmFlags(argv),
      spec,
      validGpu(),
      ONE_GPU,
      DEFAULT_RULE_CONFIG,
      "0.6.4",
      "narrowest",
    );
    assert.deepEqual(s.ggufWeights, { fileType: "Q4_K_M", bitsPerWeight: 4.5, uniform: false });
  });

  it("leaves a GGUF file whose file type has no sourced size uncounted", () => {
    const argv = ["vllm", "serve", "/models/Meta-Llama-3.1-8B-Instruct-UD-Q4_K_XL.gguf"];
    assert.equal(setupOf(argv).ggufWeights, undefined);
  });

  it("passes --speculative-config to the sizing as vLLM resolves it", () => {
    const setup = setupOf([
      "--speculative-config",
      '{"method": "deepseek_mtp", "num_speculative_tokens": 2}',
    ]);
    assert.deepStrictEqual(setup.speculative, { method: "mtp", numSpeculativeTokens: 2 });
  });

  it("leaves a --speculative-config vLLM would refuse unsized", () => {
    const setup = setupOf(["--speculative-config", '{"method": "mtp"}']);
    assert.equal(setup.speculative, undefined);
  });

  it("passes --no-enable-chunked-prefill to the sizing", () => {
    assert.equal(
      setupOf(["vllm", "serve", "m", "--no-enable-chunked-prefill"]).enableChunkedPrefill,
      false,
    );
  });
});

describe("parseGgufFileName", () => {
  // Names as llama.cpp, TheBloke, Qwen and Unsloth publish them, merged and split.
  const cases: [string, ReturnType<typeof parseGgufFileName>][] = [
    [
      "/root/.cache/modelscope/Qwen3-Coder-480B-A35B-Instruct-GGUF/Qwen3-Coder-480B-A35B-Instruct-Q4_K_M-Merge.gguf",
      { fileType: "Q4_K_M" },
    ],
    ["./tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf", { fileType: "Q4_K_M" }],
    ["/models/qwen2.5-7b-instruct-q8_0.gguf", { fileType: "Q8_0" }],
    ["/models/Llama-3.1-8B-Instruct-IQ4_XS.gguf", { fileType: "IQ4_XS" }],
    [
      "/models/DeepSeek-R1-UD-Q2_K_XL-00001-of-00005.gguf",
      { fileType: "UD-Q2_K_XL", shard: { index: 1, count: 5 } },
    ],
    ["/models/Llama-3.1-8B-Instruct-BF16.gguf", { fileType: "BF16" }],
    ["/models/model.gguf", {}],
    // A file named for nothing takes the type its directory names.
    ["/models/Qwen2.5-7B-Instruct-Q4_K_M/model.gguf", { fileType: "Q4_K_M" }],
    // vLLM's repo_id:quant_type for a GGUF repository (docs/features/quantization/gguf.md).
    ["unsloth/Qwen3-0.6B-GGUF:Q4_K_M", { fileType: "Q4_K_M" }],
    ["Qwen/Qwen3-8B-GGUF:q8_0", { fileType: "Q8_0" }],
    ["meta-llama/Llama-3.1-8B-Instruct", undefined],
  ];
  for (const [path, expected] of cases) {
    it(`reads ${JSON.stringify(expected)} from ${path}`, () => {
      assert.deepEqual(parseGgufFileName(path), expected);
    });
  }
});

describe("describeUnloadableGguf", () => {
  const shard = "/models/Llama-3.1-8B-Instruct-Q4_K_M-00001-of-00002.gguf";

  it("loads a single GGUF file from 0.5.5", () => {
    assert.equal(
      describeUnloadableGguf("/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", "0.5.5"),
      undefined,
    );
  });

  it("says a release before 0.5.5 cannot load a GGUF file", () => {
    assert.deepEqual(describeUnloadableGguf("/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", "0.5.4"), {
      reason:
        'vLLM 0.5.4 cannot load GGUF files (GGUF loading arrived in 0.5.5), so it does not start with "/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf"',
      certain: true,
    });
  });

  it("says a release through 0.18.0 loads one shard of a split file only", () => {
    assert.deepEqual(describeUnloadableGguf(shard, "0.10.2"), {
      reason: `"${shard}" is shard 1 of a GGUF file split in 2, and vLLM 0.10.2 loads only single-file GGUF models (merge the shards with llama.cpp's gguf-split --merge)`,
      certain: true,
    });
  });

  it("says it is not known whether a release between 0.18.0 and 0.23.0 finds the other shards", () => {
    assert.deepEqual(describeUnloadableGguf(shard, "0.20.0"), {
      reason: `"${shard}" is shard 1 of a GGUF file split in 2, and whether vLLM 0.20.0 finds the other shards is not known (vLLM loads them from 0.23.0, and not up to 0.18.0)`,
      certain: false,
    });
  });

  it("loads a split file from 0.23.0", () => {
    assert.equal(describeUnloadableGguf(shard, "0.23.0"), undefined);
  });
});

describe("readMultimodalSettings", () => {
  const read = (flags: readonly string[]) =>
    readMultimodalSettings(
      parseVllmFlags(["vllm", "serve", "Qwen/Qwen2.5-VL-7B-Instruct", ...flags]),
    );

  it("is undefined when no multimodal flag is given", () => {
    assert.equal(read(["--max-model-len", "8192"]), undefined);
  });

  it("reads every flag that changes the encoder's profile", () => {
    assert.deepStrictEqual(
      read([
        "--limit-mm-per-prompt",
        '{"image": 2, "video": {"count": 0}}',
        "--mm-processor-kwargs",
        '{"max_pixels": 1048576}',
        "--mm-encoder-tp-mode",
        "data",
        "--skip-mm-profiling",
        "--language-model-only",
      ]),
      {
        limitPerPrompt: { image: 2, video: 0 },
        skipProfiling: true,
        languageModelOnly: true,
        maxPixels: 1048576,
        encoderTpMode: "data",
      },
    );
  });

  it("reads the 0.8-era limit form", () => {
    assert.deepStrictEqual(read(["--limit-mm-per-prompt", "image=1,video=0"]), {
      limitPerPrompt: { image: 1, video: 0 },
    });
  });

  it("passes the settings to the sizing's setup", () => {
    const setup = buildServingSetup(
      parseVllmFlags(["vllm", "serve", "m", "--skip-mm-profiling"]),
      findModel("qwen2.5-vl-7b-instruct") as ModelSpec,
      validGpu(),
      ONE_GPU,
      DEFAULT_RULE_CONFIG,
      "0.23.0",
    );
    assert.deepStrictEqual(setup.multimodal, { skipProfiling: true });
  });
});
