/**
 * The zod schemas of the catalog's data files (knowledge/catalog/data/): the single source of the
 * catalog's types, which are `z.infer` of these. `npm run generate:catalog` validates the data
 * with them and emits the typed modules in generated/. Pure: no Pulumi imports.
 */
import { z } from "zod";
import { DTYPES, MODALITIES, MODEL_KINDS, ROPE_TYPES } from "./vocabulary";

export { DTYPES, MODALITIES, MODEL_KINDS, ROPE_TYPES } from "./vocabulary";
export type { Dtype, Modality, ModelKind, RopeType } from "./vocabulary";

const positiveInt = () => z.number().int().positive();

/** Where a fact group was read, and when. */
/** What a quantized checkpoint quantizes (CheckpointSpec `quantizedModules`). */
export const QUANTIZED_MODULES = [
  "all-but-embeddings",
  "routed-experts",
  "feed-forward-except-end-layers",
] as const;

export function provenanceSchema() {
  return z.strictObject({
    url: z.string().regex(/^https:\/\/\S+$/, "must be an https URL"),
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD)"),
  });
}
export type Provenance = z.infer<ReturnType<typeof provenanceSchema>>;

/**
 * Attention layout. "gqa" also covers MHA (kvHeads == queryHeads) and MQA (kvHeads == 1); "mla"
 * is DeepSeek's multi-head latent attention (one latent of kvLoraRank + qkRopeHeadDim per token
 * per layer, not split by tensor parallelism).
 */
export function attentionSchema() {
  return z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("gqa"),
      queryHeads: positiveInt(),
      kvHeads: positiveInt(),
      headDim: positiveInt(),
      /**
       * The full-attention layers' own KV shape when it differs from the windowed layers' (Gemma
       * 4: config.json `global_head_dim`, and `num_global_key_value_heads` when
       * `attention_k_eq_v`; vllm/model_executor/models/gemma4.py `Gemma4DecoderLayer`). Absent:
       * every layer has `kvHeads` x `headDim`.
       */
      fullAttention: z.strictObject({ kvHeads: positiveInt(), headDim: positiveInt() }).optional(),
    }),
    z.strictObject({
      kind: z.literal("mla"),
      queryHeads: positiveInt(),
      kvLoraRank: positiveInt(),
      qkRopeHeadDim: positiveInt(),
      /**
       * DeepSeek Sparse Attention (DeepSeek-V3.2, GLM-5): the lightning indexer's key width
       * (config.json `index_head_dim`). Each MLA layer also caches these keys per token, in FP8
       * with one FP32 scale per 128 values, whatever the latent's dtype
       * (vllm/model_executor/models/deepseek_v2.py `DeepseekV32IndexerCache`: an MLAAttentionSpec
       * of head size `index_head_dim + index_head_dim // 128 * 4`, torch.uint8, paged with the
       * latent). Absent: no indexer.
       */
      indexerHeadDim: positiveInt().optional(),
    }),
  ]);
}
export type AttentionSpec = z.infer<ReturnType<typeof attentionSchema>>;

/**
 * Decoder layers by what they keep per token: full attention grows with the sequence; windowed
 * (sliding-window or chunked-local) layers are capped at their window; state-space (Mamba) and
 * linear-attention layers keep a constant state. The four add up to `layers`.
 */
export function layerPatternSchema() {
  return z.strictObject({
    layers: positiveInt(),
    fullAttentionLayers: z.number().int().nonnegative(),
    windowedLayers: z
      .strictObject({ count: positiveInt(), windowTokens: positiveInt() })
      .optional(),
    stateSpaceLayers: positiveInt().optional(),
    linearAttentionLayers: positiveInt().optional(),
    /**
     * Layers, by attention type, that reuse the KV cache of an earlier layer of the same type and
     * allocate none (config.json `num_kv_shared_layers`: the last N decoder layers; vLLM's
     * Attention `kv_sharing_target_layer_name`, skipped by the KV-cache spec). Counted within
     * `fullAttentionLayers` and `windowedLayers.count`.
     */
    kvSharedLayers: z
      .strictObject({
        full: z.number().int().nonnegative(),
        windowed: z.number().int().nonnegative(),
      })
      .optional(),
  });
}
export type LayerPattern = z.infer<ReturnType<typeof layerPatternSchema>>;

/**
 * Vision towers whose start-up encoder profile the sizing models, by the vLLM module that runs them:
 * vllm/model_executor/models/qwen2_vl.py `Qwen2VisionTransformer`, qwen2_5_vl.py
 * `Qwen2_5_VisionTransformer` and qwen3_vl.py `Qwen3_VisionTransformer` (which Qwen3-VL-MoE reuses).
 */
export const VISION_TOWERS = ["qwen2-vl", "qwen2.5-vl", "qwen3-vl"] as const;
export type VisionTower = (typeof VISION_TOWERS)[number];

/**
 * A vision-language model's vision tower, as config.json `vision_config` and the processor's
 * preprocessor_config.json state it: what vLLM's start-up profile runs on its dummy image or video
 * (sizing/overhead.ts `estimateMultimodalEncoderProfile`). The merger's output width is the text
 * model's `hiddenSize` (the merger's `d_model` is `out_hidden_size`, which these configs set to it).
 */
