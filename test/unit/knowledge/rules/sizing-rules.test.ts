/** The sizing rules as pure functions over a normalised workload (no policy server involved). */
import assert from "node:assert/strict";
import {
  checkContextWindowTooLow,
  findServerMaxModelLen,
  checkLongContextWithoutRopeScaling,
  checkModelDoesNotFit,
  checkTensorParallelInvalid,
  isVllmProjectImage,
} from "../../../../knowledge/rules";
import type { VllmWorkload } from "../../../../knowledge/rules";
import { baseArgv, C, config, validWorkload, withFlag } from "./workload-factory";

/** The factory's command line serving Llama 3.1 70B at 8,192 tokens. */
function llama70b(): string[] {
  return withFlag(
    baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.1-70B-Instruct" : t,
    ),
    "--max-model-len",
    "8192",
  );
}

describe("checkContextWindowTooLow", () => {
  it("passes the model's full window", () => {
    assert.equal(checkContextWindowTooLow(validWorkload(), config()), undefined);
  });

  it("has nothing to judge without --max-model-len, even for a model or GPU it cannot size", () => {
    // vLLM takes the derived maximum; whether that fits is vllm-model-does-not-fit's question.
    const argv = withFlag(baseArgv(), "--max-model-len").map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "example/unknown-model" : t,
    );
    assert.equal(checkContextWindowTooLow(validWorkload(argv), config()), undefined);
  });

  /** Phi-3.5 mini (LongRoPE, original window 4,096) without --max-model-len on `image`. */
  function phiWithoutWindow(image: string): VllmWorkload {
    return validWorkload(["vllm", "serve", "microsoft/Phi-3.5-mini-instruct"], { image });
  }

  it("reports a LongRoPE model given no window, which vLLM runs at its original one from 0.11.1", () => {
    const outcome = checkContextWindowTooLow(
      phiWithoutWindow("vllm/vllm-openai:v0.11.1"),
      config(),
    );
    assert.match(
      outcome?.kind === "violation" ? outcome.message : "",
      /it sets none, so vLLM 0\.11\.1 runs this LongRoPE model at its original_max_position_embeddings, 4,096 tokens/,
    );
  });

  it("leaves a LongRoPE model's --max-model-len auto to vLLM", () => {
    const w = validWorkload(
      ["vllm", "serve", "microsoft/Phi-3.5-mini-instruct", "--max-model-len", "auto"],
      { image: "vllm/vllm-openai:v0.14.0" },
    );
    assert.equal(checkContextWindowTooLow(w, config()), undefined);
  });

  it("has nothing to judge for a LongRoPE model given no window before 0.11.1", () => {
    const outcome = checkContextWindowTooLow(
      phiWithoutWindow("vllm/vllm-openai:v0.11.0"),
      config(),
    );
    assert.equal(outcome, undefined);
  });

  it("reports a window far below what the GPU holds", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192")),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("names the GPUs vLLM runs on, not the more the pod requests without --tensor-parallel-size", () => {
    const w = validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), { gpuCount: 4 });
    const outcome = checkContextWindowTooLow(w, config());
    assert.match(
      outcome?.kind === "violation" ? outcome.message : "",
      /and 1 × NVIDIA H100 80GB HBM3 can hold 131,072\./,
    );
  });

  it("takes the vendor's window when config.json allows more, as the planner does", () => {
    // Mistral Small 2409: 32,768 tokens advertised, max_position_embeddings 131,072.
    const argv = [
      "vllm",
      "serve",
      "mistralai/Mistral-Small-Instruct-2409",
      "--max-model-len",
      "32768",
      "--tokenizer-mode",
      "mistral",
    ];
    assert.equal(checkContextWindowTooLow(validWorkload(argv), config()), undefined);
  });

  it("takes the config's window, not the length vLLM derives with its linear rope factor again", () => {
    // DeepSeek Coder 6.7B: 16,384 in config.json with linear x4, which vLLM multiplies to 65,536.
    const argv = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/deepseek-coder-6.7b-instruct" : t,
    );
    const w = validWorkload(withFlag(argv, "--max-model-len", "16384"));
    assert.equal(checkContextWindowTooLow(w, config()), undefined);
  });

  it("says what it assumed for --speculative-config", () => {
    const argv = withFlag(
      withFlag(baseArgv(), "--max-model-len", "8192").map((t) =>
        t === "meta-llama/Llama-3.1-8B-Instruct" ? "Qwen/Qwen3.5-27B" : t,
      ),
      "--speculative-config",
      '{"method": "mtp", "num_speculative_tokens": 3}',
    );
    const outcome = checkContextWindowTooLow(
      validWorkload(argv, { image: "vllm/vllm-openai:v0.23.0" }),
      config(),
    );
    assert.match(
      outcome?.kind === "violation" ? outcome.message : "",
      / Speculative decoding: sized with 1 MTP layer of qwen3\.5-27b loaded for 3 speculative tokens /,
    );
  });

  it("does not size a server whose --speculative-config vLLM refuses, and says why", () => {
    const argv = withFlag(
      withFlag(baseArgv(), "--max-model-len", "8192"),
      "--speculative-config",
      '{"method": "mtp"}',
    );
    const outcome = checkContextWindowTooLow(validWorkload(argv), config());
    assert.deepStrictEqual(outcome, {
      kind: "skipped",
      reason:
        '--speculative-config {"method":"mtp"} is not one vLLM accepts ("num_speculative_tokens" must be a positive integer (got none)), so the server does not start',
    });
  });

  it("says what it inferred about the model when it names it", () => {
    const argv = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "/data/nemo_rl_gemma3_27b/hf" : t,
    );
    const tp2 = withFlag(argv, "--tensor-parallel-size", "2");
    const w = validWorkload(withFlag(tp2, "--max-model-len", "8192"), { gpuCount: 2 });
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "violation",
      message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Gemma 3 27B IT (treated as the architecture of google/gemma-3-27b-it: the directory "nemo_rl_gemma3_27b" names Gemma 3 27B IT by family and size, and no other catalog model) advertises 131,072 and 2 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`,
    });
  });

  it("judges a workload whose GPU model is not stated on the smallest GPU that holds its weights", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), { gpuName: undefined }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and any GPU that can hold its weights holds at least 11,472 (the GPU model is not stated; the smallest that can is the NVIDIA RTX 4000 Ada Generation). Set --max-model-len 11472, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("judges a server whose --dtype float16 the release refuses as fixed to bfloat16, which takes the same memory", () => {
    const argv = ["vllm", "serve", "google/gemma-2-9b-it", "--dtype", "float16"];
    assert.deepStrictEqual(
      checkContextWindowTooLow(validWorkload([...argv, "--max-model-len", "2048"]), config()),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 2,048 tokens, but Gemma 2 9B IT advertises 8,192 and 1 × NVIDIA H100 80GB HBM3 can hold 8,192. Set --max-model-len 8192, or record an exception with its reason in the policy config. vLLM 0.11.0 refuses --dtype float16 for Gemma 2 9B IT, as every release from 0.9.1 does for numerical instability (vllm-model-unsupported-by-release reports it), so this is judged with --dtype bfloat16, its fix, which takes the same memory.`,
      },
    );
  });

  it("does not size a refused --dtype float16 on a GPU without bfloat16, where the fix is float32", () => {
    const argv = ["vllm", "serve", "google/gemma-2-9b-it", "--dtype", "float16"];
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload([...argv, "--max-model-len", "2048"], { gpuName: "Tesla-T4" }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          "not applicable: vLLM 0.11.0 refuses --dtype float16 for Gemma 2 9B IT, as every release from 0.9.1 does for numerical instability, so it does not start (vllm-model-unsupported-by-release reports it); the Tesla T4 has no bfloat16, so its fix there is float32, which takes other memory",
      },
    );
  });

  it("judges a pod that requests AMD GPUs of unstated model on the smallest AMD GPU that holds its weights", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), {
          gpuName: undefined,
          gpuVendor: "amd",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and any GPU that can hold its weights holds at least 102,352 (the GPU model is not stated; the smallest that can is the AMD Radeon AI PRO R9700). Set --max-model-len 102352, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("judges a server on a shared GPU as one on a GPU of unknown size, since its share is unknown", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), {
          gpuName: "NVIDIA-H100-80GB-HBM3-SHARED",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and any GPU that can hold its weights holds at least 11,472 (GPU "NVIDIA-H100-80GB-HBM3-SHARED" is shared by several pods through time-slicing or MPS, so the memory this server gets is unknown; the smallest that can is the NVIDIA RTX 4000 Ada Generation). Set --max-model-len 11472, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("judges a server on the laptop GPU it names, below every GPU assumed for one that names none", () => {
    // A 4 GB RTX 3050 Ti Laptop GPU (GFD's label from its nvidia-smi name): the catalog's GPU, not
    // the smallest one a server that names no GPU is judged on.
    const small = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "Qwen/Qwen2.5-0.5B-Instruct" : t,
    );
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(small, "--max-model-len", "1024"), {
          gpuName: "NVIDIA-GeForce-RTX-3050-Ti-Laptop-GPU",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 1,024 tokens, but Qwen2.5 0.5B Instruct advertises 32,768 and 1 × NVIDIA GeForce RTX 3050 Ti Laptop GPU can hold 32,768. Set --max-model-len 32768, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("judges a shared GPU on the device itself when no smaller GPU holds the weights", () => {
    const small = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.2-3B-Instruct" : t,
    );
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(small, "--max-model-len", "4096"), {
          gpuName: "NVIDIA-GeForce-RTX-3080-SHARED",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 4,096 tokens, but Llama 3.2 3B Instruct advertises 131,072 and any GPU that can hold its weights holds at least 14,032 (GPU "NVIDIA-GeForce-RTX-3080-SHARED" is shared by several pods through time-slicing or MPS, so the memory this server gets is unknown; the smallest that can is the NVIDIA GeForce RTX 3080). Set --max-model-len 14032, or record an exception with its reason in the policy config.`,
      },
    );
  });

  it("leaves a shared GPU whose whole device cannot hold the weights to the fit rule, as not applicable", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "4096"), {
          gpuName: "NVIDIA-GeForce-RTX-3080-SHARED",
        }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          'not applicable: GPU "NVIDIA-GeForce-RTX-3080-SHARED" is shared by several pods through time-slicing or MPS, so the memory this server gets is unknown, and the whole NVIDIA GeForce RTX 3080 cannot hold these weights at this parallelism (vllm-model-does-not-fit judges it)',
      },
    );
  });

  it("leaves an unnamed GPU that no catalog GPU matches at the pod's GPU count to the fit rule, as not applicable", () => {
    const argv = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/DeepSeek-V3" : t,
    );
    const w = validWorkload(withFlag(argv, "--max-model-len", "8192"), {
      gpuName: undefined,
      gpuCount: 1,
    });
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "skipped",
      reason:
        "not applicable: the GPU model is not stated (set defaultGpu), and no GPU in the catalog holds these weights at this parallelism (vllm-model-does-not-fit judges it)",
    });
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "violation");
  });

  it("skips an unnamed GPU that no catalog GPU matches when nothing says how many GPUs the server runs on", () => {
    const argv = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/DeepSeek-V3" : t,
    );
    const { gpuCount: _requested, ...w } = validWorkload(
      withFlag(argv, "--max-model-len", "8192"),
      {
        gpuName: undefined,
      },
    );
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "skipped",
      reason:
        "the GPU model is not stated (set defaultGpu), and no GPU in the catalog holds these weights at this parallelism",
    });
  });

  it("leaves a GPU on which no window fits to the fit rule, as not applicable", () => {
    const argv = baseArgv().map((a) =>
      a === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.1-70B-Instruct" : a,
    );
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(argv, "--max-model-len", "4096"), { gpuName: "NVIDIA-L4" }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          "not applicable: no --max-model-len fits 1 × NVIDIA L4 (vllm-model-does-not-fit judges it)",
      },
    );
  });

  it("sizes nothing on a GPU vLLM cannot run on, and says so", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), { gpuName: "Tesla-P40" }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          'not applicable: GPU "Tesla-P40" is the Tesla P40, which vLLM cannot run on (compute capability 6.1; vLLM needs 7.0 or higher), so there is nothing to size (vllm-gpu-unsupported reports it)',
      },
    );
  });

  it("says only that vLLM cannot run on the GPU when the server requests no GPUs for the GPU rule to report", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), {
          gpuName: "Tesla-P40",
          gpuCount: undefined,
        }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          'GPU "Tesla-P40" is the Tesla P40, which vLLM cannot run on (compute capability 6.1; vLLM needs 7.0 or higher)',
      },
    );
  });

  it("sizes a fine-tune outside the catalog as the catalog model its name carries, saying so", () => {
    const argv = ["vllm", "serve", "acme/Llama-3.1-Tune-8B-Instruct", "--max-model-len", "8192"];
    assert.deepStrictEqual(checkContextWindowTooLow(validWorkload(argv), config()), {
      kind: "violation",
      message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct (treated as a fine-tune of meta-llama/Llama-3.1-8B-Instruct by its name (its architecture and context window); its chat template was not read: its name says instruct and instruct fine-tunes of Llama 3.1 8B Instruct's family keep its chat template, so its tool-call parser llama3_json) advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`,
    });
  });

  it("passes a workload without a stated GPU whose window the smallest such GPU cannot beat", () => {
    assert.equal(
      checkContextWindowTooLow(
        validWorkload(withFlag(baseArgv(), "--max-model-len", "10000"), { gpuName: undefined }),
        config(),
      ),
      undefined,
    );
  });

  it("says which values are unknown instead of judging", () => {
    assert.deepStrictEqual(
      checkContextWindowTooLow(
        validWorkload(baseArgv(), {
          settings: undefined,
          unknownPaths: ["spec.template.spec.containers.0.args.3"],
        }),
        config(),
      ),
      {
        kind: "unknown",
        paths: ["spec.template.spec.containers.0.args.3"],
      },
    );
  });

  /** The window rule's outcome for a server of `model` at 4,096 tokens. */
  const windowOf = (model: string) =>
    checkContextWindowTooLow(
      validWorkload(["vllm", "serve", model, "--max-model-len", "4096"]),
      config(),
    );

  it("tells a server in a directory whose name says no model how to name it", () => {
    assert.deepStrictEqual(windowOf("/mnt/models"), {
      kind: "skipped",
      reason:
        'model "/mnt/models" is a local directory whose name is no model the catalog or a family rule knows, and no --served-model-name names one; serve it under its Hugging Face id (--served-model-name org/name) so the sizing rules can judge it',
    });
  });

  it("says only that a repo id outside the catalog is unknown, since it has no directory to rename", () => {
    assert.deepStrictEqual(windowOf("example/unknown-model"), {
      kind: "skipped",
      reason:
        'model "example/unknown-model" is not in the catalog, and no family rule recognises it',
    });
  });

  describe("on Llama 4 Scout at 3.6M tokens on 8 x H200 (vLLM PR #16104's command)", () => {
    const argv = [
      "vllm",
      "serve",
      "meta-llama/Llama-4-Scout-17B-16E-Instruct",
      "--tensor-parallel-size",
      "8",
      "--max-model-len",
      "3600000",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "llama4_pythonic",
    ];
    const scout = (image: string) => validWorkload(argv, { gpuCount: 8, gpuName: "H200", image });
    const message = (fits: string, target: string) =>
      `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 3,600,000 tokens, but Llama 4 Scout 17B-16E Instruct advertises 10,485,760 and 8 × NVIDIA H200 can hold ${fits}. Set --max-model-len ${target}, or record an exception with its reason in the policy config.`;

    it("accepts it in vLLM 0.11, where chunked-local layers hold full-length KV and 3.6M is within the tolerance of the pool", () => {
      // Issue #19407 reports ~3.86M tokens for this setup; the pool here is 3,935,792 (3.6M is 89 % of it).
      assert.equal(
        checkContextWindowTooLow(scout("vllm/vllm-openai:v0.11.0"), config()),
        undefined,
      );
    });

    it("bounds the window by the whole KV pool in vLLM 0.11 when the tolerance is strict", () => {
      assert.deepStrictEqual(
        checkContextWindowTooLow(
          scout("vllm/vllm-openai:v0.11.0"),
          config({ contextTolerance: 0.95 }),
        ),
        { kind: "violation", message: message("3,935,792", "3935792") },
      );
    });

    it("pages chunked-local layers as windows in vLLM 0.12 when the server sets VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE=1", () => {
      assert.deepStrictEqual(
        checkContextWindowTooLow(
          { ...scout("vllm/vllm-openai:v0.12.0"), chunkedLocalAttentionHybridKv: true },
          config(),
        ),
        { kind: "violation", message: message("10,485,760", "10485760") },
      );
    });

    it("pages chunked-local layers as windows from vLLM 0.16, so the full 10M window fits", () => {
      assert.deepStrictEqual(
        checkContextWindowTooLow(scout("vllm/vllm-openai:v0.16.0"), config()),
        { kind: "violation", message: message("10,485,760", "10485760") },
      );
    });
  });
});

