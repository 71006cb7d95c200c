/**
 * Types and zod schema for the self-hosted model catalog. Pure: no Pulumi imports.
 *
 * A catalog entry carries exactly the facts the sizing, planner, flag builder and policies need,
 * each fact group with the URL it was read from. Facts that could not be confirmed against a
 * config.json or model card are listed in `unverified` (by dotted path) — never invented silently.
 */
import { z } from "zod";
import type { ToolCallParser, ReasoningParser } from "./parsers";

/** Numeric formats weights and KV cache can be stored in. */
export const DTYPES = ["fp32", "bf16", "fp16", "fp8", "int8", "int4", "mxfp4", "nvfp4"] as const;
export type Dtype = (typeof DTYPES)[number];

/** Bytes per element (mxfp4/int4: 4 bits plus shared scales, counted as 0.5 + ~3%). */
export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = Object.freeze({
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  // 4-bit formats carry one scale per 32 (mxfp4) or 16 (nvfp4) / 128 (awq/gptq group) values.
  int4: 0.53,
  mxfp4: 0.53,
  nvfp4: 0.56,
});

/** What the model is served for; decides the vLLM runner and the endpoint Kindo calls. */
export type ModelKind = "chat" | "embedding" | "transcription";
export type Modality = "text" | "image" | "audio";

/**
 * Attention layout. `layers` counts every decoder layer; the KV-holding ones are described by
 * `fullAttentionLayers` (grow with sequence length), `windowedLayers` (sliding-window or
 * chunked-local attention: capped at `windowTokens`) and `stateSpaceLayers` (Mamba: no per-token
 * KV). The three add up to `layers`.
 */
export type AttentionSpec =
  | {
      readonly kind: "gqa"; // also covers MHA (kvHeads == queryHeads) and MQA (kvHeads == 1)
      readonly queryHeads: number;
      readonly kvHeads: number;
      readonly headDim: number;
    }
  | {
      readonly kind: "mla"; // DeepSeek V2/V3/R1, Kimi K2: one compressed latent per token per layer
      readonly queryHeads: number;
      readonly kvLoraRank: number;
      readonly qkRopeHeadDim: number;
    };

export interface LayerPattern {
  readonly layers: number;
  readonly fullAttentionLayers: number;
  readonly windowedLayers?: { readonly count: number; readonly windowTokens: number };
  readonly stateSpaceLayers?: number;
}

export interface ArchitectureSpec {
  /** Total parameters in billions (all experts). Weights memory is sized from this. */
  readonly totalParamsB: number;
  /** Parameters active per token in billions (== total for dense models). */
  readonly activeParamsB: number;
  readonly hiddenSize: number;
  readonly vocabSize?: number;
  readonly attention: AttentionSpec;
  readonly layerPattern: LayerPattern;
  readonly experts?: {
    readonly routed: number;
    readonly perToken: number;
    readonly shared?: number;
  };
}

export interface CheckpointSpec {
  /** Dtype of the published weights (what `--dtype auto` / no `--quantization` loads). */
  readonly dtype: Dtype;
  /** Size of the safetensors files in decimal GB, when the repo states it. */
  readonly sizeGB?: number;
  /** Other official checkpoints of the same model, e.g. an FP8 repo. */
  readonly variants?: readonly {
    readonly dtype: Dtype;
    readonly hfId: string;
    readonly sizeGB?: number;
  }[];
}

export interface ContextSpec {
  /** `max_position_embeddings` in config.json: what vLLM derives as the maximum without overrides. */
  readonly maxPositionEmbeddings: number;
  /** The context window the vendor advertises for this checkpoint, in tokens. */
  readonly advertisedTokens: number;
  /**
   * How the advertised window is reached: "native" needs no flag; "rope-scaling" needs the
   * override below passed with `--hf-overrides` (and a raised `--max-model-len`).
   */
  readonly reachedBy: "native" | "rope-scaling";
  readonly ropeScaling?: {
    readonly ropeType: "yarn";
    readonly factor: number;
    readonly originalMaxPositionEmbeddings: number;
  };
}

export interface ModelSources {
  readonly architecture: string;
  readonly context: string;
  readonly toolCalling: string;
  readonly license: string;
}

