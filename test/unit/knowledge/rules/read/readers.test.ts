/**
 * The readers behind `kindo-models lint` and the pack: each kind people deploy vLLM with is read
 * into the workload the rules judge, shown by the violation a rule then finds inside it.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import {
  describeManifestWorkloads,
  judgeManifests,
  resolveWorkloadModel,
} from "../../../../../knowledge/rules";

/** The vLLM servers the readers find in a YAML text of one or more documents. */
function workloadsOf(yaml: string) {
  return describeManifestWorkloads(
    parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>),
  );
}

/**
 * A one-GPU Deployment "vllm" on vllm/vllm-openai:v0.11.0: its container's fields are `container`'s
 * added to the name, image and GPU limit, its pod spec's `pod`'s added to the container.
 */
function oneGpuServer(
  container: Record<string, unknown>,
  pod: Record<string, unknown> = {},
): Record<string, unknown> {
  const server = {
    name: "vllm",
    image: "vllm/vllm-openai:v0.11.0",
    resources: { limits: { "nvidia.com/gpu": "1" } },
    ...container,
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "vllm" },
    spec: { template: { spec: { containers: [server], ...pod } } },
  };
}

/** Every finding of the YAML documents as [rule, resource]. */
function findRules(yaml: string): [string, string][] {
  const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
  return judgeManifests(objects).findings.map((f) => [f.rule, f.resource]);
}

function findMessages(yaml: string): string[] {
  const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
  return judgeManifests(objects).findings.map((f) => f.message);
}

const SERVE_8B = `[vllm, serve, meta-llama/Llama-3.1-8B-Instruct, --max-model-len, "131072", --enable-auto-tool-choice, --tool-call-parser, llama3_json]`;

describe("readers: KServe", () => {
  it("finds Qwen3-32B at 131,072 tokens without YaRN inside an InferenceService's container", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: qwen3, namespace: models }
spec:
  predictor:
    nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }
    containers:
      - name: kserve-container
        image: vllm/vllm-openai:v0.11.0
        command: [vllm, serve, Qwen/Qwen3-32B, --max-model-len, "131072", --enable-auto-tool-choice, --tool-call-parser, hermes, --tensor-parallel-size, "2"]
        resources: { limits: { nvidia.com/gpu: "2" } }
        volumeMounts: [{ name: shm, mountPath: /dev/shm }]
    volumes: [{ name: shm, emptyDir: { medium: Memory, sizeLimit: 2Gi } }]
`;
    assert.deepStrictEqual(findMessages(yaml), [
      `vLLM container "kserve-container" in InferenceService "qwen3" must apply YaRN rope scaling to serve more than 40,960 tokens of Qwen3 32B; it sets --max-model-len 131,072 without it, so vLLM refuses to start. Add --hf-overrides '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}' (up to 131,072 tokens).`,
    ]);
  });

  it("reads the Hugging Face runtime's vLLM flags from an InferenceService's model args", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: qwen, namespace: models }
spec:
  predictor:
    model:
      modelFormat: { name: huggingface }
      args: [--model_name=qwen, --model_id=Qwen/Qwen3-8B, --max-model-len=32768, --enable-auto-tool-choice]
      resources: { limits: { nvidia.com/gpu: "1" } }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "InferenceService/models/qwen"],
    ]);
  });

  it("reads nothing as vLLM when the Hugging Face runtime runs its huggingface backend", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: bert }
spec:
  predictor:
    model:
      modelFormat: { name: huggingface }
      args: [--model_id=bert-base-uncased, --backend=huggingface, --enable-auto-tool-choice]
`;
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    assert.deepStrictEqual(judgeManifests(objects), {
      findings: [],
      notes: [],
      workloads: 0,
      skipped: [],
    });
  });

  it("appends an InferenceService's model args to its ServingRuntime's container args", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1alpha1
kind: ServingRuntime
metadata: { name: vllm-runtime, namespace: models }
spec:
  supportedModelFormats: [{ name: vLLM }]
  containers:
    - name: kserve-container
      image: vllm/vllm-openai:v0.11.0
      command: [python3, -m, vllm.entrypoints.openai.api_server]
      args:
        - --model=/mnt/models
        - --served-model-name={{.Name}}
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: qwen, namespace: models }
spec:
  predictor:
    model:
      runtime: vllm-runtime
      modelFormat: { name: vLLM }
      storageUri: hf://Qwen/Qwen3-8B
      args: [--tool-call-parser=hermes]
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-parser-without-auto-tool-choice", "InferenceService/models/qwen"],
    ]);
  });

  it("skips an InferenceService whose ServingRuntime of another format is not in the input, saying so", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: qwen }
