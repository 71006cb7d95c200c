/** `kindo-models plan`: cheapest instance, TP and weight format that serve a model at a context. */
import { selectGpu, withGpuMemory } from "../../knowledge/catalog/gpu-lookup";
import type { Cloud, GpuFacts, GpuSpec } from "../../knowledge/catalog/gpu-types";
import type { ModelFacts } from "../../knowledge/catalog/hf/source";
import type { ModelSpec } from "../../knowledge/catalog/model-types";
import {
  PLAN_GPU_MEMORY_UTILIZATION,
  planSelfHosted,
  type WeightOption,
} from "../../knowledge/plan/self-hosted-plan";
import { computeFit, needsRopeScaling, type FitReport } from "../../knowledge/sizing/fit";
import { KV_CACHE_DTYPES, SERVING_DTYPES, type ServingDtype } from "../../knowledge/sizing/setup";
import { buildVllmArgs } from "../../knowledge/vllm/flags";
import {
  buildVllmArgsForPlan,
  findMissingParsers,
  findUnloadableArchitecture,
} from "../../knowledge/vllm/from-plan";
import { DEFAULT_VLLM_VERSION } from "../../knowledge/catalog/vllm-releases";
import { issue, type ValidationIssue } from "../../knowledge/core";
import {
  parseCommandArgs,
  readChoice,
  readNumber,
  readTokens,
  readVllmVersion,
  renameSetupPaths,
  type CommandShape,
} from "../args";
import { CliInputError, EXIT, type CommandOutput } from "../errors";
import { LIMITS } from "../limits";
import { describeContext, planJson, renderPlan } from "../plan/output";
import { loadModelArgument } from "./fit";

export const PLAN_HELP = `Usage: kindo-models plan <model> [--context N] [--cloud aws|gcp] [--gpu GPU] [--dtype D] [options]
       kindo-models plan --hf-config <config.json> [--params B] [options]

<model> is a catalog id or alias, a Hugging Face repo id (org/name: read from the Hugging Face
cache, kindo-models' cache or the Hub at HF_ENDPOINT, with HF_TOKEN for gated repos), or a local
model directory. The output says where the model's facts came from.

Finds the cheapest instance type, GPU count, tensor/pipeline parallel sizes and weight format
that serve <model> at the target context (default: its advertised window), and prints the fit,
the alternatives and the exact vllm serve command. When the target fits nowhere in the catalog,
it plans the largest context that does and says why.

Options:
  --context N                     target context in tokens (vLLM style 128k/128K accepted)
  --cloud aws|gcp                 only this cloud's instances
  --gpu GPU                       only this GPU model (H100, A100-80GB, L40S, L4, ...)
  --dtype D                       vLLM --dtype: ${SERVING_DTYPES.join(" | ")} (default auto)
  --quantization fp8|none         force online FP8 or the checkpoint's own weights (default: try both)
  --kv-cache-dtype D              ${KV_CACHE_DTYPES.join(" | ")} (default auto)
  --gpu-memory-utilization U      default 0.9, written into the command (vLLM itself defaults to 0.92 from 0.20.2)
  --max-nodes N                   largest pipeline-parallel node count (default 4)
  --gpus N --tp N [--pp N]        also judge this requested setup (on --gpu) before planning
  --gpu-memory-gib N              the memory (GiB, as CUDA reports it) of the requested setup's GPU: one
                                  the catalog lacks, or --gpu's card with other memory; needs --tp
  --served-model-name NAME        name in the vllm serve command (default: the model's short alias)
  --hf-config <path>              size a model outside the catalog from its config.json
  --params B                      parameters in billions, when config.json cannot give them
  --vllm-version V                plan for this vLLM release: its memory accounting sizes the plan and its
                                  parsers must include the model's (default: the pinned release,
                                  ${DEFAULT_VLLM_VERSION}; the JSON's vllmVersion says which was used)
  --offline                       no network: the catalog, local files and caches only
  --json                          one JSON object: { model, target, vllmVersion, requested?, plan, alternatives,
                                  command, resolvedFrom, source }

Exit status: 0 the plan meets the target (and the requested setup fits, when given),
1 the plan had to lower the context or the requested setup does not fit, 2 bad input.`;