export function visionTowerSchema() {
  return z.strictObject({
    source: provenanceSchema().optional(),
    tower: z.enum(VISION_TOWERS),
    /** `vision_config.hidden_size` (Qwen2-VL: `embed_dim`): the tower's width. */
    hiddenSize: positiveInt(),
    /** `vision_config.intermediate_size` (Qwen2-VL: `embed_dim` x `mlp_ratio`). */
    intermediateSize: positiveInt(),
    patchSize: positiveInt(),
    temporalPatchSize: positiveInt(),
    spatialMergeSize: positiveInt(),
    inChannels: positiveInt(),
    /** `vision_config.deepstack_visual_indexes` length: extra merged outputs kept per token. */
    deepstackLevels: z.number().int().nonnegative().optional(),
    /** The processor's pixel caps: preprocessor_config.json (and video_preprocessor_config.json). */
    processor: z.strictObject({
      source: provenanceSchema().optional(),
      /** `max_pixels`, or `size.longest_edge`: the largest image the processor keeps. */
      imageMaxPixels: positiveInt(),
      /** The video processor's `size.longest_edge`, temporal factor included (Qwen3-VL). */
      videoMaxPixels: positiveInt().optional(),
    }),
  });
}
export type VisionTowerSpec = z.infer<ReturnType<typeof visionTowerSchema>>;

export function architectureSchema() {
  return z.strictObject({
    source: provenanceSchema().optional(),
    /** config.json `architectures[0]` (the text model's for nested multimodal configs). */
    hfArchitecture: z.string().min(1).optional(),
    /** config.json `model_type`. */
    modelType: z.string().min(1).optional(),
    /** Total parameters in billions (all experts); weights memory is sized from it. */
    totalParamsB: z.number().positive(),
    /** Parameters active per token in billions (== total for dense models). */
    activeParamsB: z.number().positive(),
    hiddenSize: positiveInt(),
    intermediateSize: positiveInt().optional(),
    moeIntermediateSize: positiveInt().optional(),
    vocabSize: positiveInt().optional(),
    tiedEmbeddings: z.boolean().optional(),
    attention: attentionSchema(),
    layerPattern: layerPatternSchema(),
    /**
     * Gemma 3n / 4 per-layer embeddings: a `vocabSize` x (layers x `width`) table
     * (config.json `vocab_size_per_layer_input`, `hidden_size_per_layer_input`), counted in
     * totalParamsB. An embedding, so a quantized checkpoint keeps it in 16 bits.
     */
    perLayerEmbedding: z
      .strictObject({ vocabSize: positiveInt(), width: positiveInt() })
      .optional(),
    experts: z
      .strictObject({
        routed: positiveInt(),
        perToken: positiveInt(),
        shared: z.number().int().nonnegative().optional(),
      })
      .optional(),
    /**
     * The Gated DeltaNet (linear-attention) layers' state shapes, config.json's `linear_*` fields:
     * vLLM keeps, per layer and sequence, a convolution state of (keyHeads x keyHeadDim x 2 +
     * valueHeads x valueHeadDim) / TP channels x (convKernel - 1) in the model dtype and a
     * recurrent state of valueHeads / TP x valueHeadDim x keyHeadDim in `stateDtype`
     * (vllm/model_executor/layers/mamba/mamba_utils.py `gated_delta_net_state_shape`, at 0fc695fc),
     * which sets how large vLLM makes the attention block (sizing/kv-cache.ts
     * `computeHybridBlockSize`). `stateDtype` "float32" where config.json's `mamba_ssm_dtype` says
     * so and vLLM reads it (Qwen3.5's architectures: vllm/model_executor/models/config.py
     * `Qwen3_5ForConditionalGenerationConfig`, L536-558 at 0fc695fc, and the text-only
     * `Qwen3_5ForCausalLM`/`Qwen3_5MoeForCausalLM` from main of 2026-07-29, L808 and L941-944 at
     * 017e9f44); "model" for the model dtype.
     */
    gatedDeltaNet: z
      .strictObject({
        source: provenanceSchema().optional(),
        keyHeads: positiveInt(),
        valueHeads: positiveInt(),
        keyHeadDim: positiveInt(),
        valueHeadDim: positiveInt(),
        convKernel: positiveInt(),
        stateDtype: z.enum(["float32", "model"]),
      })
      .optional(),
    /**
     * The multi-token-prediction (MTP) layers the checkpoint ships beside its decoder layers, which
     * vLLM loads only for MTP speculative decoding (`--speculative-config '{"method": "mtp", ...}'`):
     * config.json `num_nextn_predict_layers` (DeepSeek V3/R1/V3.2, GLM-4.5 and later, MiMo) or
     * `mtp_num_hidden_layers` (Qwen3.5/3.6/3.8), as `configKey` names it. vLLM builds every one of
     * them whatever the number of speculative tokens (vllm/model_executor/models/qwen3_5_mtp.py
     * L73 and L101-106, deepseek_mtp.py L131-143 at 0fc695fc: `range(num_mtp_layers)`) and reuses
     * them in turn (`spec_step_idx % num_mtp_layers`); sizing/fit.ts sizes the draft from it.
     * `configKey` "vllm-default" where config.json names no count and vLLM takes 1
     * (models/qwen3_next_mtp.py L60 at 0fc695fc: `getattr(config, "num_nextn_predict_layers", 1)`).
     * Absent: not recorded (a model may still ship MTP layers).
     */
    mtp: z
      .strictObject({
        source: provenanceSchema().optional(),
        layers: positiveInt(),
        configKey: z.enum(["num_nextn_predict_layers", "mtp_num_hidden_layers", "vllm-default"]),
        /**
         * The quantized checkpoint leaves its MTP layers in 16 bits (its quantization config's
         * ignore list names them, e.g. nvidia/Qwen3.6-27B-NVFP4's "mtp*"): the draft is sized in
         * the model dtype instead of the target's format.
         */
        unquantized: z.literal(true).optional(),
      })
      .optional(),
    /** The vision tower of a vision-language model, where the sizing models its profile run. */
    vision: visionTowerSchema().optional(),
    /**
     * config.json `rope_scaling.rope_type` (or its older `type` key), the text config's for nested
     * multimodal configs, read from the config `source` holds: which releases can read the config
     * (data/vllm-releases.yaml `ropeScalingTypes`). Absent when the config has no rope_scaling or it
     * was not read (then `context.configRopeScaling` may name a linear or dynamic one).
     */
    ropeType: z.enum(ROPE_TYPES).optional(),
  });
}
export type ArchitectureSpec = z.infer<ReturnType<typeof architectureSchema>>;