spec: { predictor: { model: { runtime: vllm-runtime, modelFormat: { name: custom-llm } } } }
`;
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    assert.deepStrictEqual(judgeManifests(objects).skipped, [
      {
        objectIndex: 0,
        kind: "InferenceService",
        name: "qwen",
        reason:
          'its runtime "vllm-runtime" is not in the input; lint it together with that ServingRuntime',
      },
    ]);
  });

  it("reads an LLMInferenceService's model, parallelism and main container args", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1alpha1
kind: LLMInferenceService
metadata: { name: qwen, namespace: models }
spec:
  model: { uri: "hf://Qwen/Qwen3-8B", name: qwen3-8b }
  template:
    containers:
      - name: main
        image: vllm/vllm-openai:v0.11.0
        args: [--enable-auto-tool-choice]
        resources: { limits: { nvidia.com/gpu: "1" } }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "LLMInferenceService/models/qwen"],
    ]);
  });
});

describe("readers: the GPU vendor a pod requests", () => {
  const pod = (resource: string) => `
apiVersion: v1
kind: Pod
metadata: { name: qwen }
spec:
  containers:
    - name: vllm
      image: vllm/vllm-openai:v0.11.0
      args: [--model, Qwen/Qwen3-8B]
      resources: { limits: { ${resource}: 1 } }
`;
  const vendorOf = (resource: string) =>
    workloadsOf(pod(resource)).map((w) => [w.gpuCount, w.gpuVendor]);

  it("reads amd.com/gpu as AMD GPUs", () => {
    assert.deepStrictEqual(vendorOf("amd.com/gpu"), [[1, "amd"]]);
  });

  it("reads nvidia.com/gpu and a MIG slice as NVIDIA GPUs", () => {
    assert.deepStrictEqual(
      [...vendorOf("nvidia.com/gpu"), ...vendorOf("nvidia.com/mig-1g.10gb")],
      [
        [1, "nvidia"],
        [1, "nvidia"],
      ],
    );
  });
});

describe("readers: the GPU a MIG slice belongs to", () => {
  const pod = (selector: string) => `
apiVersion: v1
kind: Pod
metadata: { name: qwen }
spec:
  nodeSelector: { ${selector} }
  containers:
    - name: vllm
      image: vllm/vllm-openai:v0.11.0
      args: [--model, Qwen/Qwen3-8B]
      resources: { limits: { nvidia.com/mig-7g.80gb: 1 } }
`;
  const gpuNameOf = (selector: string) => workloadsOf(pod(selector)).map((w) => w.gpuName);

  it("names the slice with the card the mixed strategy's product label names", () => {
    assert.deepStrictEqual(gpuNameOf("nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB"), [
      "NVIDIA-A100-SXM4-80GB-MIG-7g.80gb",
    ]);
  });

  it("keeps the profile alone when the label names no card with that profile", () => {
    assert.deepStrictEqual(gpuNameOf("nvidia.com/gpu.product: NVIDIA-L4"), ["mig-7g.80gb"]);
  });
});

describe("readers: KubeAI", () => {
  it("finds --enable-auto-tool-choice without a parser inside a KubeAI Model", () => {
    const yaml = `
apiVersion: kubeai.org/v1
kind: Model
metadata: { name: qwen3-8b }
spec:
  features: [TextGeneration]
  url: hf://Qwen/Qwen3-8B
  engine: VLLM
  resourceProfile: nvidia-gpu-l4:1
  args: [--max-model-len=12288, --enable-auto-tool-choice]
