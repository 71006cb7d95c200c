import assert from "node:assert/strict";
import { startVllmSim, type VllmSim } from "../../../../sim/vllm";
import { SIM_API_KEY, SIM_MODEL, validSimConfig } from "../../../support/factories/verification";

const AUTH = { authorization: `Bearer ${SIM_API_KEY}`, "content-type": "application/json" };

async function call(
  sim: VllmSim,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<{ status: number; text: string; contentType: string }> {
  const res = await fetch(
    `${sim.url}${path}`,
    body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) },
  );
  return {
    status: res.status,
    text: await res.text(),
    contentType: res.headers.get("content-type") ?? "",
  };
}

const ASK = {
  model: SIM_MODEL,
  messages: [{ role: "user", content: "What is 2 + 2? Reply with just the number." }],
  max_tokens: 32,
};

describe("vLLM simulator", () => {
  let sim: VllmSim;

  beforeEach(async () => {
    sim = await startVllmSim(validSimConfig());
  });

  afterEach(async () => {
    await sim.close();
  });

  it("answers /health with 200 and an empty body, without the key", async () => {
    assert.deepStrictEqual(await call(sim, "/health", undefined, {}), {
      status: 200,
      text: "",
      contentType: "application/json",
    });
  });

  it("answers /v1/models without the key with vLLM's 401 body", async () => {
    const r = await call(sim, "/v1/models", undefined, {});
    assert.deepStrictEqual(
      { status: r.status, body: JSON.parse(r.text) },
      { status: 401, body: { error: "Unauthorized" } },
    );
  });

  it("lists one card per served name with root and max_model_len", async () => {
    sim.setConfig({ servedModelNames: ["llama", "llama-alias"] });
    const body = JSON.parse((await call(sim, "/v1/models")).text) as {
      data: Record<string, unknown>[];
    };
    assert.deepStrictEqual(
      body.data.map((c) => ({
        id: c["id"],
        object: c["object"],
        owned_by: c["owned_by"],
        root: c["root"],
        parent: c["parent"],
        max_model_len: c["max_model_len"],
      })),
      ["llama", "llama-alias"].map((id) => ({
        id,
        object: "model",
        owned_by: "vllm",
        root: "meta-llama/Llama-3.1-8B-Instruct",
        parent: null,
        max_model_len: 2048,
      })),
    );
  });

  it("answers 2 + 2 with 4 and finish_reason stop", async () => {
    const body = JSON.parse((await call(sim, "/v1/chat/completions", ASK)).text) as {
      choices: { message: unknown; finish_reason: string }[];
      usage: unknown;
    };
    assert.deepStrictEqual(
      { choice: body.choices[0], usage: body.usage },
      {
        choice: {
          index: 0,
          message: { role: "assistant", content: "4", reasoning_content: null },
          logprobs: null,
          finish_reason: "stop",
          stop_reason: null,
        },
        usage: {
          prompt_tokens: 20,
          total_tokens: 21,
          completion_tokens: 1,
          prompt_tokens_details: null,
        },
      },
    );
  });

  it("counts the same prompt tokens on /tokenize as in usage", async () => {
    const tokenized = JSON.parse(
      (await call(sim, "/tokenize", { model: SIM_MODEL, messages: ASK.messages })).text,
    ) as { count: number; max_model_len: number };
    assert.deepStrictEqual(
      { count: tokenized.count, max_model_len: tokenized.max_model_len },
      { count: 20, max_model_len: 2048 },
    );
  });

  it("answers a wrong model name with vLLM's 404", async () => {
    const r = await call(sim, "/v1/chat/completions", { ...ASK, model: "gpt-4" });
    assert.deepStrictEqual(
      { status: r.status, body: JSON.parse(r.text) },
      {
        status: 404,
        body: {
          error: {
            message: "The model `gpt-4` does not exist.",
            type: "NotFoundError",
            param: null,
            code: 404,
          },
        },
      },
    );
  });

  it("answers tools without the tool flags with the exact 400", async () => {
    sim.setConfig({ enableAutoToolChoice: false, toolCallParser: undefined });
    const r = await call(sim, "/v1/chat/completions", {
      ...ASK,
      tools: [{ type: "function", function: { name: "get_weather", parameters: {} } }],
    });
    assert.deepStrictEqual(
      { status: r.status, body: JSON.parse(r.text) },
      {
        status: 400,
        body: {
          error: {
            message:
              '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
            type: "BadRequestError",
            param: null,
            code: 400,
          },
        },
      },
    );
  });

  it("returns a get_weather call with JSON-string arguments when the parser matches", async () => {
    const r = await call(sim, "/v1/chat/completions", {
      model: SIM_MODEL,
      messages: [{ role: "user", content: "What is the weather in San Francisco?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: {} } }],
    });
    const choice = (
      JSON.parse(r.text) as {
        choices: {
          message: { content: unknown; tool_calls: { type: string; function: unknown }[] };
          finish_reason: string;
        }[];
      }
    ).choices[0]!;
    assert.deepStrictEqual(
      {
        content: choice.message.content,
        call: {
          type: choice.message.tool_calls[0]?.type,
          function: choice.message.tool_calls[0]?.function,
        },
        finish: choice.finish_reason,
      },
      {
        content: null,
        call: {
          type: "function",
          function: { name: "get_weather", arguments: '{"location":"San Francisco"}' },
        },
        finish: "tool_calls",
      },
    );
  });

  it("leaks the call into content with finish_reason stop when the parser is wrong", async () => {
    sim.setConfig({ toolCallParser: "hermes" });
    const r = await call(sim, "/v1/chat/completions", {
      model: SIM_MODEL,
      messages: [{ role: "user", content: "What is the weather in San Francisco?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: {} } }],
    });
    const choice = (
      JSON.parse(r.text) as {
        choices: { message: Record<string, unknown>; finish_reason: string }[];
      }
    ).choices[0]!;
    assert.deepStrictEqual(
      {
        content: choice.message["content"],
        toolCalls: choice.message["tool_calls"],
        finish: choice.finish_reason,
      },
      {
        content: '{"name":"get_weather","parameters":{"location":"San Francisco"}}',
        toolCalls: undefined,
        finish: "stop",
      },
    );
  });

  it("refuses a prompt over max_model_len with the 0.11 wording", async () => {
    const r = await call(sim, "/v1/chat/completions", {
      model: SIM_MODEL,
      messages: [{ role: "user", content: "a ".repeat(3000) }],
    });
    assert.deepStrictEqual(
      { status: r.status, body: JSON.parse(r.text) },
      {
        status: 400,
        body: {
          error: {
            message:
              "This model's maximum context length is 2048 tokens. However, your request has 3009 input tokens. Please reduce the length of the input messages.",
            type: "BadRequestError",
            param: null,
            code: 400,
          },
        },
      },
    );
  });

  it("streams SSE chunks ending with [DONE]", async () => {
    const r = await call(sim, "/v1/chat/completions", { ...ASK, stream: true });
    const payloads = r.text
      .split("\n\n")
      .filter((b) => b !== "")
      .map((b) => b.replace(/^data: /, ""));
    const deltas = payloads
      .slice(0, -1)
      .map(
        (p) =>
          (JSON.parse(p) as { choices: { delta: unknown; finish_reason: unknown }[] }).choices[0],
      );
    assert.deepStrictEqual(
      {
        contentType: r.contentType,
        deltas: deltas.map((d) => [d?.delta, d?.finish_reason]),
        last: payloads[payloads.length - 1],
      },
      {
        contentType: "text/event-stream; charset=utf-8",
        deltas: [
          [{ role: "assistant", content: "" }, null],
          [{ content: "4" }, null],
          [{ content: "" }, "stop"],
        ],
        last: "[DONE]",
      },
    );
  });

  it("puts reasoning in the reasoning field from 0.11.2 when a reasoning parser is set", async () => {
    sim.setConfig({ version: "0.11.2", reasoningTokens: 8, reasoningParser: "deepseek_r1" });
    const message = (
      JSON.parse((await call(sim, "/v1/chat/completions", ASK)).text) as {
        choices: { message: unknown }[];
      }
    ).choices[0]?.message;
    assert.deepStrictEqual(message, {
      role: "assistant",
      content: "4",
      reasoning: "Let me think about this step by step",
    });
  });

  it("reports the version and vLLM metric names", async () => {
    const version = await call(sim, "/version", undefined, {});
    const metrics = await call(sim, "/metrics", undefined, {});
    const names = [
      ...new Set(
        metrics.text
          .split("\n")
          .filter((l) => l.startsWith("# TYPE"))
          .map((l) => l.split(" ")[2]),
      ),
    ];
    assert.deepStrictEqual(
      { version: JSON.parse(version.text), names },
      {
        version: { version: "0.11.0" },
        names: [
          "vllm:num_requests_running",
          "vllm:num_requests_waiting",
          "vllm:kv_cache_usage_perc",
          "vllm:prompt_tokens_total",
          "vllm:generation_tokens_total",
          "vllm:time_to_first_token_seconds",
          "vllm:e2e_request_latency_seconds",
        ],
      },
    );
  });
});

describe("startVllmSim with a start-up delay", () => {
  it("refuses connections until the delay has passed, then serves", async () => {
    const sim = await startVllmSim(validSimConfig({ startupDelayMs: 100 }));
    try {
      const before = await fetch(`${sim.url}/health`).then(
        (r) => r.status,
        (e: Error & { cause?: { code?: string } }) => e.cause?.code,
      );
      await sim.ready;
      const after = (await fetch(`${sim.url}/health`)).status;
      assert.deepStrictEqual({ before, after }, { before: "ECONNREFUSED", after: 200 });
    } finally {
      await sim.close();
    }
  });
});
