import assert from "node:assert/strict";
import fc from "fast-check";
import {
  buildVllmArgs,
  renderServeCommand,
  validateToolParser,
  type VllmArgs,
  parseVllmFlags,
} from "../../../../knowledge/vllm";
import { validVllmArgs } from "../../../support/factories/sizing";

function argv(a: VllmArgs): string[] {
  const r = buildVllmArgs(a);
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.argv;
}

function issues(a: VllmArgs) {
  const r = buildVllmArgs(a);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.issues;
}

describe("buildVllmArgs", () => {
  it("builds the full argv for the happy path, tool flags as a pair", () => {
    assert.deepEqual(argv(validVllmArgs()), [
      "--model",
      "meta-llama/Llama-3.1-8B-Instruct",
      "--served-model-name",
      "llama-3.1-8b",
      "--port",
      "8000",
      "--max-model-len",
      "131072",
      "--dtype",
      "bfloat16",
      "--tensor-parallel-size",
      "1",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "llama3_json",
      "--enable-prefix-caching",
      "--enable-chunked-prefill",
    ]);
  });

  it("emits rope scaling as an --hf-overrides JSON object", () => {
    const a = argv(
      validVllmArgs({
        ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 },
      }),
    );
    assert.deepEqual(a.slice(-2), [
      "--hf-overrides",
      `{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}`,
    ]);
  });

  // Qwen3.5 / Qwen3.6 cards: the override goes into text_config.rope_parameters with the model's mrope fields.
  it("emits a nested text_config.rope_parameters override with the card's extra rope fields", () => {
    const a = argv(
      validVllmArgs({
        ropeScaling: {
          ropeType: "yarn",
          factor: 4,
          originalMaxPositionEmbeddings: 262144,
          overrideKey: "text_config.rope_parameters",
          extraFields: { mrope_interleaved: true, mrope_section: [11, 11, 10] },
        },
      }),
    );
    assert.deepEqual(a.slice(-2), [
      "--hf-overrides",
      `{"text_config":{"rope_parameters":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":262144,"mrope_interleaved":true,"mrope_section":[11,11,10]}}}`,
    ]);
  });

  it("uses --runner pooling for embeddings on vLLM 0.10.1 and later", () => {
    assert.ok(
      argv(validVllmArgs({ runner: "pooling", toolCallParser: undefined }))
        .join(" ")
        .includes("--runner pooling"),
    );
  });

  it("uses --task embed for embeddings before vLLM 0.10.1", () => {
    assert.ok(
      argv(validVllmArgs({ runner: "pooling", toolCallParser: undefined, vllmVersion: "0.9.2" }))
        .join(" ")
        .includes("--task embed"),
    );
  });

  it("rejects the guide's llama4 parser and names the real ones", () => {
    assert.deepEqual(issues(validVllmArgs({ toolCallParser: "llama4" })), [
      {
        path: "toolCallParser",
        message: `"llama4" is not a vLLM parser. Use "llama4_pythonic" or "llama4_json".`,
      },
    ]);
  });

  it("rejects a parser newer than the vLLM it runs on", () => {
    assert.deepEqual(
      issues(validVllmArgs({ toolCallParser: "glm47", vllmVersion: "0.11.0" })).map((i) => i.path),
      ["toolCallParser"],
    );
  });

  it("rejects a non-integer max-model-len", () => {
    assert.deepEqual(issues(validVllmArgs({ maxModelLen: 1.5 })), [
      {
        path: "maxModelLen",
        message: "1.5 is not a valid --max-model-len. Use a whole number of 1 or more.",
      },
    ]);
  });

  it("rejects an unknown reasoning parser", () => {
    assert.deepEqual(issues(validVllmArgs({ reasoningParser: "qwen" })), [
      {
        path: "reasoningParser",
        message: `"qwen" is not a vLLM reasoning parser. Pin a newer vLLM or drop the reasoning parser.`,
      },
    ]);
  });

  it("rejects a chat template without a parser", () => {
    assert.deepEqual(
      issues(validVllmArgs({ toolCallParser: undefined, toolChatTemplate: "x.jinja" })).map(
        (i) => i.path,
      ),
      ["toolChatTemplate"],
    );
  });
});

describe("validateToolParser", () => {
  const cases: [string, string, number][] = [
    // real names in the pinned release
    ["llama3_json", "0.11.0", 0],
    ["deepseek_v3", "0.11.0", 0],
    ["qwen3_coder", "0.11.0", 0],
    // names that never existed
    ["llama3", "0.11.0", 1],
    ["llama4", "0.11.0", 1],
    ["not_a_parser", "0.11.0", 1],
  ];
  for (const [name, v, n] of cases) {
    it(`returns ${n} issue(s) for "${name}" on vLLM ${v}`, () => {
      assert.equal(validateToolParser(name, v).length, n);
    });
  }
});

describe("renderServeCommand", () => {
  it("puts one flag per line and quotes JSON", () => {
    assert.equal(
      renderServeCommand(["--model", "m", "--hf-overrides", `{"a":1}`, "--enforce-eager"]),
      `vllm serve \\\n  --model m \\\n  --hf-overrides '{"a":1}' \\\n  --enforce-eager`,
    );
  });
});

describe("buildVllmArgs round trip through parseVllmFlags", () => {
  it("parses back the values it built", () => {
    const arb = fc.record({
      maxModelLen: fc.integer({ min: 1, max: 10_485_760 }),
      tensorParallelSize: fc.constantFrom(1, 2, 4, 8),
      pipelineParallelSize: fc.constantFrom(1, 2, 4),
      toolCallParser: fc.constantFrom(undefined, "hermes", "llama3_json", "mistral", "deepseek_v3"),
      gpuMemoryUtilization: fc.constantFrom(undefined, 0.85, 0.9, 0.95),
      enablePrefixCaching: fc.boolean(),
      kvCacheDtype: fc.constantFrom(undefined, "fp8" as const),
      servedModelName: fc.constantFrom("a", "llama-3.1-8b", "org/model:v1"),
    });
    fc.assert(
      fc.property(arb, (p) => {
        const s = parseVllmFlags(["vllm", "serve", ...argv(validVllmArgs(p))]);
        assert.deepEqual(
          [
            s.model,
            s.servedModelName,
            s.maxModelLen,
            s.tensorParallelSize,
            s.pipelineParallelSize ?? 1,
            s.toolCallParser,
            s.enableAutoToolChoice ?? false,
            s.gpuMemoryUtilization,
            s.enablePrefixCaching,
            s.kvCacheDtype,
            s.unknown,
          ],
          [
            "meta-llama/Llama-3.1-8B-Instruct",
            [p.servedModelName],
            p.maxModelLen,
            p.tensorParallelSize,
            p.pipelineParallelSize,
            p.toolCallParser,
            p.toolCallParser !== undefined,
            p.gpuMemoryUtilization,
            p.enablePrefixCaching,
            p.kvCacheDtype,
            [],
          ],
        );
      }),
    );
  });
});
