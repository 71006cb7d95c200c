/** `kindo-models fit`: judge one fixed hardware setup the way vLLM would at start-up. */
import { selectSizingGpu, withGpuMemory } from "../../knowledge/catalog/gpu-lookup";
import type { GpuFacts } from "../../knowledge/catalog/gpu-types";
import { INTERCONNECTS } from "../../knowledge/catalog/gpu-types";
import { DEFAULT_VLLM_VERSION } from "../../knowledge/catalog/vllm-releases";
import {
  buildModelSourceJson,
  describeModelSource,
  type ModelFacts,
} from "../../knowledge/catalog/hf/source";
import { findAcceptedBlockSizes } from "../../knowledge/sizing/block-size";
import { computeFit, type FitReport } from "../../knowledge/sizing/fit";
import { resolveSizedRelease } from "../../knowledge/sizing/vllm-profile";
import {
  KV_CACHE_DTYPES,
  parseSpeculativeConfig,
  QUANTIZATIONS,
  SERVING_DTYPES,
  SPECULATIVE_METHODS,
  type ServingSetup,
  type SpeculativeSetup,
} from "../../knowledge/sizing/setup";
import { loadModelFacts } from "../../hub/load-model";
import {
  describeArchitectureFallback,
  findUnloadableArchitecture,
} from "../../knowledge/vllm/from-plan";
import { issue, quoteList, type ValidationIssue } from "../../knowledge/core";
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
import { gib, round, tokens } from "../format";
import { LIMITS } from "../limits";
import type * as ReadFiles from "../read-files";

export const FIT_HELP = `Usage: kindo-models fit <model> --gpu <GPU> --gpus N --tp N [options]
       kindo-models fit --hf-config <config.json> [--params B] --gpu <GPU> --gpus N --tp N [options]

<model> is a catalog id or alias, a Hugging Face repo id (org/name: read from the Hugging Face
cache, kindo-models' cache or the Hub at HF_ENDPOINT, with HF_TOKEN for gated repos), or a local
model directory.

Judges one fixed hardware setup the way vLLM does at start-up: weights, activations and CUDA
buffers come off total × gpu-memory-utilization, the rest is KV cache, and one full
max-model-len sequence must fit in it.

Options:
  --gpu <GPU>                     GPU model: H100, H100-80GB, A100-40GB, L4, RTX-4090, "NVIDIA A100-SXM4-40GB", ...;
                                  a MIG slice (A100-SXM4-80GB-MIG-3g.40gb, nvidia.com/mig-1g.10gb) or an
                                  instance type (g5.xlarge, a3-highgpu-8g, Standard_NC24ads_A100_v4)
  --gpu-memory-gib N              the GPU's memory in GiB as CUDA reports it: for a GPU the catalog lacks
                                  (taken to run BF16 but not FP8), or with --gpu for a card with other
                                  memory than its catalog entry (a 48 GB RTX 4090)
  --gpus N                        GPUs available (default: tp × pp)
  --tp N                          --tensor-parallel-size (required)
  --pp N                          --pipeline-parallel-size (default 1)
  --dtype D                       ${SERVING_DTYPES.join(" | ")} (default auto)
  --quantization Q                any vLLM method: fp8, awq, gptq, compressed-tensors, bitsandbytes,
                                  mxfp4, modelopt, modelopt_fp4, ... (${QUANTIZATIONS.length} names); a quantized
                                  checkpoint needs none (its config says how it is quantized)
  --kv-cache-dtype D              ${KV_CACHE_DTYPES.join(" | ")} (default auto)
  --gpu-memory-utilization U      fraction of total GPU memory (default: the release's, 0.92 from vLLM 0.20.2, else 0.9)
  --max-model-len L               tokens; plain or vLLM style (128k = 128000, 128K = 131072); default: what vLLM
                                  runs with, the model's maximum (a LongRoPE model's original window from 0.11.1)
  --max-num-seqs S                default 1024 on GPUs of 70 GiB or more other than A100, else 256
                                  (vLLM's V1 server defaults; it also sets the CUDA-graph capture sizes)
  --max-num-batched-tokens B      default 8192 on those GPUs, else 2048
  --block-size N                  tokens per KV-cache block; vLLM allocates whole blocks (default 16; the
                                  sizes the --vllm-version release's command line accepts)
  --enforce-eager                 no CUDA graphs (from vLLM 0.20.2 their estimate is taken out of the KV pool;
                                  on Model Runner V2 from 0.28)
  --rope-scaling                  apply the model's YaRN override (to reach its advertised window)
  --speculative-config <json>     vLLM's speculative decoding, e.g. '{"method": "mtp", "num_speculative_tokens": 1}':
                                  MTP loads the model's MTP layers (catalog architecture.mtp) and adds their
                                  attention layers to the KV cache; ngram/suffix need no weights; a draft model
                                  given by "model" (eagle, eagle3, draft_model, ...) is not sized (the output says so)
  --interconnect I                how the GPUs are joined: ${INTERCONNECTS.join(" | ")} (default: the GPU's, from
                                  the catalog's multi-GPU instances, else nvlink); sets the multi-GPU
                                  CUDA/NCCL memory
  --vllm-version V                size as this vLLM release does (default: the pinned release,
                                  ${DEFAULT_VLLM_VERSION}; the JSON's vllmVersion says which was used)
  --hf-config <path>              size a model outside the catalog from its config.json
  --params B                      parameters in billions, when config.json cannot give them
  --offline                       no network: the catalog, local files and caches only
  --json                          one JSON object (fields: fits, weightsGiBPerGpu, rotaryCacheGiBPerGpu,
                                  cudaGraphGiBPerGpu, cudaGraphInKvBudget, modelRunner,
                                  samplerStateGiBPerGpu, receivedHiddenStatesGiBPerGpu,
                                  multimodalEncoderGiBPerGpu, multimodalEncoderNote (vision models),
                                  windowCheckNote (starts with a pool below one request),
                                  maxModelLenNote (no --max-model-len, and vLLM runs with less than it accepts),
                                  draftWeightsGiBPerGpu, draftKvLayers, speculativeNote (--speculative-config),
                                  kvBytesPerToken,
                                  kvCacheGiB, kvCacheTokens, blockSize, maxModelLenThatFits, reason,
                                  resolvedFrom, source, ...)

Exit status: 0 fits, 1 does not fit, 2 bad input.`;

