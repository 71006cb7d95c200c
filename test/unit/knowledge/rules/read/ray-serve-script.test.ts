/**
 * RayService applications that run awslabs/ai-on-eks's vllm_serve.py: the env vars the recorded
 * script reads become its engine flags (unset ones at the script's defaults, unread ones nothing),
 * the GPUs are the deployment's num_gpus on the GPU worker group (its NodePool's instance family),
 * the release is the image's Dockerfile's, and KubeRay's public Services expose it.
 */
import assert from "node:assert/strict";
import { stringify } from "yaml";
import { judgeManifests } from "../../../../../knowledge/rules";
import { buildReaderContext, readManifestObject } from "../../../../../knowledge/rules/read";
import {
  AI_ON_EKS_COMMIT,
  VLLM_SERVE_SCRIPTS,
} from "../../../../../knowledge/rules/read/vllm-serve-scripts";
import type { VllmWorkload } from "../../../../../knowledge/rules/workload";

type Obj = Record<string, unknown>;

const MISTRAL_IMAGE = "public.ecr.aws/data-on-eks/ray2.24.0-py310-vllm-gpu:v1";
const DEEPSEEK_IMAGE = "public.ecr.aws/data-on-eks/ray-2.41.0-py310-cu118-vllm0.7.0:latest";

interface Overrides {
  importPath?: string;
  envVars?: Record<string, string>;
  numGpus?: number;
  image?: string;
  nodeSelector?: Record<string, string>;
  serviceType?: string;
  volumes?: Obj[];
}

/** ai-on-eks's vllm-rayserve-gpu RayService (trimmed): Mistral 7B v0.2 on one g5 GPU. */
function rayService(o: Overrides = {}): Obj {
  const application = {
    name: "mistral",
    import_path: o.importPath ?? "vllm_serve:deployment",
    runtime_env: {
      env_vars: o.envVars ?? {
        MODEL_ID: "mistralai/Mistral-7B-Instruct-v0.2",
        GPU_MEMORY_UTILIZATION: "0.9",
        MAX_MODEL_LEN: "8192",
        MAX_NUM_SEQ: "4",
        MAX_NUM_BATCHED_TOKENS: "32768",
      },
    },
    deployments: [
      { name: "mistral-deployment", ray_actor_options: { num_cpus: 1, num_gpus: o.numGpus ?? 1 } },
    ],
  };
  const image = o.image ?? MISTRAL_IMAGE;
  return {
    apiVersion: "ray.io/v1",
    kind: "RayService",
    metadata: { name: "vllm", namespace: "rayserve-vllm" },
    spec: {
      serveConfigV2: stringify({ applications: [application] }),
      rayClusterConfig: {
        headGroupSpec: {
          ...(o.serviceType === undefined ? {} : { serviceType: o.serviceType }),
          template: {
            spec: {
              containers: [{ name: "ray-head", image }],
              ...(o.volumes === undefined ? {} : { volumes: o.volumes }),
            },
          },
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
                nodeSelector: o.nodeSelector ?? {
                  NodeGroupType: "g5-gpu-karpenter",
                  type: "karpenter",
                },
              },
            },
          },
        ],
      },
    },
  };
}

function read(o: Obj): readonly VllmWorkload[] {
  const reading = readManifestObject(o, buildReaderContext([o]));
  assert.equal(reading.kind, "read");
  return reading.kind === "read" ? reading.workloads : [];
}

/** The settings of the one server the RayService runs. */
function readSettings(o: Obj): unknown {
  return read(o).map((w) => w.settings);
}

/** The mistral script's hard-coded engine arguments, as the parser reads them. */
const MISTRAL_FIXED = {
  dtype: "auto",
  trustRemoteCode: true,
  enableChunkedPrefill: false,
  pipelineParallelSize: 1,
  tensorParallelSize: 1,
  enablePrefixCaching: true,
  enforceEager: true,
};
const MISTRAL_UNREAD = [
  "--tokenizer-pool-size",
  "4",
  "--tokenizer-pool-type",
  "ray",
  "--max-parallel-loading-workers",
  "2",
  "--disable-log-requests",
];

