import assert from "node:assert/strict";
import { tokenizeText } from "../../../../sim/vllm";

describe("tokenizeText", () => {
  it("tokenizes a prompt the size of a 128K window (no call-stack overflow)", () => {
    assert.equal(tokenizeText(Array(200_000).fill("word").join(" ")).length, 200_000);
  });
});