`;
    assert.deepStrictEqual(findMessages(yaml), [
      `vLLM container "server" in KubeAI Model "qwen3-8b" must set --max-model-len to the model's full window or the largest that fits; it sets 12,288 tokens, but Qwen3 8B advertises 40,960 and 1 × NVIDIA L4 can hold 28,976. Set --max-model-len 28976, or record an exception with its reason in the policy config.`,
      'vLLM container "server" in KubeAI Model "qwen3-8b" must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser hermes.',
    ]);
  });

  it("reads the GPUs of the resource profile", () => {
    const yaml = `
apiVersion: kubeai.org/v1
kind: Model
metadata: { name: llama }
spec:
  url: hf://meta-llama/Llama-3.1-70B-Instruct
  engine: VLLM
  resourceProfile: nvidia-gpu-l4:1
  args: [--enable-auto-tool-choice, --tool-call-parser=llama3_json]
`;
    assert.deepStrictEqual(findRules(yaml), [["vllm-model-does-not-fit", "Model/llama"]]);
  });

  it("reads the amd.com/gpu GPUs and the GPU model of an AMD resource profile", () => {
    const yaml = `
apiVersion: kubeai.org/v1
kind: Model
metadata: { name: r1 }
spec:
  url: hf://deepseek-ai/DeepSeek-R1
  engine: VLLM
  resourceProfile: amd-gpu-mi300x:8
  args: [--tensor-parallel-size=8]
`;
    assert.deepStrictEqual(
      workloadsOf(yaml).map((w) => [w.gpuCount, w.gpuName]),
      [[8, "mi300x"]],
    );
  });

  it("runs the vLLM image KubeAI's chart gives the resource profile, unless the Model names one", () => {
    const model = (profile: string, image = "") => `
apiVersion: kubeai.org/v1
kind: Model
metadata: { name: m }
spec:
  url: hf://Qwen/Qwen3-8B
  engine: VLLM
  resourceProfile: ${profile}${image === "" ? "" : `\n  image: ${image}`}
`;
    const images = [
      model("nvidia-gpu-l4:1"),
      model("nvidia-gpu-gh200:1"),
      model("amd-gpu-mi300x:1"),
      model("nvidia-gpu-h100:1", "vllm/vllm-openai:v0.11.0"),
    ].map((yaml) => workloadsOf(yaml)[0]?.image);
    assert.deepStrictEqual(images, [
      "vllm/vllm-openai:v0.10.2",
      "vllm/vllm-openai:v0.10.2",
      undefined,
      "vllm/vllm-openai:v0.11.0",
    ]);
  });

  it("counts the /dev/shm KubeAI mounts (a memory emptyDir without a limit) for tensor parallelism", () => {
    const yaml = `
apiVersion: kubeai.org/v1
kind: Model
metadata: { name: llama }
spec:
  url: hf://meta-llama/Llama-3.1-70B-Instruct
  engine: VLLM
  resourceProfile: nvidia-gpu-h100:4
  args: [--tensor-parallel-size=4, --enable-auto-tool-choice, --tool-call-parser=llama3_json]
`;
    assert.deepStrictEqual(
      workloadsOf(yaml).map((w) => w.shm),
      [{ kind: "memory-volume" }],
    );
  });
});

