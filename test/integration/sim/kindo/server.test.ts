import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startKindoSim, type KindoSim } from "../../../../sim/kindo";

const KEY = "sim-admin-key";
const BODY = {
  litellmModelName: "gpt-4o",
  litellmParams: { model: "openai/gpt-4o", api_key: "sk-sim-secret-1" },
  contextWindow: 128000,
  maxTokens: 16384,
  displayName: "GPT-4o",
  provider: "OpenAI",
  creator: "OpenAI",
  type: "CHAT",
  metadataType: "Text Generation",
  costTier: "MEDIUM",
};

describe("sim/kindo admin API", () => {
  let dir: string;
  let sim: KindoSim;
  const call = (method: string, suffix: string, body?: unknown, key = KEY) =>
    fetch(`${sim.url}/v1/admin/models${suffix}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kindo-sim-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: KEY });
  });
  afterEach(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a model and answers it with an id and without the API key", async () => {
    const res = await call("POST", "", BODY);
    const body = (await res.json()) as Record<string, unknown>;
    const { id, ...rest } = body;
    assert.deepStrictEqual(
      { status: res.status, idType: typeof id, rest },
      {
        status: 201,
        idType: "string",
        rest: { ...BODY, litellmParams: { model: "openai/gpt-4o" } },
      },
    );
  });

  it("answers 400 with every field error", async () => {
    const res = await call("POST", "", {
      ...BODY,
      contextWindow: 0,
      litellmParams: { model: "gpt-4o" },
      costTier: "CHEAP",
    });
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      {
        status: 400,
        body: {
          error: "Validation failed",
          fields: [
            { field: "costTier", message: "must be one of LOW, MEDIUM, HIGH" },
            { field: "contextWindow", message: "must be a positive integer" },
            {
              field: "litellmParams.model",
              message: "is required and must carry a provider prefix, e.g. openai/gpt-4o",
            },
          ],
        },
      },
    );
  });

  it("answers 409 on a duplicate serving name", async () => {
    await call("POST", "", BODY);
    const res = await call("POST", "", BODY);
    assert.deepStrictEqual(
      [res.status, ((await res.json()) as { error: string }).error],
      [409, 'A model named "gpt-4o" already exists'],
    );
  });

  it("answers 404 on an unknown id", async () => {
    const res = await call("GET", "/nope");
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      { status: 404, body: { error: "Model nope not found" } },
    );
  });

  it("answers 401 on a bad key", async () => {
    const res = await call("GET", "", undefined, "wrong");
    assert.deepStrictEqual(
      { status: res.status, body: await res.json() },
      { status: 401, body: { error: "Invalid or missing admin API key" } },
    );
  });

  it("keeps its models across a restart", async () => {
    const created = (await (await call("POST", "", BODY)).json()) as { id: string };
    await sim.close();
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: KEY });
    const res = await call("GET", `/${created.id}`);
    assert.deepStrictEqual(
      [res.status, ((await res.json()) as { litellmModelName: string }).litellmModelName],
      [200, "gpt-4o"],
    );
  });

  it("writes the models file with owner-only permissions", async () => {
    await call("POST", "", BODY);
    const { statSync } = await import("node:fs");
    assert.deepStrictEqual(
      [
        statSync(path.join(dir, "models.json")).mode & 0o777,
        JSON.parse(readFileSync(path.join(dir, "models.json"), "utf8")).models.length,
      ],
      [0o600, 1],
    );
  });
});
