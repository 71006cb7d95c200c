/**
 * `planVllmDeployment`: every decision a `VllmDeployment` makes, from its arguments to a finished
 * plan (argv, image, GPUs, cache, shm, probes budget, exposure), with every problem at once. Pure.
 */
import type { ModelSpec } from "../../knowledge/catalog";
import {
  findModel,
  selectModel,
  DEFAULT_VLLM_VERSION,
  buildVllmImage,
} from "../../knowledge/catalog";
import { computeWeightBytes } from "../../knowledge/sizing";
import {
  failed,
  issue,
  type Result,
  type ValidationIssue,
  formatGiB,
  quoteList,
  validateWithSchema,
} from "../../knowledge/core";
import {
  buildVllmArgs,
  validateToolParser,
  type VllmArgs,
  buildServeEnvForPlan,
  buildVllmArgsForPlan,
  findUnloadableArchitecture,
} from "../../knowledge/vllm";
import type { GpuPoolContract } from "../gpu-pool/pool-contract";
import {
  DEFAULT_INGRESS_PEERS,
  vllmDeploymentArgsSchema,
  type IngressPeer,
  type WeightCache,
  type ServiceExposure,
  type VllmDeploymentArgs,
} from "./args";
import { PLAN_GPU_MEMORY_UTILIZATION, resolveHardware, type Hardware } from "../../knowledge/plan";
import { computeStartupBudget, type StartupBudget } from "./startup-budget";
import {
  validateDeploymentName,
  validateExposure,
  validateImagePinned,
  findDeploymentRelease,
} from "./validate-args";

/** The plan a `VllmDeployment` reports as an output: what it serves and on what. */
export interface VllmServingPlan {
  readonly modelId: string;
  readonly hfId: string;
  readonly servedModelName: string;
  readonly source: Hardware["source"];
  readonly gpuModel: string;
  readonly instanceType: string;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  /** GPUs each pod requests (`nvidia.com/gpu`); a replica spans `pipelineParallelSize` pods. */
  readonly gpusPerPod: number;
  readonly replicas: number;
  readonly quantization?: string;
  readonly maxModelLen: number;
  readonly limitedBy: Hardware["limitedBy"];
  readonly toolCallParser?: string;
  readonly reasoningParser?: string;
  readonly vllmVersion: string;
  readonly image: string;
  readonly weightsGiB: number;
  readonly kvCacheTokens: number;
  readonly startupBudgetSeconds: number;
}

/** Everything the manifests and the component need; plain data. */
export interface VllmDeploymentPlan {
  readonly name: string;
  readonly serving: VllmServingPlan;
  readonly family: string;
  readonly argv: readonly string[];
  readonly port: number;
  readonly pool: GpuPoolContract;
  readonly multiNode: boolean;
  readonly cache: {
    readonly type: "pvc" | "emptyDir";
    readonly sizeGiB: number;
    readonly storageClassName?: string;
    readonly shared: boolean;
  };
  /** Size of the memory-backed /dev/shm, GiB; undefined when one GPU per replica needs none. */
  readonly shmSizeGiB?: number;
  readonly apiKey: boolean;
  readonly hfToken: boolean;
  /** Variables vLLM needs for the planned window (VLLM_ALLOW_LONG_MAX_MODEL_LEN), from the knowledge layer. */
  readonly serveEnv: Readonly<Record<string, string>>;
  readonly exposure: ServiceExposure;
  readonly tls: boolean;
  readonly allowIngressFrom: readonly IngressPeer[];
  readonly startup: StartupBudget;
  readonly labels: Readonly<Record<string, string>>;
}

// Built once: zod schemas are immutable, and building this one (with the catalog's model schema)
// costs about 10 ms, which would dominate a program with many deployments (bench:components).
const ARGS_SCHEMA = vllmDeploymentArgsSchema();

/**
 * True when recorded inputs (a policy reading state) have the shape of VllmDeploymentArgs, checked
 * by the same schema planVllmDeployment checks first.
 */
export function isVllmDeploymentArgs(recorded: unknown): recorded is VllmDeploymentArgs {
  return ARGS_SCHEMA.safeParse(recorded).success;
}

/** What a composing component already resolved, so the deployment does not resolve it again. */
export interface ResolvedDeploymentInputs {
  /** The model `args.model` names, as the caller resolved it. */
  readonly model: ModelSpec;
}

/**
 * Plans a deployment, or lists every invalid argument with its path. `resolved` carries what a
 * composing component (SelfHostedModel) already looked up, so nothing is resolved twice.
 */
