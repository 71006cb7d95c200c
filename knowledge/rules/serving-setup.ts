/**
 * The sizing's setup for one vLLM server's command line: how its GPUs are shared between
 * data-parallel ranks and experts, and the ServingSetup of one rank. Pure.
 */
import type { GpuFacts } from "../catalog/gpu-types";
import type { ModelSpec } from "../catalog/model-types";
import {
  KV_CACHE_DTYPES,
  QUANTIZATIONS,
  SERVING_DTYPES,
  parseSpeculativeConfig,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
  type ServingSetup,
} from "../sizing/setup";
import {
  computeGgmlBitsPerWeight,
  findGgufFileType,
  GGUF_FILE_TYPES,
  type GgufFileTypeName,
} from "../sizing/weights";
import type { GgufWeights, MultimodalSettings, SpeculativeSetup } from "../sizing/setup";
import { compareVersions } from "../core/versions";
import type { VllmSettings } from "../vllm/parse-flags";
import { skipped, type RuleConfig, type RuleOutcome } from "./workload";

/** True when the command line applies a YaRN override (`--hf-overrides` or the older `--rope-scaling`). */
export function appliesRopeScaling(s: VllmSettings): boolean {
  return s.ropeScaling !== undefined || s.unknown.includes("--rope-scaling");
}

/** How one server's GPUs are used: the GPUs of one data-parallel rank, and how experts spread. */
export interface Parallelism {
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly dataParallelSize: number;
  readonly gpusPerRank: number;
  /**
   * GPUs a MoE server's routed experts are spread over: data × tensor parallel size, set with
   * --enable-expert-parallel or with data parallelism (unset: the tensor-parallel GPUs).
   */
  readonly expertParallelSize?: number;
}

/**
 * Each data-parallel rank runs its own TP × PP workers on GPUs of its own and holds a replica of
 * everything but the routed experts, which vLLM spreads over data × tensor parallel size GPUs
 * (vllm/model_executor/layers/fused_moe/config.py `FusedMoEParallelConfig.make`): with
 * --enable-expert-parallel as an expert-parallel group (ep_size = dp_size × tp_size;
 * `determine_expert_map` gives each rank global_num_experts ÷ ep_size experts), and without it by
 * flattening tensor parallelism across the data-parallel ranks (`flatten_tp_across_dp_and_pcp`:
 * tp_size = dp_size × tp_size, each GPU holding that share of every expert). Either way a GPU holds
 * 1/(dp × tp) of the experts' bytes. The pod holds --data-parallel-size-local ranks when set (the
 * others run on other nodes), else all of them.
 */
export function resolveParallelism(s: VllmSettings, gpuCount: number): Parallelism | RuleOutcome {
  const tp = s.tensorParallelSize ?? 1;
  const pp = s.pipelineParallelSize ?? 1;
  const dp = s.dataParallelSize ?? 1;
  const localRanks = s.dataParallelSizeLocal ?? dp;
  if (tp * pp * localRanks > gpuCount)
    return skipped(
      dp > 1
        ? "data × tensor × pipeline parallel size exceeds the GPUs requested"
        : "tensor × pipeline parallel size exceeds the GPUs requested",
    );
  return {
    tensorParallelSize: tp,
    pipelineParallelSize: pp,
    dataParallelSize: dp,
    // Without data parallelism the rank is the server: the GPUs it requests, however many it uses.
    gpusPerRank: dp > 1 ? tp * pp : gpuCount,
    ...((s.enableExpertParallel || dp > 1) && dp * tp > 1 ? { expertParallelSize: dp * tp } : {}),
  };
}

/**
 * vLLM loads a --model that is a ".gguf" file with the gguf quantization and loader whatever the
 * command line says (EngineArgs.create_model_config: `if check_gguf_file(self.model):
 * self.quantization = self.load_format = "gguf"`).
 */
const GGUF_MODEL_FILE = Object.freeze({
  pattern: /\.gguf$/i,
  source: {
    url: "https://github.com/vllm-project/vllm/blob/v0.10.0/vllm/engine/arg_utils.py#L861-L863",
    checked: "2026-12-07",
  },
});