export function checkpointSchema() {
  return z.strictObject({
    source: provenanceSchema().optional(),
    /** Dtype of the published weights (what loads with no --quantization). */
    dtype: z.enum(DTYPES),
    /** Size of the safetensors files in decimal GB, when the repo states it. */
    sizeGB: z.number().positive().optional(),
    /**
     * Which weights a quantized checkpoint holds in `dtype`: all of them but the embeddings and LM
     * head (the default), only the routed experts' (the rest stays BF16), or only the feed-forward
     * projections of every decoder layer but the first and last (Meta's FP8 Llama 3.1 405B; the
     * rest stays BF16).
     */
    quantizedModules: z.enum(QUANTIZED_MODULES).optional(),
    /**
     * The KV-cache dtype the checkpoint's quantization config names (compressed-tensors
     * `kv_cache_scheme` of 8 bits, ModelOpt `kv_cache_quant_algo` FP8): what vLLM runs the cache in
     * under --kv-cache-dtype auto from 0.14.0 (sizing/vllm-profile.ts `resolveDefaultKvCacheDtype`).
     */
    kvCacheDtype: z.literal("fp8").optional(),
    /** The vendor's own checkpoints of the same model in other formats (e.g. an FP8 repo). */
    variants: z
      .array(
        z.strictObject({
          dtype: z.enum(DTYPES),
          hfId: z.string(),
          sizeGB: z.number().positive().optional(),
          quantizedModules: z.enum(QUANTIZED_MODULES).optional(),
          /** The FP8 KV cache the variant's quantization config names (as the checkpoint's `kvCacheDtype`). */
          kvCacheDtype: z.literal("fp8").optional(),
          /** Where `quantizedModules` and `kvCacheDtype` come from. */
          source: provenanceSchema().optional(),
        }),
      )
      .optional(),
  });
}
export type CheckpointSpec = z.infer<ReturnType<typeof checkpointSchema>>;

/** Where a YaRN override goes in --hf-overrides: top level, or a multimodal config's text config. */
export const ROPE_OVERRIDE_KEYS = ["rope_scaling", "text_config.rope_parameters"] as const;
export type RopeOverrideKey = (typeof ROPE_OVERRIDE_KEYS)[number];

