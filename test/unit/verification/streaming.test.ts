/** judgeStreaming: a stream of JSON chunk objects ending in [DONE]; anything else is a verdict, never a crash. */
import assert from "node:assert/strict";
import { judgeStreaming } from "../../../verification/probes";
import type { StreamExchange } from "../../../verification/types";

const URL = "http://vllm:8000";

function stream(events: string[]): StreamExchange {
  return {
    head: {
      kind: "response",
      method: "POST",
      path: "/v1/chat/completions",
      status: 200,
      contentType: "text/event-stream",
      bodyText: "",
      elapsedMs: 1,
    },
    events,
    sawDone: true,
    firstTokenMs: 5,
    totalMs: 10,
  };
}

const CHUNK = JSON.stringify({ choices: [{ index: 0, delta: { content: "1 2 3" } }] });

describe("judgeStreaming", () => {
  it("passes chunks with a token and a final [DONE]", () => {
    assert.deepStrictEqual(judgeStreaming(stream([CHUNK]), URL, "m"), { passed: true });
  });

  it("fails data: null as an event that is not a JSON object", () => {
    assert.deepStrictEqual(judgeStreaming(stream([CHUNK, "null"]), URL, "m"), {
      passed: false,
      diagnosis: 'a stream event is not a JSON object ("null")',
    });
  });

  it("fails an event that is a bare number", () => {
    assert.deepStrictEqual(judgeStreaming(stream(["42"]), URL, "m"), {
      passed: false,
      diagnosis: 'a stream event is not a JSON object ("42")',
    });
  });
});