const OPTIONS = {
  gpu: { type: "string" },
  "gpu-memory-gib": { type: "string" },
  gpus: { type: "string" },
  tp: { type: "string" },
  pp: { type: "string" },
  dtype: { type: "string" },
  quantization: { type: "string" },
  "kv-cache-dtype": { type: "string" },
  "gpu-memory-utilization": { type: "string" },
  "max-model-len": { type: "string" },
  "max-num-seqs": { type: "string" },
  "max-num-batched-tokens": { type: "string" },
  "block-size": { type: "string" },
  "enforce-eager": { type: "boolean" },
  "rope-scaling": { type: "boolean" },
  "speculative-config": { type: "string" },
  "vllm-version": { type: "string" },
  interconnect: { type: "string" },
  "hf-config": { type: "string" },
  params: { type: "string" },
  offline: { type: "boolean" },
} as const;

const SHAPE: CommandShape = {
  positionals: ["[model]"],
  positionalsHint:
    "fit takes one model (a catalog id, a Hugging Face repo id or a model directory), or none with --hf-config",
};

/** Loads the model from the catalog, a config file, a directory, the caches or the Hub. */
export async function loadModelArgument(
  positional: string | undefined,
  values: Record<string, unknown>,
  issues: ValidationIssue[],
): Promise<ModelFacts | undefined> {
  const params = readNumber(values, "params", issues, "positive", LIMITS.paramsBillions);
  const hfConfigPath = values["hf-config"] as string | undefined;
  const r = await loadModelFacts({
    ...(positional !== undefined ? { reference: positional } : {}),
    ...(hfConfigPath !== undefined ? { hfConfigPath } : {}),
    ...(params !== undefined ? { paramsB: params } : {}),
    offline: values["offline"] === true,
    // Loaded when --hf-config names a file: a catalog model reads none.
    readConfigFile: (path) => (require("../read-files") as typeof ReadFiles).readFileCapped(path),
  });
  if (!r.ok) issues.push(...r.issues);
  return r.ok ? r.facts : undefined;
}

