/**
 * Env values from ConfigMaps of the same input: `env[].valueFrom.configMapKeyRef` and
 * `envFrom[].configMapRef` (with `prefix`) fill `$(VAR)` in the vLLM command line, in the
 * container's namespace. Secrets are never read for values.
 */
import assert from "node:assert/strict";
import { describeManifestWorkloads, readContainerEnv } from "../../../../../knowledge/rules";

type Obj = Record<string, unknown>;

const MODEL = "meta-llama/Llama-3.1-8B-Instruct";

/** The ConfigMap the happy path reads: `model_id` and `max_model_len`. */
function configMap(overrides: Obj = {}): Obj {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "vllm-config", namespace: "models" },
    data: { model_id: MODEL, max_model_len: "8192" },
    ...overrides,
  };
}

/** A container whose `--model` and `--max-model-len` come from the ConfigMap through env. */
function container(overrides: Obj = {}): Obj {
  return {
    name: "server",
    image: "vllm/vllm-openai:v0.11.0",
    command: ["vllm", "serve", "$(MODEL_ID)", "--max-model-len", "$(MAX_MODEL_LEN)"],
    env: [
      {
        name: "MODEL_ID",
        valueFrom: { configMapKeyRef: { name: "vllm-config", key: "model_id" } },
      },
      {
        name: "MAX_MODEL_LEN",
        valueFrom: { configMapKeyRef: { name: "vllm-config", key: "max_model_len" } },
      },
    ],
    resources: { limits: { "nvidia.com/gpu": "1" } },
    ...overrides,
  };
}

function deployment(c: Obj = container(), namespace = "models"): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "llama", namespace },
    spec: { template: { spec: { containers: [c] } } },
  };
}

/** `--model` and `--max-model-len` of every server read from the objects. */
function readModels(objects: readonly Obj[]): [string | undefined, number | undefined][] {
  return describeManifestWorkloads(objects).map((w) => [
    w.settings?.model,
    w.settings?.maxModelLen,
  ]);
}

describe("readers: env values from ConfigMaps of the same input", () => {
  it("fills $(VAR) from configMapKeyRef", () => {
    assert.deepStrictEqual(readModels([configMap(), deployment()]), [[MODEL, 8192]]);
  });

  it("leaves $(VAR) unresolved when the ConfigMap is not in the input", () => {
    assert.deepStrictEqual(readModels([deployment()]), [["$(MODEL_ID)", undefined]]);
  });

  it("leaves $(VAR) unresolved when the ConfigMap is in another namespace", () => {
    const other = configMap({ metadata: { name: "vllm-config", namespace: "other" } });
    assert.deepStrictEqual(readModels([other, deployment()]), [["$(MODEL_ID)", undefined]]);
  });

  it("reads a ConfigMap without a namespace for a container in any namespace", () => {
    const anywhere = configMap({ metadata: { name: "vllm-config" } });
    assert.deepStrictEqual(readModels([anywhere, deployment()]), [[MODEL, 8192]]);
  });

  it("leaves a key the ConfigMap does not hold unresolved", () => {
    const partial = configMap({ data: { max_model_len: "8192" } });
    assert.deepStrictEqual(readModels([partial, deployment()]), [["$(MODEL_ID)", 8192]]);
  });

  it("fills $(VAR) from every key of an envFrom configMapRef", () => {
    const c = container({
      command: ["vllm", "serve", "$(model_id)", "--max-model-len", "$(max_model_len)"],
      env: [],
      envFrom: [{ configMapRef: { name: "vllm-config" } }],
    });
    assert.deepStrictEqual(readModels([configMap(), deployment(c)]), [[MODEL, 8192]]);
  });

  it("prefixes the names an envFrom configMapRef sets", () => {
    const c = container({
      command: ["vllm", "serve", "$(CFG_model_id)", "--max-model-len", "$(CFG_max_model_len)"],
      env: [],
      envFrom: [{ configMapRef: { name: "vllm-config" }, prefix: "CFG_" }],
    });
    assert.deepStrictEqual(readModels([configMap(), deployment(c)]), [[MODEL, 8192]]);
  });

  it("lets an env entry win over the same name from envFrom", () => {
    const c = container({
      command: ["vllm", "serve", "$(model_id)", "--max-model-len", "$(max_model_len)"],
      env: [{ name: "max_model_len", value: "4096" }],
      envFrom: [{ configMapRef: { name: "vllm-config" } }],
    });
    assert.deepStrictEqual(readModels([configMap(), deployment(c)]), [[MODEL, 4096]]);
  });

  it("expands ConfigMap values inside a shell script", () => {
    const c = container({
      command: ["sh", "-c", "exec vllm serve $MODEL_ID --max-model-len ${MAX_MODEL_LEN}"],
    });
    assert.deepStrictEqual(readModels([configMap(), deployment(c)]), [[MODEL, 8192]]);
  });
});