describe("readers: KubeRay", () => {
  it("reads Ray Serve LLM's engine_kwargs in a RayService's serveConfigV2", () => {
    const yaml = `
apiVersion: ray.io/v1
kind: RayService
metadata: { name: llm }
spec:
  serveConfigV2: |
    applications:
      - name: llms
        import_path: ray.serve.llm:build_openai_app
        args:
          llm_configs:
            - model_loading_config: { model_id: qwen, model_source: Qwen/Qwen3-8B }
              accelerator_type: L4
              engine_kwargs: { max_model_len: 12000, enable_auto_tool_choice: true }
  rayClusterConfig:
    headGroupSpec:
      template: { spec: { containers: [{ name: ray-head, image: "rayproject/ray-llm:2.46.0-py311-cu124" }] } }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-context-window-too-low", "RayService/llm"],
      ["vllm-auto-tool-choice-without-parser", "RayService/llm"],
    ]);
  });

  it("reads Ray Serve LLM's engine_kwargs block_size as --block-size", () => {
    const yaml = `
apiVersion: ray.io/v1
kind: RayService
metadata: { name: llm }
spec:
  serveConfigV2: |
    applications:
      - name: llms
        import_path: ray.serve.llm:build_openai_app
        args:
          llm_configs:
            - model_loading_config: { model_id: qwen, model_source: Qwen/Qwen3-8B }
              engine_kwargs: { block_size: 32 }
  rayClusterConfig:
    headGroupSpec:
      template: { spec: { containers: [{ name: ray-head, image: "rayproject/ray-llm:2.46.0-py311-cu124" }] } }
`;
    assert.deepStrictEqual(
      workloadsOf(yaml).map((w) => w.settings?.blockSize),
      [32],
    );
  });

  it("counts the worker pods' GPUs for vLLM started by a RayCluster's head", () => {
    const yaml = `
apiVersion: ray.io/v1
kind: RayCluster
metadata: { name: llama }
spec:
  headGroupSpec:
    template:
      spec:
        hostIPC: true
        nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }
        containers:
          - name: head
            image: vllm/vllm-openai:v0.11.0
            command: [bash, -c, "ray start --head --port=6379 && vllm serve meta-llama/Llama-3.1-405B-Instruct-FP8 --tensor-parallel-size 8 --pipeline-parallel-size 2 --max-model-len 131072 --enable-auto-tool-choice --tool-call-parser llama3_json"]
            resources: { limits: { nvidia.com/gpu: "8" } }
  workerGroupSpecs:
    - groupName: gpu
      replicas: 1
      template: { spec: { containers: [{ name: worker, resources: { limits: { nvidia.com/gpu: "8" } } }] } }
`;
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    assert.deepStrictEqual(judgeManifests(objects), {
      findings: [],
      notes: [],
      workloads: 1,
      skipped: [],
    });
  });
});

describe("readers: vLLM production-stack", () => {
  it("reads a values file's modelSpec the way the chart renders it", () => {
    const yaml = `
servingEngineSpec:
  modelSpec:
    - name: llama3
      repository: vllm/vllm-openai
      tag: latest
      modelURL: meta-llama/Llama-3.1-8B-Instruct
      requestGPU: 1
      enableTool: true
      vllmConfig: { maxModelLen: 16384 }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "modelSpec/llama3"],
      ["vllm-image-not-pinned", "modelSpec/llama3"],
    ]);
  });

  it("reads the chart's rendered engine Deployment", () => {
    const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: vllm-llama3-deployment-vllm, namespace: default, labels: { model: llama3 } }
spec:
  template:
    metadata: { labels: { model: llama3 } }
    spec:
      containers:
        - name: vllm
          image: "lmcache/vllm-openai:2025-05-27-v1"
          command: [/opt/venv/bin/vllm, serve, meta-llama/Llama-3.1-8B-Instruct, --host, 0.0.0.0, --port, "8000", --no-enable-prefix-caching, --max-model-len, "16384", --tool-call-parser, llama3_json]
          resources: { limits: { nvidia.com/gpu: "1" } }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-parser-without-auto-tool-choice", "Deployment/default/vllm-llama3-deployment-vllm"],
    ]);
  });
});

