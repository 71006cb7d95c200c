import assert from "node:assert/strict";
import {
  listToolCallParsers,
  reasoningParserExistsIn,
  toolCallParserExistsIn,
} from "../../../../knowledge/catalog";
import { compareVersions } from "../../../../knowledge/core";

describe("toolCallParserExistsIn", () => {
  const cases: [string, string, boolean][] = [
    // the names the guide gets wrong do not exist in any release
    ["llama4", "0.11.0", false],
    ["llama3", "0.11.0", false],
    // real names in the v0.11 registry
    ["llama4_pythonic", "0.11.0", true],
    ["deepseek_v3", "0.11.0", true],
    ["openai", "0.11.0", true],
    // names added after v0.11 are absent there
    ["glm47", "0.11.0", false],
    ["glm47", "0.12.0", true],
  ];
  for (const [name, version, want] of cases) {
    it(`says ${want} for "${name}" on ${version}`, () =>
      assert.equal(toolCallParserExistsIn(name, version), want));
  }
});

describe("reasoningParserExistsIn", () => {
  it("knows deepseek_r1 from 0.7.2 and not before", () => {
    assert.deepEqual(
      [
        reasoningParserExistsIn("deepseek_r1", "0.7.1"),
        reasoningParserExistsIn("deepseek_r1", "0.7.2"),
      ],
      [false, true],
    );
  });
});

describe("listToolCallParsers", () => {
  it("lists the 30 names of the v0.11 registry", () => {
    assert.equal(listToolCallParsers("0.11.0").length, 27);
  });
});

describe("compareVersions", () => {
  it("orders dotted releases numerically", () => {
    assert.deepEqual(
      [
        compareVersions("0.10.1.1", "0.11.0") < 0,
        compareVersions("v0.11.0", "0.11") === 0,
        compareVersions("0.9.2", "0.10.0") < 0,
      ],
      [true, true, true],
    );
  });
});