const OPTIONS = {
  context: { type: "string" },
  cloud: { type: "string" },
  gpu: { type: "string" },
  "gpu-memory-gib": { type: "string" },
  dtype: { type: "string" },
  quantization: { type: "string" },
  "kv-cache-dtype": { type: "string" },
  "gpu-memory-utilization": { type: "string" },
  "max-nodes": { type: "string" },
  gpus: { type: "string" },
  tp: { type: "string" },
  pp: { type: "string" },
  "served-model-name": { type: "string" },
  "hf-config": { type: "string" },
  params: { type: "string" },
  "vllm-version": { type: "string" },
  offline: { type: "boolean" },
} as const;

const SHAPE: CommandShape = {
  positionals: ["[model]"],
  positionalsHint:
    "plan takes one model (a catalog id, alias, Hugging Face repo id or model directory), or none with --hf-config",
};

export interface PlanArgs {
  model: ModelSpec;
  facts: ModelFacts;
  target?: number;
  cloud?: Cloud;
  /** --gpu: the only GPU model planned on. */
  gpu?: GpuSpec;
  /** The GPU the requested setup (--gpus, --tp) is judged on: --gpu's, with --gpu-memory-gib's memory. */
  requestedGpu?: GpuFacts;
  dtype?: ServingDtype;
  weightOptions?: WeightOption[];
  kvCacheDtype?: (typeof KV_CACHE_DTYPES)[number];
  gpuMemoryUtilization?: number;
  maxNodes?: number;
  requested?: { gpus: number; tp: number; pp: number };
  servedModelName?: string;
  /** The release planned for, when --vllm-version is given; else the pinned one. */
  vllmVersion?: string;
  json: boolean;
}

export async function parsePlanArgs(argv: readonly string[]): Promise<PlanArgs | "help"> {
  const { values, positionals } = parseCommandArgs("plan", argv, OPTIONS, SHAPE);
  if (values.help) return "help";
  const v = values as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const facts = await loadModelArgument(positionals[0], v, issues);
  const gpuArg = values.gpu as string | undefined;
  const g = gpuArg === undefined ? undefined : selectGpu(gpuArg, "--gpu");
  if (g && !g.ok) issues.push(...g.issues);
  const quant = readChoice(v, "quantization", ["fp8", "none"] as const, issues);
  const tp = readNumber(v, "tp", issues, "int", LIMITS.gpus);
  const gpus = readNumber(v, "gpus", issues, "int", LIMITS.gpus);
  const pp = readNumber(v, "pp", issues, "int", LIMITS.gpus) ?? 1;
  const memoryArg = v["gpu-memory-gib"];
  const memory = readNumber(v, "gpu-memory-gib", issues, "positive", LIMITS.gpuMemoryGiB);
  if ((tp !== undefined || gpus !== undefined) && gpuArg === undefined && memoryArg === undefined)
    issues.push(
      issue(
        "--gpu",
        `--gpus and --tp describe a requested setup and need --gpu too, e.g. --gpu H100 (or --gpu-memory-gib N for a GPU the catalog lacks).`,
      ),
    );
  if (memoryArg !== undefined && tp === undefined)
    issues.push(
      issue(
        "--gpu-memory-gib",
        `--gpu-memory-gib gives the memory of the GPU a requested setup runs on and needs --tp (and --gpus) too, e.g. --gpu-memory-gib ${String(memoryArg)} --gpus 2 --tp 2; the plan itself chooses among the catalog's instances.`,
      ),
    );
  const named = g?.ok ? g.gpu : undefined;
  const requestedGpu = memory !== undefined ? withGpuMemory(named, memory) : named;
  const out: PlanArgs = {
    model: facts?.model as ModelSpec,
    facts: facts as ModelFacts,
    target: readTokens(v, "context", issues),
    cloud: readChoice(v, "cloud", ["aws", "gcp"] as const, issues),
    gpu: named,
    requestedGpu,
    dtype: readChoice(v, "dtype", SERVING_DTYPES, issues),
    weightOptions: quant === "fp8" ? ["fp8"] : quant === "none" ? ["checkpoint"] : undefined,
    kvCacheDtype: readChoice(v, "kv-cache-dtype", KV_CACHE_DTYPES, issues),
    gpuMemoryUtilization: readNumber(v, "gpu-memory-utilization", issues, "fraction", 1),
    maxNodes: readNumber(v, "max-nodes", issues, "int", LIMITS.nodes),
    requested: tp !== undefined ? { tp, pp, gpus: gpus ?? tp * pp } : undefined,
    servedModelName: values["served-model-name"] as string | undefined,
    vllmVersion: readVllmVersion(v, issues),
    json: values.json === true,
  };
  if (out.vllmVersion !== undefined && facts)
    issues.push(
      ...renameSetupPaths([
        ...findUnloadableArchitecture(facts.model, out.vllmVersion),
        ...findMissingParsers(facts.model, out.vllmVersion),
      ]),
    );
  if (issues.length > 0) throw new CliInputError("plan", issues);
  return out;
}