export function contextSchema() {
  return z.strictObject({
    source: provenanceSchema().optional(),
    /** config.json `max_position_embeddings`: what vLLM derives without overrides. */
    maxPositionEmbeddings: positiveInt(),
    /**
     * true when config.json names none of the keys vLLM reads a maximum length from (an ALiBi model
     * such as BLOOM): vLLM then runs with any --max-model-len it is given, and assumes
     * `maxPositionEmbeddings` (its default, 2,048) only when none is (vllm/config/model.py
     * `_get_and_verify_max_len`: "If max_model_len is specified, we use it").
     */
    noConfigMaximum: z.literal(true).optional(),
    /**
     * A LongRoPE model's config.json `original_max_position_embeddings` (Phi-3 128K, Phi-3.5,
     * Phi-4-mini, Phi-4-multimodal; rope_scaling type `longrope`, or the older `su` vLLM renames to it): the window
     * its short factors cover, which vLLM runs with when no --max-model-len is given from 0.11.1
     * (sizing/vllm-profile.ts `resolveDefaultMaxModelLen`).
     */
    longRope: z
      .strictObject({
        source: provenanceSchema().optional(),
        originalMaxPositionEmbeddings: positiveInt(),
      })
      .optional(),
    /** The window the vendor advertises for this checkpoint, tokens. */
    advertisedTokens: positiveInt(),
    /** "native": no flag; "rope-scaling": needs `ropeScaling` through --hf-overrides. */
    reachedBy: z.enum(["native", "rope-scaling"]),
    ropeScaling: z
      .strictObject({
        ropeType: z.literal("yarn"),
        factor: z.number().positive(),
        originalMaxPositionEmbeddings: positiveInt(),
        /**
         * Where the card's --hf-overrides puts the YaRN fields: the top-level `rope_scaling`, or a
         * multimodal transformers-5 config's `text_config.rope_parameters`, which vLLM merges key by
         * key into the text config it derives max-model-len from (vllm/config/model.py
         * `_apply_dict_overrides` / `_update_nested`). @default "rope_scaling"
         */
        overrideKey: z.enum(ROPE_OVERRIDE_KEYS).optional(),
        /**
         * The other rope fields the card's override carries, as config.json names them
         * (`mrope_section`, `partial_rotary_factor`, ...): rendered after the YaRN fields.
         */
        extraFields: z
          .record(z.string(), z.union([z.number(), z.boolean(), z.array(z.number())]))
          .optional(),
        /**
         * true when the card's window is above original x factor, the most vLLM derives with the
         * override: vLLM then starts only with VLLM_ALLOW_LONG_MAX_MODEL_LEN=1
         * (vllm/config/model.py `_get_and_verify_max_len`). Required exactly then.
         */
        allowLongMaxModelLen: z.literal(true).optional(),
      })
      .optional(),
    /**
     * config.json's own linear or dynamic `rope_scaling`, which vLLM multiplies
     * `max_position_embeddings` by when it derives the longest max-model-len it accepts, although
     * the window it names already includes it (DeepSeek Coder: 16,384 with linear x4 -> 65,536).
     */
    configRopeScaling: z
      .strictObject({ ropeType: z.enum(["linear", "dynamic"]), factor: z.number().positive() })
      .optional(),
  });
}
export type ContextSpec = z.infer<ReturnType<typeof contextSchema>>;

/** One model's fields as a data file writes them (no `family`: the file gives it). */
function modelFields() {
  return {
    /** Stable kebab-case id: the Hugging Face repo name lower-cased, e.g. "qwen2.5-14b-instruct". */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    hfId: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    displayName: z.string().min(1),
    kind: z.enum(MODEL_KINDS),
    /** false for base (pre-trained) checkpoints: they get no tool-calling requirement. */
    instruct: z.boolean(),
    aliases: z.array(z.string()),
    architecture: architectureSchema(),
    checkpoint: checkpointSchema(),
    context: contextSchema(),
    toolCalling: z.strictObject({
      source: provenanceSchema().optional(),
      /** --tool-call-parser values, recommended first; [] when the model has no tool calling. */
      parsers: z.array(z.string()),
      /** Chat template vLLM needs for tool calling (path in the vLLM repo), when required. */
      chatTemplate: z.string().optional(),
      /**
       * false when the parsers read the model's format but its card does not advertise tool
       * calling: serving it without tool calling is then not a defect. @default true
       */
      expected: z.boolean().optional(),
      /**
       * With no parsers: the format the model writes tool calls in, when it has one that no vLLM
       * parser reads (its chat template, card or maintainers say so). Any --tool-call-parser then
       * misreads it.
       */
      unparsedFormat: z.string().min(1).optional(),
    }),
    reasoning: z
      .strictObject({ source: provenanceSchema().optional(), parser: z.string() })
      .optional(),
    modalities: z.array(z.enum(MODALITIES)).min(1),
    /** Extra flags the model needs whatever the plan (e.g. --tokenizer-mode mistral). */
    requiredFlags: z.array(z.string()).optional(),
    /** Serving dtypes vLLM refuses for this model, e.g. fp16 for Gemma 3. */
    unsupportedDtypes: z.array(z.enum(DTYPES)).optional(),
    license: z.strictObject({
      source: provenanceSchema().optional(),
      name: z.string().min(1),
      gated: z.union([z.boolean(), z.literal("unverified")]),
    }),
    /** Dotted paths of facts not confirmed against a config.json or model card. */
    unverified: z.array(z.string()),
    /** Caveats worth keeping: what was checked, quirks. */
    notes: z.string().optional(),
  };
}

type ModelFieldsOut = z.infer<z.ZodObject<ReturnType<typeof modelFields>>>;