/**
 * Which vLLM releases load a GGUF file. GGUF loading arrived with vllm-project/vllm#5191 (commit
 * 360bd67cf0, 2024-08-06): vllm/model_executor/layers/quantization/gguf.py is in v0.5.5's tree and
 * not in v0.5.4's. A file split by gguf-split ("-00001-of-00003.gguf") is one shard of the model:
 * the GGUF docs say "vllm only supports loading single-file GGUF models" from v0.7.0 (the first
 * release with the page) to v0.23.0, and the loader finds the other shards only from commit
 * 63babd17f1 (2026-03-30, #36965: gguf_loader.py "Discover all GGUF shard files from a single
 * shard path"), which upstream-v0.23.0 holds and v0.10.0 does not. Releases out before that
 * commit (through 0.18.0, 2026-03-24) load one shard only; the first release with it is not known
 * (0.18.1 to 0.22.1), so the sizing takes shard loading as known from 0.23.0.
 */
export const GGUF_LOADING = Object.freeze({
  since: "0.5.5",
  shardsUnsupportedThrough: "0.18.0",
  shardsSupportedFrom: "0.23.0",
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/commit/360bd67cf0",
      checked: "2026-12-07",
    },
    {
      // mgoin, 2024-08-07: "This feature is not in a release yet, it didn't make it in 0.5.4".
      url: "https://github.com/vllm-project/vllm/pull/5191",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.10.0/docs/features/quantization/gguf.md",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/commit/63babd17f1",
      checked: "2026-12-07",
    },
  ]),
});

/** What a GGUF file's name says, by llama.cpp's naming: its file type and, for a split file, its shard. */
export interface GgufFileName {
  /** The file type as written ("Q4_K_M", "UD-Q2_K_XL"), upper case; undefined when the name states none. */
  readonly fileType?: string;
  /** Set for one shard of a split file (gguf-split's "-00001-of-00003" suffix). */
  readonly shard?: { readonly index: number; readonly count: number };
}

// A file type follows a separator and runs to the next one: Q4_K_M, IQ4_XS, Q8_0, BF16, and
// prefixed publishers' mixes (Unsloth's "UD-Q2_K_XL"); the last one in the name counts.
const GGUF_FILE_TYPE =
  /(?<![A-Za-z0-9])((?:UD-)?(?:I?Q\d(?:_[A-Za-z0-9]+)*|BF16|F16|F32))(?![A-Za-z0-9])/gi;
const GGUF_SHARD = /-(\d+)-of-(\d+)$/i;

/**
 * A GGUF repository and the file type to load from it, as vLLM's docs give it:
 * `vllm serve unsloth/Qwen3-0.6B-GGUF:Q4_K_M` ("the `repo_id:quant_type` format to load directly
 * from HuggingFace").
 */
const GGUF_REPO_QUANT_TYPE = Object.freeze({
  pattern: /^[^\s:]+[-_.]gguf:((?:UD-)?(?:I?Q\d(?:_[A-Za-z0-9]+)*|BF16|F16|F32))$/i,
  source: {
    url: "https://github.com/vllm-project/vllm/blob/017e9f44/docs/features/quantization/gguf.md",
    checked: "2026-12-07",
  },
});

/** True when a model reference names GGUF weights: a ".gguf" file, or a GGUF repo's `repo_id:quant_type`. */
function namesGgufWeights(model: string | undefined): boolean {
  return (
    model !== undefined &&
    (GGUF_MODEL_FILE.pattern.test(model) || GGUF_REPO_QUANT_TYPE.pattern.test(model))
  );
}

