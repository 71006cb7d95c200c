/**
 * `npm run bench:sizing`: compares the sizing with real vLLM start-up logs collected from public
 * issues (bench/data/vllm-startup-logs.json, each with its source URL). For every log it computes
 * the KV pool we predict for the logged setup and the relative error against what vLLM logged
 * ("GPU KV cache size: N tokens", "# GPU blocks: N" x block size, or "Available KV cache memory"),
 * and checks the fit / no-fit verdict. Prints a table, then one JSON line with every figure and
 * its target. Targets: median |error| <= 5%, p90 <= 10%, verdict right every time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deriveModel, findGpu, resolveModelReference } from "../knowledge/catalog";
import {
  computeFit,
  QUANTIZATIONS,
  type FitReport,
  buildSizingModelFromHfConfig,
} from "../knowledge/sizing";
import type {
  KvCacheDtype,
  Quantization,
  ServingDtype,
  SizingGpu,
  SizingModel,
} from "../knowledge/sizing";
import { renderTable } from "../cli/format";
import { compareVersions } from "../knowledge/core/versions";
import { resolveSizedRelease } from "../knowledge/sizing/vllm-profile";
import { readSpeculativeSetup } from "../knowledge/rules/serving-setup";
import { readHfConfigIndex, runHfRoute, type HfRouteResult } from "./hf-route";
import {
  byAddedDateRows,
  quantile,
  summariseByAddedDate,
  type AddedDateEntry,
} from "./sizing-by-date";

interface LogRecord {
  id: string;
  source: string;
  model: string;
  gpu: string;
  gpuTotalGiB: number | null;
  gpuCount: number;
  tp: number;
  pp: number;
  gpuMemoryUtilization: number;
  maxModelLen: number | null;
  maxNumBatchedTokens: number | null;
  maxNumSeqs: number | null;
  dtype: string | null;
  quantization: string | null;
  kvCacheDtype: string | null;
  enforceEager: boolean | null;
  /** `--enable-chunked-prefill` as the run passed it (absent: not given). */
  enableChunkedPrefill?: boolean;
  /** The server passed the model's rope-scaling override (`--rope-scaling` / `hf_overrides`). */
  ropeScaling?: boolean;
  engine: "v0" | "v1" | null;
  vllmVersion: string | null;
  vllmVersionInferred?: string;
  dataParallel?: number;
  enableExpertParallel?: boolean;
  /**
   * Whether FlashInfer was installed beside vLLM, where the log says so (V1 prints "Using FlashInfer for
   * top-p & top-k sampling"); it picks the profile's sampler (sizing/vllm-profile.ts `VllmInstall`).
   */
  flashInfer?: boolean;
  /**
   * The checkpoint's weight format where the log shows it and `quantization` names a method that
   * covers several (compressed-tensors: W4A16 int4, W8A8 int8, FP8); absent: the method's usual one.
   */
  weightFormat?: "int4" | "int8" | "fp8";
  /** Environment variables the server set that the sizing reads (VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE). */
  env?: Record<string, string>;
  /** `--speculative-config` as the log prints it; passed to the fit (sizing/setup.ts `parseSpeculativeConfig`). */
  speculativeConfig?: Record<string, unknown>;
  logged: {
    availableKvCacheGiB: number | null;
    kvCacheTokens: number | null;
    gpuBlocks: number | null;
    blockSize: number | null;
    startupFailed: boolean;
    failure: { availableGiB: number | null; maxSeqLen?: number | null } | null;
    /** "Graph capturing finished in N secs, took X GiB" (V1). */
    cudaGraphGiB?: number | null;
    /** "Estimated CUDA graph memory: X GiB total" (V1 0.19 and later). */
    cudaGraphEstimateGiB?: number | null;
  };
  hfConfig: (Record<string, unknown> & { paramsB?: number }) | null;
  /** Set on logs added after the first collection. */
  added?: string;
}

const GiB = 2 ** 30;

/**
 * Logs whose figures set a constant of the sizing (sizing/overhead.ts, sizing/vllm-profile.ts):
 * the sampler's bytes per logit (the vLLM 0.9.2 log), the hidden-width activation factor (the two
 * RTX 3090 V0 logs) and V1's non-torch memory (the "Non-torch memory" the llm-d H100 logs print).
 * The bench reports the other logs on their own as the held-out figure.
 */