/** The rules across fields of a model entry. */
function refineModel(m: ModelFieldsOut, ctx: z.RefinementCtx): void {
  const p = m.architecture.layerPattern;
  const sum =
    p.fullAttentionLayers +
    (p.windowedLayers?.count ?? 0) +
    (p.stateSpaceLayers ?? 0) +
    (p.linearAttentionLayers ?? 0);
  if (sum !== p.layers) {
    ctx.addIssue({
      code: "custom",
      path: ["architecture", "layerPattern"],
      message: `full + windowed + state-space + linear-attention layers = ${sum}, expected ${p.layers}`,
    });
  }
  const shared = p.kvSharedLayers;
  if (
    shared !== undefined &&
    (shared.full > p.fullAttentionLayers || shared.windowed > (p.windowedLayers?.count ?? 0))
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["architecture", "layerPattern", "kvSharedLayers"],
      message: "KV-shared layers exceed the layers of their attention type",
    });
  }
  if (m.toolCalling.unparsedFormat !== undefined && m.toolCalling.parsers.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["toolCalling", "unparsedFormat"],
      message: "a format no vLLM parser reads cannot come with parsers; set parsers to []",
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
  const r = m.context.ropeScaling;
  if (
    r &&
    (r.allowLongMaxModelLen === true) !==
      m.context.advertisedTokens >
        Math.max(
          m.context.maxPositionEmbeddings,
          Math.floor(r.originalMaxPositionEmbeddings * r.factor),
        )
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["context", "ropeScaling", "allowLongMaxModelLen"],
      message:
        "allowLongMaxModelLen is required exactly when advertisedTokens exceeds originalMaxPositionEmbeddings x factor",
    });
  }
}

/** One model: its facts, each group with its provenance, and the family file it came from. */
export function modelSpecSchema() {
  return z
    .strictObject({
      ...modelFields(),
      /** The family (data file and parser rules) the model belongs to. */
      family: z.string().min(1),
    })
    .superRefine(refineModel);
}
export type ModelSpec = z.infer<ReturnType<typeof modelSpecSchema>>;

/**
 * The names a catalog model answers to, and its family: what lookups read before the full entry.
 * `variantHfIds` are the repos of the other checkpoints its entry lists (checkpoint.variants).
 */
export type ModelName = Pick<ModelSpec, "id" | "hfId" | "aliases" | "family"> & {
  readonly variantHfIds?: readonly string[];
};

/**
 * How a model outside the catalog is recognised as a family member, and what it then gets: by
 * its repo name (lower-cased, derivative suffixes such as -FP8, -AWQ, -GPTQ-Int4, -bnb-4bit
 * stripped) or by config.json `architectures[0]` / `model_type` when a config is at hand.
 */
export function familyRuleSchema() {
  return z.strictObject({
    /** JavaScript regular expressions over the lower-cased repo name. */
    namePatterns: z.array(z.string()).optional(),
    hfArchitectures: z.array(z.string()).optional(),
    modelTypes: z.array(z.string()).optional(),
    /** Parsers an instruct (chat) checkpoint that matches gets; base checkpoints get none. */
    toolCallParsers: z.array(z.string()),
    reasoningParser: z.string().optional(),
    /** Regex over the lower-cased repo name marking an instruct checkpoint. */
    instructPattern: z.string().optional(),
    /** Regex over the lower-cased repo name marking a base (pre-trained) checkpoint. */
    basePattern: z.string().optional(),
    /**
     * Members that share a catalog model's architecture and window: a member whose name matches
     * `namePattern` is sized as the catalog model `model` names, with `$1`, `$2`... replaced by
     * the pattern's groups (resolve-siblings.ts). `source` shows the shared shapes.
     */
    sharesShapesWith: z.array(sharedShapesSchema()).optional(),
    /**
     * Whether an instruct fine-tune of this family (its name marked by `instructPattern`), known
     * only by its name, is taken to keep the family's chat template and so its parsers. Read only
     * by the offline name route (resolve-named-base.ts); left out, such a fine-tune gets no parser.
     */
    fineTunes: z
      .strictObject({ keepChatTemplate: z.boolean(), source: provenanceSchema() })
      .optional(),
    source: provenanceSchema(),
  });
}

/** One `sharesShapesWith` entry of a family rule. */
function sharedShapesSchema() {
  return z.strictObject({
    /** JavaScript regular expression over the lower-cased repo name, derivative suffixes stripped. */
    namePattern: z.string().min(1),
    /** A catalog id, alias or Hugging Face repo name, with `$1`... for the pattern's groups. */
    model: z.string().min(1),
    /**
     * The members' own window, tokens, when it is not the sibling's (Nemotron-H's -Base-8K beside
     * its -Reasoning-128K): config.json's `max_position_embeddings`, with no rope scaling.
     */
    windowTokens: positiveInt().optional(),
    source: provenanceSchema(),
  });
}
export type FamilyRule = z.infer<ReturnType<typeof familyRuleSchema>>;

/** One data file: a family's rules and its models (each model's `family` is the file's). */
export function familyFileSchema() {
  return z.strictObject({
    family: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    displayName: z.string().min(1),
    rules: z.array(familyRuleSchema()),
    models: z.array(z.strictObject(modelFields()).superRefine(refineModel)),
  });
}
export type FamilyFile = z.infer<ReturnType<typeof familyFileSchema>>;

/** A family with its rules, as the generated module holds it. */
export interface FamilyInfo {
  readonly family: string;
  readonly displayName: string;
  readonly rules: readonly FamilyRule[];
}