/** The file type and shard a ".gguf" model path's name states, or a `repo_id:quant_type`'s type; undefined for any other reference. */
export function parseGgufFileName(model: string | undefined): GgufFileName | undefined {
  const quantType = GGUF_REPO_QUANT_TYPE.pattern.exec(model ?? "")?.[1];
  if (quantType !== undefined) return { fileType: quantType.toUpperCase() };
  if (model === undefined || !GGUF_MODEL_FILE.pattern.test(model)) return undefined;
  const parts = model.split("/");
  const stem = (parts.pop() ?? "").replace(/\.gguf$/i, "");
  const shard = GGUF_SHARD.exec(stem);
  const name = shard ? stem.slice(0, shard.index) : stem;
  // A file named for nothing ("merge.gguf") takes the type its directory names ("…-UD-IQ1_S").
  const typeIn = (text: string) => [...text.matchAll(GGUF_FILE_TYPE)].pop()?.[1]?.toUpperCase();
  const fileType = typeIn(name) ?? typeIn(parts.pop() ?? "");
  return {
    ...(fileType !== undefined ? { fileType } : {}),
    ...(shard ? { shard: { index: Number(shard[1]), count: Number(shard[2]) } } : {}),
  };
}

/** Why vLLM `version` cannot load the GGUF file a server names, or whether that is unknown; undefined when it can. */
export function describeUnloadableGguf(
  model: string | undefined,
  version: string,
): { readonly reason: string; readonly certain: boolean } | undefined {
  const file = parseGgufFileName(model);
  if (file === undefined) return undefined;
  if (compareVersions(version, GGUF_LOADING.since) < 0)
    return {
      reason: `vLLM ${version} cannot load GGUF files (GGUF loading arrived in ${GGUF_LOADING.since}), so it does not start with "${model ?? ""}"`,
      certain: true,
    };
  const shard = file.shard;
  if (shard === undefined || compareVersions(version, GGUF_LOADING.shardsSupportedFrom) >= 0)
    return undefined;
  const what = `"${model ?? ""}" is shard ${shard.index} of a GGUF file split in ${shard.count}`;
  return compareVersions(version, GGUF_LOADING.shardsUnsupportedThrough) <= 0
    ? {
        reason: `${what}, and vLLM ${version} loads only single-file GGUF models (merge the shards with llama.cpp's gguf-split --merge)`,
        certain: true,
      }
    : {
        reason: `${what}, and whether vLLM ${version} finds the other shards is not known (vLLM loads them from ${GGUF_LOADING.shardsSupportedFrom}, and not up to ${GGUF_LOADING.shardsUnsupportedThrough})`,
        certain: false,
      };
}

/** Which end of a GGUF mix's size the sizing counts: its narrowest type, or llama.cpp's reference figure. */
export type GgufBound = "narrowest" | "reference";

/** How a server's GGUF weights are counted, when its file type has a sourced size. */
function resolveGgufWeights(model: string | undefined, bound: GgufBound): GgufWeights | undefined {
  const name = parseGgufFileName(model)?.fileType;
  const fileType = name === undefined ? undefined : findGgufFileType(name);
  if (fileType === undefined) return undefined;
  const t = GGUF_FILE_TYPES.types[fileType];
  const bitsPerWeight =
    bound === "narrowest" ? computeGgmlBitsPerWeight(t.narrowest) : t.referenceBitsPerWeight;
  return { fileType, bitsPerWeight, uniform: "uniform" in t };
}

/**
 * How the sizing counted a GGUF server's weights, for its messages: the file type, the bits per
 * weight taken and what they stand for.
 */
export function describeGgufWeights(g: GgufWeights, bound: GgufBound): string {
  const t = GGUF_FILE_TYPES.types[g.fileType as GgufFileTypeName];
  const reference = `llama.cpp's ${t.referenceBitsPerWeight} for the whole ${GGUF_FILE_TYPES.referenceModel}`;
  return bound === "narrowest" && computeGgmlBitsPerWeight(t.narrowest) < t.referenceBitsPerWeight
    ? `The GGUF ${g.fileType} weights are counted at ${g.bitsPerWeight} bits per weight, the narrowest type of the mix (${t.narrowest}); its output, embedding and some layers are wider (${reference}), so the file is at least this large`
    : `The GGUF ${g.fileType} weights are counted at ${g.bitsPerWeight} bits per weight (${reference}; a model's embedding and output, often wider than the rest, take a different share of it)`;
}

/** The quantization the server loads its weights with: --quantization, else gguf for a GGUF file. */
function resolveQuantization(settings: VllmSettings): Quantization | undefined {
  if ((QUANTIZATIONS as readonly string[]).includes(settings.quantization ?? ""))
    return settings.quantization as Quantization;
  if (settings.quantization === undefined && namesGgufWeights(settings.model)) return "gguf";
  return undefined;
}