/**
 * `--block-size`, when it is one the release's command line accepts (argparse choices before
 * 0.18, any positive integer after; knowledge/sizing/block-size.ts).
 */
function readBlockSize(
  values: Record<string, unknown>,
  vllmVersion: string,
  issues: ValidationIssue[],
): number | undefined {
  const n = readNumber(values, "block-size", issues, "int", LIMITS.tokens);
  const accepted = findAcceptedBlockSizes(vllmVersion);
  if (n === undefined || accepted === "any" || accepted.includes(n)) return n;
  issues.push(
    issue(
      "--block-size",
      `"${String(values["block-size"])}" is not a block size vLLM ${vllmVersion} accepts. Use ${quoteList(accepted)}.`,
    ),
  );
  return undefined;
}

/**
 * The GPU of `--gpu` (a catalog GPU in any spelling, a MIG slice or an instance type), with the
 * memory of `--gpu-memory-gib` when given: that much memory on the named card, or on a GPU the
 * catalog lacks when no --gpu names one.
 */
export function readSizingGpu(
  values: Record<string, unknown>,
  issues: ValidationIssue[],
): GpuFacts | undefined {
  const gpuArg = values["gpu"] as string | undefined;
  const memory = readNumber(values, "gpu-memory-gib", issues, "positive", LIMITS.gpuMemoryGiB);
  if (gpuArg === undefined && values["gpu-memory-gib"] === undefined) {
    issues.push(
      issue(
        "--gpu",
        `no GPU given. Pass --gpu, e.g. --gpu H100 or --gpu L4, or --gpu-memory-gib N for a GPU the catalog lacks.`,
      ),
    );
    return undefined;
  }
  const named = gpuArg === undefined ? undefined : selectSizingGpu(gpuArg, "--gpu");
  if (named && !named.ok) {
    issues.push(...named.issues);
    return undefined;
  }
  if (values["gpu-memory-gib"] === undefined) return named?.gpu;
  return memory === undefined ? undefined : withGpuMemory(named?.gpu, memory);
}

/**
 * `--speculative-config`, vLLM's JSON (sizing/setup.ts `parseSpeculativeConfig`); an issue naming
 * the value and what is valid when vLLM would refuse it.
 */
function readSpeculativeConfig(
  values: Record<string, unknown>,
  issues: ValidationIssue[],
): SpeculativeSetup | undefined {
  const text = values["speculative-config"] as string | undefined;
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const r =
    parsed === undefined
      ? { ok: false as const, reason: "it is not JSON", vllmRefuses: true }
      : parseSpeculativeConfig(parsed);
  if (r.ok) return r.speculative;
  issues.push(
    issue(
      "--speculative-config",
      `"${text}" is not a speculative config ${r.vllmRefuses ? "vLLM accepts" : "the sizing can read"}: ${r.reason}. Pass a JSON object with "method" (${quoteList(SPECULATIVE_METHODS)}) or a draft "model", and "num_speculative_tokens", e.g. '{"method": "mtp", "num_speculative_tokens": 1}'.`,
    ),
  );
  return undefined;
}

/** A release older than the oldest profiled one and the profiled release that sizes it. */
export interface StandInRelease {
  readonly requested: string;
  readonly sizedAs: string;
  readonly note: string;
}

/**
 * `--vllm-version` of a release older than the oldest one whose memory use is modelled: sized with
 * that one, with a note, where the policy rules size its images so (vllm-profile.ts
 * `resolveSizedRelease`: the same V0 formula up to the CUDA context, and no window past 32,768 tokens
 * before 0.5.4); else an issue. Undefined for a modelled release.
 */
function readStandIn(
  version: string,
  maxModelLen: number,
  issues: ValidationIssue[],
): StandInRelease | undefined {
  const sized = resolveSizedRelease(version, maxModelLen);
  if (!sized.ok) {
    issues.push(issue("--vllm-version", `${sized.reason}.`));
    return undefined;
  }
  // A modelled release sizes as itself, with no note.
  return sized.note === undefined
    ? undefined
    : { requested: version, sizedAs: sized.version, note: sized.note };
}