/** One vLLM release: what it registers and how reasoning is switched on. */
export function vllmReleaseSchema() {
  const names = z.array(z.string().min(1));
  return z.strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    released: z.string().optional(),
    releasedSource: z.string().optional(),
    tagCommit: z.string().optional(),
    tagCommitDate: z.string().optional(),
    firstSeen: z.string().optional(),
    /** Registered for sure; null when the release exists but its registry could not be read. */
    toolCallParsers: names.nullable(),
    reasoningParsers: names.nullable(),
    /** In or out depending on an unknown branch cut: never judged. */
    possiblyAlso: z
      .strictObject({ toolCallParsers: names.optional(), reasoningParsers: names.optional() })
      .optional(),
    counts: z
      .strictObject({ toolCallParsers: z.number(), reasoningParsers: z.number() })
      .optional(),
    reasoningFlag: z.enum(["none", "enable-reasoning", "reasoning-parser-only"]).optional(),
    enableReasoningFlagAccepted: z.boolean().optional(),
    toolCallParserFlag: z.boolean().optional(),
    /** Defaults of environment variables the sizing reads; null when the variable does not exist. */
    envDefaults: z.record(z.string(), z.string().nullable()).optional(),
    /**
     * Whether the release's V1 engine gives chunked-local attention layers (Llama 4) a KV-cache spec
     * of their own, paged as windows by the hybrid KV-cache manager (vllm/v1/kv_cache_interface.py
     * `ChunkedLocalAttentionSpec`, PR #19351), before any environment variable could turn that off.
     * Unset: decided by envDefaults.VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE alone.
     */
    chunkedLocalAttentionSpec: z.boolean().optional(),
    dockerImage: z.string().optional(),
    dockerEvidence: z.string().optional(),
    basis: z.string().optional(),
    source: provenanceSchema(),
    unverified: z.array(z.string()),
    notes: z.string().optional(),
  });
}
export type VllmRelease = z.infer<ReturnType<typeof vllmReleaseSchema>>;

/**
 * The model vLLM serves when a command line names none (EngineArgs.model's default), from the
 * release `from` until the next entry's.
 */
export function vllmDefaultModelSchema() {
  return z.strictObject({
    from: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    model: z.string().min(1),
    source: provenanceSchema(),
    notes: z.string().optional(),
  });
}
export type VllmDefaultModel = z.infer<ReturnType<typeof vllmDefaultModelSchema>>;

/**
 * The first release whose `python -m vllm.entrypoints.openai.api_server` accepts a positional
 * model (as `model_tag`, which only `vllm serve` copies to the model); before it, the module's
 * parser refuses one as an unrecognized argument.
 */
export function apiServerModelTagSchema() {
  return z.strictObject({
    from: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    source: provenanceSchema(),
    notes: z.string().optional(),
  });
}

/**
 * The first release whose --dtype auto falls back to float16 for a bfloat16 checkpoint on a CUDA GPU
 * below compute capability 8.0; before it, auto keeps bfloat16, which vLLM refuses there.
 */
export function autoDtypeFloat16FallbackSchema() {
  return z.strictObject({
    from: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    source: provenanceSchema(),
    notes: z.string().optional(),
  });
}

/**
 * The CUDA compute capability majors on which vLLM has an attention backend for DeepSeek Sparse
 * Attention (MLA with a lightning indexer), from the release `from` until the next entry's.
 */
export function sparseMlaComputeCapabilitySchema() {
  return z.strictObject({
    from: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    majors: z.array(positiveInt()).min(1),
    source: provenanceSchema(),
    notes: z.string().optional(),
  });
}
export type SparseMlaComputeCapability = Omit<
  z.infer<ReturnType<typeof sparseMlaComputeCapabilitySchema>>,
  "notes"
>;

/**
 * A build of vLLM by another project whose image tag names that project's branch, not a vLLM
 * release (Red Hat OpenShift AI's quay.io/modh/vllm:rhoai-2.20-cuda): the vLLM release the
 * branch carries, as its source shows.
 */
export function vllmDownstreamImageSchema() {
  return z.strictObject({
    /** The image without its tag, as a pod names it ("quay.io/modh/vllm"). */
    repository: z.string().min(1),
    tag: z.string().min(1),
    vllmVersion: z.string().regex(/^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/),
    source: provenanceSchema(),
    notes: z.string().optional(),
  });
}
export type VllmDownstreamImage = z.infer<ReturnType<typeof vllmDownstreamImageSchema>>;

const RELEASE_VERSION = /^\d+\.\d+\.\d+(\.post\d+|\.\d+)?$/;

/**
 * What one read of a release's model registry proves: "tag" (its tag commit) both what it registers
 * and what it does not; "cut" (the release-branch cut, or a branch commit before the release) only
 * what it registers (the branch may cherry-pick more); "branch-head" only what it does not.
 */
export const REGISTRY_READ_KINDS = ["tag", "cut", "branch-head"] as const;
/** The kinds of model vLLM's Transformers fallback loads, each from its own release. */
export const TRANSFORMERS_FALLBACK_NEEDS = ["text", "multimodal", "moe", "pooling"] as const;
export type TransformersFallbackNeed = (typeof TRANSFORMERS_FALLBACK_NEEDS)[number];

