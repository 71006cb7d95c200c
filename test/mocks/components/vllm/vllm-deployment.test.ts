/**
 * VllmDeployment under Pulumi mocks: the children, every rendered object against the Kubernetes
 * schema, the guide's three scenarios as the planner corrects them, outputs, and bad inputs.
 */
import assert from "node:assert/strict";
import { VllmDeployment, VLLM_DEPLOYMENT_TYPE } from "../../../../components/vllm/vllm-deployment";
import type { VllmDeploymentArgs } from "../../../../components/vllm/args";
import { findModel } from "../../../../knowledge/catalog";
import { buildTolerations } from "../../../../components/gpu-pool/pool-contract";
import {
  installMocks,
  recordedRegistrations,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
  type Registration,
} from "../../../support/mocks";
import { settle, unwrap } from "../../../support/outputs";
import { validPoolContract, validVllmDeploymentArgs } from "../../../support/factories/components";
import { LWS_TYPE, unwrapSecrets, validateKubernetesObjects } from "../k8s-schema";

interface Pod {
  containers: {
    name: string;
    args?: string[];
    env?: { name: string; value?: string }[];
    resources: { limits: Record<string, string> };
    volumeMounts: { name: string; mountPath: string }[];
  }[];
  volumes: { name: string; emptyDir?: { medium?: string; sizeLimit?: string } }[];
  tolerations: unknown[];
}

async function deploy(name: string, args: VllmDeploymentArgs): Promise<VllmDeployment> {
  const d = new VllmDeployment(name, args);
  await settle(d);
  return d;
}

/** Pod templates of the server: one for a Deployment, leader and worker for a LeaderWorkerSet. */
function podSpecs(): Pod[] {
  const dep = registrationsOfType("kubernetes:apps/v1:Deployment")[0];
  if (dep) return [(dep.inputs as { spec: { template: { spec: Pod } } }).spec.template.spec];
  const lws = registrationsOfType(LWS_TYPE)[0] as Registration;
  const t = (
    lws.inputs as {
      spec: {
        leaderWorkerTemplate: {
          leaderTemplate: { spec: Pod };
          workerTemplate: { spec: Pod };
          size: number;
        };
      };
    }
  ).spec.leaderWorkerTemplate;
  return [
    t.leaderTemplate.spec,
    ...Array.from({ length: t.size - 1 }, () => t.workerTemplate.spec),
  ];
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : argv[i + 1];
}