describe("readers: vLLM production-stack router exposure", () => {
  const RULE = "vllm-endpoint-public-without-auth";

  /** A values file with one keyless engine behind a ClusterIP router, with `router` merged in. */
  function values(router: Record<string, unknown> = {}, engine: Record<string, unknown> = {}) {
    return {
      servingEngineSpec: {
        modelSpec: [
          {
            name: "llama3",
            repository: "vllm/vllm-openai",
            tag: "v0.11.0",
            modelURL: "meta-llama/Llama-3.1-8B-Instruct",
            requestGPU: 1,
            enableTool: true,
            toolCallParser: "llama3_json",
          },
        ],
        ...engine,
      },
      routerSpec: { enableRouter: true, serviceType: "ClusterIP", ...router },
    };
  }

  /** The exposure rule's messages for the values. */
  function exposureMessages(v: Record<string, unknown>): string[] {
    return judgeManifests([v])
      .findings.filter((f) => f.rule === RULE)
      .map((f) => f.message);
  }

  function message(exposure: string): string {
    return `vLLM container "vllm" in modelSpec "llama3" must require an API key when it is reachable from outside the cluster; it is exposed by ${exposure} and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.`;
  }

  it("passes engines behind a ClusterIP router", () => {
    assert.deepStrictEqual(exposureMessages(values()), []);
  });

  it("reports engines behind a LoadBalancer router", () => {
    assert.deepStrictEqual(exposureMessages(values({ serviceType: "LoadBalancer" })), [
      message("the production-stack router's LoadBalancer Service (routerSpec.serviceType)"),
    ]);
  });

  it("passes a LoadBalancer router annotated as an internal load balancer", () => {
    const router = {
      serviceType: "LoadBalancer",
      serviceAnnotations: { "networking.gke.io/load-balancer-type": "Internal" },
    };
    assert.deepStrictEqual(exposureMessages(values(router)), []);
  });

  it("reports engines behind a router with an Ingress", () => {
    const ingress = { enabled: true, className: "alb", hosts: [{ paths: [{ path: "/" }] }] };
    assert.deepStrictEqual(exposureMessages(values({ ingress })), [
      message("the production-stack router's Ingress (routerSpec.ingress)"),
    ]);
  });

  it("reports engines behind a router with a Gateway API route", () => {
    const route = { main: { enabled: true, parentRefs: [{ name: "public" }] } };
    assert.deepStrictEqual(exposureMessages(values({ route })), [
      message("the production-stack router's HTTPRoute (routerSpec.route.main)"),
    ]);
  });

  it("passes a router whose only route redirects to https", () => {
    const route = { http: { enabled: true, httpsRedirect: true } };
    assert.deepStrictEqual(exposureMessages(values({ route })), []);
  });

  it("passes a public router when the engines get vllmApiKey from a Secret", () => {
    const engine = { vllmApiKey: { secretName: "vllm", secretKey: "key" } };
    assert.deepStrictEqual(exposureMessages(values({ serviceType: "LoadBalancer" }, engine)), []);
  });

  it("reports a public router when vllmApiKey names no secret key, which the chart ignores", () => {
    const engine = { vllmApiKey: { secretName: "", secretKey: "" } };
    assert.deepStrictEqual(exposureMessages(values({ serviceType: "NodePort" }, engine)), [
      message("the production-stack router's NodePort Service (routerSpec.serviceType)"),
    ]);
  });
});

describe("readers: built-in workload kinds", () => {
  for (const [apiVersion, kind, wrap] of [
    ["apps/v1", "DaemonSet", (t: string) => `template: ${t}`],
    ["apps/v1", "ReplicaSet", (t: string) => `template: ${t}`],
    ["batch/v1", "Job", (t: string) => `template: ${t}`],
    ["batch/v1", "CronJob", (t: string) => `jobTemplate: { spec: { template: ${t} } }`],
  ] as const) {
    it(`finds a violation inside a ${kind}`, () => {
      const template = `{ spec: { containers: [{ name: server, image: "vllm/vllm-openai:latest", command: ${SERVE_8B} }] } }`;
      const yaml = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: llama }\nspec: { ${wrap(template)} }\n`;
      assert.deepStrictEqual(findRules(yaml), [["vllm-image-not-pinned", `${kind}/llama`]]);
    });
  }
});

describe("readers: a team's own vLLM image whose args name no model", () => {
  const yaml = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: zephyr }
spec:
  template:
    metadata: { labels: { app: zephyr } }
    spec:
      nodeSelector: { cloud.google.com/gke-accelerator: nvidia-l4 }
      containers:
        - name: server
          image: us-docker.pkg.dev/p/vllm-images/vllm-zephyr@sha256:${"b".repeat(64)}
          args: ["--tensor-parallel-size", "1", "--max-model-len", "4096"]
          resources: { limits: { nvidia.com/gpu: 1 } }
---
apiVersion: v1
kind: Service
metadata: { name: zephyr }
spec: { type: LoadBalancer, selector: { app: zephyr }, ports: [{ port: 80, targetPort: 8000 }] }
`;

  it("judges the server's exposure", () => {
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "Deployment/zephyr"],
    ]);
  });

  it("says the model is the build's, not its release's default, where a rule needs the model", () => {
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    const notes = judgeManifests(objects).notes.filter((n) => n.rule === "vllm-model-does-not-fit");
    assert.deepStrictEqual(
      notes.map((n) => n.reason),
      [
        `image "us-docker.pkg.dev/p/vllm-images/vllm-zephyr@sha256:${"b".repeat(64)}" is a build named for vLLM whose args name no model, so the model is the one the build serves (its entrypoint or files), which the manifest does not hold`,
      ],
    );
  });
});

