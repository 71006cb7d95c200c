import assert from "node:assert/strict";
import {
  capTokenBudgets,
  computeTokenBudgets,
  judgeCompletion,
  judgeToolCall,
} from "../../../verification/probes";
import { computeBackoffDelayMs } from "../../../verification/readiness";
import type { Exchange } from "../../../verification/types";

const URL = "http://vllm:8000";

function chat(message: Record<string, unknown>, finish: string): Exchange {
  const bodyText = JSON.stringify({
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finish }],
  });
  return {
    kind: "response",
    method: "POST",
    path: "/v1/chat/completions",
    status: 200,
    contentType: "application/json",
    bodyText,
    elapsedMs: 1,
  };
}

const call = (args: unknown) => ({
  tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: args } }],
  content: null,
});

describe("computeBackoffDelayMs", () => {
  it("doubles from 25 ms and stops at 500 ms", () => {
    assert.deepStrictEqual(
      [0, 1, 2, 3, 4, 5, 6, 40].map((a) => computeBackoffDelayMs(a)),
      [25, 50, 100, 200, 400, 500, 500, 500],
    );
  });
});

describe("computeTokenBudgets", () => {
  it("uses the guide's budgets for plain models and never 1 token", () => {
    assert.deepStrictEqual(computeTokenBudgets(false), {
      completion: 32,
      toolCall: 256,
      streaming: 64,
      longContext: 64,
    });
  });

  it("leaves reasoning models room to think, capped at a quarter of the window", () => {
    assert.deepStrictEqual(capTokenBudgets(computeTokenBudgets(true), 4096), {
      completion: 1024,
      toolCall: 1024,
      streaming: 1024,
      longContext: 64,
    });
  });
});

describe("judgeCompletion", () => {
  it("passes a plain 4 with finish_reason stop", () => {
    assert.deepStrictEqual(judgeCompletion(chat({ content: "4" }, "stop"), URL, "m", 32, false), {
      passed: true,
    });
  });

  it("passes an answer that wraps the 4 in a sentence", () => {
    assert.deepStrictEqual(
      judgeCompletion(chat({ content: "2 + 2 = 4." }, "stop"), URL, "m", 32, false),
      { passed: true },
    );
  });

  it("fails a wrong number", () => {
    assert.deepStrictEqual(judgeCompletion(chat({ content: "5" }, "stop"), URL, "m", 32, false), {
      passed: false,
      diagnosis:
        'the answer to "What is 2 + 2?" was "5", not 4: the output is garbled or wrong; check --dtype, the weights and the GPU memory (the guide\'s step 2)',
    });
  });

  it("fails 4 that comes with other numbers", () => {
    assert.equal(
      judgeCompletion(chat({ content: "4 44 4444" }, "stop"), URL, "m", 32, false).passed,
      false,
    );
  });

  it("fails a finish_reason other than stop", () => {
    assert.deepStrictEqual(judgeCompletion(chat({ content: "4" }, "length"), URL, "m", 32, false), {
      passed: false,
      diagnosis: 'finish_reason is "length" where "stop" was expected (the guide\'s step 2)',
    });
  });
});

describe("judgeToolCall", () => {
  it("passes the guide's call", () => {
    assert.deepStrictEqual(
      judgeToolCall(
        chat(call('{"location": "San Francisco, CA"}'), "tool_calls"),
        URL,
        "m",
        undefined,
        undefined,
      ),
      { passed: true },
    );
  });

  it("fails arguments that are not valid JSON", () => {
    assert.deepStrictEqual(
      judgeToolCall(
        chat(call('{"location": "San Fran'), "tool_calls"),
        URL,
        "m",
        undefined,
        undefined,
      ),
      {
        passed: false,
        diagnosis:
          'get_weather arguments are not valid JSON ("{"location": "San Fran"): the tool-call parser does not match the model\'s output',
      },
    );
  });

  it("fails arguments sent as an object instead of a JSON string", () => {
    assert.deepStrictEqual(
      judgeToolCall(chat(call({ location: "SF" }), "tool_calls"), URL, "m", undefined, undefined),
      {
        passed: false,
        diagnosis: "get_weather arguments came back as object, not a JSON-encoded string",
      },
    );
  });

  it("fails a call without a location", () => {
    assert.deepStrictEqual(
      judgeToolCall(chat(call("{}"), "tool_calls"), URL, "m", undefined, undefined),
      {
        passed: false,
        diagnosis: 'get_weather was called without a "location" argument (arguments {})',
      },
    );
  });

  it("fails a call whose finish_reason is not tool_calls", () => {
    assert.deepStrictEqual(
      judgeToolCall(chat(call('{"location":"SF"}'), "stop"), URL, "m", undefined, undefined),
      {
        passed: false,
        diagnosis: 'the tool call came back with finish_reason "stop" instead of "tool_calls"',
      },
    );
  });

  it("fails a plain-text answer without any call", () => {
    assert.deepStrictEqual(
      judgeToolCall(chat({ content: "It is sunny." }, "stop"), URL, "m", undefined, undefined),
      {
        passed: false,
        diagnosis:
          'the model answered in plain text ("It is sunny.") instead of calling get_weather: check --tool-call-parser and the chat template',
      },
    );
  });
});
