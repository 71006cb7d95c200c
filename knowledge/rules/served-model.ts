/**
 * What a vLLM server runs, resolved against the catalogs: the model (from `--model`, a local path
 * or a quantized repo such as "...-FP8"), the GPU, and the fit vLLM would compute at start-up.
 * Shared by the sizing rules so they all judge the same numbers. Pure.
 */
import { findSizingGpu } from "../catalog/gpu-lookup";
import { resolveModelReference, type ModelResolution } from "../catalog/resolve";
import type { GpuFacts } from "../catalog/gpu-types";
import type { ModelSpec } from "../catalog/model-types";
import { computeFit, type FitReport } from "../sizing/fit";
import {
  KV_CACHE_DTYPES,
  QUANTIZATIONS,
  SERVING_DTYPES,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
} from "../sizing/setup";
import type { VllmSettings } from "../vllm/parse-flags";
import {
  skipped,
  unknownAt,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

export interface ServedModel {
  /** How `--model` was resolved, with what was inferred. */
  readonly resolution: ModelResolution;
  /** The catalog entry to size with (a derivative's carries its weights); undefined for a family-only match. */
  readonly spec?: ModelSpec;
}

/** Resolves `--model` (HF id, alias, local path, mirror, quantized derivative, fine-tune or family member). */
export function resolveServedModel(model: string | undefined): ServedModel | undefined {
  if (model === undefined) return undefined;
  const resolution = resolveModelReference(model);
  if (resolution === undefined) return undefined;
  return { resolution, ...(resolution.model ? { spec: resolution.model } : {}) };
}

/** How a rule names the served model: its display name, then what was inferred, if anything. */
export function describeServedModel(m: ServedModel): string {
  const r = m.resolution;
  return r.resolvedFrom === undefined ? r.displayName : `${r.displayName} (${r.resolvedFrom})`;
}

/** The vLLM release a container runs when its image tag says so ("vllm/vllm-openai:v0.10.1.1" -> "0.10.1.1"). */
export function findImageVllmVersion(image: string | undefined): string | undefined {
  const tag = /:([^/:@]+)(@|$)/.exec(image?.slice(image.lastIndexOf("/")) ?? "")?.[1];
  return /^v?(\d+\.\d+(\.\d+){0,2})$/.exec(tag ?? "")?.[1];
}

/** The release a server is judged as (parsers, memory profile, KV layout): the image's, else the configured one. */
export function judgedVllmVersion(w: VllmWorkload, config: RuleConfig): string {
  return findImageVllmVersion(w.image) ?? config.vllmVersion;
}

/** The settings or, when part of the command line is unknown at preview, the outcome saying so. */
export function requireSettings(w: VllmWorkload): VllmSettings | RuleOutcome {
  return w.settings ?? unknownAt(w.unknownPaths);
}

/** The outcome for a rule that needs numeric flags whose value is a placeholder, if any are. */
export function requireResolved(
  s: VllmSettings,
  flags: readonly string[],
): RuleOutcome | undefined {
  const open = (s.unresolved ?? []).filter((f) => flags.includes(f));
  return open.length === 0
    ? undefined
    : skipped(
        `${open.join(" and ")} ${open.length === 1 ? "is a placeholder" : "are placeholders"}, not a number`,
      );
}

/** The flags the sizing reads. */
export const SIZING_FLAGS = [
  "--tensor-parallel-size",
  "--pipeline-parallel-size",
  "--data-parallel-size",
  "--max-model-len",
  "--gpu-memory-utilization",
  "--max-num-seqs",
  "--max-num-batched-tokens",
  "--block-size",
];

export function isOutcome(v: unknown): v is RuleOutcome {
  const kind = typeof v === "object" && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === "violation" || kind === "unknown" || kind === "skipped";
}

/** Everything the sizing rules need about one server, all resolved. */
export interface SizedWorkload {
  readonly settings: VllmSettings;
  readonly model: ServedModel & { readonly spec: ModelSpec };
  readonly gpu: GpuFacts;
  readonly gpuDisplayName: string;
  readonly gpuCount: number;
  /** The fit at the configured max-model-len (unset: the model's derived maximum, as vLLM does). */
  readonly fit: FitReport;
  readonly ropeScalingApplied: boolean;
}

/** True when the command line applies a YaRN override (`--hf-overrides` or the older `--rope-scaling`). */
export function appliesRopeScaling(s: VllmSettings): boolean {
  return s.ropeScaling !== undefined || s.unknown.includes("--rope-scaling");
}

/** Resolves model, GPU and fit, or says which fact is missing. */
export function sizeWorkload(w: VllmWorkload, config: RuleConfig): SizedWorkload | RuleOutcome {
  const settings = requireSettings(w);
  if (isOutcome(settings)) return settings;
  const placeholders = requireResolved(settings, SIZING_FLAGS);
  if (placeholders) return placeholders;
  const served = resolveServedModel(settings.model);
  if (!served)
    return skipped(
      `model "${settings.model ?? "(none)"}" is not in the catalog, and no family rule recognises it`,
    );
  if (!served.spec) {
    return skipped(
      `model "${settings.model ?? ""}" is not in the catalog (${served.resolution.resolvedFrom ?? "recognised by its family"}), so its size is unknown`,
    );
  }
  const model = { ...served, spec: served.spec };
  if (w.gpuCount === undefined) return skipped("the pod requests no nvidia.com/gpu");
  const gpu = findSizingGpu(w.gpuName ?? config.defaultGpu ?? "");
  if (!gpu)
    return skipped(
      w.gpuName
        ? `GPU "${w.gpuName}" is not in the GPU catalog`
        : "the GPU model is not stated (set defaultGpu)",
    );
  const tp = settings.tensorParallelSize ?? 1;
  const pp = settings.pipelineParallelSize ?? 1;
  // Data parallel ranks each hold a replica (or, with expert parallel, a shard of the experts);
  // the sizing models one replica over TP × PP GPUs only, so it judges nothing here.
  if ((settings.dataParallelSize ?? 1) > 1)
    return skipped(
      "data-parallel serving (--data-parallel-size > 1) is not modelled by the sizing",
    );
  if (tp * pp > w.gpuCount)
    return skipped("tensor × pipeline parallel size exceeds the GPUs requested");
  const ropeScalingApplied = appliesRopeScaling(settings);
  const quantization = (QUANTIZATIONS as readonly string[]).includes(settings.quantization ?? "")
    ? (settings.quantization as Quantization)
    : undefined;
  const r = computeFit({
    model: model.spec,
    gpu,
    gpuCount: w.gpuCount,
    tensorParallelSize: tp,
    pipelineParallelSize: pp,
    ...((SERVING_DTYPES as readonly string[]).includes(settings.dtype ?? "")
      ? { dtype: settings.dtype as ServingDtype }
      : {}),
    ...(quantization !== undefined ? { quantization } : {}),
    ...((KV_CACHE_DTYPES as readonly string[]).includes(settings.kvCacheDtype ?? "")
      ? { kvCacheDtype: settings.kvCacheDtype as KvCacheDtype }
      : {}),
    gpuMemoryUtilization: settings.gpuMemoryUtilization ?? config.gpuMemoryUtilization,
    ...(settings.maxModelLen !== undefined ? { maxModelLen: settings.maxModelLen } : {}),
    ...(settings.maxNumSeqs !== undefined ? { maxNumSeqs: settings.maxNumSeqs } : {}),
    ...(settings.maxNumBatchedTokens !== undefined
      ? { maxNumBatchedTokens: settings.maxNumBatchedTokens }
      : {}),
    ...(settings.enforceEager !== undefined ? { enforceEager: settings.enforceEager } : {}),
    ropeScaling: ropeScalingApplied,
    vllmVersion: judgedVllmVersion(w, config),
  });
  if (!r.ok) return skipped(r.issues.map((i) => i.message).join(" "));
  return {
    settings,
    model,
    gpu,
    gpuDisplayName: gpu.displayName,
    gpuCount: w.gpuCount,
    fit: r.report,
    ropeScalingApplied,
  };
}