describe("readers: an image named vllm started without command or args", () => {
  const yaml = `
apiVersion: v1
kind: Pod
metadata: { name: vllm, labels: { app: vllm } }
spec:
  containers:
    - name: vllm
      image: ghcr.io/acme/vllm:latest
      resources: { limits: { nvidia.com/gpu: 1 } }
---
apiVersion: v1
kind: Service
metadata: { name: vllm }
spec: { type: LoadBalancer, selector: { app: vllm }, ports: [{ port: 8000 }] }
`;

  it("judges its image, the one fact the manifest holds", () => {
    assert.deepStrictEqual(findRules(yaml), [["vllm-image-not-pinned", "Pod/vllm"]]);
  });

  it("says the rules that need its flags cannot judge them", () => {
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    const notes = judgeManifests(objects).notes.filter(
      (n) => n.rule === "vllm-endpoint-public-without-auth",
    );
    assert.deepStrictEqual(
      notes.map((n) => n.reason),
      [
        'image "ghcr.io/acme/vllm:latest" is a build named vllm started without command or args: its entrypoint starts the server with a model and flags the manifest does not hold',
      ],
    );
  });
});

describe("judgeManifests: skipped objects", () => {
  it("reports every object it does not read with its kind, name and why", () => {
    const yaml = `
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: models }
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: knative }
---
replicaCount: 2
`;
    const objects = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
    assert.deepStrictEqual(judgeManifests(objects).skipped, [
      {
        objectIndex: 0,
        kind: "ConfigMap",
        name: "settings",
        namespace: "models",
        reason: "lint does not read ConfigMap objects",
      },
      {
        objectIndex: 1,
        kind: "Service",
        name: "knative",
        reason: "lint does not read Service objects",
      },
      {
        objectIndex: 2,
        kind: "(no kind)",
        name: "(unnamed)",
        reason:
          "it has no kind (not a Kubernetes object, nor a values file, compose file, dstack configuration, SkyPilot task or Ray Serve config lint reads)",
      },
    ]);
  });
});