function judgeRequested(a: PlanArgs): FitReport | undefined {
  if (!a.requested || !a.requestedGpu) return undefined;
  const target = a.target ?? a.model.context.advertisedTokens;
  const r = computeFit({
    model: a.model,
    gpu: a.requestedGpu,
    gpuCount: a.requested.gpus,
    tensorParallelSize: a.requested.tp,
    pipelineParallelSize: a.requested.pp,
    dtype: a.dtype,
    kvCacheDtype: a.kvCacheDtype,
    gpuMemoryUtilization: a.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
    maxModelLen: target,
    ropeScaling: needsRopeScaling(a.model, target),
    ...(a.vllmVersion !== undefined ? { vllmVersion: a.vllmVersion } : {}),
  });
  if (!r.ok)
    throw new CliInputError("plan", renameSetupPaths(r.issues, { maxModelLen: "--context" }));
  return r.report;
}

export async function runPlan(argv: readonly string[]): Promise<CommandOutput> {
  const a = await parsePlanArgs(argv);
  if (a === "help") return { exitCode: EXIT.ok, stdout: PLAN_HELP };
  const requested = judgeRequested(a);
  const r = planSelfHosted({
    model: a.model,
    maxModelLen: a.target,
    cloud: a.cloud,
    gpu: a.gpu?.model,
    dtype: a.dtype,
    weightOptions: a.weightOptions,
    kvCacheDtype: a.kvCacheDtype,
    gpuMemoryUtilization: a.gpuMemoryUtilization,
    maxNodes: a.maxNodes,
    ...(a.vllmVersion !== undefined ? { vllmVersion: a.vllmVersion } : {}),
  });
  if (!r.ok)
    throw new CliInputError(
      "plan",
      renameSetupPaths(r.issues, { context: "--context", maxNodes: "--max-nodes" }),
    );
  const plan = r.plan;
  const built = buildVllmArgs(
    buildVllmArgsForPlan(a.model, plan, {
      servedModelName: a.servedModelName,
      ...(a.vllmVersion !== undefined ? { vllmVersion: a.vllmVersion } : {}),
    }),
  );
  if (!built.ok) throw new CliInputError("plan", built.issues);
  const context = describeContext(a.model, plan);
  const exitCode =
    context.limitedBy === "target" && (requested?.fits ?? true) ? EXIT.ok : EXIT.doesNotFit;
  if (a.json) {
    return {
      exitCode,
      stdout: JSON.stringify(planJson(a, plan, context, requested, built.argv), null, 2),
    };
  }
  return { exitCode, stdout: renderPlan(a, plan, context, requested, built.argv) };
}