describe("VllmDeployment", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  // The Qwen3-VL README's YaRN window: 1,000,000 tokens, above the 786,432 vLLM derives from factor 3.0.
  it("serves Qwen3-VL's YaRN window with the nested override under VLLM_ALLOW_LONG_MAX_MODEL_LEN=1", async () => {
    await deploy("vl", validVllmDeploymentArgs({ model: "qwen3-vl-8b-instruct" }));
    const c = podSpecs()[0]?.containers[0];
    const argv = c?.args ?? [];
    assert.deepStrictEqual(
      [
        flagValue(argv, "--max-model-len"),
        flagValue(argv, "--hf-overrides"),
        c?.env?.map((e) => [e.name, e.value]),
      ],
      [
        "1000000",
        `{"text_config":{"rope_parameters":{"rope_type":"yarn","factor":3,"original_max_position_embeddings":262144,"mrope_section":[24,20,20],"mrope_interleaved":true}}}`,
        [
          ["HF_HOME", "/root/.cache/huggingface"],
          ["VLLM_ALLOW_LONG_MAX_MODEL_LEN", "1"],
          ["VLLM_API_KEY", undefined],
        ],
      ],
    );
  });

  it("creates the server, service, cache, credentials, network policy and PDB for the factory args", async () => {
    await deploy("llama-8b", validVllmDeploymentArgs());
    assert.deepStrictEqual(registeredChildren(), [
      [VLLM_DEPLOYMENT_TYPE, "llama-8b"],
      ["kubernetes:apps/v1:Deployment", "llama-8b-server"],
      ["kubernetes:core/v1:PersistentVolumeClaim", "llama-8b-cache-pvc"],
      ["kubernetes:core/v1:Secret", "llama-8b-credentials"],
      ["kubernetes:core/v1:Service", "llama-8b-service"],
      ["kubernetes:networking.k8s.io/v1:NetworkPolicy", "llama-8b-network-policy"],
      ["kubernetes:policy/v1:PodDisruptionBudget", "llama-8b-pdb"],
    ]);
  });

  it("renders only objects that pass the Kubernetes schema", async () => {
    await deploy("llama-8b", validVllmDeploymentArgs({ hfToken: "hf-token" }));
    assert.deepStrictEqual(validateKubernetesObjects(recordedRegistrations()), [
      "kubernetes:apps/v1:Deployment",
      "kubernetes:core/v1:PersistentVolumeClaim",
      "kubernetes:core/v1:Secret",
      "kubernetes:core/v1:Service",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "kubernetes:policy/v1:PodDisruptionBudget",
    ]);
  });

  it("exposes the endpoint URL, served name, max-model-len, parser and plan", async () => {
    const d = await deploy("llama-8b", validVllmDeploymentArgs());
    const plan = await unwrap(d.servingPlan);
    assert.deepStrictEqual(
      [
        await unwrap(d.endpointUrl),
        await unwrap(d.servedModelName),
        await unwrap(d.maxModelLen),
        await unwrap(d.toolCallParser),
        plan.tensorParallelSize,
        plan.image,
      ],
      [
        "http://llama-8b.models.svc.cluster.local:8000",
        "llama-3.1-8b-instruct",
        131072,
        "llama3_json",
        1,
        "vllm/vllm-openai:v0.27.1",
      ],
    );
  });

  it("records the API key in its inputs only as a secret", async () => {
    await deploy("llama-8b", validVllmDeploymentArgs());
    const inputs = registrationsOfType(VLLM_DEPLOYMENT_TYPE)[0]?.inputs as Record<string, unknown>;
    assert.deepStrictEqual(
      [Object.keys(inputs.apiKey as object).length, unwrapSecrets(inputs.apiKey)],
      [2, "test-api-key"],
    );
  });

  // The guide's three complete examples, as the planner corrects them on the H100 pool.
  const SCENARIOS = [
    {
      model: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
      maxModelLen: 1048576,
      kind: "kubernetes:apps/v1:Deployment",
      tp: 8,
      pp: 1,
    },
    { model: "deepseek-ai/DeepSeek-V3", maxModelLen: 128000, kind: LWS_TYPE, tp: 8, pp: 2 },
    {
      model: "mistralai/Mistral-Large-Instruct-2411",
      maxModelLen: 128000,
      kind: "kubernetes:apps/v1:Deployment",
      tp: 8,
      pp: 1,
    },
  ] as const;
  for (const s of SCENARIOS) {
    describe(`the guide's ${s.model} example`, () => {
      let argv: string[] = [];
      let pods: Pod[] = [];
      let kinds: string[] = [];
      const spec = findModel(s.model);
      beforeEach(async () => {
        await deploy(
          "guide",
          validVllmDeploymentArgs({ model: s.model, maxModelLen: s.maxModelLen }),
        );
        pods = podSpecs();
        argv = pods[0]?.containers[0]?.args ?? [];
        kinds = validateKubernetesObjects(recordedRegistrations());
      });
      it("renders schema-valid objects with the right workload kind", () => {
        assert.equal(kinds.includes(s.kind), true);
      });
      it("requests GPUs equal to TP × PP across the replica's pods", () => {
        const total = pods.reduce(
          (n, p) => n + Number(p.containers[0]?.resources.limits["nvidia.com/gpu"]),
          0,
        );
        assert.deepStrictEqual(
          [
            total,
            flagValue(argv, "--tensor-parallel-size"),
            flagValue(argv, "--pipeline-parallel-size"),
          ],
          [s.tp * s.pp, String(s.tp), s.pp > 1 ? String(s.pp) : undefined],
        );
      });
      it("mounts a memory-backed /dev/shm in every pod", () => {
        const shm = pods.map((p) => [
          p.volumes.find((v) => v.name === "shm")?.emptyDir?.medium,
          p.containers[0]?.volumeMounts.find((m) => m.name === "shm")?.mountPath,
        ]);
        assert.deepStrictEqual(
          shm,
          pods.map(() => ["Memory", "/dev/shm"]),
        );
      });
      it("tolerates exactly the pool's taints", () => {
        assert.deepStrictEqual(
          pods.map((p) => p.tolerations),
          pods.map(() => buildTolerations(validPoolContract())),
        );
      });
      it("sets --enable-auto-tool-choice with the catalog's parser", () => {
        const i = argv.indexOf("--enable-auto-tool-choice");
        assert.deepStrictEqual(argv.slice(i, i + 3), [
          "--enable-auto-tool-choice",
          "--tool-call-parser",
          spec?.toolCalling.parsers[0],
        ]);
      });
      it("sets --max-model-len to the plan's", () => {
        assert.equal(flagValue(argv, "--max-model-len"), String(s.maxModelLen));
      });
    });
  }
});
