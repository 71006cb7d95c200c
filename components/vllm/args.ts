/**
 * Arguments of `VllmDeployment` and their zod schema. Arguments that mirror a vLLM flag keep the
 * flag's name in camelCase (`maxModelLen` is `--max-model-len`). Values that decide which
 * resources exist or how they are sized are plain; values wired from other resources are Inputs.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { modelSpecSchema, type ModelSpec } from "../../knowledge/catalog";
import type { SelfHostedPlan } from "../../knowledge/plan";
import {
  KV_CACHE_DTYPES,
  QUANTIZATIONS,
  SERVING_DTYPES,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
} from "../../knowledge/sizing";
import { gpuPoolContractSchema, type GpuPoolContract } from "../gpu-pool/pool-contract";

/** Where downloaded weights are kept between restarts. */
export type WeightCache =
  | {
      readonly type: "pvc";
      /** @default the checkpoint's download size + 20%, rounded up to 10 GiB */
      readonly sizeGiB?: number;
      /** @default the cluster's default StorageClass */
      readonly storageClassName?: string;
    }
  | {
      readonly type: "emptyDir";
      /** Size limit of the emptyDir (on the node's root disk). @default as for "pvc" */
      readonly sizeGiB?: number;
    };

/** How the Service is reached. */
export const SERVICE_EXPOSURES = [
  "cluster",
  "internal-load-balancer",
  "public-load-balancer",
] as const;
export type ServiceExposure = (typeof SERVICE_EXPOSURES)[number];

/**
 * One source allowed to reach the server (a NetworkPolicy `from` peer). Labels both set: pods with
 * these labels in namespaces with those labels. `cidr` admits addresses outside the cluster (a
 * load balancer's clients); it cannot be combined with labels.
 */
export interface IngressPeer {
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  readonly podLabels?: Readonly<Record<string, string>>;
  /** e.g. "10.0.0.0/16" */
  readonly cidr?: string;
}

/** Kindo's namespace, the default and only peer allowed to call the server. */
export const DEFAULT_INGRESS_PEERS: readonly IngressPeer[] = Object.freeze([
  { namespaceLabels: { "kubernetes.io/metadata.name": "kindo" } },
]);

/** Arguments of `VllmDeployment`. */
export interface VllmDeploymentArgs {
  /** Catalog id, alias or Hugging Face repo id, e.g. "llama-3.1-70b-instruct". Set only one of `model` or `customModel`. */
  readonly model?: string;
  /** A model not in the catalog, described with the same facts as a catalog entry. */
  readonly customModel?: ModelSpec;
  /** The GPU pool the server runs on: `EksGpuNodePool.contract` or `GkeGpuNodePool.contract`. */
  readonly pool: GpuPoolContract;
  /** A plan from `planSelfHosted`. Set only one of `plan` or `tensorParallelSize`. @default planned on the pool's GPU */
  readonly plan?: SelfHostedPlan;
  /** `--tensor-parallel-size`: explicit hardware instead of a plan (GPUs per node used). */
  readonly tensorParallelSize?: number;
  /** `--pipeline-parallel-size`: nodes per replica with explicit hardware. @default 1 */
  readonly pipelineParallelSize?: number;
  /** `--quantization` with explicit hardware, e.g. "fp8". @default none (the checkpoint's format) */
  readonly quantization?: Quantization;
  /** `--served-model-name`: the name Kindo routes with. @default the Hugging Face repo name, lower-cased ("qwen3-8b") */
  readonly servedModelName?: string;
  /** `--max-model-len` in tokens. @default the plan's (the largest that fits, at most the model's window) */
  readonly maxModelLen?: number;
  /** `--tool-call-parser`; must be one of the model's parsers. @default the catalog's first parser */
  readonly toolCallParser?: string;
  /** Sets `--enable-auto-tool-choice` with `--tool-call-parser`. @default true when the model has a parser */
  readonly enableToolCalling?: boolean;
  /** `--reasoning-parser`. @default the catalog's */
  readonly reasoningParser?: string;
  /** `--dtype` (activation dtype). @default "auto" */
  readonly dtype?: ServingDtype;
  /** `--kv-cache-dtype`. @default "auto" */
  readonly kvCacheDtype?: KvCacheDtype;
  /** `--gpu-memory-utilization`, a fraction. @default 0.9 (knowledge/plan `PLAN_GPU_MEMORY_UTILIZATION`) */
  readonly gpuMemoryUtilization?: number;
  /** `--max-num-seqs`. @default vLLM's */
  readonly maxNumSeqs?: number;
  /** `--max-num-batched-tokens`. @default vLLM's */
  readonly maxNumBatchedTokens?: number;
  /** `--enforce-eager` (no CUDA graphs: faster start, slower serving). @default false */
  readonly enforceEager?: boolean;
  /** @default true */
  readonly enablePrefixCaching?: boolean;
  /** @default true */
  readonly enableChunkedPrefill?: boolean;
  /** `--enable-expert-parallel` for MoE models. @default false */
  readonly enableExpertParallel?: boolean;
  /** `--trust-remote-code`. @default false */
  readonly trustRemoteCode?: boolean;
  /** vLLM release; picks the image tag and the parsers that exist. @default DEFAULT_VLLM_VERSION */
  readonly vllmVersion?: string;
  /** Image override; must be pinned by a release tag or a digest, judged as the policy's vllm-image-not-pinned judges it (not "latest", "nightly" or another moving tag, nor a named build of vLLM's image such as "gptoss"). @default `vllm/vllm-openai:v<vllmVersion>` */
  readonly image?: string;
  /** `--port` of the server and the Service. @default 8000 */
  readonly port?: number;
  /** @default "default" */
  readonly namespace?: pulumi.Input<string>;
  /** Server replicas (groups of nodes when the plan spans nodes). @default 1 */
  readonly replicas?: number;
  /** API key for `/v1/*` (`VLLM_API_KEY`); pass `pulumi.secret(...)`. Required unless `requireApiKey` is false. */
  readonly apiKey?: pulumi.Input<string>;
  /** Set false to serve without an API key deliberately (then leave `apiKey` unset). @default true */
  readonly requireApiKey?: boolean;
  /**
   * Opt-in: a public load balancer without an API key may admit the whole internet
   * (`allowIngressFrom` with 0.0.0.0/0 or ::/0). Without it that combination is refused.
   * @default false
   */
  readonly allowUnauthenticatedPublicAccess?: boolean;
  /**
   * Opt-in: a public load balancer may serve plain HTTP (no `tlsCertificateArn`), sending the API
   * key and every prompt in cleartext. Without it that is refused. @default false
   */
  readonly allowPlaintextPublicAccess?: boolean;
  /** Hugging Face token for gated models (`HF_TOKEN`); pass `pulumi.secret(...)`. */
  readonly hfToken?: pulumi.Input<string>;
  /** Weight cache. @default { type: "pvc" } */
  readonly cache?: WeightCache;
  /** @default "cluster" (ClusterIP) */
  readonly serviceExposure?: ServiceExposure;
  /** ACM certificate ARN: terminate TLS on port 443 of the AWS NLB (load-balancer exposures on AWS only). */
  readonly tlsCertificateArn?: pulumi.Input<string>;
  /** Who may reach the server. @default DEFAULT_INGRESS_PEERS (Kindo's namespace) */
  readonly allowIngressFrom?: readonly IngressPeer[];
  /** Assumed weight download + load throughput for the startup budget, MiB/s. @default 100 */
  readonly weightLoadMiBPerSecond?: number;
  /** Compile and CUDA-graph capture allowance for the startup budget, seconds. @default per family (see startup-budget.ts) */
  readonly compileAllowanceSeconds?: number;
  /** Extra labels on every object. */
  readonly labels?: Readonly<Record<string, string>>;
}

