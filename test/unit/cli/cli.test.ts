import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_VLLM_VERSION } from "../../../knowledge/catalog/vllm-releases";
import { runCli } from "../../../cli/main";

async function json(argv: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const r = await runCli([...argv, "--json"]);
  return { code: r.exitCode, out: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe("kindo-models fit", () => {
  /** `fit llama-3.1-8b-instruct --gpu A10G --tp 1` with `extra` flags after it. */
  const fitOnA10G = (...extra: string[]) => [
    ...["fit", "llama-3.1-8b-instruct", "--gpu", "A10G", "--tp", "1"],
    ...extra,
  ];

  it("prints the documented JSON fields for a setup that fits, exit 0", async () => {
    const { code, out } = await json([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H100",
      "--tp",
      "1",
      "--max-model-len",
      "32768",
    ]);
    const fields = [
      "fits",
      "weightsGiBPerGpu",
      "kvBytesPerToken",
      "kvCacheGiB",
      "kvCacheTokens",
      "maxModelLenThatFits",
    ];
    assert.deepEqual(
      [code, out["fits"], fields.filter((f) => !(f in out)), out["kvBytesPerToken"]],
      [0, true, [], 131072],
    );
  });

  // Mistral 7B v0.1's 32 layers all keep a 4,096-token sliding window (config.json sliding_window).
  it("says a model whose every layer is windowed keeps no KV that grows with length", async () => {
    const r = await runCli(["fit", "mistralai/Mistral-7B-v0.1", "--gpu", "L4", "--tp", "1"]);
    assert.deepEqual(
      r.stdout.split("\n").find((l) => l.includes("KV per token")),
      "  KV per token     none that grows with length per GPU: no layer keeps a full-length cache (windowed or fixed-state layers only) (BF16)",
    );
  });

  it("exits 1 with a reason when the setup does not fit", async () => {
    const { code, out } = await json([
      "fit",
      "llama-4-scout",
      "--gpu",
      "h100-80gb",
      "--tp",
      "1",
      "--dtype",
      "bfloat16",
      "--max-model-len",
      "1048576",
    ]);
    assert.deepEqual(
      [code, out["fits"], out["limitedBy"], typeof out["reason"]],
      [1, false, "weights", "string"],
    );
  });

  it("accepts vLLM's human-readable lengths", async () => {
    assert.equal(
      (
        await json([
          "fit",
          "llama-3.1-8b-instruct",
          "--gpu",
          "A100-80GB",
          "--tp",
          "1",
          "--max-model-len",
          "32k",
        ])
      ).out["maxModelLen"],
      32000,
    );
  });

  it("names the vLLM release it sized with: the pinned one by default", async () => {
    const base = ["fit", "gemma-3-27b-it", "--gpu", "H100", "--tp", "1", "--max-model-len", "32k"];
    const pinned = (await json(base)).out;
    const old = (await json([...base, "--vllm-version", "v0.8.5"])).out;
    assert.deepStrictEqual(
      [pinned["vllmVersion"], old["vllmVersion"]],
      [DEFAULT_VLLM_VERSION, "0.8.5"],
    );
  });

  it("prints the rotary-embedding table every GPU holds (Llama 4 Scout at TP 4: 2.5 GiB)", async () => {
    const { out } = await json([
      "fit",
      "llama-4-scout-17b-16e-instruct",
      "--gpu",
      "H100",
      "--tp",
      "4",
    ]);
    assert.equal(out["rotaryCacheGiBPerGpu"], 2.5);
  });

  it("prints the CUDA-graph memory and that the pinned release reserves it inside the KV budget on the V1 runner (an MoE model)", async () => {
    const { out } = await json(["fit", "qwen3-30b-a3b", "--gpu", "H100", "--tp", "1"]);
    assert.deepStrictEqual(
      [out["cudaGraphGiBPerGpu"], out["cudaGraphInKvBudget"], out["modelRunner"]],
      [1.17, true, "v1"],
    );
  });

  it("prints that a dense model runs Model Runner V2 at the pinned release, which captures its graphs after the KV pool and keeps its sampler state", async () => {
    const { out } = await json(["fit", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "1"]);
    assert.deepStrictEqual(
      [
        out["cudaGraphGiBPerGpu"],
        out["cudaGraphInKvBudget"],
        out["modelRunner"],
        out["samplerStateGiBPerGpu"],
      ],
      [0.88, false, "v2", 0.52],
    );
  });

  it("prints the buffer a pipeline stage after the first keeps for the hidden states it receives", async () => {
    // Llama 3.1 8B at PP 2 on H100: hidden_states and residual, 8,192 x 4,096 x 2 bytes each.
    const { out } = await json([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H100",
      "--tp",
      "1",
      "--pp",
      "2",
    ]);
    assert.equal(out["receivedHiddenStatesGiBPerGpu"], 0.13);
  });

  it("prints the vision tower's start-up profile peak of a Qwen2.5-VL model at a release whose source was read", async () => {
    const { out } = await json([
      "fit",
      "qwen2.5-vl-7b-instruct",
      "--gpu",
      "A100 80GB",
      "--tp",
      "1",
      "--gpu-memory-utilization",
      "0.22",
      "--vllm-version",
      "0.23.0",
    ]);
    assert.deepStrictEqual(
      [out["multimodalEncoderGiBPerGpu"], out["limitedBy"]],
      [15.24, "runtime-overhead"],
    );
  });

  it("prints the vision tower's profile peak of a Qwen2.5-VL model read from its config.json (--hf-config), at the processor's default cap", async () => {
    const { out } = await json([
      "fit",
      "--hf-config",
      "test/data/hf-configs/qwen2.5-vl-3b-instruct.json",
      "--gpu",
      "A100 80GB",
      "--tp",
      "1",
      "--vllm-version",
      "0.23.0",
    ]);
    assert.equal(out["multimodalEncoderGiBPerGpu"], 1.19);
  });

  it("notes that the vision tower is left out at a release whose source was not read", async () => {
    const { out } = await json([
      "fit",
      "qwen2.5-vl-7b-instruct",
      "--gpu",
      "H100",
      "--tp",
      "1",
      "--vllm-version",
      "0.24.0",
    ]);
    assert.equal(
      out["multimodalEncoderNote"],
      "vLLM 0.24.0's start-up profile of the vision tower is not modelled (its source was not read for this release): the tower's peak is left out",
    );
  });

  it("takes an L4's interconnect from the catalog: PCIe, so TP 4 counts 1.70 GiB of CUDA/NCCL memory", async () => {
    const { out } = await json(["fit", "qwen3-8b", "--gpu", "L4", "--tp", "4"]);
    assert.deepStrictEqual([out["interconnect"], out["nonTorchGiBPerGpu"]], ["pcie", 1.7]);
  });

  it("sizes H100s joined by PCIe when --interconnect pcie says so", async () => {
    const at = async (flags: string[]) =>
      (await json(["fit", "qwen3-8b", "--gpu", "H100", "--tp", "2", ...flags])).out;
    const [nvlink, pcie] = [await at([]), await at(["--interconnect", "pcie"])];
    assert.deepStrictEqual(
      [
        nvlink["interconnect"],
        nvlink["nonTorchGiBPerGpu"],
        pcie["interconnect"],
        pcie["nonTorchGiBPerGpu"],
      ],
      ["nvlink", 2.12, "pcie", 0.25],
    );
  });

  it("sizes with vLLM's default block of 16 tokens and says so in blockSize", async () => {
    const { out } = await json(fitOnA10G());
    assert.deepStrictEqual([out["blockSize"], (out["kvCacheTokens"] as number) % 16], [16, 0]);
  });

  it("counts the KV pool in whole blocks of --block-size tokens", async () => {
    const { out } = await json(fitOnA10G("--max-model-len", "8192", "--block-size", "4096"));
    // Whole 4,096-token blocks: 36,864 tokens of the pool on Model Runner V2 at the pinned release
    // and its default utilization (0.92).
    assert.deepStrictEqual([out["blockSize"], out["kvCacheTokens"]], [4096, 36864]);
  });

  it("says in maxModelLenNote why a LongRoPE model given no window runs at its original one", async () => {
    const { out } = await json(["fit", "phi-3.5-mini-instruct", "--gpu", "L4", "--tp", "1"]);
    assert.deepStrictEqual(
      [
        out["maxModelLen"],
        String(out["maxModelLenNote"]).includes("original_max_position_embeddings"),
      ],
      [4096, true],
    );
  });

  describe("--speculative-config", () => {
    /** `fit qwen3.5-27b --gpu H100 --tp 1 --max-model-len 32768 --speculative-config <value>`. */
    const mtpOnH100 = (value: string) => [
      ...["fit", "qwen3.5-27b", "--gpu", "H100", "--tp", "1", "--max-model-len", "32768"],
      ...["--speculative-config", value],
    ];

    it("sizes the model's MTP layer and says what it assumed", async () => {
      const { out } = await json(mtpOnH100('{"method": "mtp", "num_speculative_tokens": 3}'));
      assert.deepStrictEqual(
        [out["draftKvLayers"], String(out["speculativeNote"]).split(" (")[0]],
        [1, "sized with 1 MTP layer of qwen3.5-27b loaded for 3 speculative tokens"],
      );
    });

    it("exits 2 on a value that is not JSON, naming the flag and the value", async () => {
      const r = await runCli(mtpOnH100("{method: mtp}"));
      assert.deepStrictEqual(
        [r.exitCode, r.stderr.split("\n")[1]?.split(": it")[0]],
        [2, `  - --speculative-config: "{method: mtp}" is not a speculative config vLLM accepts`],
      );
    });

    it("exits 2 on a method vLLM does not know, naming the valid ones", async () => {
      const r = await runCli(mtpOnH100('{"method": "mtp2", "num_speculative_tokens": 1}'));
      assert.match(
        r.stderr,
        /--speculative-config: .*"method" "mtp2" is not one vLLM accepts: .*"mtp"/,
      );
    });
  });

  it("exits 2 on a block size the release's command line refuses, naming the flag and the choices", async () => {
    const r = await runCli(fitOnA10G("--vllm-version", "0.7.0", "--block-size", "4096"));
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [
        2,
        `  - --block-size: "4096" is not a block size vLLM 0.7.0 accepts. Use 8, 16, 32, 64 or 128.`,
      ],
    );
  });

  it("exits 2 on a block size that is not a whole number of tokens", async () => {
    const r = await runCli(["fit", "qwen3-8b", "--gpu", "H100", "--tp", "1", "--block-size", "0"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [2, `  - --block-size: "0" is not valid. Use a whole number from 1 to 134,217,728.`],
    );
  });

  it("exits 2 on an interconnect it does not know, naming the flag and the choices", async () => {
    const r = await runCli([
      "fit",
      "qwen3-8b",
      "--gpu",
      "H100",
      "--tp",
      "2",
      "--interconnect",
      "infiniband",
    ]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [2, `  - --interconnect: "infiniband" is not valid. Use "nvlink", "pcie", "xgmi".`],
    );
  });

  // vLLM 0.5.3 computes the pool with 0.6.0's V0 formula; the policy rules size its images so too.
  it("sizes a release older than the oldest profiled one with that one's profile, and says so", async () => {
    const { code, out } = await json(
      fitOnA10G("--max-model-len", "8192", "--vllm-version", "0.5.3"),
    );
    assert.deepEqual(
      [code, out["vllmVersion"], out["releaseNote"]],
      [
        0,
        "0.6.0",
        "vLLM 0.5.3 is sized with 0.6.0's memory profile: its start-up accounting is the same V0 formula (total × gpu_memory_utilization − the memory in use after the profile run) up to the CUDA context",
      ],
    );
  });

  it("exits 2 on an old release past the window its stand-in sizes, naming --vllm-version", async () => {
    const r = await runCli(fitOnA10G("--vllm-version", "0.5.3"));
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]?.split(":")[0]],
      [2, "  - --vllm-version"],
    );
  });

  it("sizes on a GPU the catalog lacks, given its memory with --gpu-memory-gib", async () => {
    const { code, out } = await json([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu-memory-gib",
      "40",
      "--tp",
      "1",
    ]);
    assert.deepEqual([code, out["gpu"], out["gpuMemoryGiB"]], [0, "custom-40gib", 40]);
  });

  // Qwen3 14B's ~27.5 GiB of BF16 weights do not fit a 24 GB RTX 4090, and do fit the 48 GB ones.
  it("gives a named card the memory of --gpu-memory-gib", async () => {
    const { out } = await json([
      "fit",
      "qwen3-14b",
      "--gpu",
      "RTX 4090",
      "--gpu-memory-gib",
      "47.5",
      "--tp",
      "1",
      "--max-model-len",
      "8192",
    ]);
    assert.deepEqual([out["gpu"], out["gpuMemoryGiB"], out["fits"]], ["rtx-4090-24gb", 47.5, true]);
  });

  it("exits 2 on a --gpu-memory-gib that is no amount of memory, naming the flag", async () => {
    const r = await runCli(["fit", "qwen3-8b", "--gpu-memory-gib", "0", "--tp", "1"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [2, `  - --gpu-memory-gib: "0" is not valid. Use a number above 0 and at most 4,096.`],
    );
  });

  it("exits 2 without --gpu or --gpu-memory-gib, offering both", async () => {
    const r = await runCli(["fit", "qwen3-8b", "--tp", "1"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [
        2,
        "  - --gpu: no GPU given. Pass --gpu, e.g. --gpu H100 or --gpu L4, or --gpu-memory-gib N for a GPU the catalog lacks.",
      ],
    );
  });

  it("sizes on a MIG slice named by --gpu", async () => {
    const { out } = await json([
      "fit",
      "qwen3-8b",
      "--gpu",
      "NVIDIA-A100-SXM4-80GB-MIG-3g.40gb",
      "--tp",
      "1",
    ]);
    assert.equal(out["gpu"], "mig-3g.40gb");
  });

  it("sizes on the GPU of an instance type named by --gpu", async () => {
    const { out } = await json(["fit", "qwen3-8b", "--gpu", "g6e.xlarge", "--tp", "1"]);
    assert.equal(out["gpu"], "l40s-48gb");
  });

  it("prints no CUDA-graph memory with --enforce-eager", async () => {
    const { out } = await json([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H100",
      "--tp",
      "1",
      "--enforce-eager",
    ]);
    assert.deepStrictEqual([out["cudaGraphGiBPerGpu"], out["cudaGraphInKvBudget"]], [0, false]);
  });

  it("says in its text output that it assumed the pinned release when not told one", async () => {
    const r = await runCli(["fit", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "1"]);
    assert.equal(
      r.stdout.split("\n")[1],
      `  vLLM release     ${DEFAULT_VLLM_VERSION} assumed (no --vllm-version given): its start-up memory accounting is modelled`,
    );
  });

  it("names the release it was given without calling it assumed", async () => {
    const r = await runCli([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H100",
      "--tp",
      "1",
      "--vllm-version",
      "0.19.0",
    ]);
    assert.equal(r.stdout.split("\n")[1], "  vLLM release     0.19.0 (--vllm-version)");
  });

  it("sizes Gemma 3 with fewer KV tokens before the hybrid allocator (0.10) than after", async () => {
    const base = ["fit", "gemma-3-27b-it", "--gpu", "H100", "--tp", "1", "--max-model-len", "32k"];
    const before = (await json([...base, "--vllm-version", "0.8.5"])).out["kvCacheTokens"];
    const after = (await json(base)).out["kvCacheTokens"];
    assert.ok(
      (before as number) < (after as number),
      `KV tokens: ${String(before)} at 0.8.5, ${String(after)} at the pin`,
    );
  });

  it("refuses a --vllm-version that is not a release, naming the flag", async () => {
    const r = await runCli([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "L4",
      "--tp",
      "1",
      "--vllm-version",
      "latest",
    ]);
    assert.deepStrictEqual(
      { code: r.exitCode, stderr: r.stderr },
      {
        code: 2,
        stderr:
          'kindo-models fit has 1 invalid argument:\n  - --vllm-version: "latest" is not a vLLM version. Use a release number such as "0.11.0".',
      },
    );
  });

  it("sizes a model from a Hugging Face config.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kindo-fit-"));
    try {
      const path = join(dir, "config.json");
      writeFileSync(
        path,
        JSON.stringify({
          num_hidden_layers: 32,
          num_attention_heads: 32,
          num_key_value_heads: 8,
          hidden_size: 4096,
          intermediate_size: 14336,
          vocab_size: 128256,
          max_position_embeddings: 131072,
          torch_dtype: "bfloat16",
        }),
      );
      assert.equal(
        (
          await json([
            "fit",
            "--hf-config",
            path,
            "--gpu",
            "L4",
            "--tp",
            "1",
            "--max-model-len",
            "8192",
          ])
        ).out["kvBytesPerToken"],
        131072,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 naming every bad flag at once", async () => {
    const r = await runCli([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H1000",
      "--tp",
      "3",
      "--dtype",
      "bf17",
    ]);
    assert.equal(r.exitCode, 2);
    assert.deepEqual(
      r.stderr
        .split("\n")
        .filter((l) => l.startsWith("  - "))
        .map((l) => l.slice(4).split(":")[0]),
      ["--gpu", "--dtype"],
    );
  });

  it("rejects a tensor-parallel size that does not divide the heads, naming it", async () => {
    const r = await runCli([
      "fit",
      "llama-3.1-8b-instruct",
      "--gpu",
      "H100",
      "--gpus",
      "3",
      "--tp",
      "3",
    ]);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr:
          "kindo-models fit has 1 invalid argument:\n  - --tp: 3 does not divide the 32 attention heads of llama-3.1-8b-instruct (and its 8 KV heads must divide it or be divided by it). Use 1, 2, 4 or 8.",
      },
    );
  });

  it("suggests catalog ids for an unknown model", async () => {
    const r = await runCli(["fit", "deepseek-v9", "--gpu", "H100", "--tp", "8"]);
    assert.deepEqual([r.exitCode, /Did you mean .*"deepseek-v3/.test(r.stderr)], [2, true]);
  });
});