/**
 * How the weights of a server that loads a GGUF file are counted (vLLM loads a .gguf --model with
 * the gguf method unless another --quantization is named); undefined for any other server or a
 * file type without a sourced size.
 */
export function resolveServerGgufWeights(
  settings: VllmSettings,
  bound: GgufBound,
): GgufWeights | undefined {
  return resolveQuantization(settings) === "gguf"
    ? resolveGgufWeights(settings.model, bound)
    : undefined;
}

/** The values an unread flag carries in `settings.unknown`, or undefined when it is not given. */
function findUnknownFlag(settings: VllmSettings, flag: string): string[] | undefined {
  const at = settings.unknown.indexOf(flag);
  if (at < 0) return undefined;
  const after = settings.unknown.slice(at + 1);
  const next = after.findIndex((t) => t.startsWith("--"));
  return next < 0 ? after : after.slice(0, next);
}

/** A JSON object flag value, or undefined when it is not one. */
function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const o: unknown = JSON.parse(text);
    return typeof o === "object" && o !== null && !Array.isArray(o)
      ? (o as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * --limit-mm-per-prompt as vLLM reads it: a JSON object of counts (or of `{"count": n, ...}` options,
 * vllm/config/multimodal.py `limit_per_prompt` at 0fc695fc L80-96), or the 0.8-era "image=1,video=0". Its per-modality dummy options (width, height, num_frames), which shrink the dummy item, are not read.
 */
function parseMmLimits(text: string | undefined): MultimodalSettings["limitPerPrompt"] {
  if (text === undefined) return undefined;
  const json = parseJsonObject(text);
  const entries: [string, unknown][] = json
    ? Object.entries(json).map(([k, v]) => [
        k,
        typeof v === "object" && v !== null ? (v as Record<string, unknown>)["count"] : v,
      ])
    : text.split(",").map((kv) => kv.split("=") as [string, unknown]);
  const limits: { image?: number; video?: number } = {};
  for (const [k, v] of entries) {
    const n = Number(v);
    if ((k === "image" || k === "video") && Number.isInteger(n) && n >= 0) limits[k] = n;
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/**
 * The multimodal flags that change the vision tower's start-up profile (sizing/setup.ts
 * `MultimodalSettings`); this parser leaves them in `unknown`. Undefined when none is given.
 */
export function readMultimodalSettings(settings: VllmSettings): MultimodalSettings | undefined {
  const limits = parseMmLimits(findUnknownFlag(settings, "--limit-mm-per-prompt")?.[0]);
  const kwargs = parseJsonObject(findUnknownFlag(settings, "--mm-processor-kwargs")?.[0]);
  const maxPixels = kwargs?.["max_pixels"];
  const tpMode = findUnknownFlag(settings, "--mm-encoder-tp-mode")?.[0];
  const out: MultimodalSettings = {
    ...(limits !== undefined ? { limitPerPrompt: limits } : {}),
    ...(findUnknownFlag(settings, "--skip-mm-profiling") !== undefined
      ? { skipProfiling: true }
      : {}),
    ...(findUnknownFlag(settings, "--language-model-only") !== undefined
      ? { languageModelOnly: true }
      : {}),
    ...(typeof maxPixels === "number" && Number.isInteger(maxPixels) && maxPixels > 0
      ? { maxPixels }
      : {}),
    ...(tpMode === "data" || tpMode === "weights" ? { encoderTpMode: tpMode } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Why a server's --speculative-config is not sized: a value vLLM refuses at start-up (not a JSON
 * object, an unknown method, no count), or one the sizing cannot read (a draft model's own count);
 * undefined when there is none or it is sized. Said by the sizing rules instead of sizing the
 * server without its draft, as `fit --speculative-config` refuses the same value.
 */
export function describeSpeculativeRefusal(settings: VllmSettings): string | undefined {
  const text = settings.speculativeConfigText;
  if (text !== undefined)
    return `--speculative-config ${JSON.stringify(text)} is not a JSON object, which vLLM refuses at start-up, so the server does not start`;
  if (settings.speculativeConfig === undefined) return undefined;
  const r = parseSpeculativeConfig(settings.speculativeConfig);
  if (r.ok) return undefined;
  const value = JSON.stringify(settings.speculativeConfig);
  return r.vllmRefuses
    ? `--speculative-config ${value} is not one vLLM accepts (${r.reason}), so the server does not start`
    : `--speculative-config ${value} is not sized: ${r.reason}`;
}

/**
 * The server's speculative decoding as the sizing takes it (sizing/setup.ts
 * `parseSpeculativeConfig`), from --speculative-config in any spelling parse-flags.ts reads;
 * undefined without one, or when vLLM would refuse the value ({@link describeSpeculativeRefusal}).
 */
export function readSpeculativeSetup(
  settings: Pick<VllmSettings, "speculativeConfig">,
): SpeculativeSetup | undefined {
  if (settings.speculativeConfig === undefined) return undefined;
  const r = parseSpeculativeConfig(settings.speculativeConfig);
  return r.ok ? r.speculative : undefined;
}

/** The sizing's setup for one data-parallel rank of a server, on `gpu`. */
export function buildServingSetup(
  settings: VllmSettings,
  spec: ModelSpec,
  gpu: GpuFacts,
  p: Parallelism,
  config: RuleConfig,
  vllmVersion: string,
  ggufBound: GgufBound = "reference",
): ServingSetup {
  const quantization = resolveQuantization(settings);
  const ggufWeights = resolveServerGgufWeights(settings, ggufBound);
  return {
    model: spec,
    gpu,
    gpuCount: p.gpusPerRank,
    tensorParallelSize: p.tensorParallelSize,
    pipelineParallelSize: p.pipelineParallelSize,
    ...(p.expertParallelSize !== undefined ? { expertParallelSize: p.expertParallelSize } : {}),
    ...(p.dataParallelSize > 1 ? { dataParallelSize: p.dataParallelSize } : {}),
    ...(settings.enableExpertParallel === true ? { enableExpertParallel: true } : {}),
    ...((settings.decodeContextParallelSize ?? 1) > 1
      ? { decodeContextParallelSize: settings.decodeContextParallelSize }
      : {}),
    ...((SERVING_DTYPES as readonly string[]).includes(settings.dtype ?? "")
      ? { dtype: settings.dtype as ServingDtype }
      : {}),
    ...(quantization !== undefined ? { quantization } : {}),
    ...(ggufWeights !== undefined ? { ggufWeights } : {}),
    ...((KV_CACHE_DTYPES as readonly string[]).includes(settings.kvCacheDtype ?? "")
      ? { kvCacheDtype: settings.kvCacheDtype as KvCacheDtype }
      : {}),
    gpuMemoryUtilization: settings.gpuMemoryUtilization ?? config.gpuMemoryUtilization,
    ...(settings.maxModelLen !== undefined ? { maxModelLen: settings.maxModelLen } : {}),
    ...(settings.maxNumSeqs !== undefined ? { maxNumSeqs: settings.maxNumSeqs } : {}),
    ...(settings.maxNumBatchedTokens !== undefined
      ? { maxNumBatchedTokens: settings.maxNumBatchedTokens }
      : {}),
    ...(settings.blockSize !== undefined ? { blockSize: settings.blockSize } : {}),
    ...(settings.enforceEager !== undefined ? { enforceEager: settings.enforceEager } : {}),
    ...(settings.enableChunkedPrefill !== undefined
      ? { enableChunkedPrefill: settings.enableChunkedPrefill }
      : {}),
    ropeScaling: appliesRopeScaling(settings),
    vllmVersion,
    ...withMultimodal(readMultimodalSettings(settings)),
    ...withSpeculative(readSpeculativeSetup(settings)),
  };
}

function withSpeculative(sp: SpeculativeSetup | undefined): { speculative?: SpeculativeSetup } {
  return sp === undefined ? {} : { speculative: sp };
}

function withMultimodal(m: MultimodalSettings | undefined): { multimodal?: MultimodalSettings } {
  return m === undefined ? {} : { multimodal: m };
}
