/**
 * Parameter count estimated from config.json when the safetensors metadata is not at hand: the
 * weight matrices of every layer, by class (so a quantized checkpoint can be sized class by
 * class). Norms and biases are left out (under 0.1%). Checked against catalog entries whose
 * parameter count is sourced (test/unit/knowledge/catalog/hf-parameters.test.ts). Pure.
 */
import type { ModuleClass } from "./quantization-types";
import type { AttentionShape, MambaShape, TextArchitecture, VisionShape } from "./architecture";

/** Parameters by weight class; `total` sums them, `active` counts top-k experts only and no vision tower. */
export type ParameterBreakdown = Readonly<Record<ModuleClass, number>> & {
  readonly total: number;
  readonly active: number;
};

function attentionParams(a: AttentionShape, h: number, fullLayer = false): number {
  if (a.kind === "gqa") {
    // Gemma 4's global layers project queries, keys and values at their own head dim.
    const { kvHeads, headDim } = fullLayer && a.fullAttention ? a.fullAttention : a;
    const q = h * a.queryHeads * headDim * (a.gatedOutput ? 2 : 1);
    return q + 2 * h * kvHeads * headDim + a.queryHeads * headDim * h;
  }
  const qk = a.qkNopeHeadDim + a.qkRopeHeadDim;
  const q =
    a.qLoraRank !== undefined
      ? h * a.qLoraRank + a.qLoraRank * a.queryHeads * qk
      : h * a.queryHeads * qk;
  const kvA = h * (a.kvLoraRank + a.qkRopeHeadDim);
  const kvB = a.kvLoraRank * a.queryHeads * (a.qkNopeHeadDim + a.vHeadDim);
  return q + kvA + kvB + a.queryHeads * a.vHeadDim * h;
}

function mambaParams(m: MambaShape, h: number): number {
  if (m.version === 1) {
    // Mamba-1 (Jamba): in_proj (x, z), x_proj (dt, B, C), dt_proj, A, conv, out_proj.
    const dtRank = Math.ceil(h / 16);
    return (
      h * 2 * m.innerSize +
      m.innerSize * (dtRank + 2 * m.stateSize) +
      dtRank * m.innerSize +
      m.innerSize * m.stateSize +
      m.innerSize * m.convKernel +
      m.innerSize * h
    );
  }
  // Mamba-2 (Nemotron-H, Granite 4, Bamba): in_proj (x, z, B, C, dt), conv over x, B, C; out_proj.
  const bc = 2 * m.groups * m.stateSize;
  return h * (2 * m.innerSize + bc + m.heads) + (m.innerSize + bc) * m.convKernel + m.innerSize * h;
}

function linearAttentionParams(a: TextArchitecture, h: number): number {
  const l = a.linearAttention;
  if (!l) return 0;
  const keys = l.keyHeads * l.keyHeadDim;
  const values = l.valueHeads * l.valueHeadDim;
  // Gated DeltaNet (Qwen3-Next): in_proj_qkvz, in_proj_ba, conv1d over q, k, v, out_proj. KDA and
  // lightning attention have the same q, k, v, gate and output projections to within a few percent.
  return (
    h * (2 * keys + 2 * values) +
    h * 2 * l.valueHeads +
    (2 * keys + values) * l.convKernel +
    values * h
  );
}

function visionParams(v: VisionShape | undefined, textHidden: number): number {
  if (!v) return 0;
  const perLayer = 4 * v.hidden * v.hidden + (v.gated ? 3 : 2) * v.hidden * v.intermediate;
  // Qwen-VL's patch merger is an MLP over merge² patches; other projectors map the vision width
  // to the text width through a two-layer MLP.
  const merged = v.mergeSize ? v.hidden * v.mergeSize * v.mergeSize : undefined;
  const projector = merged
    ? merged * merged + merged * (v.outHidden ?? textHidden)
    : v.hidden * textHidden + textHidden * textHidden;
  return v.layers * perLayer + projector;
}