describe("findServerMaxModelLen (what kindo-context-mismatch compares)", () => {
  const phi = (image: string) =>
    validWorkload(["vllm", "serve", "microsoft/Phi-3.5-mini-instruct"], { image });

  it("takes a LongRoPE model given no window at its original one from vLLM 0.11.1", () => {
    assert.equal(findServerMaxModelLen(phi("vllm/vllm-openai:v0.11.1")), 4096);
  });

  it("takes the derived maximum before 0.11.1", () => {
    assert.equal(findServerMaxModelLen(phi("vllm/vllm-openai:v0.11.0")), 131072);
  });
});

describe("checkContextWindowTooLow on releases before 0.6.0", () => {
  // vLLM issue 6689: Llama 3.1 8B at 1,024 tokens on one L4 with v0.5.3.post1.
  const old = (argv: string[], image: string) =>
    checkContextWindowTooLow(validWorkload(argv, { gpuName: "L4", image }), config());

  it("sizes a 0.4-0.5 release with 0.6.0's profile and says so", () => {
    assert.deepStrictEqual(
      old(withFlag(baseArgv(), "--max-model-len", "1024"), "vllm/vllm-openai:v0.5.3.post1"),
      {
        kind: "violation",
        message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 1,024 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA L4 can hold 13,552. Set --max-model-len 13552, or record an exception with its reason in the policy config. vLLM 0.5.3.post1 is sized with 0.6.0's memory profile: its start-up accounting is the same V0 formula (total × gpu_memory_utilization − the memory in use after the profile run) up to the CUDA context.`,
      },
    );
  });

  it("skips a window past 32,768 tokens on a release before 0.5.4, which profiles it whole", () => {
    assert.deepStrictEqual(old(baseArgv(), "vllm/vllm-openai:v0.5.3.post1"), {
      kind: "skipped",
      reason:
        "vLLM 0.5.3.post1 is older than 0.6.0, the oldest release whose memory use the sizing models: past 32,768 tokens vLLM 0.5.3.post1 profiles a whole max-model-len prompt (chunked prefill became the default for long contexts in 0.5.4, PR #6666), which no profile here measures",
    });
  });

  it("judges a window past 32,768 tokens on 0.5.4, which chunks it like 0.6.0", () => {
    assert.equal(old(baseArgv(), "vllm/vllm-openai:v0.5.4"), undefined);
  });

  it("skips a release before 0.2.6", () => {
    assert.deepStrictEqual(
      old(withFlag(baseArgv(), "--max-model-len", "1024"), "vllm/vllm-openai:v0.2.4"),
      {
        kind: "skipped",
        reason:
          "vLLM 0.2.4 is older than 0.6.0, the oldest release whose memory use the sizing models",
      },
    );
  });
});