export function planVllmDeployment(
  name: string,
  args: VllmDeploymentArgs,
  resolved?: ResolvedDeploymentInputs,
): Result<VllmDeploymentPlan, "plan"> {
  const shape = validateWithSchema(ARGS_SCHEMA, args);
  if (shape.length > 0) return failed(shape);
  const out: ValidationIssue[] = [...validateDeploymentName(name), ...validateExposure(args)];
  if (args.image !== undefined) out.push(...validateImagePinned(args.image));
  const model: Result<ModelSpec, "model"> = resolved
    ? { ok: true, model: resolved.model }
    : resolveModel(args);
  if (!model.ok) return failed([...out, ...model.issues]);
  const m = model.model;
  const hw = resolveHardware(m, args);
  if (!hw.ok) out.push(...hw.issues);
  const weightBytes = computeWeightBytes(m, m.checkpoint.dtype);
  const cache = planCache(args, weightBytes, hw.ok ? hw.hardware.pipelineParallelSize : 1);
  if (!cache.ok) out.push(...cache.issues);
  const statedRelease = findDeploymentRelease(args);
  const vllmVersion = statedRelease ?? DEFAULT_VLLM_VERSION;
  // vLLM checks the architecture against its registry before it loads anything; the release is
  // judged only when the deployment states it (a pinned default always loads a catalog model).
  if (statedRelease !== undefined)
    out.push(
      ...findUnloadableArchitecture(
        m,
        vllmVersion,
        args.vllmVersion !== undefined ? "vllmVersion" : "image",
        "Use",
      ),
    );
  // Without hardware the flags are still checked (served name, parsers) on the smallest shape.
  const planned = planFlags(m, args, hw.ok ? hw.hardware : buildSmallestShape(m), vllmVersion);
  if (!planned.ok) out.push(...planned.issues);
  if (out.length > 0 || !hw.ok || !cache.ok || !planned.ok) return failed(out);
  const h = hw.hardware;
  const flags = planned.flags;
  const startup = computeStartupBudget({
    weightBytes,
    family: m.family,
    weightLoadMiBPerSecond: args.weightLoadMiBPerSecond,
    compileAllowanceSeconds: args.compileAllowanceSeconds,
    enforceEager: args.enforceEager,
  });
  const image = args.image ?? buildVllmImage(vllmVersion);
  const serving: VllmServingPlan = {
    modelId: m.id,
    hfId: m.hfId,
    servedModelName: flags.servedModelName,
    source: h.source,
    gpuModel: args.pool.gpuModel,
    instanceType: args.pool.instanceType,
    tensorParallelSize: h.tensorParallelSize,
    pipelineParallelSize: h.pipelineParallelSize,
    gpusPerPod: h.tensorParallelSize,
    replicas: args.replicas ?? 1,
    quantization: h.quantization,
    maxModelLen: h.maxModelLen,
    limitedBy: h.limitedBy,
    toolCallParser: flags.toolCallParser,
    reasoningParser: flags.reasoningParser,
    vllmVersion,
    image,
    weightsGiB: Math.round(h.fit.weightsGiBTotal * 10) / 10,
    kvCacheTokens: h.fit.kvCacheTokens,
    startupBudgetSeconds: startup.probeBudgetSeconds,
  };
  const multiNode = h.pipelineParallelSize > 1;
  return {
    ok: true,
    plan: {
      name,
      serving,
      family: m.family,
      argv: flags.argv,
      port: args.port ?? 8000,
      pool: args.pool,
      multiNode,
      cache: cache.cache,
      // NCCL between TP ranks and Ray's object store use /dev/shm; the container default (64 MiB) is too small.
      shmSizeGiB:
        h.tensorParallelSize > 1 || multiNode ? Math.max(2, 2 * h.tensorParallelSize) : undefined,
      apiKey: args.apiKey !== undefined,
      hfToken: args.hfToken !== undefined,
      serveEnv: buildServeEnvForPlan(m, h),
      exposure: args.serviceExposure ?? "cluster",
      tls: args.tlsCertificateArn !== undefined,
      allowIngressFrom: args.allowIngressFrom ?? DEFAULT_INGRESS_PEERS,
      startup,
      labels: {
        ...(args.labels ?? {}),
        "app.kubernetes.io/name": "vllm",
        "app.kubernetes.io/instance": name,
        "app.kubernetes.io/managed-by": "kindo-models",
      },
    },
  };
}

/** One GPU at the model's derived window: what the flags are checked on when no hardware fits. */
function buildSmallestShape(m: ModelSpec): FlagShape {
  return {
    maxModelLen: m.context.maxPositionEmbeddings,
    tensorParallelSize: 1,
    pipelineParallelSize: 1,
    ropeScaling: false,
    fit: { activationDtype: "bf16" },
  };
}

function resolveModel(a: VllmDeploymentArgs): Result<ModelSpec, "model"> {
  if ((a.model === undefined) === (a.customModel === undefined)) {
    return failed([
      issue("model", "Set exactly one of `model` (a catalog id) or `customModel` (a model spec)."),
    ]);
  }
  if (a.customModel) return { ok: true, model: a.customModel };
  return selectModel(a.model ?? "", "model");
}

