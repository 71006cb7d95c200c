import assert from "node:assert/strict";
import { buildError, contextLengthMessage, contextWordingOf } from "../../../../sim/vllm/wire";

describe("contextWordingOf", () => {
  it("maps versions to the wording eras of the research table", () => {
    assert.deepStrictEqual(
      ["0.9.2", "0.10.0", "0.11.0", "0.13.0", "0.19.9", "0.20.0", "0.25.1"].map(contextWordingOf),
      ["v0.9", "v0.10", "v0.10", "v0.16", "v0.16", "v0.25", "v0.25"],
    );
  });
});

describe("contextLengthMessage", () => {
  // One row per era and case: prompt alone too long, prompt + max_tokens too long.
  const cases = [
    [
      "v0.9",
      2100,
      undefined,
      "This model's maximum context length is 2048 tokens. However, you requested 2100 tokens in the messages, Please reduce the length of the messages.",
    ],
    [
      "v0.9",
      2000,
      64,
      "This model's maximum context length is 2048 tokens. However, you requested 2064 tokens (2000 in the messages, 64 in the completion). Please reduce the length of the messages or completion.",
    ],
    [
      "v0.10",
      2100,
      undefined,
      "This model's maximum context length is 2048 tokens. However, your request has 2100 input tokens. Please reduce the length of the input messages.",
    ],
    [
      "v0.10",
      2000,
      64,
      "'max_tokens' or 'max_completion_tokens' is too large: 64. This model's maximum context length is 2048 tokens and your request has 2000 input tokens (64 > 2048 - 2000).",
    ],
    [
      "v0.16",
      2000,
      64,
      "You passed 2000 input tokens and requested 64 output tokens. However, the model's context length is only 2048 tokens, resulting in a maximum input length of 1984 tokens. Please reduce the length of the input prompt.",
    ],
    [
      "v0.25",
      2000,
      64,
      "This model's maximum context length is 2048 tokens. However, you requested 64 output tokens and your prompt contains 2000 input tokens, for a total of 2064 tokens. Please reduce the length of the input prompt or the number of requested output tokens.",
    ],
  ] as const;
  for (const [wording, p, m, message] of cases) {
    it(`words ${wording} for ${p} prompt tokens and max_tokens ${String(m)}`, () => {
      assert.equal(contextLengthMessage(wording, p, m, 2048), message);
    });
  }

  it("accepts a prompt that fits in every era", () => {
    assert.deepStrictEqual(
      (["v0.9", "v0.10", "v0.16", "v0.25"] as const).map((w) =>
        contextLengthMessage(w, 1900, 64, 2048),
      ),
      [undefined, undefined, undefined, undefined],
    );
  });
});

describe("buildError", () => {
  it("uses the flat envelope before 0.10.1 and the nested one from it", () => {
    assert.deepStrictEqual(
      [
        buildError("0.10.0", 400, "BadRequestError", "m"),
        buildError("0.10.1", 400, "BadRequestError", "m"),
      ],
      [
        { object: "error", message: "m", type: "BadRequestError", param: null, code: 400 },
        { error: { message: "m", type: "BadRequestError", param: null, code: 400 } },
      ],
    );
  });
});