describe("isVllmProjectImage", () => {
  // vLLM's own GPU image from any registry, by tag or digest; not its variants or rebuilds.
  const cases: [string | undefined, boolean][] = [
    ["vllm/vllm-openai:v0.8.5", true],
    ["docker.io/vllm/vllm-openai:v0.10.0", true],
    ["vllm/vllm-openai@sha256:0123abcd", true],
    ["vllm/vllm-openai", true],
    ["vllm/vllm-openai-rocm:v0.8.5", false],
    ["rocm/vllm-openai:v0.8.5", false],
    ["lmcache/vllm-openai:v0.3.0", false],
    ["registry.example.com/team/vllm:v0.8.5", false],
    [undefined, false],
  ];
  for (const [image, expected] of cases) {
    it(`returns ${expected} for ${image === undefined ? "no image" : `"${image}"`}`, () => {
      assert.equal(isVllmProjectImage(image), expected);
    });
  }
});

describe("checkModelDoesNotFit", () => {
  it("passes Llama 3.1 8B on one H100", () => {
    assert.equal(checkModelDoesNotFit(validWorkload(), config()), undefined);
  });

  it("says it did not judge a server on a GPU it names that the catalog lacks, which the largest GPU holds", () => {
    const w = validWorkload(baseArgv(), {
      gpuName: "NVIDIA-RTX-9999-Imaginary",
      gpuVendor: "nvidia",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'GPU "NVIDIA-RTX-9999-Imaginary" is not in the GPU catalog: these weights and one full-length sequence fit the largest GPU in the catalog, the NVIDIA GB300; whether the GPU the server names holds them is not judged',
    });
  });

  // A directory that names nothing the catalog knows, served as a catalog id: its weights may be a
  // quantized copy (shape11-potato: "qwen2.5-7b" loaded from an AWQ build).
  const servedAs = (...flags: string[]) =>
    validWorkload(
      ["vllm", "serve", "/models/weights", "--served-model-name", "qwen2.5-7b", ...flags],
      { gpuName: "Tesla-T4" },
    );

  it("notes, without a finding, weights known only by their served name that do not fit at 16 bits", () => {
    const outcome = checkModelDoesNotFit(servedAs("--max-model-len", "4096"), config());
    assert.deepStrictEqual(
      outcome?.kind === "skipped" ? outcome.reason.split(": at ")[0] : outcome,
      'the checkpoint in "/models/weights" is known only by the name it is served as ("qwen2.5-7b"), which does not say its weights\' format',
    );
  });

  // A directory that names nothing, run by a Deployment named after a catalog repository.
  const runBy = (deployment: string, window: string, overrides: Partial<VllmWorkload>) =>
    validWorkload(["vllm", "serve", "/models/weights", "--max-model-len", window], {
      resource: `Deployment "${deployment}"`,
      resourceKey: `Deployment/models/${deployment}`,
      ...overrides,
    });

  it("notes, without a finding, weights known only by the name of the Deployment that runs them", () => {
    const w = runBy("Qwen2.5-7B-Instruct", "4096", { gpuName: "Tesla-T4" });
    const outcome = checkModelDoesNotFit(w, config());
    assert.deepStrictEqual(
      outcome?.kind === "skipped" ? outcome.reason.split(": as ")[0] : outcome,
      'the checkpoint in "/models/weights" is known only by the name of Deployment "Qwen2.5-7B-Instruct", which runs it ("Qwen2.5-7B-Instruct"), which does not say which checkpoint it holds',
    );
  });

  it("notes, without a finding, a model published quantized known only by its Deployment's name", () => {
    // A Deployment named deepseek-r1 may run one of its distills: DeepSeek-R1's FP8 is no certainty.
    const w = runBy("deepseek-r1", "8192", { gpuName: "NVIDIA-L4" });
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "skipped");
  });

  it("leaves a window on an unnamed GPU unjudged, not inapplicable, when the model is known only by a name", () => {
    const w = runBy("DeepSeek-V3", "8192", { gpuName: undefined, gpuCount: 1 });
    const outcome = checkContextWindowTooLow(w, config());
    assert.deepStrictEqual(
      [outcome?.kind, outcome?.kind === "skipped" && outcome.reason.startsWith("not applicable")],
      ["skipped", false],
    );
  });

  describe("with --decode-context-parallel-size", () => {
    /** Kimi K2 Thinking at 262,144 tokens on 8 x RTX PRO 6000 at TP 8, with extra flags. */
    const kimi = (...extra: string[]) =>
      validWorkload(
        [
          "vllm",
          "serve",
          "moonshotai/Kimi-K2-Thinking",
          "--tensor-parallel-size",
          "8",
          "--max-model-len",
          "262144",
          ...extra,
        ],
        {
          gpuCount: 8,
          gpuName: "NVIDIA-RTX-PRO-6000-Blackwell-Workstation-Edition",
          image: "vllm/vllm-openai:v0.11.0",
        },
      );

    it("finds the full window not fitting when every GPU keeps every token's latent", () => {
      assert.equal(checkModelDoesNotFit(kimi(), config())?.kind, "violation");
    });

    it("passes it when eight GPUs each keep an eighth of the tokens", () => {
      assert.equal(checkModelDoesNotFit(kimi("-dcp", "8"), config()), undefined);
    });
  });

  it("still finds weights a model publishes quantized not fitting: no copy of them is smaller", () => {
    const w = validWorkload(
      ["vllm", "serve", "/models/weights", "--served-model-name", "moonshotai/Kimi-K2-Thinking"],
      { gpuName: "NVIDIA-H100-80GB-HBM3" },
    );
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "violation");
  });

  it("notes such weights loaded as compressed-tensors, a method that names no format: another build of them", () => {
    const w = validWorkload(
      [
        ...[
          "vllm",
          "serve",
          "/models/weights",
          "--served-model-name",
          "moonshotai/Kimi-K2-Thinking",
        ],
        ...["--quantization", "compressed-tensors"],
      ],
      { gpuName: "NVIDIA-H100-80GB-HBM3" },
    );
    const outcome = checkModelDoesNotFit(w, config());
    assert.deepStrictEqual(
      outcome?.kind === "skipped" ? outcome.reason.split(": at ")[0] : outcome,
      'the checkpoint in "/models/weights" is known only by the name it is served as ("moonshotai/Kimi-K2-Thinking") and as compressed-tensors weights, which does not say its weights\' format',
    );
  });

  it("still finds a window past the served model's maximum, which no weights change", () => {
    const w = { ...servedAs("--max-model-len", "262144"), gpuName: "NVIDIA-H100-80GB-HBM3" };
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "violation");
  });

  it("reports DeepSeek-V3 in a pod that requests one GPU of unstated model: its parallelism is stated", () => {
    const w = validWorkload(["vllm", "serve", "deepseek-ai/DeepSeek-V3"], {
      gpuName: undefined,
      gpuCount: 1,
    });
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "violation");
  });

  it("reports it in a pod that requests four GPUs without --tensor-parallel-size: vLLM runs on one", () => {
    const w = validWorkload(["vllm", "serve", "deepseek-ai/DeepSeek-V3"], {
      gpuName: undefined,
      gpuCount: 4,
    });
    assert.equal(checkModelDoesNotFit(w, config())?.kind, "violation");
  });

  it("passes a server that names no GPU when the largest GPU holds it (some GPU can run it)", () => {
    assert.equal(
      checkModelDoesNotFit(validWorkload(baseArgv(), { gpuName: undefined }), config()),
      undefined,
    );
  });

  describe("on Llama 3.1 8B at 32,768 tokens on one L4 with vLLM 0.8.5 (Google's ADK tutorial)", () => {
    const argv = withFlag(baseArgv(), "--max-model-len", "32768");
    const on = (image: string) =>
      checkModelDoesNotFit(validWorkload(argv, { gpuName: "nvidia-l4", image }), config());

    it("passes it in vLLM's own image, whose FlashInfer sampler peaks below the sort path", () => {
      assert.equal(on("vllm/vllm-openai:v0.8.5"), undefined);
    });

    it("reports it from another image of 0.8.5, sized as a pip install without FlashInfer", () => {
      assert.deepStrictEqual(on("registry.example.com/team/vllm:v0.8.5"), {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); one 32,768-token sequence needs 4.0 GiB of KV cache per GPU, but only 3.2 GiB is left after weights on 1 × NVIDIA L4 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 26,464. Set --max-model-len 26464 or less, or request more GPUs.`,
      });
    });
  });

  it("sizes one data-parallel rank, which holds a whole replica on its tensor × pipeline GPUs", () => {
    const argv = withFlag(llama70b(), "--data-parallel-size", "8");
    assert.deepStrictEqual(checkModelDoesNotFit(validWorkload(argv, { gpuCount: 8 }), config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3 per data-parallel rank, 8 ranks); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2, which serves 8,192 tokens.`,
    });
  });

  it("spreads the experts over data × tensor parallel GPUs with --enable-expert-parallel", () => {
    // vLLM recipes PR 12: Qwen3-Coder-480B FP8 as 8 data-parallel ranks with expert parallel; its
    // default 262,144-token window does not fit (vLLM's own error: 62.00 GiB of KV needed).
    const argv = ["vllm", "serve", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", "-dp=8"];
    const w = validWorkload([...argv, "--enable-expert-parallel"], { gpuCount: 8, gpuName: "H20" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H20 per data-parallel rank, 8 ranks sharing the experts); one 262,144-token sequence needs 62.0 GiB of KV cache per GPU, but only 12.8 GiB is left after weights on 1 × NVIDIA H20 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 54,160. Set --max-model-len 54160 or less, or request more GPUs.`,
    });
  });

  it("counts every data-parallel rank's batch in the experts on vLLM 0.10.1.1", () => {
    // The same server on 0.10.1.1, whose profile multicasts the 8 ranks' 8,192-token batches to
    // each rank's experts (sizing/vllm-profile.ts moeDataParallelGather).
    const argv = ["vllm", "serve", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", "-dp=8"];
    const w = validWorkload([...argv, "--enable-expert-parallel"], {
      gpuCount: 8,
      gpuName: "H20",
      image: "vllm/vllm-openai:v0.10.1.1",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H20 per data-parallel rank, 8 ranks sharing the experts); one 262,144-token sequence needs 62.0 GiB of KV cache per GPU, but only 10.5 GiB is left after weights on 1 × NVIDIA H20 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 44,576. Set --max-model-len 44576 or less, or request more GPUs.`,
    });
  });

  it("counts every data-parallel rank's whole batch in the experts on vLLM 0.23 and later", () => {
    // The same server on 0.27.1, whose profile gathers the 8 ranks' 8,192-token batches to each
    // rank's experts and sizes the modular kernel's workspaces for all 65,536 tokens at once
    // (sizing/vllm-profile.ts ALLGATHER_REDUCESCATTER_GATHER).
    const argv = ["vllm", "serve", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", "-dp=8"];
    const w = validWorkload([...argv, "--enable-expert-parallel"], {
      gpuCount: 8,
      gpuName: "H20",
      image: "vllm/vllm-openai:v0.27.1",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H20 per data-parallel rank, 8 ranks sharing the experts); one 262,144-token sequence needs 62.0 GiB of KV cache per GPU, but only 4.2 GiB is left after weights on 1 × NVIDIA H20 at gpu-memory-utilization 0.92; the largest max-model-len that fits is 17,856. Set --max-model-len 17856 or less, or request more GPUs.`,
    });
  });

  it("shards the experts over data × tensor parallel GPUs without --enable-expert-parallel too", () => {
    // vllm/model_executor/layers/fused_moe/config.py FusedMoEParallelConfig.make: without expert
    // parallel, vLLM flattens TP across DP for the MoE layers ("There are 2 engine instances and the
    // tensors are sharded across 2 devices"), so each GPU holds 1/(dp × tp) of every expert.
    const argv = ["vllm", "serve", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", "-dp=8"];
    const w = validWorkload(argv, { gpuCount: 8, gpuName: "H20" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H20 per data-parallel rank, 8 ranks sharing the experts); one 262,144-token sequence needs 62.0 GiB of KV cache per GPU, but only 12.8 GiB is left after weights on 1 × NVIDIA H20 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 54,160. Set --max-model-len 54160 or less, or request more GPUs.`,
    });
  });

  it("judges data-parallel ranks that need more GPUs than the pod requests on the GPUs they use, saying so", () => {
    const argv = withFlag(llama70b(), "--data-parallel-size", "8");
    assert.deepStrictEqual(checkModelDoesNotFit(validWorkload(argv, { gpuCount: 4 }), config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3 per data-parallel rank, 8 ranks); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2, which serves 8,192 tokens. The pod requests 4 GPUs, so this is judged on the 8 GPUs its parallelism uses.`,
    });
  });

  it("judges a tensor-parallel size larger than the GPUs requested on that many of the stated GPU", () => {
    // Llama 3.1 70B BF16 at TP 4 fits 4 H100s (one does not hold its weights): judged, not skipped.
    const argv = withFlag(llama70b(), "--tensor-parallel-size", "4");
    assert.equal(checkModelDoesNotFit(validWorkload(argv, { gpuCount: 1 }), config()), undefined);
  });

  it("counts only the --data-parallel-size-local ranks on the pod's GPUs", () => {
    const argv = ["vllm", "serve", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8", "-dp=8"];
    const local = [...argv, "-dpl", "4", "--enable-expert-parallel", "--max-model-len", "32768"];
    const w = validWorkload(local, { gpuCount: 4, gpuName: "H20" });
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("accepts a window up to the length vLLM derives with config.json's linear rope factor", () => {
    // DeepSeek Coder 6.7B: 16,384 with linear x4, so vLLM starts at 17,000 (it refuses past 65,536).
    const argv = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/deepseek-coder-6.7b-instruct" : t,
    );
    const w = validWorkload(withFlag(argv, "--max-model-len", "17000"));
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("reports graphs a release before 0.20.2 captures outside the pool when the utilization leaves too little", () => {
    // vLLM 0.8.5 captures 67 sizes whatever --max-num-seqs is, after the pool (vllm/config.py).
    const argv = withFlag(
      withFlag(withFlag(baseArgv(), "--max-model-len", "4096"), "--max-num-seqs", "1"),
      "--gpu-memory-utilization",
      "0.98",
    );
    const w = validWorkload(argv, { gpuName: "nvidia-l4", image: "vllm/vllm-openai:v0.8.5" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); CUDA graphs need about 1.1 GiB per GPU, but vLLM 0.8.5 captures them after the KV pool is allocated, into the 0.6 GiB that 1 × NVIDIA L4 at gpu-memory-utilization 0.98 leaves outside it (the memory above the utilization plus the freed profiling peak), so the capture runs out of memory; vLLM reserves pool memory for graphs only from 0.20.2. Lower --gpu-memory-utilization or set --enforce-eager.`,
    });
  });

  it("judges a command line that names no model as its release's default model, saying so", () => {
    // vLLM 0.9.2 serves facebook/opt-125m (vllm/config.py ModelConfig.model), whose window is 2,048.
    const argv = ["vllm", "serve", "--max-model-len", "4096"];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.9.2" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); max-model-len 4,096 exceeds the 2,048 tokens vLLM derives from opt-125m's config, so vLLM refuses to start. Set --max-model-len 2048 or less, or request more GPUs. vLLM 0.9.2 serves its default model, facebook/opt-125m, since the command line names none.`,
    });
  });

  it("is not applicable to a positional model the api_server module of its release refuses", () => {
    const argv = ["python", "-m", "vllm.entrypoints.openai.api_server", "MiniMaxAI/MiniMax-M2"];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.9.2" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'not applicable: vLLM 0.9.2\'s api_server module takes no positional model (from 0.10.0 it takes one and ignores it), so it refuses "MiniMaxAI/MiniMax-M2" as an unrecognized argument and does not start',
    });
  });

  // Gemma 3 (Gemma3ForConditionalGeneration) is first registered in 0.8.0: the fix
  // vllm-model-unsupported-by-release names, where the server is sized instead.
  const moved =
    "(vllm-model-unsupported-by-release reports it), so this is judged at vLLM 0.8.0, the first release read that registers its architecture.";

  it("judges the fit of a model its release cannot load at the first release that registers it", () => {
    const argv = ["vllm", "serve", "google/gemma-3-27b-it", "--max-model-len", "4096"];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.7.3", gpuName: "NVIDIA-L4" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); BF16 weights of gemma-3-27b-it need 51.1 GiB per GPU, but 1 × NVIDIA L4 at gpu-memory-utilization 0.9 leaves 19.8 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA L4 with --tensor-parallel-size 2 and --quantization fp8, which serves 4,096 tokens. vLLM 0.7.3 cannot load Gemma 3 27B IT ${moved}`,
    });
  });

  it("judges the window of a model its release cannot load at the first release that registers it", () => {
    const argv = ["vllm", "serve", "google/gemma-3-4b-it", "--max-model-len", "8192"];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.7.3", gpuName: "NVIDIA-L4" });
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "violation",
      message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Gemma 3 4B IT advertises 131,072 and 1 × NVIDIA L4 can hold 82,560. Set --max-model-len 82560, or record an exception with its reason in the policy config. vLLM 0.7.3 cannot load Gemma 3 4B IT ${moved}`,
    });
  });

  it("judges the architecture --hf-overrides names", () => {
    const argv = [
      "vllm",
      "serve",
      "tencent/HunyuanOCR",
      "--hf-overrides",
      '{"architectures": ["LlamaForCausalLM"]}',
    ];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.9.2" });
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("leaves the architecture of a Mistral-format config (--config-format mistral) unjudged", () => {
    const argv = ["vllm", "serve", "tencent/HunyuanOCR", "--config-format", "mistral"];
    const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.9.2" });
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("is not applicable to a tensor-parallel size that vLLM refuses before sizing anything", () => {
    const w = validWorkload(withFlag(baseArgv(), "--tensor-parallel-size", "3"), { gpuCount: 3 });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "not applicable: vLLM refuses --tensor-parallel-size 3 before it sizes anything, since 3 does not divide the 32 attention heads of Llama 3.1 8B Instruct (vllm-tensor-parallel-invalid reports it)",
    });
  });

  it("is not applicable to weights vLLM refuses to load on the GPU before sizing anything", () => {
    const w = validWorkload(["vllm", "serve", "mistralai/Ministral-3-8B-Instruct-2512"], {
      gpuName: "Tesla-T4",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "not applicable: vLLM refuses to load the FP8 weights of Ministral 3 8B Instruct 2512 on the Tesla T4 before it sizes anything, since they need compute capability 8.0 or newer (vllm-gpu-unsupported reports it)",
    });
  });

  it("reports Llama 3.1 70B BF16 on one H100", () => {
    const w = validWorkload(
      withFlag(
        baseArgv().map((t) =>
          t === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.1-70B-Instruct" : t,
        ),
        "--max-model-len",
        "8192",
      ),
    );
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2, which serves 8,192 tokens.`,
    });
  });
  it("gives the largest window that fits when the weights fit but one full-length sequence does not", () => {
    assert.deepStrictEqual(
      checkModelDoesNotFit(validWorkload(baseArgv(), { gpuName: "L4" }), config()),
      {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); one 131,072-token sequence needs 16.0 GiB of KV cache per GPU, but only 3.5 GiB is left after weights on 1 × NVIDIA L4 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 28,256. Set --max-model-len 28256 or less, or request more GPUs.`,
      },
    );
  });

  it("calls a window within the fit tolerance of the largest that fits a close call, not a failure", () => {
    // One L4 holds 28,256 tokens of Llama 3.1 8B by the sizing; 30,000 is 5 % past that.
    const w = validWorkload(withFlag(baseArgv(), "--max-model-len", "30000"), { gpuName: "L4" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "a close call: 30,000 tokens is within 10% of the 28,256 the sizing computes for 1 × NVIDIA L4, inside its error; the start-up log settles it",
    });
  });

  it("reports a window just past the largest that fits when the fit tolerance is 0", () => {
    const w = validWorkload(withFlag(baseArgv(), "--max-model-len", "30000"), { gpuName: "L4" });
    assert.equal(checkModelDoesNotFit(w, config({ fitTolerance: 0 }))?.kind, "violation");
  });

  it("judges a server that states neither GPU nor parallelism on one GPU, as vLLM runs it", () => {
    // Llama 3.1 8B fits the largest GPU at TP 1, so it can fit: nothing to report, nothing skipped.
    assert.equal(
      checkModelDoesNotFit(validWorkload(baseArgv(), { gpuName: undefined }), config()),
      undefined,
    );
  });

  it("skips a server that states neither GPU, GPU request nor parallelism when its weights need several GPUs", () => {
    const argv = withFlag(
      baseArgv().map((t) =>
        t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/DeepSeek-V3" : t,
      ),
      "--max-model-len",
      "8192",
    );
    // A quoted command: the pod the harness wraps it in requests no GPU.
    const { gpuCount: _requested, ...w } = validWorkload(argv, { gpuName: undefined });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "the GPU model is not stated (set defaultGpu), and neither is --tensor-parallel-size, while these weights and one full-length sequence need more than the largest GPU",
    });
  });

  it("sends a model that no setup of its GPU model can hold to larger GPUs", () => {
    const deepseek = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "deepseek-ai/DeepSeek-V3" : t,
    );
    assert.deepStrictEqual(
      checkModelDoesNotFit(
        validWorkload(withFlag(deepseek, "--max-model-len", "8192"), {
          gpuName: "L4",
          gpuCount: 8,
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (8 × NVIDIA L4); FP8 weights of deepseek-v3 need 626.6 GiB per GPU, but 1 × NVIDIA L4 at gpu-memory-utilization 0.9 leaves 19.8 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. No setup of NVIDIA L4 in the catalog can serve it; use larger GPUs (\`kindo-models plan deepseek-v3\` lists setups that fit).`,
      },
    );
  });
  it("judges a server on a shared GPU on the whole device: what does not fit it fits no share", () => {
    const big = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.1-70B-Instruct" : t,
    );
    assert.deepStrictEqual(
      checkModelDoesNotFit(
        validWorkload(withFlag(big, "--max-model-len", "8192"), { gpuName: "NVIDIA-A10G-SHARED" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (1 × shared NVIDIA A10G); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA A10G at gpu-memory-utilization 0.9 leaves 19.8 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 4 × NVIDIA A10G with --tensor-parallel-size 4 and --quantization fp8, which serves 8,192 tokens.`,
      },
    );
  });

  it("asks for more or larger GPUs when no cloud instance in the catalog carries the GPU", () => {
    const big = baseArgv().map((t) =>
      t === "meta-llama/Llama-3.1-8B-Instruct" ? "meta-llama/Llama-3.1-70B-Instruct" : t,
    );
    assert.deepStrictEqual(
      checkModelDoesNotFit(validWorkload(big, { gpuName: "RTX 3090" }), config()),
      {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (1 × NVIDIA GeForce RTX 3090); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA GeForce RTX 3090 at gpu-memory-utilization 0.9 leaves 21.2 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request more GPUs or larger GPUs (\`kindo-models plan llama-3.1-70b-instruct\` lists setups that fit).`,
      },
    );
  });

  describe("with --max-model-len auto", () => {
    /** Llama 3.1 8B on one L4, whose 131,072-token window does not fit, at `value` on `image`. */
    function onL4(value: string, image: string) {
      const argv = withFlag(baseArgv(), "--max-model-len", value);
      return validWorkload(argv, { gpuName: "NVIDIA-L4", image });
    }

    it("leaves the window to vLLM from 0.14.0, which fits it to the KV cache left", () => {
      assert.equal(
        checkModelDoesNotFit(onL4("auto", "vllm/vllm-openai:v0.14.0"), config()),
        undefined,
      );
    });

    it("reads -1 as auto", () => {
      assert.equal(
        checkModelDoesNotFit(onL4("-1", "vllm/vllm-openai:v0.14.0"), config()),
        undefined,
      );
    });

    it("judges the model's own window on 0.13.0, which does not auto-fit", () => {
      assert.deepStrictEqual(
        checkModelDoesNotFit(onL4("auto", "vllm/vllm-openai:v0.13.0"), config()),
        {
          kind: "violation",
          message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); one 131,072-token sequence needs 16.0 GiB of KV cache per GPU, but only 3.5 GiB is left after weights on 1 × NVIDIA L4 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 28,256. Set --max-model-len 28256 or less, or request more GPUs.`,
        },
      );
    });

    it("still reports weights that leave no KV cache, which auto cannot fit", () => {
      const argv = withFlag(llama70b(), "--max-model-len", "auto");
      const w = validWorkload(argv, { image: "vllm/vllm-openai:v0.14.0" });
      assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
        kind: "violation",
        message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2 and --quantization fp8, which serves 131,072 tokens.`,
      });
    });
  });
});