/** Parses `fit` arguments into a setup, or throws a CliInputError naming every bad flag. */
export async function parseFitArgs(argv: readonly string[]): Promise<
  | {
      setup: ServingSetup;
      json: boolean;
      facts: ModelFacts;
      /** A release older than the oldest profiled one, sized with that one (see readStandIn). */
      standIn?: StandInRelease;
    }
  | "help"
> {
  const { values, positionals } = parseCommandArgs("fit", argv, OPTIONS, SHAPE);
  if (values.help) return "help";
  const issues: ValidationIssue[] = [];
  const v = values as Record<string, unknown>;
  const facts = await loadModelArgument(positionals[0], v, issues);
  const model = facts?.model;
  const gpu = readSizingGpu(v, issues);
  const tp = readNumber(v, "tp", issues, "int", LIMITS.gpus);
  if (v["tp"] === undefined)
    issues.push(issue("--tp", `no tensor-parallel size given. Pass --tp, e.g. --tp 1.`));
  const pp = readNumber(v, "pp", issues, "int", LIMITS.gpus);
  const gpus = readNumber(v, "gpus", issues, "int", LIMITS.gpus);
  const vllmVersion = readVllmVersion(v, issues);
  const blockSize = readBlockSize(v, vllmVersion ?? DEFAULT_VLLM_VERSION, issues);
  const speculative = readSpeculativeConfig(v, issues);
  const setup = {
    dtype: readChoice(v, "dtype", SERVING_DTYPES, issues),
    quantization: readChoice(v, "quantization", QUANTIZATIONS, issues),
    kvCacheDtype: readChoice(v, "kv-cache-dtype", KV_CACHE_DTYPES, issues),
    gpuMemoryUtilization: readNumber(v, "gpu-memory-utilization", issues, "fraction", 1),
    maxModelLen: readTokens(v, "max-model-len", issues),
    maxNumSeqs: readNumber(v, "max-num-seqs", issues, "int", LIMITS.sequences),
    maxNumBatchedTokens: readTokens(v, "max-num-batched-tokens", issues),
    enforceEager: values["enforce-eager"] === true,
    ropeScaling: values["rope-scaling"] === true,
    interconnect: readChoice(v, "interconnect", INTERCONNECTS, issues),
    ...(blockSize !== undefined ? { blockSize } : {}),
    ...(speculative !== undefined ? { speculative } : {}),
  };
  const standIn =
    model && vllmVersion !== undefined
      ? readStandIn(vllmVersion, setup.maxModelLen ?? model.context.maxPositionEmbeddings, issues)
      : undefined;
  const sizedVersion = standIn?.sizedAs ?? vllmVersion;
  if (model && vllmVersion !== undefined)
    issues.push(...renameSetupPaths(findUnloadableArchitecture(model, vllmVersion)));
  if (issues.length > 0 || !model || !facts || !gpu || tp === undefined)
    throw new CliInputError("fit", issues);
  return {
    facts,
    setup: {
      model,
      gpu,
      gpuCount: gpus ?? tp * (pp ?? 1),
      tensorParallelSize: tp,
      pipelineParallelSize: pp,
      ...setup,
      ...(sizedVersion !== undefined ? { vllmVersion: sizedVersion } : {}),
    },
    json: values.json === true,
    ...(standIn !== undefined ? { standIn } : {}),
  };
}

