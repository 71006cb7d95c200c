/**
 * The vendor guide's own configurations through the whole pack: its three "Complete Example"
 * commands on the hardware they name, and every row of its tool-parser table. Rules fire where the
 * guide is wrong (the `llama4` parser, `hermes` for DeepSeek, the examples that cannot fit) and
 * stay silent on its correct rows. The labels live with the corpus (entries with `source: guide`).
 */
import assert from "node:assert/strict";
import { judgeManifests } from "../../../knowledge/rules";
import { corpusObjects, loadCorpus, type CorpusEntry } from "../../support/vllm-corpus";
import { packViolations } from "./support/corpus-pack";

const GUIDE = loadCorpus().filter((e) => e.source === "guide");

describe("the guide's configurations through the policy pack", () => {
  it("covers the three complete examples and the seven rows of the parser table", () => {
    assert.deepStrictEqual(
      GUIDE.map((e) => e.id),
      [
        "guide-example-scout",
        "guide-example-deepseek-v3",
        "guide-example-mistral-large",
        "guide-table-llama4",
        "guide-table-llama31",
        "guide-table-qwen",
        "guide-table-qwen3-coder",
        "guide-table-mistral",
        "guide-table-deepseek",
        "guide-table-jamba",
      ],
    );
  });

  for (const e of GUIDE) {
    const verdict =
      e.expected.length === 0 ? "reports nothing" : `reports exactly ${e.expected.join(", ")}`;
    it(`${verdict} on ${e.id} (${e.note})`, async () => {
      assert.deepStrictEqual(Object.keys(await packViolations(e)).sort(), [...e.expected].sort());
    });
  }

  it("names the guide's llama4 parser as unknown and gives the parsers that exist", async () => {
    const scout = GUIDE.find((e) => e.id === "guide-example-scout") as CorpusEntry;
    assert.deepStrictEqual((await packViolations(scout))["vllm-tool-parser-unknown"], [
      'vLLM container "vllm" in Deployment "guide-example-scout" must use a --tool-call-parser that vLLM 0.27.1 registers; "llama4" is not a vLLM parser, so vLLM will not start. Use "llama4_pythonic" or "llama4_json".',
    ]);
  });

  it("gives the DeepSeek-V3 example the deepseek_v3 parser instead of hermes", async () => {
    const deepseek = GUIDE.find((e) => e.id === "guide-example-deepseek-v3") as CorpusEntry;
    assert.deepStrictEqual((await packViolations(deepseek))["vllm-tool-parser-mismatch"], [
      `vLLM container "vllm" in Deployment "guide-example-deepseek-v3" must use the tool-call parser of DeepSeek-V3; it sets "hermes", which does not read that model's tool-call format, so tool calls come back as plain text. Use "deepseek_v3".`,
    ]);
  });

  it("gives each complete example the numbers and a setup on its own GPU model that fits", async () => {
    const fit = async (id: string) =>
      (await packViolations(GUIDE.find((e) => e.id === id) as CorpusEntry))[
        "vllm-model-does-not-fit"
      ];
    assert.deepStrictEqual(await fit("guide-example-scout"), [
      'vLLM container "vllm" in Deployment "guide-example-scout" must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-4-scout-17b-16e-instruct need 203.0 GiB per GPU plus the 2.5 GiB rotary-embedding table every GPU holds, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.92 leaves 72.9 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 4 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 4 and --quantization fp8, which serves 1,048,576 tokens.',
    ]);
    assert.deepStrictEqual(await fit("guide-example-deepseek-v3"), [
      'vLLM container "vllm" in Deployment "guide-example-deepseek-v3" must fit the GPUs it requests (8 × NVIDIA H100 80GB HBM3); FP8 weights of deepseek-v3 need 78.3 GiB per GPU, but 8 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.92 leaves 72.9 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 16 × NVIDIA H100 80GB HBM3 on 2 nodes with --tensor-parallel-size 8 and --pipeline-parallel-size 2, which serves 128,000 tokens.',
    ]);
    assert.deepStrictEqual(await fit("guide-example-mistral-large"), [
      'vLLM container "vllm" in Deployment "guide-example-mistral-large" must fit the GPUs it requests (2 × NVIDIA H100 80GB HBM3); BF16 weights of mistral-large-instruct-2411 need 114.6 GiB per GPU, but 2 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.92 leaves 72.9 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 4 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 4, which serves 128,000 tokens.',
    ]);
  });

  it("reports the same rules and messages through kindo-models lint as through the pack", async () => {
    for (const e of GUIDE) {
      const lint = judgeManifests(corpusObjects(e)).findings;
      const byRule: Record<string, string[]> = {};
      for (const f of lint) (byRule[f.rule] ??= []).push(f.message);
      assert.deepStrictEqual(byRule, await packViolations(e), e.id);
    }
  });
});