const CALIBRATION_LOGS: ReadonlySet<string> = new Set([
  "qwen3-8b-a100-40gb-v1-092",
  "llama31-8b-rtx3090-v0-20k",
  "llama31-8b-rtx3090-v0-29k-fail",
  "llama31-8b-h100-v1-llmd",
  "qwen3-32b-h100-tp1-v1-llmd",
  "qwen3-32b-2xh100-tp2-v1-llmd",
  "llama33-70b-fp8-2xh100-v1-llmd",
  "gpt-oss-20b-h100-v1-llmd",
  "gpt-oss-120b-h100-v1-llmd",
  // Added 2026-12-06 and used the same day to set the 0.17+ sampler bytes per logit and the 0.18+
  // non-torch memory (sizing/vllm-profile.ts): not held out.
  "qwen3-14b-h100-tp1-v1-0170-llmdplanner-sweep",
  "qwen3-14b-h100-tp1-v1-0180-llmdplanner-sweep",
  "llama-3-1-8b-instruct-h100-tp1pp1-v1-0190-llmdplanner",
  "qwen2-5-7b-instruct-h100-tp1pp1-v1-0190-llmdplanner",
  "gemma-2-2b-it-h100-tp1pp1-v1-0190-llmdplanner",
  "llama-3-1-8b-instruct-h100-tp2pp1-v1-0190-llmdplanner",
  "llama-3-1-8b-instruct-h100-tp1pp2-v1-0190-llmdplanner",
  // Its "consumed memory (weights + non-torch)" line sets the non-torch memory of more than two
  // PCIe GPUs (sizing/vllm-profile.ts `nonTorchPcieExtraBytes`): not held out.
  "qwen3-235b-a22b-2507-fp8-4xrtxpro6000-tp4-v1-0271-kubesimplify",
  // Their all-reduce backends (PYNCCL only, no custom all-reduce) set the A40's interconnect to
  // PCIe (catalog/data/gpus.yaml): not held out.
  "qwen25-7b-instruct-2xa40-tp2-v1-0250fork-vllmexperiment",
  "qwen25-7b-instruct-4xa40-tp4-v1-0250fork-vllmexperiment",
]);

/**
 * Where the default-release tail comes from: the logs judged with the pinned profile, grouped by
 * the release whose memory accounting they were printed under (sizing/vllm-profile.ts: V0 before
 * 0.8; V1 with the sort-path sampler and 0.13/0.54 GiB non-torch memory before 0.17; the
 * 15.4 B/logit sampler, and from 0.18 the pinned non-torch memory, from 0.17).
 */
type ReleaseGroup = "v0" | "v1-before-0.17" | "v1-0.17-and-later" | "release-unknown";
const RELEASE_GROUPS: readonly ReleaseGroup[] = [
  "v0",
  "v1-before-0.17",
  "v1-0.17-and-later",
  "release-unknown",
];

function releaseGroup(r: LogRecord): ReleaseGroup {
  const version = r.vllmVersion ?? r.vllmVersionInferred;
  if (r.engine === "v0") return "v0";
  if (version === undefined || version === null) return "release-unknown";
  if (compareVersions(version, "0.8.0") < 0) return "v0";
  return compareVersions(version, "0.17.0") < 0 ? "v1-before-0.17" : "v1-0.17-and-later";
}

/** The day the second collection of logs was added; logs added then are reported apart. */
const NEW_LOGS_ADDED = "2026-12-06";

/** The model of a log, through the one resolver the CLI and the rules use, else its config.json. */
function resolveModel(r: LogRecord): SizingModel | undefined {
  const resolved = resolveModelReference(r.model);
  if (resolved?.model)
    return r.weightFormat === undefined
      ? resolved.model
      : deriveModel(resolved.model, r.model, r.weightFormat);
  if (r.hfConfig) {
    const built = buildSizingModelFromHfConfig(r.hfConfig, r.model, r.hfConfig.paramsB);
    if (built.ok) return built.model;
  }
  return undefined;
}

