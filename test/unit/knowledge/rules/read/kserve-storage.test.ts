/**
 * KServe puts the model of an InferenceService's storage URI at /mnt/models; a vLLM server that
 * serves /mnt/models is judged as the model the URI names.
 */
import assert from "node:assert/strict";
import {
  describeManifestWorkloads,
  judgeManifests,
  servedModelReference,
} from "../../../../../knowledge/rules";
import { nameStorageUri } from "../../../../../knowledge/rules/read/kserve-storage";

type Obj = Record<string, unknown>;

const URI = "hf://meta-llama/Llama-3.1-8B-Instruct";

/** A ServingRuntime whose vLLM container serves /mnt/models, without tool calling. */
function servingRuntime(args: readonly string[] = ["--model=/mnt/models"]): Obj {
  return {
    apiVersion: "serving.kserve.io/v1alpha1",
    kind: "ServingRuntime",
    metadata: { name: "vllm", namespace: "models" },
    spec: {
      containers: [
        {
          name: "kserve-container",
          image: "vllm/vllm-openai:v0.11.0",
          command: ["python", "-m", "vllm.entrypoints.openai.api_server"],
          args: [...args, "--served-model-name={{.Name}}"],
        },
      ],
    },
  };
}

/** An InferenceService on that runtime; `model` fields override the predictor model's. */
function inferenceService(model: Obj = {}): Obj {
  return {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: { name: "llama", namespace: "models" },
    spec: {
      predictor: {
        model: {
          modelFormat: { name: "vLLM" },
          runtime: "vllm",
          storageUri: URI,
          resources: { limits: { "nvidia.com/gpu": "1" } },
          ...model,
        },
      },
    },
  };
}

/** The InferenceService's servers. */
function readServices(objects: readonly Obj[]) {
  return describeManifestWorkloads(objects).filter((w) =>
    w.resource.startsWith("InferenceService"),
  );
}

/** What each of the InferenceService's servers' model is resolved by. */
function readReferences(objects: readonly Obj[]): (string | undefined)[] {
  return readServices(objects).map(servedModelReference);
}