export interface ModelSpec {
  /** Our stable kebab-case id, e.g. "llama-3.1-70b-instruct". */
  readonly id: string;
  readonly hfId: string;
  readonly displayName: string;
  /** Family key that selects the tool parser and chat template rules. */
  readonly family: string;
  readonly kind: ModelKind;
  readonly aliases: readonly string[];
  readonly architecture: ArchitectureSpec;
  readonly checkpoint: CheckpointSpec;
  readonly context: ContextSpec;
  /** Accepted `--tool-call-parser` values, recommended first; empty when the model has none. */
  readonly toolCallParsers: readonly ToolCallParser[];
  /** Chat template vLLM needs for tool calling, relative to the vLLM repo, when required. */
  readonly toolChatTemplate?: string;
  readonly reasoningParser?: ReasoningParser;
  readonly modalities: readonly Modality[];
  /** Extra flags the model needs regardless of plan (e.g. tokenizer mode, remote code). */
  readonly requiredFlags?: readonly string[];
  /** Serving dtypes vLLM refuses for this model, e.g. fp16 for Gemma 3. */
  readonly unsupportedDtypes?: readonly Dtype[];
  readonly gated: boolean | "unverified";
  readonly license: string;
  readonly sources: ModelSources;
  /** Dotted paths of facts not confirmed against a config.json or model card. */
  readonly unverified: readonly string[];
}

const positiveInt = () => z.number().int().positive();
const url = () => z.string().regex(/^https:\/\/\S+$/, "must be an https URL");

/** zod schema for one catalog entry; `models.test.ts` runs it over the whole catalog. */
export function modelSpecSchema() {
  const attention = z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("gqa"),
      queryHeads: positiveInt(),
      kvHeads: positiveInt(),
      headDim: positiveInt(),
    }),
    z.object({
      kind: z.literal("mla"),
      queryHeads: positiveInt(),
      kvLoraRank: positiveInt(),
      qkRopeHeadDim: positiveInt(),
    }),
  ]);
  return z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
      hfId: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
      displayName: z.string().min(1),
      family: z.string().min(1),
      kind: z.enum(["chat", "embedding", "transcription"]),
      aliases: z.array(z.string()),
      architecture: z.object({
        totalParamsB: z.number().positive(),
        activeParamsB: z.number().positive(),
        hiddenSize: positiveInt(),
        vocabSize: positiveInt().optional(),
        attention,
        layerPattern: z.object({
          layers: positiveInt(),
          fullAttentionLayers: z.number().int().nonnegative(),
          windowedLayers: z
            .object({ count: positiveInt(), windowTokens: positiveInt() })
            .optional(),
          stateSpaceLayers: positiveInt().optional(),
        }),
        experts: z
          .object({
            routed: positiveInt(),
            perToken: positiveInt(),
            shared: z.number().int().nonnegative().optional(),
          })
          .optional(),
      }),
      checkpoint: z.object({
        dtype: z.enum(DTYPES),
        sizeGB: z.number().positive().optional(),
        variants: z
          .array(
            z.object({
              dtype: z.enum(DTYPES),
              hfId: z.string(),
              sizeGB: z.number().positive().optional(),
            }),
          )
          .optional(),
      }),
      context: z.object({
        maxPositionEmbeddings: positiveInt(),
        advertisedTokens: positiveInt(),
        reachedBy: z.enum(["native", "rope-scaling"]),
        ropeScaling: z
          .object({
            ropeType: z.literal("yarn"),
            factor: z.number().positive(),
            originalMaxPositionEmbeddings: positiveInt(),
          })
          .optional(),
      }),
      toolCallParsers: z.array(z.string()),
      toolChatTemplate: z.string().optional(),
      reasoningParser: z.string().optional(),
      modalities: z.array(z.enum(["text", "image", "audio"])).min(1),
      requiredFlags: z.array(z.string()).optional(),
      unsupportedDtypes: z.array(z.enum(DTYPES)).optional(),
      gated: z.union([z.boolean(), z.literal("unverified")]),
      license: z.string().min(1),
      sources: z.object({
        architecture: url(),
        context: url(),
        toolCalling: url(),
        license: url(),
      }),
      unverified: z.array(z.string()),
    })
    .superRefine((m, ctx) => {
      const p = m.architecture.layerPattern;
      const sum =
        p.fullAttentionLayers + (p.windowedLayers?.count ?? 0) + (p.stateSpaceLayers ?? 0);
      if (sum !== p.layers) {
        ctx.addIssue({
          code: "custom",
          path: ["architecture", "layerPattern"],
          message: `full + windowed + state-space layers = ${sum}, expected ${p.layers}`,
        });
      }
      if (m.architecture.activeParamsB > m.architecture.totalParamsB) {
        ctx.addIssue({
          code: "custom",
          path: ["architecture", "activeParamsB"],
          message: "active parameters exceed total parameters",
        });
      }
      if ((m.context.reachedBy === "rope-scaling") !== (m.context.ropeScaling !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["context", "ropeScaling"],
          message: "ropeScaling is required exactly when reachedBy is rope-scaling",
        });
      }
    });
}