describe("readers: Secrets are never read for env values", () => {
  const secret: Obj = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "vllm-config", namespace: "models" },
    stringData: { model_id: "secret-org/secret-model" },
    data: { model_id: Buffer.from("secret-org/secret-model").toString("base64") },
  };

  it("leaves a secretKeyRef unresolved when the Secret is in the input", () => {
    const c = container({
      env: [
        { name: "MODEL_ID", valueFrom: { secretKeyRef: { name: "vllm-config", key: "model_id" } } },
      ],
    });
    const workloads = describeManifestWorkloads([secret, deployment(c)]);
    assert.deepStrictEqual(
      workloads.map((w) => w.settings?.model),
      ["$(MODEL_ID)"],
    );
    assert.equal(JSON.stringify(workloads).includes("secret-model"), false);
  });

  it("does not read a Secret named like the configMapKeyRef", () => {
    assert.deepStrictEqual(readModels([secret, deployment()]), [["$(MODEL_ID)", undefined]]);
  });

  it("does not read a Secret named like an envFrom configMapRef", () => {
    const c = container({
      command: ["vllm", "serve", "$(model_id)"],
      env: [],
      envFrom: [{ configMapRef: { name: "vllm-config" } }],
    });
    assert.deepStrictEqual(readModels([secret, deployment(c)]), [["$(model_id)", undefined]]);
  });
});

describe("readContainerEnv with a ConfigMap source", () => {
  const source = {
    find: (name: string) => (name === "keys" ? { VLLM_API_KEY: "" } : undefined),
    namespace: "models",
  };

  it("counts an API key imported whole from a Secret as set", () => {
    const env = readContainerEnv({ envFrom: [{ secretRef: { name: "keys" } }] }, source);
    assert.deepStrictEqual(env, { values: {}, referenced: [], apiKey: true, allowLong: false });
  });

  describe("and the input's Secrets' key names", () => {
    const withSecrets = {
      ...source,
      secretKeys: (name: string) =>
        ({ hf: ["HF_TOKEN"], keys: ["VLLM_API_KEY"], bare: ["API_KEY"] })[name],
    };
    const apiKey = (from: Record<string, unknown>) =>
      readContainerEnv({ envFrom: [from] }, withSecrets).apiKey;

    it("does not count a Secret of the input without VLLM_API_KEY as setting it", () => {
      assert.equal(apiKey({ secretRef: { name: "hf" } }), false);
    });

    it("counts a Secret of the input with VLLM_API_KEY as setting it", () => {
      assert.equal(apiKey({ secretRef: { name: "keys" } }), true);
    });

    it("counts a Secret whose key makes VLLM_API_KEY with the envFrom prefix", () => {
      assert.equal(apiKey({ secretRef: { name: "bare" }, prefix: "VLLM_" }), true);
    });

    it("still counts a Secret the input does not hold as setting it", () => {
      assert.equal(apiKey({ secretRef: { name: "elsewhere" } }), true);
    });
  });

  it("does not count an empty VLLM_API_KEY from a ConfigMap as set", () => {
    const env = readContainerEnv({ envFrom: [{ configMapRef: { name: "keys" } }] }, source);
    assert.deepStrictEqual(env, {
      values: { VLLM_API_KEY: "" },
      referenced: [],
      apiKey: false,
      allowLong: false,
    });
  });

  it("reads whether the server lets chunked-local attention use the hybrid KV-cache manager", () => {
    const env = (value: string) =>
      readContainerEnv({
        env: [{ name: "VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE", value }],
      }).chunkedLocalAttentionHybridKv;
    assert.deepStrictEqual([env("1"), env("0")], [true, false]);
  });

  it("lists a configMapKeyRef whose ConfigMap is missing as referenced", () => {
    const env = readContainerEnv(
      { env: [{ name: "M", valueFrom: { configMapKeyRef: { name: "absent", key: "m" } } }] },
      source,
    );
    assert.deepStrictEqual(env, { values: {}, referenced: ["M"], apiKey: false, allowLong: false });
  });
});