describe("readers: a command line given as one string", () => {
  /** A one-GPU vLLM Deployment whose container runs `command`. */
  const deploymentRunning = (command: string[]) => [oneGpuServer({ command })];
  const serve = "python3 -m vllm.entrypoints.openai.api_server --model Qwen/Qwen3-8B";

  it("says the sizing rules do not apply: Kubernetes runs the whole string as one executable", () => {
    assert.deepStrictEqual(
      judgeManifests(deploymentRunning([serve]))
        .notes.filter((n) => n.rule === "vllm-model-does-not-fit")
        .map((n) => n.reason),
      [
        'not applicable: the container\'s command is one string ("python3 -m vllm.entrypoints.openai.api_server ..."), which Kubernetes runs as the name of one executable, without a shell, so vLLM never starts',
      ],
    );
  });

  it("reads flags put in command on vLLM's image as the server's, and says it never starts", () => {
    assert.deepStrictEqual(
      describeManifestWorkloads(
        deploymentRunning(["--model", "Qwen/Qwen3-8B", "--max-model-len", "8192"]),
      ).map((w) => [w.settings?.model, w.settings?.maxModelLen, w.unrunnableCommand]),
      [
        [
          "Qwen/Qwen3-8B",
          8192,
          'the container\'s command starts with the flag "--model", and Kubernetes runs command in place of the image\'s entrypoint, so it runs "--model" as the executable and vLLM never starts; put the flags in args',
        ],
      ],
    );
  });

  it("judges the serving flags a container puts in command, as the parser rules read them", () => {
    assert.deepStrictEqual(
      judgeManifests(deploymentRunning(["--model", "Qwen/Qwen3-8B"])).findings.map((f) => f.rule),
      ["vllm-tool-parser-missing"],
    );
  });

  it("reads a shell's script argument as the command line it is", () => {
    assert.deepStrictEqual(
      describeManifestWorkloads(deploymentRunning(["/bin/sh", "-c", serve])).map((w) => [
        w.settings?.model,
        w.unrunnableCommand,
      ]),
      [["Qwen/Qwen3-8B", undefined]],
    );
  });
});

describe("readers: flags in a --config file", () => {
  /** A one-GPU server run with `args`, mounting ConfigMap "vllm-config" at /etc/vllm; `data` is that ConfigMap's, when the input holds it. */
  function serverWithConfigFile(
    args: string[],
    data?: Record<string, string>,
    mount: Record<string, unknown> = { name: "config", mountPath: "/etc/vllm" },
    configMap: Record<string, unknown> = { name: "vllm-config" },
  ): Record<string, unknown>[] {
    const server = oneGpuServer(
      { args, volumeMounts: [mount] },
      { volumes: [{ name: "config", configMap }] },
    );
    const held = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "vllm-config" }, data };
    return data === undefined ? [server] : [server, held];
  }
  const CONFIG = ["--config", "/etc/vllm/config.yaml"];
  const FILE = "model: Qwen/Qwen3-8B\nmax-model-len: 8192\nenable-prefix-caching: true\n";

  it("reads the file a ConfigMap of the input mounts as the server's flags", () => {
    assert.deepStrictEqual(
      describeManifestWorkloads(serverWithConfigFile(CONFIG, { "config.yaml": FILE })).map((w) => [
        w.settings?.model,
        w.settings?.maxModelLen,
        w.settings?.enablePrefixCaching,
        w.unreadConfigFile,
      ]),
      [["Qwen/Qwen3-8B", 8192, true, undefined]],
    );
  });

  it("reads a file mounted alone with subPath, from the key the volume's items name", () => {
    const objects = serverWithConfigFile(
      CONFIG,
      { "vllm.yaml": FILE },
      { name: "config", mountPath: "/etc/vllm/config.yaml", subPath: "config.yaml" },
      { name: "vllm-config", items: [{ key: "vllm.yaml", path: "config.yaml" }] },
    );
    assert.deepStrictEqual(
      describeManifestWorkloads(objects).map((w) => w.settings?.model),
      ["Qwen/Qwen3-8B"],
    );
  });

  it("judges what the file leaves out: Qwen3 served without tool-call flags", () => {
    assert.deepStrictEqual(
      judgeManifests(serverWithConfigFile(CONFIG, { "config.yaml": FILE })).findings.map(
        (f) => f.rule,
      ),
      ["vllm-tool-parser-missing"],
    );
  });

  it("does not call a flag missing when the file the server reads is not in the input", () => {
    const judged = judgeManifests(serverWithConfigFile(["--model", "Qwen/Qwen3-8B", ...CONFIG]));
    assert.deepStrictEqual(
      [
        judged.findings.map((f) => f.rule),
        judged.notes
          .filter((n) => n.rule === "vllm-tool-parser-missing")
          .map((n) => n.reason.split(": ")[0]),
      ],
      [
        [],
        [
          "the server reads more flags from /etc/vllm/config.yaml (--config), which the input does not hold, and that file may set what this finding rests on",
        ],
      ],
    );
  });

  it("still finds what the command line says itself: a parser Qwen3 does not emit", () => {
    const judged = judgeManifests(
      serverWithConfigFile([
        "--model",
        "Qwen/Qwen3-8B",
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "mistral",
        ...CONFIG,
      ]),
    );
    assert.deepStrictEqual(
      judged.findings.map((f) => f.rule),
      ["vllm-tool-parser-mismatch"],
    );
  });
});