/**
 * The releases an architecture is registered in, as read: `since` the first read registering it,
 * `absentThrough` the last read before it proving it absent; `lastRegistered`/`removedBy` the last
 * read registering it and the first later read proving it gone. Releases between are open.
 */
export function architectureRangeSchema() {
  return z.strictObject({
    since: z.string().regex(RELEASE_VERSION),
    absentThrough: z.string().regex(RELEASE_VERSION).optional(),
    lastRegistered: z.string().regex(RELEASE_VERSION).optional(),
    removedBy: z.string().regex(RELEASE_VERSION).optional(),
  });
}
export type ArchitectureRange = z.infer<ReturnType<typeof architectureRangeSchema>>;

/** From which release vLLM's Transformers fallback loads an unregistered architecture of one kind. */
export function transformersFallbackSchema() {
  return z.strictObject({
    needs: z.enum(TRANSFORMERS_FALLBACK_NEEDS),
    since: z.string().regex(RELEASE_VERSION),
    absentThrough: z.string().regex(RELEASE_VERSION),
    source: provenanceSchema(),
    unverified: z.array(z.string()).optional(),
    notes: z.string().optional(),
  });
}
export type TransformersFallback = z.infer<ReturnType<typeof transformersFallbackSchema>>;

/**
 * The releases whose vLLM reads one config.json rope_scaling type while it reads the config
 * (vllm/config.py `_get_and_verify_max_len`) and builds the rotary embedding (get_rope), as read at
 * the tags: `refusedFrom` (the first release that reads rope_scaling at all and stops on this type)
 * through `absentThrough` stop at start-up; `since` is the first that reads it. Releases before
 * `refusedFrom` are not judged. No refusal span: every release read accepts it.
 */
export function ropeScalingTypeSupportSchema() {
  return z.strictObject({
    ropeType: z.enum(ROPE_TYPES),
    since: z.string().regex(RELEASE_VERSION),
    refusedFrom: z.string().regex(RELEASE_VERSION).optional(),
    absentThrough: z.string().regex(RELEASE_VERSION).optional(),
    source: provenanceSchema(),
    unverified: z.array(z.string()).optional(),
    notes: z.string().optional(),
  });
}
export type RopeScalingTypeSupport = Omit<
  z.infer<ReturnType<typeof ropeScalingTypeSupportSchema>>,
  "notes"
>;

/** Which architectures each read release registers (vllm/model_executor/models/registry.py). */
export function architectureRegistrySchema() {
  return z.strictObject({
    reads: z.array(
      z.strictObject({
        version: z.string().regex(RELEASE_VERSION),
        commit: z.string().regex(/^[0-9a-f]{40}$/),
        kind: z.enum(REGISTRY_READ_KINDS),
        /** How many architectures the read registers. */
        architectures: z.number().int().positive(),
      }),
    ),
    files: z.array(z.strictObject({ from: z.string().regex(RELEASE_VERSION), path: z.string() })),
    source: provenanceSchema(),
    notes: z.string().optional(),
    transformersFallback: z.array(transformersFallbackSchema()),
    architectures: z.record(z.string(), architectureRangeSchema()),
  });
}
export type ArchitectureRegistry = z.infer<ReturnType<typeof architectureRegistrySchema>>;

export function vllmReleasesFileSchema() {
  return z.strictObject({
    defaultPin: z.string(),
    defaultModels: z.array(vllmDefaultModelSchema()).min(1),
    apiServerModelTag: apiServerModelTagSchema(),
    autoDtypeFloat16Fallback: autoDtypeFloat16FallbackSchema(),
    sparseMlaComputeCapabilities: z.array(sparseMlaComputeCapabilitySchema()).min(1),
    downstreamImages: z.array(vllmDownstreamImageSchema()),
    architectureRegistry: architectureRegistrySchema(),
    ropeScalingTypes: z.array(ropeScalingTypeSupportSchema()).min(1),
    releases: z.array(vllmReleaseSchema()).min(1),
  });
}
export type VllmReleasesFile = z.infer<ReturnType<typeof vllmReleasesFileSchema>>;