describe("checkTensorParallelInvalid", () => {
  it("passes a tensor-parallel size that divides the heads", () => {
    assert.equal(
      checkTensorParallelInvalid(
        validWorkload([...baseArgv(), "--tensor-parallel-size", "2"], { gpuCount: 2 }),
      ),
      undefined,
    );
  });

  it("reports a tensor-parallel size that does not divide the heads", () => {
    assert.deepStrictEqual(
      checkTensorParallelInvalid(
        validWorkload([...baseArgv(), "--tensor-parallel-size", "3"], { gpuCount: 3 }),
      ),
      {
        kind: "violation",
        message: `${C} must use a --tensor-parallel-size that divides the 32 attention heads of Llama 3.1 8B Instruct; it sets 3, so vLLM will not start. Use one of 1, 2, 4, 8, 16.`,
      },
    );
  });

  it("reports more workers than GPUs requested", () => {
    assert.deepStrictEqual(
      checkTensorParallelInvalid(validWorkload([...baseArgv(), "--tensor-parallel-size", "2"])),
      {
        kind: "violation",
        message: `${C} must request at least tensor × pipeline parallel size GPUs; it runs 2 × 1 = 2 workers on 1 nvidia.com/gpu, so vLLM will not start. Request 2 GPUs or lower --tensor-parallel-size.`,
      },
    );
  });
});