const labels = () => z.record(z.string(), z.string());
const positiveInt = () => z.number().int().positive();

/** zod schema for the plain parts of `VllmDeploymentArgs` (Inputs are checked by Pulumi). */
export function vllmDeploymentArgsSchema() {
  const input = z.any();
  const plan = z.looseObject({
    modelId: z.string(),
    instance: z.looseObject({ type: z.string(), gpu: z.string(), gpuCount: positiveInt() }),
    nodes: positiveInt(),
    tensorParallelSize: positiveInt(),
    pipelineParallelSize: positiveInt(),
    maxModelLen: positiveInt(),
  });
  const cache = z.discriminatedUnion("type", [
    // sizeGiB bounds are checked against the weights in plan.ts, with a message that names them.
    z.strictObject({
      type: z.literal("pvc"),
      sizeGiB: z.number().optional(),
      storageClassName: z.string().min(1).optional(),
    }),
    z.strictObject({ type: z.literal("emptyDir"), sizeGiB: z.number().optional() }),
  ]);
  const peer = z.strictObject({
    namespaceLabels: labels().optional(),
    podLabels: labels().optional(),
    cidr: z
      .string()
      .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, {
        error: 'is not a CIDR block. Use an address range such as "10.0.0.0/16".',
      })
      .optional(),
  });
  return z.strictObject({
    model: z.string().min(1).optional(),
    customModel: modelSpecSchema().optional(),
    pool: gpuPoolContractSchema(),
    plan: plan.optional(),
    tensorParallelSize: positiveInt().optional(),
    pipelineParallelSize: positiveInt().optional(),
    quantization: z.enum(QUANTIZATIONS).optional(),
    servedModelName: z.string().optional(),
    maxModelLen: positiveInt().optional(),
    toolCallParser: z.string().optional(),
    enableToolCalling: z.boolean().optional(),
    reasoningParser: z.string().optional(),
    dtype: z.enum(SERVING_DTYPES).optional(),
    kvCacheDtype: z.enum(KV_CACHE_DTYPES).optional(),
    gpuMemoryUtilization: z.number().optional(),
    maxNumSeqs: positiveInt().optional(),
    maxNumBatchedTokens: positiveInt().optional(),
    enforceEager: z.boolean().optional(),
    enablePrefixCaching: z.boolean().optional(),
    enableChunkedPrefill: z.boolean().optional(),
    enableExpertParallel: z.boolean().optional(),
    trustRemoteCode: z.boolean().optional(),
    vllmVersion: z
      .string()
      .regex(/^v?\d+\.\d+\.\d+(\.\d+)?$/, {
        error: 'is not a vLLM release. Use a version such as "0.11.0".',
      })
      .optional(),
    image: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    namespace: input.optional(),
    replicas: positiveInt().optional(),
    apiKey: input.optional(),
    requireApiKey: z.boolean().optional(),
    allowUnauthenticatedPublicAccess: z.boolean().optional(),
    allowPlaintextPublicAccess: z.boolean().optional(),
    hfToken: input.optional(),
    cache: cache.optional(),
    serviceExposure: z.enum(SERVICE_EXPOSURES).optional(),
    tlsCertificateArn: input.optional(),
    allowIngressFrom: z.array(peer).optional(),
    weightLoadMiBPerSecond: z.number().positive().optional(),
    compileAllowanceSeconds: z.number().int().nonnegative().optional(),
    labels: labels().optional(),
  });
}
