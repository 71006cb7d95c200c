/**
 * Readers of the CRDs added for what people deploy vLLM with: AIBrix RayClusterFleet, llmaz
 * Playground with its OpenModel, and KServe InferenceServices whose ServingRuntime is elsewhere
 * or holds the pod's /dev/shm. Each is shown by the violation a rule finds inside it, and by what
 * lint says of a shape it cannot read.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { judgeManifests, type Judgement } from "../../../../../knowledge/rules";

function judge(yaml: string): Judgement {
  return judgeManifests(parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>));
}

function findRules(yaml: string): [string, string][] {
  return judge(yaml).findings.map((f) => [f.rule, f.resource]);
}

describe("readers: AIBrix RayClusterFleet", () => {
  it("reads vLLM started by the Ray head's bash -lc script", () => {
    const yaml = `
apiVersion: orchestration.aibrix.ai/v1alpha1
kind: RayClusterFleet
metadata: { name: qwen }
spec:
  template:
    spec:
      headGroupSpec:
        template:
          spec:
            containers:
              - name: ray-head
                image: vllm/vllm-openai:v0.7.1
                command: ["/bin/bash", "-lc", "--"]
                args: ["ray start --head; vllm serve Qwen/Qwen2.5-7B-Instruct --enable-auto-tool-choice --tool-call-parser hermes --tensor-parallel-size 2"]
                resources: { limits: { nvidia.com/gpu: 2 } }
`;
    assert.deepStrictEqual(findRules(yaml), [["vllm-shm-too-small", "RayClusterFleet/qwen"]]);
  });

  it("skips a RayClusterFleet without a head group, with its kind and name", () => {
    const yaml = `
apiVersion: orchestration.aibrix.ai/v1alpha1
kind: RayClusterFleet
metadata: { name: qwen }
spec: { replicas: 1 }
`;
    assert.deepStrictEqual(judge(yaml).skipped, [
      {
        objectIndex: 0,
        kind: "RayClusterFleet",
        name: "qwen",
        reason:
          "it has no spec.template.spec.headGroupSpec (the RayCluster it runs), so its servers are unknown",
      },
    ]);
  });
});

describe("readers: llmaz", () => {
  const openModel = `
apiVersion: llmaz.io/v1alpha1
kind: OpenModel
metadata: { name: qwen3 }
spec:
  source: { modelHub: { modelID: Qwen/Qwen3-8B } }
  inferenceConfig: { flavors: [{ name: l4, limits: { nvidia.com/gpu: 1 } }] }
`;
  const playground = `
apiVersion: inference.llmaz.io/v1alpha1
kind: Playground
metadata: { name: qwen3 }
spec:
  modelClaim: { modelName: qwen3 }
  backendRuntimeConfig: { backendName: vllm, version: v0.8.5 }
`;

  it("reads a Playground as the vLLM backend serving its OpenModel", () => {
    assert.deepStrictEqual(findRules(`${openModel}---${playground}`), [
      ["vllm-tool-parser-missing", "Playground/qwen3"],
    ]);
  });

  it("skips a Playground whose OpenModel is not in the input, saying so", () => {
    assert.deepStrictEqual(judge(playground).skipped, [
      {
        objectIndex: 0,
        kind: "Playground",
        name: "qwen3",
        reason:
          'its model "qwen3" (an OpenModel) is not in the input; lint it together with that OpenModel',
      },
    ]);
  });

  const exposed = (by: string) =>
    `vLLM container "model-runner" in Playground "qwen3" must require an API key when it is reachable from outside the cluster; it is exposed by ${by} and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.`;
  const exposureMessages = (yaml: string) =>
    judge(yaml)
      .findings.filter((f) => f.rule === "vllm-endpoint-public-without-auth")
      .map((f) => f.message);

  it("reaches a Playground through the Service llmaz creates for it, <name>-lb", () => {
    const route = `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: public }
spec:
  parentRefs: [{ name: gateway }]
  rules: [{ backendRefs: [{ name: qwen3-lb, port: 8080 }] }]
`;
    assert.deepStrictEqual(exposureMessages(`${openModel}---${playground}---${route}`), [
      exposed('HTTPRoute "public"'),
    ]);
  });

  it("selects a Playground's leader pod by the LeaderWorkerSet labels llmaz's Service uses", () => {
    const service = `
apiVersion: v1
kind: Service
metadata: { name: qwen3-public }
spec:
  type: LoadBalancer
  selector: { leaderworkerset.sigs.k8s.io/name: qwen3, leaderworkerset.sigs.k8s.io/worker-index: "0" }
`;
    assert.deepStrictEqual(exposureMessages(`${openModel}---${playground}---${service}`), [
      exposed('Service "qwen3-public" of type LoadBalancer'),
    ]);
  });
});

describe("readers: Envoy AI Gateway", () => {
  const servers = `
apiVersion: llmaz.io/v1alpha1
kind: OpenModel
metadata: { name: qwen3 }
spec:
  source: { modelHub: { modelID: Qwen/Qwen3-8B } }
  inferenceConfig: { flavors: [{ name: l4, limits: { nvidia.com/gpu: 1 } }] }
---
apiVersion: inference.llmaz.io/v1alpha1
kind: Playground
metadata: { name: qwen3 }
spec:
  modelClaim: { modelName: qwen3 }
  backendRuntimeConfig: { backendName: vllm, version: v0.8.5, args: [--enable-auto-tool-choice, --tool-call-parser, hermes] }
`;
  const gateway = (service: string) => `
apiVersion: aigateway.envoyproxy.io/v1alpha1
kind: AIGatewayRoute
metadata: { name: envoy-ai-gateway }
spec:
  schema: { name: OpenAI }
  targetRefs: [{ name: envoy-ai-gateway, kind: Gateway, group: gateway.networking.k8s.io }]
  rules:
    - matches: [{ headers: [{ type: Exact, name: x-ai-eg-model, value: qwen3 }] }]
      backendRefs: [{ name: qwen3 }]
---
apiVersion: aigateway.envoyproxy.io/v1alpha1
kind: AIServiceBackend
metadata: { name: qwen3 }
spec:
  schema: { name: OpenAI }
  backendRef: { name: ${service}, kind: Service, port: 8080 }
`;

  it("reads an AIGatewayRoute as a route to the Services its AIServiceBackends name", () => {
    const j = judge(`${servers}---${gateway("qwen3-lb")}`);
    assert.deepStrictEqual(
      [j.findings.map((f) => [f.rule, f.message]), j.skipped],
      [
        [
          [
            "vllm-endpoint-public-without-auth",
            'vLLM container "model-runner" in Playground "qwen3" must require an API key when it is reachable from outside the cluster; it is exposed by AIGatewayRoute "envoy-ai-gateway" and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.',
          ],
        ],
        [],
      ],
    );
  });

  it("does not expose a server whose Service no AIServiceBackend of the route names", () => {
    assert.deepStrictEqual(judge(`${servers}---${gateway("other-lb")}`).findings, []);
  });
});

describe("readers: Traefik IngressRoute", () => {
  const server = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: llama }
spec:
  template:
    metadata: { labels: { app: llama } }
    spec:
      nodeSelector: { nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3 }
      containers:
        - name: server
          image: vllm/vllm-openai:v0.11.0
          command: [vllm, serve, meta-llama/Llama-3.1-8B-Instruct, --enable-auto-tool-choice, --tool-call-parser, llama3_json]
          resources: { limits: { nvidia.com/gpu: "1" } }
---
apiVersion: v1
kind: Service
metadata: { name: llama-api }
spec: { selector: { app: llama }, ports: [{ port: 8000 }] }
`;
  const ingressRoute = (kind: string) => `
apiVersion: traefik.containo.us/v1alpha1
kind: IngressRoute
metadata: { name: llama-https }
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`llama.example.com\`)
      kind: Rule
      services: [{ name: llama-api, kind: ${kind}, port: 8000 }]
`;

  it("reads an IngressRoute of Traefik 2's API group as a route to the Services it names", () => {
    assert.deepStrictEqual(findRules(`${server}---${ingressRoute("Service")}`), [
      ["vllm-endpoint-public-without-auth", "Deployment/llama"],
    ]);
  });

  it("does not follow a TraefikService reference, which names Traefik's own balancer", () => {
    assert.deepStrictEqual(findRules(`${server}---${ingressRoute("TraefikService")}`), []);
  });
});

describe("readers: KServe runtimes", () => {
  const isvc = (labels: string, runtime: string) => `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: llama, namespace: models${labels} }
spec:
  predictor:
    model:
      modelFormat: { name: vLLM }
      runtime: ${runtime}
      storageUri: pvc://models/Llama-3.3-70B-Instruct
      args: [--enable-auto-tool-choice, --tool-call-parser=llama3_json]
      resources: { limits: { nvidia.com/gpu: "2" } }
    workerSpec: { tensorParallelSize: 2, pipelineParallelSize: 2 }
`;

  it("reads a vLLM model whose runtime is not in the input, its /dev/shm left unknown", () => {
    const j = judge(isvc("", "vllm-multinode-runtime"));
    assert.deepStrictEqual(
      [j.findings, j.notes.filter((n) => n.rule === "vllm-shm-too-small")],
      [
        [],
        [
          {
            rule: "vllm-shm-too-small",
            resource: "InferenceService/models/llama",
            reason:
              'the /dev/shm is set by ServingRuntime "vllm-multinode-runtime", which is not in the input; lint it together with that ServingRuntime',
            objectIndex: 0,
          },
        ],
      ],
    );
  });

  it("reports an InferenceService labelled networking.kserve.io/visibility: exposed without an API key", () => {
    const yaml = isvc(", labels: { networking.kserve.io/visibility: exposed }", "vllm-runtime");
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "InferenceService/models/llama"],
    ]);
  });

  // OpenShift AI routes an exposed service to its kube-rbac-proxy (a token) when the annotation is
  // true as Go's strconv.ParseBool reads it; any other value leaves the route on plain HTTP.
  for (const value of ['"true"', '"True"', '"1"']) {
    it(`reads an exposed InferenceService annotated security.opendatahub.io/enable-auth: ${value} as behind token auth`, () => {
      const yaml = isvc(
        `, labels: { networking.kserve.io/visibility: exposed }, annotations: { security.opendatahub.io/enable-auth: ${value} }`,
        "vllm-runtime",
      );
      assert.deepStrictEqual(findRules(yaml), []);
    });
  }

  for (const value of ['"false"', '"yes"']) {
    it(`reports an exposed InferenceService annotated security.opendatahub.io/enable-auth: ${value}`, () => {
      const yaml = isvc(
        `, labels: { networking.kserve.io/visibility: exposed }, annotations: { security.opendatahub.io/enable-auth: ${value} }`,
        "vllm-runtime",
      );
      assert.deepStrictEqual(findRules(yaml), [
        ["vllm-endpoint-public-without-auth", "InferenceService/models/llama"],
      ]);
    });
  }

  // The labels KServe's controller gives the predictor's pods, which a user's Service can select.
  const nodePort = (selector: string) => `---
apiVersion: v1
kind: Service
metadata: { name: llama-public, namespace: models }
spec:
  type: NodePort
  selector: { ${selector} }
  ports: [{ port: 80, targetPort: 8080, nodePort: 32091 }]
`;
  const standard = ", annotations: { serving.kserve.io/deploymentMode: Standard }";

  it("reports a NodePort Service selecting the app label of a Standard InferenceService's predictor", () => {
    const yaml = isvc(standard, "vllm-runtime") + nodePort("app: isvc.llama-predictor");
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "InferenceService/models/llama"],
    ]);
  });

  it("reads the app label for the legacy RawDeployment mode too", () => {
    const raw = ", annotations: { serving.kserve.io/deploymentMode: RawDeployment }";
    const yaml = isvc(raw, "vllm-runtime") + nodePort("app: isvc.llama-predictor");
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "InferenceService/models/llama"],
    ]);
  });

  it("gives no app label to a predictor whose deployment mode is not stated (Knative names its pods)", () => {
    const yaml = isvc("", "vllm-runtime") + nodePort("app: isvc.llama-predictor");
    assert.deepStrictEqual(findRules(yaml), []);
  });

  it("reports a NodePort Service selecting the inferenceservice and component labels", () => {
    const yaml =
      isvc("", "vllm-runtime") +
      nodePort("serving.kserve.io/inferenceservice: llama, component: predictor");
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "InferenceService/models/llama"],
    ]);
  });

  it("gives the predictor's pod the /dev/shm volume of its ServingRuntime", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1alpha1
kind: ServingRuntime
metadata: { name: vllm, namespace: models }
spec:
  containers:
    - name: kserve-container
      image: vllm/vllm-openai:v0.10.1
      command: [python, -m, vllm.entrypoints.openai.api_server]
      args: [--port=8080, --model=/mnt/models]
      volumeMounts: [{ name: shm, mountPath: /dev/shm }]
  volumes: [{ name: shm, emptyDir: { medium: Memory, sizeLimit: 512Mi } }]
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: qwen, namespace: models }
spec:
  predictor:
    model:
      modelFormat: { name: vLLM }
      runtime: vllm
      storageUri: hf://Qwen/Qwen2.5-7B-Instruct
      args: [--tensor-parallel-size=2, --enable-auto-tool-choice, --tool-call-parser=hermes]
      resources: { limits: { nvidia.com/gpu: "2" } }
`;
    assert.deepStrictEqual(
      judge(yaml).findings.map((f) => [f.resource, f.message]),
      [
        [
          "InferenceService/models/qwen",
          `vLLM container "kserve-container" in InferenceService "qwen" must have a /dev/shm of at least 1 GiB for 2 parallel workers; its sizeLimit is 0.50 GiB. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.`,
        ],
      ],
    );
  });
});

describe("readers: KServe LLMInferenceService", () => {
  it("appends the main container's VLLM_ADDITIONAL_ARGS to the command KServe's template builds", () => {
    const yaml = `
apiVersion: serving.kserve.io/v1alpha2
kind: LLMInferenceService
metadata: { name: qwen }
spec:
  model: { uri: "hf://Qwen/Qwen3-8B", name: Qwen/Qwen3-8B }
  template:
    containers:
      - name: main
        image: vllm/vllm-openai:v0.10.1
        env: [{ name: VLLM_ADDITIONAL_ARGS, value: "--enable-auto-tool-choice --dtype bfloat16" }]
        resources: { limits: { nvidia.com/gpu: "1" } }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "LLMInferenceService/qwen"],
    ]);
  });
});