describe("describeVllmServeScripts", () => {
  it("reads the blueprint's application as the vLLM server its script starts", () => {
    assert.deepStrictEqual(read(rayService()), [
      {
        resource: 'RayService "vllm" (application "mistral")',
        resourceKey: "RayService/rayserve-vllm/vllm",
        container: "mistral-deployment",
        image: MISTRAL_IMAGE,
        settings: {
          unknown: MISTRAL_UNREAD,
          model: "mistralai/Mistral-7B-Instruct-v0.2",
          gpuMemoryUtilization: 0.9,
          maxModelLen: 8192,
          maxNumSeqs: 4,
          maxNumBatchedTokens: 32768,
          ...MISTRAL_FIXED,
        },
        apiKeyFromEnv: false,
        allowLongMaxModelLen: false,
        gpuCount: 1,
        gpuName: "a10g-24gb",
        gpuVendor: "nvidia",
        shm: { kind: "none" },
        podLabels: {},
        namespace: "rayserve-vllm",
        unknownPaths: [],
        vllmVersion: "0.4.3",
      },
    ]);
  });

  it("flags the window the blueprint leaves at a quarter of what fits an A10G", () => {
    const findings = judgeManifests([rayService()]).findings.map((f) => [f.rule, f.resource]);
    assert.deepStrictEqual(findings, [
      ["vllm-context-window-too-low", "RayService/rayserve-vllm/vllm"],
    ]);
  });

  it("uses the script's default for a variable the application leaves unset", () => {
    const settings = readSettings(
      rayService({ envVars: { MODEL_ID: "mistralai/Mistral-7B-Instruct-v0.2" } }),
    );
    assert.deepStrictEqual(settings, [
      {
        unknown: MISTRAL_UNREAD,
        model: "mistralai/Mistral-7B-Instruct-v0.2",
        gpuMemoryUtilization: 0.8,
        maxModelLen: 4096,
        maxNumSeqs: 512,
        maxNumBatchedTokens: 32768,
        ...MISTRAL_FIXED,
      },
    ]);
  });

  it("takes nothing from a variable the script does not read (MAX_NUM_SEQS, not MAX_NUM_SEQ)", () => {
    const settings = readSettings(rayService({ envVars: { MAX_NUM_SEQS: "8" } }));
    assert.deepStrictEqual(settings, [
      {
        unknown: MISTRAL_UNREAD,
        model: "mistralai/Mistral-7B-Instruct-v0.2",
        gpuMemoryUtilization: 0.8,
        maxModelLen: 4096,
        maxNumSeqs: 512,
        maxNumBatchedTokens: 32768,
        ...MISTRAL_FIXED,
      },
    ]);
  });

  it("skips an application of another import path", () => {
    assert.deepStrictEqual(read(rayService({ importPath: "serve_app:deployment" })), []);
  });

  it("skips the import path when the image is not one the script ships in", () => {
    assert.deepStrictEqual(read(rayService({ image: "rayproject/ray:2.24.0-py310-cu118" })), []);
  });

  it("gives one replica the GPUs of the deployment's ray_actor_options", () => {
    assert.deepStrictEqual(
      read(rayService({ numGpus: 2 })).map((w) => w.gpuCount),
      [2],
    );
  });

  it("takes the GPU model from a node label the worker group selects", () => {
    const w = read(
      rayService({ nodeSelector: { "node.kubernetes.io/instance-type": "g6.xlarge" } }),
    );
    assert.deepStrictEqual(
      w.map((x) => x.gpuName),
      ["l4-24gb"],
    );
  });

  it("names no GPU for a node pool the data does not know", () => {
    const w = read(rayService({ nodeSelector: { NodeGroupType: "gpu-pool" } }));
    assert.deepStrictEqual(
      w.map((x) => x.gpuName),
      [undefined],
    );
  });

  it("is public when KubeRay's Services are of type LoadBalancer, and then needs an API key", () => {
    const o = rayService({ serviceType: "LoadBalancer" });
    assert.deepStrictEqual(
      read(o).map((w) => w.publicExposure),
      ["the LoadBalancer Service KubeRay makes for Ray Serve (headGroupSpec.serviceType)"],
    );
    assert.deepStrictEqual(
      judgeManifests([o]).findings.map((f) => f.rule),
      ["vllm-context-window-too-low", "vllm-endpoint-public-without-auth"],
    );
  });
});