describe("checkLongContextWithoutRopeScaling", () => {
  const qwen = (len: string, extra: string[] = []) => [
    "vllm",
    "serve",
    "Qwen/Qwen3-8B",
    "--max-model-len",
    len,
    ...extra,
  ];

  it("passes Qwen3 8B within its native window", () => {
    assert.equal(checkLongContextWithoutRopeScaling(validWorkload(qwen("40960"))), undefined);
  });

  it("passes a long window with the YaRN override", () => {
    const override =
      '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}';
    assert.equal(
      checkLongContextWithoutRopeScaling(
        validWorkload(qwen("131072", ["--hf-overrides", override])),
      ),
      undefined,
    );
  });

  it("reports a long window without the override", () => {
    assert.deepStrictEqual(checkLongContextWithoutRopeScaling(validWorkload(qwen("131072"))), {
      kind: "violation",
      message: `${C} must apply YaRN rope scaling to serve more than 40,960 tokens of Qwen3 8B; it sets --max-model-len 131,072 without it, so vLLM refuses to start. Add --hf-overrides '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}' (up to 131,072 tokens).`,
    });
  });
});

describe("sizing rules on a pod that requests no GPU", () => {
  it("says a CPU build of vLLM is not applicable", () => {
    const w = validWorkload(baseArgv(), {
      gpuCount: undefined,
      image: "public.ecr.aws/q9t5s3a7/vllm-cpu-release-repo:v0.11.2",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'not applicable: image "public.ecr.aws/q9t5s3a7/vllm-cpu-release-repo:v0.11.2" is a CPU build of vLLM, and the sizing rules size GPU memory',
    });
  });

  it("says a CPU build named by its repository's last part is not applicable, whatever its tag", () => {
    const w = validWorkload(baseArgv(), {
      gpuCount: undefined,
      image: "vllm/vllm-openai-cpu:v0.11.0",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'not applicable: image "vllm/vllm-openai-cpu:v0.11.0" is a CPU build of vLLM, and the sizing rules size GPU memory',
    });
  });

  it("says a pod that requests another accelerator instead of GPUs is not applicable", () => {
    const w = validWorkload(baseArgv(), {
      gpuCount: undefined,
      acceleratorResource: "google.com/tpu",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "not applicable: the pod requests google.com/tpu, not a GPU, and the sizing rules size GPU memory",
    });
  });

  it("says a vLLM build for another accelerator is not applicable", () => {
    const w = validWorkload(baseArgv(), { gpuCount: undefined, image: "vllm/vllm-tpu:v0.11.0" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'not applicable: image "vllm/vllm-tpu:v0.11.0" is a vLLM build for an accelerator other than GPUs, and the sizing rules size GPU memory',
    });
  });

  it("judges the fit of a GPU image without a GPU request on the largest GPU, at its parallelism", () => {
    // Llama 3.1 70B at TP 2 fits 2 of the largest GPU: nothing to report, nothing skipped.
    const w = validWorkload(withFlag(llama70b(), "--tensor-parallel-size", "2"), {
      gpuCount: undefined,
      gpuName: undefined,
    });
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("judges the window of a GPU image without a GPU request on the smallest GPU that holds the weights, saying so", () => {
    const w = validWorkload(withFlag(baseArgv(), "--max-model-len", "8192"), {
      gpuCount: undefined,
      gpuName: undefined,
    });
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "violation",
      message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and any GPU that can hold its weights holds at least 11,472 (the GPU model is not stated; the smallest that can is the NVIDIA RTX 4000 Ada Generation). Set --max-model-len 11472, or record an exception with its reason in the policy config. The pod requests no GPU (nvidia.com/gpu, amd.com/gpu or a MIG slice), so this is judged on the 1 GPU its parallelism uses.`,
    });
  });
});

describe("sizing rules on a GGUF file", () => {
  const gguf = (file: string, maxModelLen: string) => [
    "vllm",
    "serve",
    `/models/${file}`,
    "--max-model-len",
    maxModelLen,
  ];

  it("reports a GGUF mix that does not fit even at its narrowest type", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf", "8192"), {
      gpuName: "nvidia-l4",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `${C} must fit the GPUs it requests (1 × NVIDIA L4); GGUF Q4_K_M weights (4.5 bits each) of llama-3.1-70b-instruct need 37.0 GiB per GPU, but 1 × NVIDIA L4 at gpu-memory-utilization 0.9 leaves 19.8 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request more GPUs (with --tensor-parallel-size) or larger GPUs, or serve a GGUF file of a narrower type. The GGUF Q4_K_M weights are counted at 4.5 bits per weight, the narrowest type of the mix (Q4_K); its output, embedding and some layers are wider (llama.cpp's 4.8944 for the whole meta-llama/Llama-3.1-8B), so the file is at least this large.`,
    });
  });

  it("passes a GGUF mix that fits at llama.cpp's figure for it", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "8192"), {
      gpuName: "nvidia-l4",
    });
    assert.equal(checkModelDoesNotFit(w, config()), undefined);
  });

  it("notes a GGUF mix that fits at its narrowest type and not at llama.cpp's figure", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf", "2048"), {
      gpuName: "NVIDIA-L40S",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        "a close call: the GGUF weights fit 1 × NVIDIA L40S at the narrowest type of their mix and not at llama.cpp's figure for the whole file (GGUF Q4_K_M weights (4.8944 bits each) of llama-3.1-70b-instruct need 40.2 GiB per GPU, but 1 × NVIDIA L40S at gpu-memory-utilization 0.9 leaves 40.1 GiB per GPU); the start-up log's \"Model loading took\" line settles it",
    });
  });

  it("keeps skipping a GGUF file whose file type has no sourced size", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-8B-Instruct-UD-Q4_K_XL.gguf", "8192"));
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason:
        'the sizing does not model "gguf" weights: a GGUF file stores each tensor in its own GGUF type (Q4_K_M, Q8_0, ...), so the checkpoint\'s dtype does not give their size. The start-up log\'s "Model loading took" line settles the fit.',
    });
  });

  it("says vLLM cannot load one shard of a split file on 0.10.2 instead of sizing it", () => {
    const file = "Meta-Llama-3.1-8B-Instruct-Q4_K_M-00001-of-00002.gguf";
    const w = validWorkload(gguf(file, "8192"), { image: "vllm/vllm-openai:v0.10.2" });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "skipped",
      reason: `not applicable: "/models/${file}" is shard 1 of a GGUF file split in 2, and vLLM 0.10.2 loads only single-file GGUF models (merge the shards with llama.cpp's gguf-split --merge)`,
    });
  });

  it("notes a window too low at llama.cpp's figure for a GGUF mix, whose size is known only from below", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", "4096"));
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "skipped",
      reason:
        "the GGUF Q4_K_M file's size is known only from below (its mix raises some tensors' types by layer and shape), so whether 4,096 tokens is too low is not certain: at llama.cpp's 4.8944 bits per weight for meta-llama/Llama-3.1-8B, 1 × NVIDIA H100 80GB HBM3 would hold 131,072",
    });
  });

  it("reports a window too low for a Q8_0 file, whose one type gives its size", () => {
    const w = validWorkload(gguf("Meta-Llama-3.1-8B-Instruct-Q8_0.gguf", "4096"));
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "violation",
      message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 4,096 tokens, but Llama 3.1 8B Instruct (treated as a GGUF conversion of meta-llama/Llama-3.1-8B-Instruct (its architecture and parsers; the file's own tensor types set the weights' size)) advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config. The GGUF Q8_0 weights are counted at 8.5008 bits per weight (llama.cpp's 8.5008 for the whole meta-llama/Llama-3.1-8B; a model's embedding and output, often wider than the rest, take a different share of it).`,
    });
  });
});