/** Parameters of one MLP of `width` (gate, up and down projections when gated) on `io` wide tokens. */
function mlpParams(a: TextArchitecture, width: number, io: number = a.hidden): number {
  return (a.gatedMlp ? 3 : 2) * io * width;
}

/** Dense MLPs: `layers` of `width`, or each layer's own width where the plan lists them. */
function denseMlpParams(a: TextArchitecture, layers: number, width: number): number {
  const widths = a.plan.mlpWidths;
  return widths
    ? widths.reduce((sum, w, i) => sum + (a.plan.mlps[i] === "dense" ? mlpParams(a, w) : 0), 0)
    : layers * mlpParams(a, width);
}

/** Estimates the parameters of the decoder (and its vision tower) from its shape. */
export function estimateParameters(a: TextArchitecture): ParameterBreakdown {
  const h = a.hidden;
  const count = (kind: string, list: readonly string[]) => list.filter((k) => k === kind).length;
  const mixers = a.plan.mixers;
  const windowedLayers = count("sliding", mixers) + count("chunked", mixers);
  const moeLayers = count("moe", a.plan.mlps);
  const denseLayers = count("dense", a.plan.mlps);
  const e = a.experts;
  const embedding = (a.vocab ?? 0) * h;
  const ple = a.perLayerInput;
  const denseWidth = a.denseIntermediate ?? e?.intermediate ?? 0;
  // Gemma 4 `use_double_wide_mlp`: the KV-shared (last) layers' MLP is twice as wide.
  const doubleWide = a.doubleWideSharedMlp ? Math.min(a.kvSharedLayers, denseLayers) : 0;
  // Gemma 4 `enable_moe_block`: expert layers run their dense MLP too.
  const besideExperts = a.denseMlpBesideExperts ? moeLayers : 0;
  const parts: Record<ModuleClass, number> = {
    embedding: embedding + (ple ? ple.vocab * a.layers * ple.width : 0),
    "lm-head": a.tiedEmbeddings ? 0 : embedding,
    attention:
      windowedLayers * attentionParams(a.attention, h) +
      count("full", mixers) * attentionParams(a.attention, h, true) +
      (a.plan.linearReplacements?.attention ?? 0) * h * h,
    mlp:
      denseMlpParams(a, denseLayers - doubleWide + besideExperts, denseWidth) +
      doubleWide * mlpParams(a, 2 * denseWidth) +
      (ple ? 3 * a.layers * h * ple.width : 0) +
      (a.plan.linearReplacements?.mlp ?? 0) * h * h,
    experts: e ? moeLayers * e.routed * mlpParams(a, e.intermediate, e.latent ?? h) : 0,
    "shared-experts": e ? moeLayers * mlpParams(a, e.sharedIntermediate) : 0,
    // The router, and a latent MoE's projections into and out of the latent width.
    router: e ? moeLayers * (h * e.routed + (e.latent ? 2 * h * e.latent : 0)) : 0,
    mamba: a.mamba ? (count("mamba", mixers) + a.parallelMambaLayers) * mambaParams(a.mamba, h) : 0,
    "linear-attention": count("linear", mixers) * linearAttentionParams(a, h),
    vision: visionParams(a.vision, h),
    // Counted apart (estimateMtpParameters): vLLM loads them only for MTP speculative decoding.
    mtp: 0,
  };
  const total = Object.values(parts).reduce((s, n) => s + n, 0);
  const inactiveExperts = e && e.routed > 0 ? parts.experts * (1 - e.perToken / e.routed) : 0;
  return { ...parts, total, active: total - parts.vision - inactiveExperts };
}

/** Parameters of the checkpoint's multi-token-prediction layers (one decoder layer plus a 2h×h projection each). */
export function estimateMtpParameters(a: TextArchitecture, p: ParameterBreakdown): number {
  if (a.mtpLayers === 0 || a.layers === 0) return 0;
  const perLayer =
    (p.attention +
      p.mlp +
      p.experts +
      p["shared-experts"] +
      p.router +
      p.mamba +
      p["linear-attention"]) /
    a.layers;
  return a.mtpLayers * (perLayer + 2 * a.hidden * a.hidden);
}