describe("describeRayServiceExposure", () => {
  /** The happy-path RayService with `spec.serveService` set. */
  function withServeService(serveService: Obj): Obj {
    const o = rayService();
    return { ...o, spec: { ...(o["spec"] as Obj), serveService } };
  }

  it("keeps a RayService with KubeRay's default ClusterIP Services internal", () => {
    assert.deepStrictEqual(
      read(rayService()).map((w) => w.publicExposure),
      [undefined],
    );
  });

  it("reads the type of the serve Service the RayService gives", () => {
    const o = withServeService({ spec: { type: "NodePort" } });
    assert.deepStrictEqual(
      read(o).map((w) => w.publicExposure),
      ["the NodePort Service KubeRay makes for Ray Serve (spec.serveService)"],
    );
  });

  it("keeps an internal load balancer internal", () => {
    const o = withServeService({
      metadata: {
        annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" },
      },
      spec: { type: "LoadBalancer" },
    });
    assert.deepStrictEqual(
      read(o).map((w) => w.publicExposure),
      [undefined],
    );
  });

  it("exposes Ray Serve LLM applications the same way", () => {
    const o = rayService({ serviceType: "NodePort" });
    const spec = o["spec"] as Obj;
    const llm = {
      ...o,
      spec: {
        ...spec,
        serveConfigV2: stringify({
          applications: [
            {
              name: "llms",
              import_path: "ray.serve.llm:build_openai_app",
              args: { llm_configs: [{ model_loading_config: { model_id: "Qwen/Qwen3-8B" } }] },
            },
          ],
        }),
      },
    };
    assert.deepStrictEqual(
      read(llm).map((w) => w.publicExposure),
      ["the NodePort Service KubeRay makes for Ray Serve (headGroupSpec.serviceType)"],
    );
  });
});

describe("describeVllmServeScripts: the DeepSeek blueprint's mounted script", () => {
  const volumes = [{ name: "vllm-script", configMap: { name: "vllm-serve-script" } }];
  const envVars = {
    MODEL_ID: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
    GPU_MEMORY_UTILIZATION: "0.9",
    MAX_MODEL_LEN: "8192",
    MAX_NUM_SEQS: "4",
    MAX_NUM_BATCHED_TOKENS: "16384",
    TENSOR_PARALLEL_SIZE: "1",
  };

  it("reads the variables that script reads, and not GPU_MEMORY_UTILIZATION or MAX_NUM_BATCHED_TOKENS", () => {
    const o = rayService({ image: DEEPSEEK_IMAGE, volumes, envVars });
    const found = read(o);
    assert.deepStrictEqual(
      found.map((w) => [w.settings, w.vllmVersion]),
      [
        [
          {
            unknown: ["--disable-log-requests", "--device", "cuda"],
            model: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
            tensorParallelSize: 1,
            maxNumSeqs: 4,
            blockSize: 4096,
            maxModelLen: 8192,
            dtype: "bfloat16",
            trustRemoteCode: true,
          },
          "0.7.0",
        ],
      ],
    );
  });

  it("skips the application when the ConfigMap that holds the script is not mounted", () => {
    assert.deepStrictEqual(read(rayService({ image: DEEPSEEK_IMAGE, envVars })), []);
  });
});

describe("VLLM_SERVE_SCRIPTS", () => {
  it("cites each script and its image's Dockerfile at the ai-on-eks commit read", () => {
    const prefix = `https://github.com/awslabs/ai-on-eks/blob/${AI_ON_EKS_COMMIT}/blueprints/inference/`;
    assert.deepStrictEqual(
      VLLM_SERVE_SCRIPTS.filter(
        (s) => !s.source.url.startsWith(prefix) || !s.vllm.url.startsWith(prefix),
      ).map((s) => s.name),
      [],
    );
  });
});
