import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startKindoSim, type KindoSim } from "../../../../sim/kindo";
import { startVllmSim, type VllmSim } from "../../../../sim/vllm";
import { SIM_API_KEY, validSimConfig } from "../../../support/factories/verification";

const ADMIN_KEY = "inference-admin-key";
const API_KEY = "kindo-user-key-31f0";

interface Seen {
  path: string;
  authorization: string | undefined;
  model: unknown;
}

/** An upstream that records what Kindo forwarded and answers a fixed completion. */
async function startRecorder(seen: Seen[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { model?: unknown };
      seen.push({
        path: req.url ?? "",
        authorization: req.headers.authorization,
        model: body.model,
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "x",
          object: "chat.completion",
          choices: [
            { index: 0, message: { role: "assistant", content: "4" }, finish_reason: "stop" },
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function modelBody(name: string, params: Record<string, string>): Record<string, unknown> {
  return {
    litellmModelName: name,
    litellmParams: params,
    contextWindow: 2048,
    displayName: name,
    provider: "vLLM",
    type: "CHAT",
    metadataType: "Text Generation",
    costTier: "LOW",
  };
}

describe("sim/kindo inference API", () => {
  let dir: string;
  let sim: KindoSim;
  const admin = (body: unknown) =>
    fetch(`${sim.url}/v1/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const chat = (
    model: string,
    headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` },
    extra: Record<string, unknown> = {},
  ) =>
    fetch(`${sim.url}/v1/chat/completions`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({
        model,
        messages: [{ role: "user", content: "What is 2 + 2?" }],
        max_tokens: 32,
        ...extra,
      }),
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kindo-inference-"));
    sim = await startKindoSim({
      file: path.join(dir, "models.json"),
      adminKey: ADMIN_KEY,
      apiKey: API_KEY,
    });
  });
  afterEach(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists registered models in the OpenAI models-list format", async () => {
    await admin(
      modelBody("llama-8b", { model: "openai/llama-8b", api_base: "http://vllm:8000/v1" }),
    );
    const res = await fetch(`${sim.url}/v1/models`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      {
        status: 200,
        body: {
          object: "list",
          data: [
            {
              id: "llama-8b",
              object: "model",
              created: 1767225600,
              owned_by: "vLLM",
              display_name: "llama-8b",
            },
          ],
        },
      },
    );
  });

  it("forwards to api_base with the provider key and the name after the prefix", async () => {
    const seen: Seen[] = [];
    const up = await startRecorder(seen);
    try {
      await admin(
        modelBody("llama-4-scout", {
          model: "openai/llama4-scout-served",
          api_base: `${up.url}/v1/`,
          api_key: "sk-upstream-1",
        }),
      );
      const res = await chat("llama-4-scout");
      assert.deepStrictEqual(
        {
          status: res.status,
          content: ((await res.json()) as { choices: { message: { content: string } }[] })
            .choices[0]?.message.content,
          seen,
        },
        {
          status: 200,
          content: "4",
          seen: [
            {
              path: "/v1/chat/completions",
              authorization: "Bearer sk-upstream-1",
              model: "llama4-scout-served",
            },
          ],
        },
      );
    } finally {
      up.server.close();
    }
  });

  it("accepts the Kindo key in an api-key header", async () => {
    const res = await fetch(`${sim.url}/v1/models`, { headers: { "api-key": API_KEY } });
    assert.equal(res.status, 200);
  });

  it("answers 401 to a wrong Kindo key", async () => {
    const res = await fetch(`${sim.url}/v1/models`, { headers: { authorization: "Bearer wrong" } });
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      {
        status: 401,
        body: {
          error: {
            message: "Authentication Error, Invalid Kindo API key.",
            type: "auth_error",
            param: "key",
            code: "401",
          },
        },
      },
    );
  });

  it("answers 400 to a serving name it does not know", async () => {
    const res = await chat("nope");
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      {
        status: 400,
        body: {
          error: {
            message:
              "Invalid model name passed in model=nope. Call `/v1/models` to view available models for your key.",
            type: "invalid_request_error",
            param: "model",
            code: "400",
          },
        },
      },
    );
  });

  it("answers LiteLLM's connection error while name resolution fails for the api_base, and forwards again once it is cleared", async () => {
    const seen: Seen[] = [];
    const up = await startRecorder(seen);
    try {
      await admin(modelBody("split-dns", { model: "openai/split-dns", api_base: `${up.url}/v1` }));
      sim.setNetworkFault(`${up.url}/v1/`, "dns");
      const failed = await chat("split-dns");
      const failedBody = await failed.json();
      sim.setNetworkFault(`${up.url}/v1`, undefined);
      const again = await chat("split-dns");
      assert.deepStrictEqual(
        { failed: [failed.status, failedBody], again: again.status, forwarded: seen.length },
        {
          failed: [
            500,
            {
              error: {
                message:
                  "litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.",
                type: null,
                param: null,
                code: "500",
              },
            },
          ],
          again: 200,
          forwarded: 1,
        },
      );
    } finally {
      up.server.close();
    }
  });

  it("answers LiteLLM's timeout for an api_base behind a firewall that drops packets", async () => {
    await admin(
      modelBody("dropped", { model: "openai/dropped", api_base: "http://10.0.0.1:8000/v1" }),
    );
    sim.setNetworkFault("http://10.0.0.1:8000/v1", "timeout");
    const res = await chat("dropped");
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      {
        status: 408,
        body: {
          error: {
            message: "litellm.Timeout: APITimeoutError - Request timed out.",
            type: null,
            param: null,
            code: "408",
          },
        },
      },
    );
  });

  describe("in front of sim/vllm", () => {
    let vllm: VllmSim;
    beforeEach(async () => {
      vllm = await startVllmSim(validSimConfig());
    });
    afterEach(async () => {
      await vllm.close();
    });

    it("maps the server's 401 for a wrong provider key to LiteLLM's AuthenticationError", async () => {
      await admin(
        modelBody("llama-3.1-8b", {
          model: "openai/llama-3.1-8b",
          api_base: `${vllm.url}/v1`,
          api_key: "sk-wrong",
        }),
      );
      const res = await chat("llama-3.1-8b");
      assert.deepStrictEqual(
        { status: res.status, body: await res.json() },
        {
          status: 401,
          body: {
            error: {
              message:
                "litellm.AuthenticationError: AuthenticationError: OpenAIException - Unauthorized",
              type: null,
              param: null,
              code: "401",
            },
          },
        },
      );
    });

    it("maps the server's 404 for a name it does not serve to LiteLLM's NotFoundError", async () => {
      await admin(
        modelBody("llama-8b", {
          model: "openai/llama-8b",
          api_base: `${vllm.url}/v1`,
          api_key: SIM_API_KEY,
        }),
      );
      const res = await chat("llama-8b");
      assert.deepStrictEqual(
        { status: res.status, body: await res.json() },
        {
          status: 404,
          body: {
            error: {
              message:
                "litellm.NotFoundError: NotFoundError: OpenAIException - The model `llama-8b` does not exist.",
              type: null,
              param: null,
              code: "404",
            },
          },
        },
      );
    });

    it("passes a stream through to data: [DONE]", async () => {
      await admin(
        modelBody("llama-3.1-8b", {
          model: "openai/llama-3.1-8b",
          api_base: `${vllm.url}/v1`,
          api_key: SIM_API_KEY,
        }),
      );
      const res = await chat("llama-3.1-8b", undefined, { stream: true });
      const text = await res.text();
      assert.deepStrictEqual(
        {
          status: res.status,
          type: res.headers.get("content-type")?.split(";")[0],
          last: text.trim().split("\n\n").pop(),
        },
        { status: 200, type: "text/event-stream", last: "data: [DONE]" },
      );
    });
  });
});