describe("readers: a model directory mounted from the node", () => {
  /** A one-GPU server whose --model is the mount point of the host directory `host`. */
  function servingHostDirectory(host: string, subPath?: string): Record<string, unknown>[] {
    const mount = { name: "model", mountPath: "/data/model/", ...(subPath ? { subPath } : {}) };
    return [
      oneGpuServer(
        { args: ["--model", "/data/model/", "--max-model-len", "4096"], volumeMounts: [mount] },
        { volumes: [{ name: "model", hostPath: { path: host } }] },
      ),
    ];
  }

  it("reads the host directory's name as the model's, with its quantization", () => {
    const [w] = describeManifestWorkloads(servingHostDirectory("/data/model/qwen2_5_14b_w8a8/"));
    const served = w && resolveWorkloadModel(w);
    assert.deepStrictEqual(
      [served?.spec?.hfId, served?.spec?.checkpoint.dtype, served?.resolution.resolvedFrom],
      [
        "Qwen/Qwen2.5-14B",
        "int8",
        `the node's directory "/data/model/qwen2_5_14b_w8a8" (a hostPath volume) mounted at "/data/model"; treated as a fine-tune of Qwen/Qwen2.5-14B with INT8 (W8A8) weights by its name (its architecture and context window); its chat template was not read: no tool-call parser, since nothing says it kept Qwen2.5 14B (base)'s chat format`,
      ],
    );
  });

  it("appends the mount's subPath to the host directory", () => {
    const [w] = describeManifestWorkloads(
      servingHostDirectory("/srv/models", "Llama-3.1-8B-Instruct"),
    );
    assert.equal(w && resolveWorkloadModel(w)?.spec?.hfId, "meta-llama/Llama-3.1-8B-Instruct");
  });
});

describe("readers: a Secret imported whole by envFrom", () => {
  const RULE = "vllm-endpoint-public-without-auth";

  /** A keyless server behind a LoadBalancer, importing Secret "config"; `secret` in the input when given. */
  function judged(secret?: Record<string, unknown>): boolean {
    const deployment = oneGpuServer({
      command: ["vllm", "serve", "meta-llama/Llama-3.1-8B-Instruct"],
      envFrom: [{ secretRef: { name: "config" } }],
    });
    (deployment["spec"] as Record<string, unknown>)["selector"] = { matchLabels: { app: "vllm" } };
    const template = (deployment["spec"] as { template: Record<string, unknown> }).template;
    template["metadata"] = { labels: { app: "vllm" } };
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "vllm" },
      spec: { type: "LoadBalancer", selector: { app: "vllm" }, ports: [{ port: 8000 }] },
    };
    const objects = [deployment, service, ...(secret ? [secret] : [])];
    return judgeManifests(objects).findings.some((f) => f.rule === RULE);
  }

  const secret = (keys: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "config" },
    stringData: keys,
  });

  it("reports the server when the input's Secret holds no VLLM_API_KEY", () => {
    assert.equal(judged(secret({ HUGGING_FACE_HUB_TOKEN: "x" })), true);
  });

  it("passes it when the Secret holds VLLM_API_KEY", () => {
    assert.equal(judged(secret({ VLLM_API_KEY: "x" })), false);
  });

  it("passes it when the Secret is not in the input, since it may hold the key", () => {
    assert.equal(judged(), false);
  });

  it("passes it when the Secret's data is not known yet, since it may hold the key", () => {
    const unknown = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "config" },
      data: "<unknown>",
    };
    assert.equal(judged(unknown), false);
  });
});