describe("readers: KServe storage URI served from /mnt/models", () => {
  it("judges the Hugging Face model of hf:// (tool calling is missing for Llama 3.1 8B)", () => {
    assert.deepStrictEqual(
      judgeManifests([servingRuntime(), inferenceService()]).findings.map((f) => f.message),
      [
        'vLLM container "kserve-container" in InferenceService "llama" must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.',
      ],
    );
  });

  it("judges a ServingRuntime that an InferenceService of the input uses only through that service", () => {
    assert.deepStrictEqual(
      describeManifestWorkloads([servingRuntime(), inferenceService()]).map((w) => w.resource),
      ['InferenceService "llama"'],
    );
  });

  it("says why the model of a ServingRuntime that no InferenceService of the input uses is unknown", () => {
    assert.deepStrictEqual(
      judgeManifests([servingRuntime()]).notes.filter((n) => n.rule === "vllm-model-does-not-fit"),
      [
        {
          rule: "vllm-model-does-not-fit",
          resource: "ServingRuntime/models/vllm",
          objectIndex: 0,
          reason:
            'the model is what KServe puts at /mnt/models from the storageUri of an InferenceService that uses ServingRuntime "vllm", and none in the input does; lint it together with that InferenceService',
        },
      ],
    );
  });

  it("records where the model comes from on the workload", () => {
    assert.deepStrictEqual(
      readServices([servingRuntime(), inferenceService()]).map((w) => [
        w.settings?.model,
        w.modelStorage,
      ]),
      [
        [
          "/mnt/models",
          { path: "/mnt/models", uri: URI, reference: "meta-llama/Llama-3.1-8B-Instruct" },
        ],
      ],
    );
  });

  it("names an s3:// model by its last path segment", () => {
    const isvc = inferenceService({ storageUri: "s3://bucket/models/Llama-3.1-8B-Instruct/" });
    assert.deepStrictEqual(readReferences([servingRuntime(), isvc]), ["Llama-3.1-8B-Instruct"]);
  });

  it("names a pvc:// model by its last path segment", () => {
    const isvc = inferenceService({
      storageUri: "pvc://claim/Llama-3.3-70B-Instruct-quantized.w4a16",
    });
    assert.deepStrictEqual(readReferences([servingRuntime(), isvc]), [
      "Llama-3.3-70B-Instruct-quantized.w4a16",
    ]);
  });

  it("names an oci:// modelcar by its tag when the tag names a model", () => {
    const isvc = inferenceService({
      storageUri: "oci://quay.io/redhat-ai-services/modelcar-catalog:granite-3.3-8b-instruct",
    });
    assert.deepStrictEqual(readReferences([servingRuntime(), isvc]), ["granite-3.3-8b-instruct"]);
  });

  it("judges Red Hat's modelcar image as the model it packages (Granite 3.1 8B Instruct)", () => {
    const isvc = inferenceService({
      storageUri: "oci://registry.redhat.io/rhelai1/modelcar-granite-3-1-8b-instruct:1.5",
    });
    assert.deepStrictEqual(
      judgeManifests([servingRuntime(), isvc]).findings.map((f) => f.message),
      [
        'vLLM container "kserve-container" in InferenceService "llama" must enable tool calling for Granite 3.1 8B Instruct (treated as ibm-granite/granite-3.1-8b-instruct: "granite-3-1-8b-instruct" names its repository); it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser granite.',
      ],
    );
  });

  it("reads a model's storage.path when it has no storageUri", () => {
    const isvc = inferenceService({
      storageUri: undefined,
      storage: { key: "s3-store", path: "models/Llama-3.1-8B-Instruct" },
    });
    assert.deepStrictEqual(readReferences([servingRuntime(), isvc]), ["Llama-3.1-8B-Instruct"]);
  });

  it("keeps /mnt/models when the InferenceService names no storage", () => {
    const isvc = inferenceService({ storageUri: undefined });
    assert.deepStrictEqual(readReferences([servingRuntime(), isvc]), ["/mnt/models"]);
  });

  it("keeps a --model below /mnt/models as written", () => {
    const runtime = servingRuntime(["--model=/mnt/models/Qwen3-8B"]);
    assert.deepStrictEqual(readReferences([runtime, inferenceService()]), ["/mnt/models/Qwen3-8B"]);
  });

  it("keeps a --model that is not /mnt/models as written", () => {
    const runtime = servingRuntime(["--model=Qwen/Qwen3-8B"]);
    assert.deepStrictEqual(readReferences([runtime, inferenceService()]), ["Qwen/Qwen3-8B"]);
  });
});

describe("nameStorageUri", () => {
  const cases: [string, string | undefined][] = [
    ["hf://meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"],
    ["hf://meta-llama/Llama-3.1-8B-Instruct:0e9e39f", "meta-llama/Llama-3.1-8B-Instruct"],
    ["gs://kfserving-examples/models/Llama-3.1-8B-Instruct", "Llama-3.1-8B-Instruct"],
    ["s3://bucket/Llama-3.1-8B-Instruct?versionId=1", "Llama-3.1-8B-Instruct"],
    ["s3://bucket", undefined],
    ["pvc://claim/", undefined],
    [
      "oci://registry.redhat.io/rhelai1/modelcar-granite-3-1-8b-instruct:1.5",
      "granite-3-1-8b-instruct",
    ],
    ["oci://quay.io/org/modelcar-catalog:latest", "catalog"],
    ["oci://quay.io/org/granite-model:1.0", "granite-model"],
    ["oci://quay.io/org/modelcar-catalog:qwen2.5-7b-instruct@sha256:abc", "qwen2.5-7b-instruct"],
  ];
  for (const [uri, expected] of cases) {
    it(`${uri} names ${expected ?? "nothing"}`, () => {
      assert.equal(nameStorageUri(uri), expected);
    });
  }
});