function resolveGpu(r: LogRecord): SizingGpu | undefined {
  const known = findGpu(r.gpu.replace(/\s*\(.*\)$/, ""));
  if (known) return r.gpuTotalGiB ? { ...known, cudaTotalBytes: r.gpuTotalGiB * GiB } : known;
  if (!r.gpuTotalGiB) return undefined;
  return {
    model: r.gpu,
    displayName: r.gpu,
    cudaTotalBytes: r.gpuTotalGiB * GiB,
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
  };
}

/**
 * The --quantization a log records, as `fit` takes it (setup.ts QUANTIZATIONS); a log that says
 * compressed-tensors without a weight format is taken as an FP8 build.
 */
function readLogQuantization(name: string): Quantization | undefined {
  if (name === "compressed-tensors") return "fp8";
  return (QUANTIZATIONS as readonly string[]).includes(name) ? (name as Quantization) : undefined;
}

/**
 * vLLM's figures for one log, judged as the log's release ("logged") or as `kindo-models fit`
 * judges a setup when it is not told the release ("default": the pinned release's profile).
 */
function predict(
  r: LogRecord,
  model: SizingModel,
  gpu: SizingGpu,
  release: "logged" | "default" = "logged",
): FitReport | string {
  // A recorded weight format is the checkpoint's own: vLLM loads it as it is.
  const quant =
    r.quantization && r.weightFormat === undefined
      ? readLogQuantization(r.quantization)
      : undefined;
  const checkpointQuantized =
    model.checkpoint.dtype === "fp8" || model.checkpoint.dtype === "mxfp4";
  const speculative = readSpeculativeSetup(r);
  const res = computeFit({
    model,
    gpu,
    gpuCount: r.tp * r.pp,
    tensorParallelSize: r.tp,
    pipelineParallelSize: r.pp,
    dtype: (r.dtype === "auto" || r.dtype === null ? undefined : r.dtype) as
      ServingDtype | undefined,
    quantization: checkpointQuantized ? undefined : quant,
    kvCacheDtype: (r.kvCacheDtype ?? undefined) as KvCacheDtype | undefined,
    gpuMemoryUtilization: r.gpuMemoryUtilization,
    maxModelLen: r.maxModelLen ?? r.logged.failure?.maxSeqLen ?? undefined,
    maxNumSeqs: r.maxNumSeqs ?? undefined,
    maxNumBatchedTokens: r.maxNumBatchedTokens ?? undefined,
    enforceEager: r.enforceEager ?? undefined,
    ...(r.enableChunkedPrefill !== undefined
      ? { enableChunkedPrefill: r.enableChunkedPrefill }
      : {}),
    ropeScaling: r.ropeScaling ?? undefined,
    ...(r.flashInfer !== undefined ? { flashInfer: r.flashInfer } : {}),
    ...(speculative !== undefined ? { speculative } : {}),
    blockSize: r.logged.blockSize ?? undefined,
    ...(r.env?.["VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE"] !== undefined
      ? {
          chunkedLocalAttentionHybridKv:
            r.env["VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE"] === "1",
        }
      : {}),
    // The release decides how the start-up profile counts memory (sizing/vllm-profile.ts); a log
    // that does not print it carries the release its format and date point to.
    ...(release === "logged"
      ? {
          vllmVersion: sizedRelease(r, model),
          engine: r.engine ?? undefined,
        }
      : {}),
  });
  return res.ok ? res.report : res.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

/**
 * The release a log is sized as, as `fit --vllm-version` sizes it: its own, or for a release older
 * than the oldest profiled one the stand-in the policy rules use (vllm-profile.ts
 * `resolveSizedRelease`); one that cannot stand in stays, and the fit refuses it.
 */
function sizedRelease(r: LogRecord, model: SizingModel): string | undefined {
  const version = r.vllmVersion ?? r.vllmVersionInferred ?? undefined;
  if (version === undefined) return undefined;
  const window =
    r.maxModelLen ?? r.logged.failure?.maxSeqLen ?? model.context.maxPositionEmbeddings;
  const sized = resolveSizedRelease(version, window);
  return sized.ok ? sized.version : version;
}

/**
 * The KV figure vLLM logged against ours: its token count when it started (GPU KV cache size, or
 * blocks x block size), else the GiB it had for the KV cache; `err` is signed, ours over logged.
 */
function compareKvFigure(
  r: LogRecord,
  p: FitReport,
): { measured: string; ours: string; err: number | undefined } {
  const loggedTokens =
    r.logged.kvCacheTokens ??
    (r.logged.gpuBlocks !== null ? r.logged.gpuBlocks * (r.logged.blockSize ?? 16) : null);
  const loggedGiB = r.logged.availableKvCacheGiB ?? r.logged.failure?.availableGiB ?? null;
  if (loggedTokens !== null && !r.logged.startupFailed)
    return {
      measured: `${loggedTokens} tok`,
      ours: `${p.kvCacheTokens} tok`,
      err: (p.kvCacheTokens - loggedTokens) / loggedTokens,
    };
  if (loggedGiB !== null && loggedGiB > 0)
    return {
      measured: `${loggedGiB.toFixed(2)} GiB`,
      ours: `${p.kvCacheGiB.toFixed(2)} GiB`,
      err: (p.kvCacheGiB - loggedGiB) / loggedGiB,
    };
  return { measured: "-", ours: "-", err: undefined };
}

/** The logs whose model has a real config.json, sized from it alone (bench/hf-route.ts). */
function measureHfRoute(
  records: readonly LogRecord[],
  catalogErrors: ReadonlyMap<string, number>,
): HfRouteResult {
  const byId = new Map(records.map((r) => [r.id, r]));
  return runHfRoute(
    records.map((r) => ({ id: r.id, model: r.model, startupFailed: r.logged.startupFailed })),
    readHfConfigIndex(),
    (log, model) => {
      const r = byId.get(log.id) as LogRecord;
      const gpu = resolveGpu(r);
      if ((r.dataParallel ?? 1) > 1) return "data-parallel serving is not modelled by the sizing";
      if (!gpu) return "GPU memory unknown";
      const p = predict(r, model, gpu);
      return typeof p === "string" ? p : { report: p, err: compareKvFigure(r, p).err };
    },
    (log) => catalogErrors.get(log.id),
    quantile,
  );
}

function printHfRoute(hf: HfRouteResult): void {
  console.log(
    `\nHF config route (the same logs sized from the model's real config.json alone, as fit --hf-config does; test/data/hf-configs):`,
  );
  console.log(renderTable(["log", "model", "catalog route", "HF route", "verdict"], hf.rows));
  if (hf.notSized.length > 0)
    console.log(`not sized ${hf.notSized.length}: ${hf.notSized.join("; ")}`);
  console.log(
    `HF route: compared ${hf.compared} KV-cache figures: median |error| ${(hf.median * 100).toFixed(1)}%, p90 ${(hf.p90 * 100).toFixed(1)}%; verdict right ${hf.verdictRight}/${hf.verdictTotal} (the catalog route on the same logs: ${hf.catalogCompared} figures, median ${(hf.catalogMedian * 100).toFixed(1)}%, p90 ${(hf.catalogP90 * 100).toFixed(1)}%)`,
  );
  console.log(
    hf.disagreements.length === 0
      ? "the two routes agree within 2 points on every log"
      : `the two routes differ by more than 2 points on ${hf.disagreements.length}: ${hf.disagreements.map((d) => `${d[0]} (catalog ${d[2]}, HF ${d[3]})`).join("; ")}`,
  );
}

function main(): void {
  const records = JSON.parse(
    readFileSync(join(__dirname, "data", "vllm-startup-logs.json"), "utf8"),
  ) as LogRecord[];
  const rows: string[][] = [];
  const errors: number[] = [];
  const poolErrorShares: number[] = [];
  const heldOut: number[] = [];
  const newLogErrors: number[] = [];
  let newVerdictRight = 0;
  let newVerdictTotal = 0;
  let verdictRight = 0;
  let verdictTotal = 0;
  const skipped: string[] = [];
  // The catalog route's signed error per log, for the HF config route's comparison.
  const catalogErrors = new Map<string, number>();
  // The CUDA-graph term (sizing/cuda-graphs.ts) against vLLM's logged graph figures.
  const graphErrors: { id: string; abs: number; rel: number; estimate: boolean }[] = [];
  // The same logs judged without their release, as `fit` runs when not told one.
  const defaultErrors: number[] = [];
  let defaultRight = 0;
  let defaultTotal = 0;
  const defaultByGroup = new Map<ReleaseGroup, number[]>(RELEASE_GROUPS.map((g) => [g, []]));
  // Both judgements of every log, for the figures per `added` day.
  const byDateEntries: AddedDateEntry[] = [];
  for (const r of records) {
    const entry: { -readonly [K in keyof AddedDateEntry]: AddedDateEntry[K] } = {
      added: r.added,
      calibration: CALIBRATION_LOGS.has(r.id),
      releaseMatched: undefined,
      defaultRelease: undefined,
    };
    byDateEntries.push(entry);
    const model = resolveModel(r);
    const gpu = resolveGpu(r);
    if ((r.dataParallel ?? 1) > 1) {
      // The same rule as the policy pack's sizing (validate/served-model.ts): one replica over TP x PP only.
      skipped.push(
        `${r.id} (data-parallel serving across ${r.dataParallel} ranks${r.enableExpertParallel ? " with expert parallel" : ""} is not modelled by the sizing)`,
      );
      continue;
    }
    if (!model || !gpu) {
      skipped.push(`${r.id} (${!model ? "model architecture unknown" : "GPU memory unknown"})`);
      continue;
    }
    const d = predict(r, model, gpu, "default");
    if (typeof d !== "string") {
      const tokens =
        r.logged.kvCacheTokens ??
        (r.logged.gpuBlocks !== null ? r.logged.gpuBlocks * (r.logged.blockSize ?? 16) : null);
      const gib = r.logged.availableKvCacheGiB ?? r.logged.failure?.availableGiB ?? null;
      const e =
        tokens !== null && !r.logged.startupFailed
          ? Math.abs((d.kvCacheTokens - tokens) / tokens)
          : gib !== null && gib > 0
            ? Math.abs((d.kvCacheGiB - gib) / gib)
            : undefined;
      if (e !== undefined) {
        defaultErrors.push(e);
        defaultByGroup.get(releaseGroup(r))?.push(e);
      }
      defaultTotal += 1;
      if (d.fits === !r.logged.startupFailed) defaultRight += 1;
      entry.defaultRelease = { relError: e, verdictRight: d.fits === !r.logged.startupFailed };
    }
    const p = predict(r, model, gpu);
    if (typeof p === "string") {
      skipped.push(`${r.id} (${p})`);
      continue;
    }
    // vLLM's own graph figure: its estimate where printed, else what the capture took.
    const loggedGraphs = r.logged.cudaGraphEstimateGiB ?? r.logged.cudaGraphGiB ?? null;
    if (loggedGraphs !== null && loggedGraphs > 0 && p.cudaGraphGiBPerGpu > 0)
      graphErrors.push({
        id: r.id,
        abs: Math.abs(p.cudaGraphGiBPerGpu - loggedGraphs),
        rel: Math.abs(p.cudaGraphGiBPerGpu - loggedGraphs) / loggedGraphs,
        estimate: r.logged.cudaGraphEstimateGiB != null,
      });
    const loggedGiB = r.logged.availableKvCacheGiB ?? r.logged.failure?.availableGiB ?? null;
    const { measured, ours, err } = compareKvFigure(r, p);
    if (err !== undefined) errors.push(Math.abs(err));
    if (err !== undefined) catalogErrors.set(r.id, err);
    // The pool's error in GiB as a share of the usable memory: how far the sizing's other terms
    // (weights, activations, non-torch, graphs) are off together, whatever the pool's size.
    if (loggedGiB !== null && loggedGiB > 0 && !r.logged.startupFailed)
      poolErrorShares.push(Math.abs(p.kvCacheGiB - loggedGiB) / p.usableGiBPerGpu);
    if (err !== undefined && !CALIBRATION_LOGS.has(r.id)) heldOut.push(Math.abs(err));
    const isNew = r.added === NEW_LOGS_ADDED && !CALIBRATION_LOGS.has(r.id);
    if (err !== undefined && isNew) newLogErrors.push(Math.abs(err));
    const expectFits = !r.logged.startupFailed;
    const right = p.fits === expectFits;
    verdictTotal += 1;
    if (right) verdictRight += 1;
    entry.releaseMatched = {
      relError: err === undefined ? undefined : Math.abs(err),
      verdictRight: right,
    };
    if (isNew) {
      newVerdictTotal += 1;
      if (right) newVerdictRight += 1;
    }
    rows.push([
      r.id,
      `${r.tp}x${r.pp}`,
      measured,
      ours,
      err === undefined ? "-" : `${(err * 100).toFixed(1)}%`,
      expectFits ? "starts" : "fails",
      p.fits ? "fits" : "no fit",
      right ? "ok" : "WRONG",
    ]);
  }
  const sorted = [...errors].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p90 = quantile(sorted, 0.9);
  const heldSorted = [...heldOut].sort((a, b) => a - b);
  const heldMedian = quantile(heldSorted, 0.5);
  const heldP90 = quantile(heldSorted, 0.9);
  const newSorted = [...newLogErrors].sort((a, b) => a - b);
  const newMedian = quantile(newSorted, 0.5);
  const newP90 = quantile(newSorted, 0.9);
  console.log(
    renderTable(
      ["log", "TPxPP", "vLLM logged", "ours", "rel. error", "vLLM", "ours", "verdict"],
      rows,
    ),
  );
  if (skipped.length > 0) console.log(`\nskipped ${skipped.length}: ${skipped.join("; ")}`);
  console.log(
    `\ncompared ${errors.length} KV-cache figures from ${records.length} logs: median |error| ${(median * 100).toFixed(1)}% (target <= 3%), p90 ${(p90 * 100).toFixed(1)}% (target <= 8%); verdict right ${verdictRight}/${verdictTotal} (target all)`,
  );
  console.log(
    `held out (${heldOut.length} figures from logs that set no constant): median |error| ${(heldMedian * 100).toFixed(1)}%, p90 ${(heldP90 * 100).toFixed(1)}%`,
  );
  console.log(
    `logs added ${NEW_LOGS_ADDED}, not used for any constant (${newLogErrors.length} figures): median |error| ${(newMedian * 100).toFixed(1)}%, p90 ${(newP90 * 100).toFixed(1)}%; verdict right ${newVerdictRight}/${newVerdictTotal}`,
  );
  const poolSorted = [...poolErrorShares].sort((a, b) => a - b);
  const poolMedian = quantile(poolSorted, 0.5);
  const poolP90 = quantile(poolSorted, 0.9);
  console.log(
    `KV pool |error| as a share of usable memory (${poolSorted.length} logs that print the pool): median ${(poolMedian * 100).toFixed(2)}%, p90 ${(poolP90 * 100).toFixed(2)}%`,
  );
  const defaultSorted = [...defaultErrors].sort((a, b) => a - b);
  const defaultMedian = quantile(defaultSorted, 0.5);
  const defaultP90 = quantile(defaultSorted, 0.9);
  console.log(
    `judged as fit does without a release (the pinned one's profile; ${defaultErrors.length} figures): median |error| ${(defaultMedian * 100).toFixed(1)}%, p90 ${(defaultP90 * 100).toFixed(1)}%; verdict right ${defaultRight}/${defaultTotal}`,
  );
  const graphAbs = graphErrors.map((g) => g.abs).sort((a, b) => a - b);
  const graphRel = graphErrors.map((g) => g.rel).sort((a, b) => a - b);
  const estimates = graphErrors.filter((g) => g.estimate);
  console.log(
    `CUDA graphs against vLLM's figure (${graphErrors.length} logs; its estimate where printed, else what the capture took): median |error| ${quantile(graphAbs, 0.5).toFixed(2)} GiB (${(quantile(graphRel, 0.5) * 100).toFixed(1)}%), p90 ${quantile(graphAbs, 0.9).toFixed(2)} GiB (${(quantile(graphRel, 0.9) * 100).toFixed(1)}%); against the printed estimate: ${estimates.map((g) => `${g.id} ${(g.rel * 100).toFixed(0)}%`).join(", ")}`,
  );
  const byGroup = Object.fromEntries(
    RELEASE_GROUPS.map((g) => {
      const sortedGroup = [...(defaultByGroup.get(g) ?? [])].sort((a, b) => a - b);
      return [
        g,
        {
          compared: sortedGroup.length,
          medianRelError: Number(quantile(sortedGroup, 0.5).toFixed(4)),
          p90RelError: Number(quantile(sortedGroup, 0.9).toFixed(4)),
        },
      ];
    }),
  );
  console.log(
    `  by the logs' release: ${RELEASE_GROUPS.map((g) => `${g} ${byGroup[g]?.compared ?? 0} figures, median ${((byGroup[g]?.medianRelError ?? Number.NaN) * 100).toFixed(1)}%, p90 ${((byGroup[g]?.p90RelError ?? Number.NaN) * 100).toFixed(1)}%`).join("; ")}`,
  );
  const byAddedDate = summariseByAddedDate(byDateEntries);
  console.log(
    `\nby the day a log was added (logs that set a constant left out; "default release" is fit run without --vllm-version):`,
  );
  console.log(
    renderTable(
      [
        "added",
        "logs",
        "compared",
        "median",
        "p90",
        "verdicts",
        "default: compared",
        "median",
        "p90",
        "verdicts",
      ],
      byAddedDateRows(byAddedDate),
    ),
  );
  const hf = measureHfRoute(records, catalogErrors);
  printHfRoute(hf);
  console.log(
    JSON.stringify({
      bench: "sizing",
      logs: records.length,
      compared: errors.length,
      skipped: skipped.length,
      medianRelError: Number(median.toFixed(4)),
      medianTarget: 0.03,
      p90RelError: Number(p90.toFixed(4)),
      p90Target: 0.08,
      verdictRight,
      verdictTotal,
      verdictTarget: verdictTotal,
      poolErrorShareCompared: poolSorted.length,
      poolErrorShareMedian: Number(poolMedian.toFixed(4)),
      poolErrorShareP90: Number(poolP90.toFixed(4)),
      heldOutCompared: heldOut.length,
      heldOutMedianRelError: Number(heldMedian.toFixed(4)),
      heldOutP90RelError: Number(heldP90.toFixed(4)),
      newLogsAdded: NEW_LOGS_ADDED,
      newLogsCompared: newLogErrors.length,
      newLogsMedianRelError: Number(newMedian.toFixed(4)),
      newLogsP90RelError: Number(newP90.toFixed(4)),
      newLogsVerdictRight: newVerdictRight,
      newLogsVerdictTotal: newVerdictTotal,
      defaultReleaseCompared: defaultErrors.length,
      defaultReleaseMedianRelError: Number(defaultMedian.toFixed(4)),
      defaultReleaseP90RelError: Number(defaultP90.toFixed(4)),
      defaultReleaseVerdictRight: defaultRight,
      defaultReleaseVerdictTotal: defaultTotal,
      defaultReleaseByLoggedRelease: byGroup,
      byAddedDate,
      cudaGraphCompared: graphErrors.length,
      cudaGraphMedianAbsErrorGiB: Number(quantile(graphAbs, 0.5).toFixed(3)),
      cudaGraphP90AbsErrorGiB: Number(quantile(graphAbs, 0.9).toFixed(3)),
      cudaGraphMedianRelError: Number(quantile(graphRel, 0.5).toFixed(4)),
      cudaGraphP90RelError: Number(quantile(graphRel, 0.9).toFixed(4)),
      cudaGraphEstimateCompared: estimates.length,
      hfRouteCompared: hf.compared,
      hfRouteMedianRelError: Number(hf.median.toFixed(4)),
      hfRouteP90RelError: Number(hf.p90.toFixed(4)),
      hfRouteVerdictRight: hf.verdictRight,
      hfRouteVerdictTotal: hf.verdictTotal,
      hfRouteCatalogCompared: hf.catalogCompared,
      hfRouteCatalogMedianRelError: Number(hf.catalogMedian.toFixed(4)),
      hfRouteCatalogP90RelError: Number(hf.catalogP90.toFixed(4)),
    }),
  );
}

main();