/** The JSON object `fit --json` prints; field names are a stable contract. */
export function fitJson(
  setup: ServingSetup,
  r: FitReport,
  facts?: ModelFacts,
): Record<string, unknown> {
  return {
    model: setup.model.id,
    gpu: setup.gpu.model,
    gpuMemoryGiB: round(setup.gpu.cudaTotalBytes / 2 ** 30),
    gpus: r.gpusUsed,
    fits: r.fits,
    limitedBy: r.limitedBy,
    ...(r.reason ? { reason: r.reason } : {}),
    weightFormat: r.weightFormat,
    kvCacheDtype: r.kvCacheDtype,
    weightsGiBTotal: round(r.weightsGiBTotal),
    weightsGiBPerGpu: round(r.weightsGiBPerGpu),
    rotaryCacheGiBPerGpu: round(r.rotaryCacheGiBPerGpu),
    usableGiBPerGpu: round(r.usableGiBPerGpu),
    activationGiBPerGpu: round(r.activationGiBPerGpu),
    nonTorchGiBPerGpu: round(r.nonTorchGiBPerGpu),
    cudaGraphGiBPerGpu: round(r.cudaGraphGiBPerGpu),
    cudaGraphInKvBudget: r.cudaGraphInKvBudget,
    modelRunner: r.modelRunner,
    samplerStateGiBPerGpu: round(r.samplerStateGiBPerGpu),
    receivedHiddenStatesGiBPerGpu: round(r.receivedHiddenStatesGiBPerGpu),
    ...(r.multimodalEncoderGiBPerGpu !== undefined
      ? { multimodalEncoderGiBPerGpu: round(r.multimodalEncoderGiBPerGpu) }
      : {}),
    ...(r.multimodalEncoderNote !== undefined
      ? { multimodalEncoderNote: r.multimodalEncoderNote }
      : {}),
    ...(r.windowCheckNote !== undefined ? { windowCheckNote: r.windowCheckNote } : {}),
    ...(r.maxModelLenNote !== undefined ? { maxModelLenNote: r.maxModelLenNote } : {}),
    ...(r.speculativeNote !== undefined
      ? {
          draftWeightsGiBPerGpu: round(r.draftWeightsGiBPerGpu ?? 0),
          draftKvLayers: r.draftKvLayers ?? 0,
          speculativeNote: r.speculativeNote,
        }
      : {}),
    interconnect: r.interconnect,
    kvBytesPerToken: r.kvBytesPerToken,
    kvCacheGiB: round(r.kvCacheGiB),
    kvCacheTokens: r.kvCacheTokens,
    blockSize: r.blockSize,
    maxModelLen: r.maxModelLen,
    derivedMaxModelLen: r.derivedMaxModelLen,
    maxModelLenThatFits: r.maxModelLenThatFits,
    concurrency: round(r.concurrency),
    vllmVersion: r.vllmVersion,
    ...(facts ? buildFactsJson(facts) : {}),
  };
}

/** `resolvedFrom` (one line) and `source` (kind, location, revision, files, inferred) of a model. */
export function buildFactsJson(facts: ModelFacts): Record<string, unknown> {
  return {
    resolvedFrom: describeModelSource(facts.source),
    source: buildModelSourceJson(facts),
  };
}

/** Text lines saying where a model's facts came from and what was inferred. */
export function renderFacts(facts: ModelFacts): string {
  const lines = [`  facts from       ${describeModelSource(facts.source)}`];
  facts.inferred.forEach((line, i) =>
    lines.push(`  ${i === 0 ? "inferred        " : "                "} ${line}`),
  );
  return lines.join("\n");
}

/** The text line naming the vLLM release sized with, and whether the user chose it. */
export function renderRelease(setup: ServingSetup, standIn?: StandInRelease): string {
  if (standIn !== undefined)
    return `  vLLM release     ${standIn.requested} (--vllm-version): ${standIn.note}`;
  return setup.vllmVersion === undefined
    ? `  vLLM release     ${DEFAULT_VLLM_VERSION} assumed (no --vllm-version given): its start-up memory accounting is modelled`
    : `  vLLM release     ${setup.vllmVersion} (--vllm-version)`;
}

