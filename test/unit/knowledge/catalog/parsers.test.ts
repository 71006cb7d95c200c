/** The parser registries per vLLM release, from the release data. */
import assert from "node:assert/strict";
import {
  DEFAULT_VLLM_VERSION,
  acceptsApiServerModelTag,
  findDefaultModel,
  findParserPresence,
  listToolCallParsers,
  needsEnableReasoningFlag,
  REASONING_PARSER_SINCE,
  TOOL_CALL_PARSER_SINCE,
  VLLM_RELEASES,
} from "../../../../knowledge/catalog";
import { compareVersions } from "../../../../knowledge/core";

describe("findParserPresence", () => {
  const cases: [string, string, string, "yes" | "no" | "unknown"][] = [
    // the names the guide gets wrong exist in no release, even one newer than any registry read
    ["tool", "llama4", "0.27.1", "no"],
    ["tool", "llama3", "0.31.0", "no"],
    // the first registry (0.6.0) had two names
    ["tool", "hermes", "0.6.0", "yes"],
    ["tool", "llama3_json", "0.6.0", "no"],
    // GLM-4.5's parser was glm4_moe in 0.10.0 and glm45 from 0.10.1
    ["tool", "glm45", "0.10.0", "no"],
    ["tool", "glm45", "0.10.1", "yes"],
    // minimax was removed in 0.24.0
    ["tool", "minimax", "0.23.0", "yes"],
    ["tool", "minimax", "0.24.0", "no"],
    // a name merged inside 0.27.0's unknown branch-cut window is not judged
    ["tool", "ling3", "0.27.0", "unknown"],
    // a release newer than every registry read: a later name may have arrived
    ["tool", "ling3", "0.31.0", "unknown"],
    ["tool", "hermes", "0.31.0", "yes"],
    // reasoning arrived in 0.7.1 with deepseek_r1
    ["reasoning", "deepseek_r1", "0.7.0", "no"],
    ["reasoning", "deepseek_r1", "0.7.1", "yes"],
  ];
  for (const [kind, name, version, want] of cases) {
    it(`says ${want} for ${kind} parser "${name}" on ${version}`, () =>
      assert.equal(findParserPresence(kind as "tool" | "reasoning", name, version), want));
  }
});

describe("release data", () => {
  it("pins by default the newest release whose registries are read", () => {
    const known = VLLM_RELEASES.filter((r) => r.toolCallParsers !== null).map((r) => r.version);
    assert.equal(DEFAULT_VLLM_VERSION, known[known.length - 1]);
  });

  it("lists the releases in version order", () => {
    const versions = VLLM_RELEASES.map((r) => r.version);
    assert.deepEqual(versions, [...versions].sort(compareVersions));
  });

  it("knows the first release of each parser name", () => {
    assert.deepEqual(
      [
        TOOL_CALL_PARSER_SINCE.get("hermes"),
        TOOL_CALL_PARSER_SINCE.get("glm47"),
        REASONING_PARSER_SINCE.get("qwen3"),
      ],
      ["0.6.0", "0.14.0", "0.9.0"],
    );
  });

  it("needs --enable-reasoning from 0.7.1 to 0.8.x only", () => {
    assert.deepEqual(["0.7.1", "0.8.5", "0.9.0", "0.27.1"].map(needsEnableReasoningFlag), [
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("findDefaultModel", () => {
  const cases: [string, string][] = [
    // facebook/opt-125m from the first release (vllm/engine/arg_utils.py) to 0.9.2 (vllm/config.py)
    ["0.3.2", "facebook/opt-125m"],
    ["0.9.2", "facebook/opt-125m"],
    // Qwen/Qwen3-0.6B from 0.10.0 (PR 20335) on, and on a release newer than any read
    ["0.10.0", "Qwen/Qwen3-0.6B"],
    ["0.27.1", "Qwen/Qwen3-0.6B"],
  ];
  for (const [version, model] of cases) {
    it(`says vLLM ${version} serves ${model} when no model is named`, () =>
      assert.equal(findDefaultModel(version).model, model));
  }
});

describe("acceptsApiServerModelTag", () => {
  it("says the api_server module refuses a positional model before 0.10.0 and takes one from it", () => {
    assert.deepEqual(["0.4.2", "0.9.2", "0.10.0", "0.27.1"].map(acceptsApiServerModelTag), [
      false,
      false,
      true,
      true,
    ]);
  });
});

describe("listToolCallParsers", () => {
  it("lists what 0.6.0 accepted", () => {
    assert.deepEqual(listToolCallParsers("0.6.0"), ["hermes", "mistral"]);
  });

  it("lists nothing before tool calling existed", () => {
    assert.deepEqual(listToolCallParsers("0.5.5"), []);
  });
});
