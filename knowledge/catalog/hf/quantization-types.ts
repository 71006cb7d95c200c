/** What a quantized checkpoint stores: weight classes and formats. Pure. */
import type { Dtype } from "../schema";

/** Kinds of weights in a decoder: what a checkpoint quantizes and how the parameters split. */
export const MODULE_CLASSES = [
  "embedding",
  "lm-head",
  "attention",
  "mlp",
  "experts",
  "shared-experts",
  "router",
  "mamba",
  "linear-attention",
  "vision",
  "mtp",
] as const;
export type ModuleClass = (typeof MODULE_CLASSES)[number];

/** What a quantized checkpoint stores, and in which format. */
export interface CheckpointQuantization {
  /** `quant_method` as vLLM normalises it ("compressed_tensors" → "compressed-tensors"). */
  readonly method: string;
  /** The `--quantization` name vLLM detects for it. */
  readonly vllmMethod: string;
  /** Format of the quantized linear weights. */
  readonly weightFormat: Dtype;
  /** Format of the routed experts when a separate group quantizes them differently. */
  readonly expertsFormat?: Dtype;
  /**
   * Each quantized class's own format, when the checkpoint names one per layer (ModelOpt
   * MIXED_PRECISION); it takes precedence over `weightFormat` and `expertsFormat`.
   */
  readonly classFormats?: Readonly<Partial<Record<ModuleClass, Dtype>>>;
  /** For messages: "INT4 W4A16 (compressed-tensors, group 128)". */
  readonly description: string;
  /** Weight classes stored in `weightFormat`; everything else stays in 16 bits. */
  readonly quantized: readonly ModuleClass[];
  /** The checkpoint carries FP8 KV-cache scales (kv_cache_scheme / kv_cache_quant_algo). */
  readonly kvCacheFp8?: boolean;
  /**
   * Bytes per quantized weight with its group's scale (and zero point), when the group size is
   * known and differs from `weightFormat`'s default; used for `weightFormat` classes only.
   */
  readonly weightBytes?: number;
  /** Set when the format is approximated (2- or 3-bit weights counted as 4-bit). */
  readonly approximation?: string;
}

/** Either the checkpoint's quantization, none, or why it cannot be read. */
export type QuantizationReading =
  | { readonly kind: "none" }
  | { readonly kind: "quantized"; readonly quantization: CheckpointQuantization }
  | { readonly kind: "unknown"; readonly method: string };

/** The weight classes an ignore / modules_to_not_convert pattern names, if it names whole classes. */
export function classifyModulePattern(pattern: string): ModuleClass[] {
  const s = pattern.toLowerCase().replace(/^re:/, "");
  // A pattern naming one layer ("model.layers.3.mlp.down_proj") leaves one layer in 16 bits: too
  // small to change the size, so it does not remove the whole class.
  const oneLayer = /layers?[._]\d+[._]/.test(s);
  // The multi-token-prediction layers ("mtp*", "model.mtp.layers.0.mlp"): loaded only for MTP
  // speculative decoding, so kept apart from the decoder's classes.
  if (/(^|[^a-z])mtp([^a-z]|$)/.test(s)) return ["mtp"];
  if (/lm_head|output_layer/.test(s)) return ["lm-head"];
  if (/embed|wte\b|tok_embeddings/.test(s)) return ["embedding"];
  if (/vision|visual|image|mm_projector|multi_modal|vit\b|merger|siglip/.test(s)) return ["vision"];
  if (oneLayer) return [];
  if (/shared_expert/.test(s)) return ["shared-experts"];
  if (/linear_attn|\bkda\b/.test(s)) return ["linear-attention"];
  // Nemotron-H names every block "mixer" (mixer.in_proj is Mamba, mixer.q_proj attention,
  // mixer.experts.N the experts, mixer.gate the router), so those are told apart before "mixer".
  if (/router|(mlp|moe|mixer)\.gate(\b|$)/.test(s)) return ["router"];
  if (/self_attn|attention|\.attn\b|\battn\b|\b[qkvo]_proj\b/.test(s)) return ["attention"];
  if (/experts/.test(s)) return ["experts"];
  if (/mixer|mamba|ssm|conv1d/.test(s)) return ["mamba"];
  // A dense MLP's own projections ("mlp.down_proj", "mlp\.(gate|up)_proj"): routed experts sit
  // under mlp.experts.N and are not named.
  if (/mlp\\?\.\(?(gate|up|down|fc)/.test(s)) return ["mlp"];
  if (/\bmlp\b|feed_forward|ffn/.test(s)) return ["mlp", "experts", "shared-experts"];
  return [];
}

/**
 * The weight class of one module named in full ("model.layers.3.mlp.down_proj"): its layer number
 * left out, a dense MLP's projections are the MLP alone, not the experts too.
 */
export function classifyModuleName(name: string): ModuleClass[] {
  const classes = classifyModulePattern(name.replace(/layers?[._]\d+[._]/g, ""));
  return classes.length === 3 && classes[0] === "mlp" && !/expert/i.test(name) ? ["mlp"] : classes;
}
