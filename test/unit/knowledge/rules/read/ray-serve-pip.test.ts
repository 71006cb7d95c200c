/**
 * RayService applications whose runtime_env installs vLLM for their own code: one vLLM server on
 * the GPU workers, its model in code the manifest does not hold, public when KubeRay's Services
 * are.
 */
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { judgeManifests } from "../../../../../knowledge/rules";
import { buildReaderContext, readManifestObject } from "../../../../../knowledge/rules/read";

type Obj = Record<string, unknown>;

/** vecorro/vllm_examples' RayService (trimmed): a Serve script for Falcon 7B with pip vllm==0.1.2. */
function rayService(application: Obj = {}, serviceType?: string): Obj {
  const image = "rayproject/ray:2.5.1-py310-cu118";
  return {
    apiVersion: "ray.io/v1alpha1",
    kind: "RayService",
    metadata: { name: "vllm" },
    spec: {
      serveConfigV2: stringify({
        applications: [
          {
            name: "vllm",
            import_path: "vllm-falcon-7b:deployment",
            runtime_env: { working_dir: "https://example.com/main.zip", pip: ["vllm==0.1.2"] },
            ...application,
          },
        ],
      }),
      rayClusterConfig: {
        headGroupSpec: {
          ...(serviceType === undefined ? {} : { serviceType }),
          template: { spec: { containers: [{ name: "ray-head", image }] } },
        },
        workerGroupSpecs: [
          {
            groupName: "gpu-group",
            replicas: 1,
            template: {
              spec: {
                containers: [
                  { name: "ray-worker", image, resources: { limits: { "nvidia.com/gpu": 1 } } },
                ],
              },
            },
          },
        ],
      },
    },
  };
}

/** What the reader says of each server: where, which release, why the model is unknown, exposure. */
function readServers(o: Obj): unknown[] {
  const reading = readManifestObject(o, buildReaderContext([o]));
  assert.equal(reading.kind, "read");
  return reading.kind === "read"
    ? reading.workloads.map((w) => [
        w.resource,
        w.gpuCount,
        w.vllmVersion,
        w.modelUnknownReason,
        w.publicExposure,
      ])
    : [];
}

const UNKNOWN_MODEL =
  'the application\'s own code (import_path "vllm-falcon-7b:deployment", which its runtime_env installs vLLM for) picks the model and engine arguments, and the manifest does not hold it';

describe("describePipVllmApplications", () => {
  it("reads an application whose runtime_env pip installs vLLM as one vLLM server on a GPU worker", () => {
    assert.deepStrictEqual(readServers(rayService()), [
      ['RayService "vllm" (application "vllm")', 1, "0.1.2", UNKNOWN_MODEL, undefined],
    ]);
  });

  it("reads pip given as { packages } and a requirement with extras and a range, with no release", () => {
    const o = rayService({ runtime_env: { pip: { packages: ["vllm[tensorizer]>=0.6"] } } });
    assert.deepStrictEqual(readServers(o), [
      ['RayService "vllm" (application "vllm")', 1, undefined, UNKNOWN_MODEL, undefined],
    ]);
  });

  it("reads uv, which takes pip's forms", () => {
    const o = rayService({ runtime_env: { uv: ["vllm==0.8.5"] } });
    assert.deepStrictEqual(readServers(o), [
      ['RayService "vllm" (application "vllm")', 1, "0.8.5", UNKNOWN_MODEL, undefined],
    ]);
  });

  for (const pip of [["vllm-tgis-adapter==0.4.0"], ["torch", "transformers"]]) {
    it(`reads no server for an application that installs ${pip.join(", ")}`, () => {
      assert.deepStrictEqual(readServers(rayService({ runtime_env: { pip } })), []);
    });
  }

  it("reports the server behind KubeRay's LoadBalancer Service, and skips sizing its unknown model", () => {
    const j = judgeManifests([rayService({}, "LoadBalancer")]);
    assert.deepStrictEqual(
      [
        j.findings.map((f) => f.rule),
        j.notes.filter((n) => n.rule === "vllm-model-does-not-fit").map((n) => n.reason),
      ],
      [["vllm-endpoint-public-without-auth"], [UNKNOWN_MODEL]],
    );
  });

  it("leaves a Ray Serve LLM application to its own reader", () => {
    const o = rayService({
      import_path: "ray.serve.llm:build_openai_app",
      args: { llm_configs: [] },
    });
    assert.deepStrictEqual(readServers(o), []);
  });
});