/** Human-readable lines of a fit report (shared with `plan`); `header` lines follow the title. */
export function renderFit(title: string, r: FitReport, header: readonly string[] = []): string {
  const graphs =
    r.cudaGraphGiBPerGpu > 0
      ? `, CUDA graphs ${gib(r.cudaGraphGiBPerGpu)} (${r.cudaGraphInKvBudget ? "reserved inside the KV budget" : "captured after the KV pool"})`
      : "";
  // Model Runner V2 keeps its sampler's penalty and grammar buffers allocated (sizing/overhead.ts).
  const samplerState =
    r.samplerStateGiBPerGpu > 0
      ? `, sampler state ${gib(r.samplerStateGiBPerGpu)} (Model Runner V2)`
      : "";
  // Pipeline stages after the first keep a buffer for the hidden states they receive (overhead.ts).
  const received =
    r.receivedHiddenStatesGiBPerGpu > 0
      ? `, received hidden states ${gib(r.receivedHiddenStatesGiBPerGpu)} (stages after the first)`
      : "";
  // A vision tower's start-up profile peaks before the language model's dummy pass (overhead.ts).
  const encoder =
    (r.multimodalEncoderGiBPerGpu ?? 0) > 0
      ? `, vision tower profile ${gib(r.multimodalEncoderGiBPerGpu ?? 0)}`
      : "";
  const lines = [
    `${title}: ${r.fits ? "FITS" : "DOES NOT FIT"}`,
    ...header,
    `  weights          ${gib(r.weightsGiBTotal)} in ${r.weightFormat.toUpperCase()} = ${gib(r.weightsGiBPerGpu)} per GPU (usable ${gib(r.usableGiBPerGpu)} per GPU)`,
    `  runtime          activations ${gib(r.activationGiBPerGpu)}${samplerState}${received}${encoder}, CUDA/NCCL ${gib(r.nonTorchGiBPerGpu)}${graphs} per GPU`,
    // Every layer windowed (Mistral 7B v0.1) or a fixed state: the pool holds windows, not lengths.
    r.kvBytesPerToken > 0
      ? `  KV per token     ${tokens(r.kvBytesPerToken)} bytes per GPU (${r.kvCacheDtype.toUpperCase()})`
      : `  KV per token     none that grows with length per GPU: no layer keeps a full-length cache (windowed or fixed-state layers only) (${r.kvCacheDtype.toUpperCase()})`,
    `  KV pool          ${gib(r.kvCacheGiB)} per GPU = ${tokens(r.kvCacheTokens)} tokens`,
    `  max-model-len    ${tokens(r.maxModelLen)} ${r.maxModelLenNote ? "by default" : "requested"}; ${tokens(r.maxModelLenThatFits)} fits (model maximum ${tokens(r.derivedMaxModelLen)})`,
    `  concurrency      ${r.concurrency.toFixed(2)} full-length sequences`,
  ];
  if (r.maxModelLenNote) lines.push(`  default window   ${r.maxModelLenNote}`);
  if (r.multimodalEncoderNote) lines.push(`  vision tower     ${r.multimodalEncoderNote}`);
  if (r.windowCheckNote) lines.push(`  start-up check   ${r.windowCheckNote}`);
  if (r.speculativeNote) lines.push(`  speculative      ${r.speculativeNote}`);
  if (r.reason) lines.push(`  why              ${r.reason}`);
  return lines.join("\n");
}

export async function runFit(argv: readonly string[]): Promise<CommandOutput> {
  const parsed = await parseFitArgs(argv);
  if (parsed === "help") return { exitCode: EXIT.ok, stdout: FIT_HELP };
  const r = computeFit(parsed.setup);
  if (!r.ok) throw new CliInputError("fit", renameSetupPaths(r.issues));
  const exitCode = r.report.fits ? EXIT.ok : EXIT.doesNotFit;
  const architectureNote = describeArchitectureFallback(parsed.facts.model, r.report.vllmVersion);
  if (parsed.json) {
    const out = {
      ...fitJson(parsed.setup, r.report, parsed.facts),
      ...(architectureNote !== undefined ? { architectureNote } : {}),
      ...(parsed.standIn !== undefined ? { releaseNote: parsed.standIn.note } : {}),
    };
    return { exitCode, stdout: JSON.stringify(out, null, 2) };
  }
  const s = parsed.setup;
  const release = parsed.standIn?.requested ?? s.vllmVersion ?? DEFAULT_VLLM_VERSION;
  const title = `${s.model.id} on ${r.report.gpusUsed} × ${s.gpu.displayName} (TP ${s.tensorParallelSize}, PP ${s.pipelineParallelSize ?? 1}, vLLM ${release})`;
  const header = [
    renderRelease(s, parsed.standIn),
    ...(architectureNote !== undefined ? [`  architecture     ${architectureNote}`] : []),
  ];
  return {
    exitCode,
    stdout: `${renderFit(title, r.report, header)}\n${renderFacts(parsed.facts)}`,
  };
}
