/**
 * Describes a model outside the catalog from its Hugging Face config.json, for `fit --hf-config`.
 * Pure: takes the parsed JSON, returns a SizingModel or issues.
 */
import { z } from "zod";
import type { Dtype } from "../catalog/model-types";
import type { SizingModel } from "./setup";
import { failed, issue, type Result } from "../core/issues";

function configSchema() {
  const int = z.number().int().positive();
  return z
    .object({
      num_hidden_layers: int,
      num_attention_heads: int,
      num_key_value_heads: int.optional(),
      head_dim: int.nullish(),
      hidden_size: int,
      intermediate_size: int.optional(),
      moe_intermediate_size: int.optional(),
      vocab_size: int.optional(),
      max_position_embeddings: int,
      torch_dtype: z.string().optional(),
      dtype: z.string().optional(),
      kv_lora_rank: int.nullish(),
      qk_rope_head_dim: int.nullish(),
      sliding_window: int.nullish(),
      layer_types: z.array(z.string()).optional(),
      num_local_experts: int.optional(),
      n_routed_experts: int.optional(),
      num_experts: int.optional(),
      num_experts_per_tok: int.optional(),
      n_shared_experts: z.number().int().nonnegative().optional(),
      quantization_config: z.object({ quant_method: z.string() }).passthrough().optional(),
      rope_scaling: z
        .object({
          factor: z.number().optional(),
          original_max_position_embeddings: z.number().optional(),
          rope_type: z.string().optional(),
          type: z.string().optional(),
        })
        .passthrough()
        .nullish(),
    })
    .passthrough();
}

const DTYPE_OF: Readonly<Record<string, Dtype>> = {
  bfloat16: "bf16",
  float16: "fp16",
  float32: "fp32",
};
const QUANT_OF: Readonly<Record<string, Dtype>> = {
  fp8: "fp8",
  mxfp4: "mxfp4",
  awq: "int4",
  gptq: "int4",
  bitsandbytes: "int4",
};

/** Estimates parameters (billions) of a dense or MoE decoder from its config, when it can. */
function estimateParamsB(
  c: z.infer<ReturnType<typeof configSchema>>,
  kvHeads: number,
  headDim: number,
): number | undefined {
  const h = c.hidden_size;
  const attn = h * c.num_attention_heads * headDim * 2 + h * kvHeads * headDim * 2;
  const experts = c.num_local_experts ?? c.n_routed_experts ?? c.num_experts;
  const inter = experts ? (c.moe_intermediate_size ?? c.intermediate_size) : c.intermediate_size;
  if (inter === undefined) return undefined;
  const mlp = 3 * h * inter * (experts ?? 1) + 3 * h * inter * (c.n_shared_experts ?? 0);
  const embed = 2 * h * (c.vocab_size ?? 0);
  return (c.num_hidden_layers * (attn + mlp) + embed) / 1e9;
}

/**
 * Builds a SizingModel from config.json. `paramsB` overrides the parameter estimate (required
 * when the config lacks the MLP sizes).
 */
export function buildSizingModelFromHfConfig(
  raw: unknown,
  name: string,
  paramsB?: number,
): Result<SizingModel, "model"> {
  const text = (raw as { text_config?: unknown } | null)?.text_config ?? raw;
  const parsed = configSchema().safeParse(text);
  if (!parsed.success) {
    return failed(
      parsed.error.issues.map((i) =>
        issue(
          `hfConfig.${i.path.join(".")}`,
          `config.json field "${i.path.join(".")}" is missing or not a positive whole number. A decoder config needs num_hidden_layers, num_attention_heads, hidden_size and max_position_embeddings.`,
        ),
      ),
    );
  }
  const c = parsed.data;
  const kvHeads = c.num_key_value_heads ?? c.num_attention_heads;
  const headDim = c.head_dim ?? Math.floor(c.hidden_size / c.num_attention_heads);
  const total = paramsB ?? estimateParamsB(c, kvHeads, headDim);
  if (total === undefined)
    return failed([
      issue(
        "params",
        `config.json has no intermediate_size, so the weight size cannot be derived. Pass --params <billions>, e.g. --params 70.6.`,
      ),
    ]);
  const windowed = c.layer_types ? c.layer_types.filter((t) => t.includes("sliding")).length : 0;
  const ck =
    (c.quantization_config && QUANT_OF[c.quantization_config.quant_method]) ??
    DTYPE_OF[c.torch_dtype ?? c.dtype ?? "bfloat16"] ??
    "bf16";
  const experts = c.num_local_experts ?? c.n_routed_experts ?? c.num_experts;
  const mla = c.kv_lora_rank && c.qk_rope_head_dim;
  return {
    ok: true,
    model: {
      id: name,
      architecture: {
        totalParamsB: total,
        activeParamsB: total,
        hiddenSize: c.hidden_size,
        vocabSize: c.vocab_size,
        attention: mla
          ? {
              kind: "mla",
              queryHeads: c.num_attention_heads,
              kvLoraRank: c.kv_lora_rank as number,
              qkRopeHeadDim: c.qk_rope_head_dim as number,
            }
          : { kind: "gqa", queryHeads: c.num_attention_heads, kvHeads, headDim },
        layerPattern: {
          layers: c.num_hidden_layers,
          fullAttentionLayers: c.num_hidden_layers - windowed,
          ...(windowed > 0 && c.sliding_window
            ? { windowedLayers: { count: windowed, windowTokens: c.sliding_window } }
            : {}),
        },
        ...(experts ? { experts: { routed: experts, perToken: c.num_experts_per_tok ?? 1 } } : {}),
      },
      checkpoint: { dtype: ck },
      context: {
        maxPositionEmbeddings: c.max_position_embeddings,
        advertisedTokens: c.max_position_embeddings,
        reachedBy: "native",
      },
    },
  };
}