/** One GPU model: memory as the runtime reports it, capabilities, and the names clusters use. */
export function gpuSpecSchema() {
  return z.strictObject({
    /** Our stable key, e.g. "h100-80gb-sxm". */
    model: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    vendor: z.enum(["nvidia", "amd"]),
    /** As nvidia-smi / rocm-smi / torch.cuda.get_device_name print it. */
    displayName: z.string().min(1),
    /** Marketing memory size in decimal GB (per card). */
    memoryGB: z.number().positive(),
    /**
     * Total device memory as CUDA/HIP reports it (torch.cuda.mem_get_info()[1]; vLLM's "Free
     * memory on device (x/TOTAL GiB)"): what gpu-memory-utilization is a fraction of, per device.
     */
    cudaTotalBytes: positiveInt(),
    /** How cudaTotalBytes was read; "estimate" when no printed figure was found (see unverified). */
    cudaTotalFrom: z.enum([
      "deviceQuery",
      "hip-deviceQuery",
      "vllm-log",
      "torch-log",
      "nvidia-smi-derived",
      "estimate",
    ]),
    nvidiaSmiTotalMiB: positiveInt().optional(),
    karpenterGpuMemoryMiB: positiveInt().optional(),
    /** NVIDIA compute capability, e.g. 9.0 for Hopper. */
    computeCapability: z.number().positive().optional(),
    /** AMD GPU architecture, e.g. "gfx942". */
    gfxArch: z.string().optional(),
    supportsBf16: z.boolean(),
    /** Native FP8 tensor cores (Ada 8.9, Hopper 9.0, Blackwell 10.x/12.x; AMD gfx942/gfx950). */
    supportsFp8: z.boolean(),
    /** CPU and GPU share one memory (GB10): free-memory checks count the page cache. */
    unifiedMemory: z.boolean().optional(),
    /**
     * How cards of this model are joined when the GPU itself decides it ("pcie": it has no NVLink,
     * as for Ada Lovelace), with `sources.interconnect`; else the multi-GPU instances say it
     * (gpu-lookup.ts `findGpuInterconnect`).
     */
    interconnect: z.enum(["nvlink", "pcie", "xgmi"]).optional(),
    /**
     * A GeForce or TITAN card. NVIDIA's GeForce software license does not cover datacenter
     * deployment, so a server that does not name its GPU is never assumed to run on one.
     */
    consumer: z.boolean().optional(),
    /**
     * false keeps a card out of the GPUs a server that does not name its GPU is judged on
     * (listAssumableGpus): workstation cards smaller than the Tesla T4 (RTX A2000, T1000, T600,
     * Quadro RTX 4000), since the window rule's bound for such a server (the smallest catalog GPU
     * that holds its weights) and the corpus labels that follow it are the T4's until that
     * convention is decided for them, and Jetson modules (an embedded board whose one GPU shares
     * its memory with the CPU, every total an estimate). Named, they are judged as usual
     * (docs/catalog.md "Add a GPU").
     * @default true
     */
    assumedWhenUnnamed: z.boolean().optional(),
    /** Cards that show up as several devices (MI250/MI250X: two 64 GB GCDs). */
    perDevice: z
      .strictObject({ devicesPerCard: positiveInt(), memoryGBPerDevice: z.number().positive() })
      .optional(),
    /** Spellings users and clusters use (GPU Feature Discovery, Karpenter, GKE, AMD labels). */
    aliases: z.array(z.string()),
    sources: z.record(z.string(), provenanceSchema()),
    unverified: z.array(z.string()),
    notes: z.array(z.string()).optional(),
  });
}
export type GpuSpec = z.infer<ReturnType<typeof gpuSpecSchema>>;

/** MIG profiles of one GPU model, as `nvidia.com/mig-<profile>` resources. */
export function migGpuSchema() {
  return z.strictObject({
    gpu: z.string(),
    maxInstancesSource: provenanceSchema().extend({ note: z.string().optional() }).optional(),
    profiles: z.array(
      z
        .strictObject({
          profile: z.string().regex(/^\d+g\.\d+gb(\+me)?(\+gfx)?$/),
          resource: z.string(),
          memoryGB: z.number().positive(),
          computeSlices: positiveInt().optional(),
          maxInstances: positiveInt().optional(),
          /** What runtimes printed for one device of this profile. */
          reportedMemory: z
            .array(
              z
                .object({
                  value: z.number().positive(),
                  unit: z.enum(["MiB", "GiB"]),
                  via: z.string(),
                  source: provenanceSchema(),
                })
                .passthrough(),
            )
            .optional(),
          notes: z.array(z.string()).optional(),
        })
        .passthrough(),
    ),
    notes: z.array(z.string()).optional(),
    unverified: z.array(z.string()).optional(),
  });
}
export type MigGpu = z.infer<ReturnType<typeof migGpuSchema>>;

/** One cloud instance (machine) type and the GPUs it carries. */
export function instanceSpecSchema() {
  return z.strictObject({
    type: z.string().min(1),
    cloud: z.enum(["aws", "gcp", "azure"]),
    family: z.string(),
    /** GPU key; null for machine families that take attachable GPUs (GCP n1). */
    gpu: z.string().nullable(),
    /** Fractional for vGPU / fractional-GPU shapes. */
    gpuCount: z.number().positive().optional(),
    attachable: z.array(z.strictObject({ gpu: z.string(), gkeAccelerator: z.string() })).optional(),
    gkeAccelerator: z.string().optional(),
    karpenterGpuName: z.string().optional(),
    karpenterGpuMemoryMiB: positiveInt().optional(),
    interconnect: z.enum(["nvlink", "pcie", "xgmi"]).optional(),
    vcpu: positiveInt().optional(),
    memoryGiB: z.number().positive().optional(),
    /** On-demand list price in USD per hour, Linux, in `priceRegion`, as of `priceChecked`. */
    onDemandUsdPerHour: z.number().positive().optional(),
    priceRegion: z.string().optional(),
    priceChecked: z.string().optional(),
    priceSource: z.string().optional(),
    specSource: provenanceSchema(),
    unverified: z.array(z.string()),
    notes: z.array(z.string()).optional(),
  });
}
export type InstanceRecord = z.infer<ReturnType<typeof instanceSpecSchema>>;