describe("kindo-models plan", () => {
  it("prints a plan, alternatives and the vllm serve command as JSON", async () => {
    const { code, out } = await json(["plan", "llama-3.1-70b-instruct", "--cloud", "aws"]);
    const plan = out["plan"] as Record<string, unknown>;
    const command = out["command"] as string[];
    assert.deepEqual(
      [
        code,
        plan["limitedBy"],
        plan["maxModelLen"],
        command.slice(0, 4),
        command.includes("llama3_json"),
      ],
      [
        0,
        "target",
        131072,
        ["vllm", "serve", "--model", "meta-llama/Llama-3.1-70B-Instruct"],
        true,
      ],
    );
  });

  it("judges a requested setup first and exits 1 when it does not fit", async () => {
    const { code, out } = await json([
      "plan",
      "mistral-large-instruct-2411",
      "--context",
      "128000",
      "--gpu",
      "H100",
      "--gpus",
      "2",
      "--tp",
      "2",
    ]);
    assert.deepEqual(
      [
        code,
        (out["requested"] as Record<string, unknown>)["fits"],
        ((out["plan"] as Record<string, unknown>)["fit"] as Record<string, unknown>)["fits"],
      ],
      [1, false, true],
    );
  });

  it("judges a requested setup on a GPU of --gpu-memory-gib", async () => {
    const { out } = await json([
      "plan",
      "qwen2.5-7b-instruct",
      "--context",
      "32768",
      "--gpu-memory-gib",
      "20",
      "--gpus",
      "1",
      "--tp",
      "1",
    ]);
    const requested = out["requested"] as Record<string, unknown>;
    assert.deepEqual([requested["gpu"], requested["gpuMemoryGiB"]], ["custom-20gib", 20]);
  });

  it("exits 2 on --gpu-memory-gib without a requested setup, naming the flag", async () => {
    const r = await runCli(["plan", "qwen2.5-7b-instruct", "--gpu-memory-gib", "20"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr.split("\n")[1]?.split(":")[0]],
      [2, "  - --gpu-memory-gib"],
    );
  });

  it("plans for the pinned release unless --vllm-version names another, and says which", async () => {
    const pinned = (await json(["plan", "qwen3-8b", "--gpu", "L4"])).out;
    const old = (await json(["plan", "qwen3-8b", "--gpu", "L4", "--vllm-version", "v0.9.2"])).out;
    const versions = (o: Record<string, unknown>) => [
      o["vllmVersion"],
      ((o["plan"] as Record<string, unknown>)["fit"] as Record<string, unknown>)["vllmVersion"],
    ];
    assert.deepStrictEqual(
      [versions(pinned), versions(old)],
      [
        [DEFAULT_VLLM_VERSION, DEFAULT_VLLM_VERSION],
        ["0.9.2", "0.9.2"],
      ],
    );
  });

  it("says in the text output which release it planned for", async () => {
    const r = await runCli(["plan", "qwen3-8b", "--gpu", "L4", "--vllm-version", "0.19.0"]);
    assert.deepStrictEqual(
      r.stdout.split("\n").filter((l) => l.startsWith("  vLLM release")),
      ["  vLLM release     0.19.0 (--vllm-version)"],
    );
  });

  it("turns reasoning on as 0.8.x needs it: --enable-reasoning before --reasoning-parser", async () => {
    const { out } = await json(["plan", "qwen3-8b", "--gpu", "L4", "--vllm-version", "0.9.0"]);
    const { out: older } = await json([
      "plan",
      "deepseek-r1-distill-qwen-7b",
      "--gpu",
      "L4",
      "--vllm-version",
      "0.8.5",
    ]);
    const around = (o: Record<string, unknown>) => {
      const c = o["command"] as string[];
      return c.slice(c.indexOf("--reasoning-parser") - 1, c.indexOf("--reasoning-parser") + 2);
    };
    assert.deepStrictEqual(
      [around(out), around(older)],
      [
        ["hermes", "--reasoning-parser", "qwen3"],
        ["--enable-reasoning", "--reasoning-parser", "deepseek_r1"],
      ],
    );
  });

  it("exits 2 when the release lacks the model's parsers, naming the first release that has them", async () => {
    const r = await runCli(["plan", "gpt-oss-120b", "--vllm-version", "0.9.2"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        [
          "kindo-models plan has 2 invalid arguments:",
          `  - --vllm-version: gpt-oss-120b's tool-call parser "openai" is not in vLLM 0.9.2; vLLM registers it from 0.10.2. Plan for 0.10.2 or newer.`,
          `  - --vllm-version: gpt-oss-120b's reasoning parser "openai_gptoss" is not in vLLM 0.9.2; vLLM registers it from 0.10.2. Plan for 0.10.2 or newer.`,
        ].join("\n"),
      ],
    );
  });

  it("exits 2 when the release cannot load the model's architecture, naming the first release that registers it", async () => {
    const r = await runCli(["plan", "hunyuanocr", "--vllm-version", "0.9.2"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        [
          "kindo-models plan has 1 invalid argument:",
          `  - --vllm-version: vLLM 0.9.2 cannot load hunyuanocr's architecture "HunYuanVLForConditionalGeneration": its registry lacks it (the first release read that registers it is 0.13.0), and its Transformers fallback loads no multimodal model there. Plan for 0.13.0 or newer.`,
        ].join("\n"),
      ],
    );
  });

  it("plans a release that may load the model's architecture only through its Transformers fallback, saying so", async () => {
    const { out } = await json(["plan", "qwen3-next-80b-a3b-instruct", "--vllm-version", "0.9.2"]);
    assert.equal(
      out["architectureNote"],
      `vLLM 0.9.2 does not register qwen3-next-80b-a3b-instruct's architecture "Qwen3NextForCausalLM" (the first release read that registers it is 0.11.0); with --model-impl auto, its default, it may load it through Transformers (its fallback loads this kind of model from 0.7.2) if the Transformers library in the image implements it compatibly with vLLM.`,
    );
  });

  it("judges a fit on a release that may load the model's architecture only through its Transformers fallback, saying so", async () => {
    const { out } = await json([
      "fit",
      "hunyuanocr",
      "--gpu",
      "L4",
      "--tp",
      "1",
      "--vllm-version",
      "0.11.1",
    ]);
    assert.equal(
      out["architectureNote"],
      `vLLM 0.11.1 does not register hunyuanocr's architecture "HunYuanVLForConditionalGeneration" (the first release read that registers it is 0.13.0); with --model-impl auto, its default, it may load it through Transformers (its fallback loads this kind of model from 0.10.0) if the Transformers library in the image implements it compatibly with vLLM.`,
    );
  });

  it("leaves a Mistral-format model's architecture to the one vLLM names from params.json", async () => {
    // --config-format mistral (its required flags): vLLM 0.8.2 lacks Mistral3ForConditionalGeneration
    // but reads params.json and serves it as PixtralForConditionalGeneration.
    const { out } = await json([
      "plan",
      "mistral-small-3.1-24b-instruct-2503",
      "--vllm-version",
      "0.8.2",
    ]);
    assert.deepStrictEqual([out["vllmVersion"], out["architectureNote"]], ["0.8.2", undefined]);
  });

  it("exits 2 when fit is asked for a release that cannot load the model's architecture", async () => {
    const r = await runCli([
      "fit",
      "deepseek-ocr",
      "--gpu",
      "L4",
      "--tp",
      "1",
      "--vllm-version",
      "0.9.2",
    ]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        [
          "kindo-models fit has 1 invalid argument:",
          `  - --vllm-version: vLLM 0.9.2 cannot load deepseek-ocr's architecture "DeepseekOCRForCausalLM": its registry lacks it (the first release read that registers it is 0.11.1), and its Transformers fallback loads no multimodal mixture-of-experts model there. Plan for 0.11.1 or newer.`,
        ].join("\n"),
      ],
    );
  });

  it("exits 2 on a release older than the sizing models, naming the flag", async () => {
    const r = await runCli(["plan", "opt-125m", "--vllm-version", "0.5.4"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        "kindo-models plan has 1 invalid argument:\n  - --vllm-version: vLLM 0.5.4 is older than 0.6.0, the oldest release whose memory use the sizing models.",
      ],
    );
  });

  it("prints the block size the plan was sized with: DeepSeek-V4-Flash's required 256", async () => {
    const { out } = await json(["plan", "deepseek-v4-flash"]);
    const fit = (out["plan"] as Record<string, unknown>)["fit"] as Record<string, unknown>;
    const command = out["command"] as string[];
    assert.deepStrictEqual(
      [fit["blockSize"], command[command.indexOf("--block-size") + 1]],
      [256, "256"],
    );
  });

  // The Qwen3-VL README: YaRN factor 3.0 over 262,144 for --max-model-len 1000000, above the 786,432
  // vLLM derives, so the command runs under VLLM_ALLOW_LONG_MAX_MODEL_LEN=1.
  it("plans Qwen3-VL's 1,000,000-token YaRN window with the nested override and its env", async () => {
    const { out } = await json(["plan", "qwen3-vl-8b-instruct"]);
    const command = out["command"] as string[];
    assert.deepStrictEqual(
      [
        out["advertisedContext"],
        (out["plan"] as Record<string, unknown>)["maxModelLen"],
        command[command.indexOf("--hf-overrides") + 1],
        out["env"],
      ],
      [
        1000000,
        1000000,
        `{"text_config":{"rope_parameters":{"rope_type":"yarn","factor":3,"original_max_position_embeddings":262144,"mrope_section":[24,20,20],"mrope_interleaved":true}}}`,
        { VLLM_ALLOW_LONG_MAX_MODEL_LEN: "1" },
      ],
    );
  });

  // Qwen3.5: factor 4.0 over 262,144 derives 1,048,576, above the card's 1,010,000: no env needed.
  it("plans Qwen3.5's 1,010,000-token window with no env when vLLM derives more", async () => {
    const { out } = await json(["plan", "qwen3.5-9b"]);
    assert.deepStrictEqual(
      [
        out["advertisedContext"],
        (out["plan"] as Record<string, unknown>)["maxModelLen"],
        out["env"],
      ],
      [1010000, 1010000, undefined],
    );
  });

  it("exits 2 on a bad cloud", async () => {
    const r = await runCli(["plan", "qwen3-8b", "--cloud", "azure"]);
    assert.deepEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [2, `  - --cloud: "azure" is not valid. Use "aws", "gcp".`],
    );
  });
});

describe("kindo-models models", () => {
  it("lists every catalog entry as JSON", async () => {
    const r = await runCli(["models", "--json"]);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length >= 25, true);
  });
});

describe("kindo-models", () => {
  it("exits 2 on an unknown command", async () => {
    assert.equal((await runCli(["deploy"])).exitCode, 2);
  });
});