type CachePlan = VllmDeploymentPlan["cache"];

function planCache(
  a: VllmDeploymentArgs,
  weightBytes: number,
  pp: number,
): Result<CachePlan, "cache"> {
  const shared = (a.replicas ?? 1) > 1 || pp > 1;
  const c: WeightCache = a.cache ?? { type: shared ? "emptyDir" : "pvc" };
  const weightsGiB = weightBytes / 2 ** 30;
  const fitting = Math.ceil((weightsGiB * 1.2) / 10) * 10;
  const sizeGiB = c.sizeGiB ?? fitting;
  if (sizeGiB < weightsGiB) {
    return failed([
      issue(
        "cache.sizeGiB",
        `${c.sizeGiB} GiB cannot hold the ${formatGiB(weightBytes)} of weights. Use at least ${fitting} GiB, or leave cache.sizeGiB unset to size it from the weights.`,
      ),
    ]);
  }
  const storageClassName = c.type === "pvc" ? c.storageClassName : undefined;
  return {
    ok: true,
    cache:
      storageClassName === undefined
        ? { type: c.type, sizeGiB, shared }
        : { type: c.type, sizeGiB, storageClassName, shared },
  };
}

interface Flags {
  readonly argv: readonly string[];
  readonly servedModelName: string;
  readonly toolCallParser?: string;
  readonly reasoningParser?: string;
}

/** The parts of the hardware decision the flags are built from. */
type FlagShape = Pick<
  Hardware,
  "maxModelLen" | "tensorParallelSize" | "pipelineParallelSize" | "quantization" | "ropeScaling"
> & { readonly fit: Pick<Hardware["fit"], "activationDtype"> };

function planFlags(
  m: ModelSpec,
  a: VllmDeploymentArgs,
  h: FlagShape,
  version: string,
): Result<Flags, "flags"> {
  const base = buildVllmArgsForPlan(
    m,
    {
      maxModelLen: h.maxModelLen,
      tensorParallelSize: h.tensorParallelSize,
      pipelineParallelSize: h.pipelineParallelSize,
      quantization: h.quantization,
      ropeScaling: h.ropeScaling,
      gpuMemoryUtilization: a.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
      kvCacheDtype: a.kvCacheDtype ?? "auto",
      dtype: a.dtype ?? "auto",
      fit: h.fit,
    },
    {
      servedModelName: a.servedModelName,
      enableToolCalling: a.enableToolCalling,
      vllmVersion: version,
      port: a.port,
    },
  );
  const tools = a.enableToolCalling !== false;
  const toolCallParser = tools ? (a.toolCallParser ?? base.toolCallParser) : undefined;
  const vargs: VllmArgs = {
    ...base,
    toolCallParser,
    toolChatTemplate: toolCallParser === base.toolCallParser ? base.toolChatTemplate : undefined,
    reasoningParser: a.reasoningParser ?? base.reasoningParser,
    maxNumSeqs: a.maxNumSeqs,
    maxNumBatchedTokens: a.maxNumBatchedTokens,
    enforceEager: a.enforceEager,
    enablePrefixCaching: a.enablePrefixCaching,
    enableChunkedPrefill: a.enableChunkedPrefill,
    enableExpertParallel: a.enableExpertParallel,
    trustRemoteCode: a.trustRemoteCode,
  };
  const out: ValidationIssue[] = [];
  if (
    toolCallParser &&
    m.toolCalling.parsers.length > 0 &&
    !(m.toolCalling.parsers as readonly string[]).includes(toolCallParser) &&
    validateToolParser(toolCallParser, version).length === 0
  ) {
    out.push(
      issue(
        "toolCallParser",
        `"${toolCallParser}" does not parse ${m.id}'s tool calls. Use ${quoteList(m.toolCalling.parsers)}.`,
      ),
    );
  }
  const built = buildVllmArgs(vargs);
  if (!built.ok) return failed([...out, ...built.issues]);
  if (out.length > 0) return failed(out);
  const names = vargs.servedModelName;
  const argv =
    h.pipelineParallelSize > 1
      ? [...built.argv, "--distributed-executor-backend", "ray"]
      : built.argv;
  return {
    ok: true,
    flags: {
      argv,
      servedModelName: typeof names === "string" ? names : (names[0] ?? ""),
      toolCallParser,
      reasoningParser: vargs.reasoningParser,
    },
  };
}

/** The catalog model a recorded `model` argument names (for policies reading state). */
export function findDeployedModel(
  args: Pick<VllmDeploymentArgs, "model" | "customModel">,
): ModelSpec | undefined {
  return args.customModel ?? (args.model ? findModel(args.model) : undefined);
}
