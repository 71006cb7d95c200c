/**
 * Inputs of the KindoModel dynamic resource and their validation. Pure: no runtime import from
 * `@pulumi/*`, no catalog import (the provider reaches this file after serialisation, so it stays
 * small; the resource resolves the catalog on the program side and passes `catalogTakesImages`).
 *
 * Field names follow Kindo's documented model contract (`litellmModelName`, `litellmParams`,
 * `contextWindow`, ...: https://docs.kindo.ai/deploy/prepare-ai-models/ and the AI Model
 * Deployment Guide, "Adding a Cloud Model to Kindo").
 */
import {
  type Result,
  type ValidationIssue,
  failed,
  isPreviewUnknown,
  issue,
  PREVIEW_UNKNOWN,
  quoteList,
} from "../../../knowledge/core";
import { type KindoInferenceConnection, validateKindoInference } from "./inference-args";
import { validateOwnership } from "./ownership";
import { validateConnectionUrls } from "./connection-urls";

// Kindo's catalog facts (model kinds, LiteLLM prefixes, feature keys) live in the knowledge layer.
export {
  KINDO_FEATURE_KEYS,
  KINDO_PROVIDER_PREFIXES,
  type KindoFeatureKey,
  type KindoModelKind,
} from "../../../knowledge/catalog/kindo";
import {
  KINDO_FEATURE_KEYS,
  KINDO_PROVIDER_PREFIXES,
  type KindoFeatureKey,
  type KindoModelKind,
} from "../../../knowledge/catalog/kindo";

/**
 * What a passed verification proved, wired from `ModelVerification`'s outputs (or written from a
 * verification report). A plain object so it can come from any source.
 */
export interface KindoVerificationEvidence {
  /** The `max_model_len` the server reported (tokens); becomes Kindo's `contextWindow`. */
  readonly maxModelLen: number;
  /** Whether the tool-call probe got a well-formed `tool_calls` answer. */
  readonly toolCallingPassed: boolean;
  /** The model name the server answered under (vLLM `--served-model-name`). */
  readonly servedModelName: string;
  /** When the verification ran (ISO 8601). */
  readonly verifiedAt: string;
}

/** LiteLLM parameters Kindo stores with the model. Secret fields are write-only. */
export interface KindoLitellmParams {
  /** Provider-prefixed model id, e.g. `anthropic/claude-sonnet-4-20250514`. */
  readonly model: string;
  readonly api_key?: string;
  readonly api_base?: string;
  readonly api_version?: string;
  readonly aws_region_name?: string;
  readonly aws_access_key_id?: string;
  readonly aws_secret_access_key?: string;
  readonly aws_session_token?: string;
  readonly aws_role_name?: string;
  /**
   * Tokens per minute LiteLLM may route to this deployment (its router's per-deployment limit,
   * https://docs.litellm.ai/docs/routing; see research/kindo-bedrock.md §C).
   */
  readonly tpm?: number;
  /** Requests per minute LiteLLM may route to this deployment. */
  readonly rpm?: number;
}

/** The `litellmParams` keys that are credentials: never echoed, logged or stored in plaintext. */
export const SECRET_PARAM_KEYS = ["api_key", "aws_secret_access_key", "aws_session_token"] as const;

/** How the Kindo admin API is reached. Paths and auth style are not public: see docs/kindo.md. */
export interface KindoApiConnection {
  readonly url: string;
  readonly adminKey: string;
  /** @default "/v1/admin/models" */
  readonly modelsPath?: string;
  /** `bearer`: `Authorization: Bearer <key>`; `x-api-key`: `x-api-key: <key>`. @default "bearer" */
  readonly authStyle?: "bearer" | "x-api-key";
  /** Field of a model response that holds its id. @default "id" */
  readonly idField?: string;
  /**
   * Model field that records which Pulumi resource owns the model (its URN); Kindo must keep it
   * and return it. Create adopts an existing model of the same serving name only when this field
   * names the resource itself. @default "managedBy"
   */
  readonly ownerField?: string;
}

/** How Unleash is reached and where Kindo's model ids live in it. */
export interface UnleashConnection {
  readonly url: string;
  /** An Unleash admin API token (`*:*.<secret>`). */
  readonly adminToken: string;
  /** @default "default" */
  readonly project?: string;
  /** @default "production" */
  readonly environment?: string;
  /** `json-list`: a JSON array of model ids; `csv`: ids joined by commas. @default "json-list" */
  readonly payloadFormat?: "json-list" | "csv";
}

/** The model fields Kindo stores. */
export interface KindoModelFields {
  readonly litellmModelName: string;
  readonly litellmParams: KindoLitellmParams;
  readonly contextWindow: number;
  readonly maxTokens?: number;
  readonly displayName: string;
  readonly provider: string;
  readonly creator?: string;
  readonly type: "CHAT" | "INTERNAL";
  readonly metadataType: "Text Generation" | "Embeddings" | "Transcription";
  readonly costTier: "LOW" | "MEDIUM" | "HIGH";
}

/** Resolved inputs of the provider (what `check` receives once Outputs are known). */
export interface KindoModelInputs extends Omit<KindoModelFields, "contextWindow"> {
  readonly kindo: KindoApiConnection;
  readonly unleash: UnleashConnection;
  readonly kind: KindoModelKind;
  /** @default verification.maxModelLen */
  readonly contextWindow?: number;
  /** Feature keys whose variant payload gets this model's id. */
  readonly features: readonly string[];
  readonly verification: KindoVerificationEvidence;
  /** Whether the model's catalog entry takes images (resolved by the resource). @default false */
  readonly catalogTakesImages?: boolean;
  /** Verify the model through Kindo's own API before assigning features. @default none (no Kindo-path stage) */
  readonly kindoInference?: KindoInferenceConnection;
  /** The resource's URN, recorded in Kindo as the model's owner (the resource sets it). */
  readonly owner: string;
  /**
   * Take over the Kindo model with this id although another resource (or nobody) owns it.
   * @default none (only a model this resource owns is adopted)
   */
  readonly adoptModelId?: string;
}

/** What create/update act on: the model body and the feature set, all checks passed. */
export interface KindoModelPlan {
  readonly fields: KindoModelFields;
  readonly features: readonly KindoFeatureKey[];
}

const TYPES = ["CHAT", "INTERNAL"] as const;
const METADATA_TYPES = ["Text Generation", "Embeddings", "Transcription"] as const;
const COST_TIERS = ["LOW", "MEDIUM", "HIGH"] as const;

const UNKNOWN_VALUE = PREVIEW_UNKNOWN;
const isUnknown = isPreviewUnknown;

/** Every issue with the inputs, all at once, before any remote call. Unknown values are skipped. */
export function validateKindoModelInputs(inputs: KindoModelInputs): ValidationIssue[] {
  return [
    ...validateServingName(inputs),
    ...validatePrefix(inputs),
    ...validateContextWindow(inputs),
    ...validateFeatures(inputs),
    ...validateEnums(inputs),
    ...validateKindoInference(inputs.kindoInference),
    ...validateOwnership(inputs),
    ...validateConnectionUrls(inputs),
  ];
}

/** Validates and builds the plan, or returns every issue. */
export function planKindoModel(inputs: KindoModelInputs): Result<KindoModelPlan, "plan"> {
  const issues = validateKindoModelInputs(inputs);
  if (issues.length > 0) return failed(issues);
  // Only the model fields: the engine's inputs also carry `__provider` and outputs carry `modelId`.
  const {
    litellmModelName,
    litellmParams,
    maxTokens,
    displayName,
    provider,
    creator,
    type,
    metadataType,
    costTier,
  } = inputs;
  const picked = {
    litellmModelName,
    litellmParams,
    maxTokens,
    displayName,
    provider,
    creator,
    type,
    metadataType,
    costTier,
  };
  const defined = Object.fromEntries(
    Object.entries(picked).filter(([, v]) => v !== undefined),
  ) as Omit<KindoModelFields, "contextWindow">;
  const fields: KindoModelFields = {
    ...defined,
    contextWindow: inputs.contextWindow ?? inputs.verification.maxModelLen,
  };
  return {
    ok: true,
    plan: { fields, features: [...new Set(inputs.features)].sort() as KindoFeatureKey[] },
  };
}

function validateServingName(inputs: KindoModelInputs): ValidationIssue[] {
  const name = inputs.litellmModelName;
  const served = isUnknown(inputs.verification)
    ? UNKNOWN_VALUE
    : inputs.verification.servedModelName;
  if (isUnknown(name)) return [];
  if (name === "" || /\s/.test(name)) {
    return [
      issue(
        "litellmModelName",
        `"${name}" is not a valid serving name: it must be non-empty and contain no spaces. Use the vLLM --served-model-name, e.g. "${name.trim().replace(/\s+/g, "-") || "llama-3.1-8b"}".`,
      ),
    ];
  }
  // Only a vLLM server routes by the name Kindo registers (--served-model-name); a provider API
  // routes by litellmParams.model, and Kindo's name for it is the user's choice.
  if (inputs.kind === "vllm" && !isUnknown(served) && served !== "" && served !== name) {
    return [
      issue(
        "litellmModelName",
        `"${name}" does not match the served model name "${served}" that verification used, so Kindo could not route to it. Set litellmModelName to "${served}" or change --served-model-name.`,
      ),
    ];
  }
  return [];
}

function validatePrefix(inputs: KindoModelInputs): ValidationIssue[] {
  const prefix = KINDO_PROVIDER_PREFIXES[inputs.kind];
  if (prefix === undefined) {
    return [
      issue(
        "kind",
        `"${inputs.kind}" is not a model kind. Use ${quoteList(Object.keys(KINDO_PROVIDER_PREFIXES))}.`,
      ),
    ];
  }
  if (isUnknown(inputs.litellmParams)) return [];
  const model = inputs.litellmParams.model;
  const issues: ValidationIssue[] = [];
  if ((!isUnknown(model) && !model.startsWith(prefix)) || model.length === prefix.length) {
    issues.push(
      issue(
        "litellmParams.model",
        `"${model}" lacks the "${prefix}" provider prefix that a ${inputs.kind} model needs. Use "${prefix}${model.includes("/") ? model.slice(model.indexOf("/") + 1) : model}".`,
      ),
    );
  }
  if ((inputs.kind === "vllm" || inputs.kind === "azure") && !inputs.litellmParams.api_base) {
    issues.push(
      issue(
        "litellmParams.api_base",
        `A ${inputs.kind} model needs api_base (the server's base URL); none is set.`,
      ),
    );
  }
  return issues;
}

function validateContextWindow(inputs: KindoModelInputs): ValidationIssue[] {
  if (isUnknown(inputs.verification) || isUnknown(inputs.verification.maxModelLen)) return [];
  const verified = inputs.verification.maxModelLen;
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(verified) || verified < 1) {
    issues.push(
      issue(
        "verification.maxModelLen",
        `${verified} is not a verified max_model_len. Pass the value the verification read from the server.`,
      ),
    );
  }
  const cw = inputs.contextWindow;
  if (cw === undefined) return issues;
  if (!Number.isInteger(cw) || cw < 1) {
    issues.push(
      issue(
        "contextWindow",
        `${cw} is not a valid context window. Leave it unset to use the verified max_model_len (${verified}).`,
      ),
    );
  } else if (cw !== verified) {
    issues.push(
      issue(
        "contextWindow",
        `${cw} differs from the verified max_model_len ${verified}; Kindo would send prompts the server rejects or cut conversations short. Leave contextWindow unset.`,
      ),
    );
  }
  return issues;
}

function validateFeatures(inputs: KindoModelInputs): ValidationIssue[] {
  const known = KINDO_FEATURE_KEYS as readonly string[];
  return inputs.features.flatMap((f, i): ValidationIssue[] => {
    const path = `features[${i}]`;
    if (!known.includes(f))
      return [issue(path, `"${f}" is not a Kindo feature key. Use one of ${quoteList(known)}.`)];
    const passed = isUnknown(inputs.verification)
      ? UNKNOWN_VALUE
      : inputs.verification.toolCallingPassed;
    if (f === "TOOL_CALLING_MODELS" && !isUnknown(passed) && !passed) {
      return [
        issue(
          path,
          `TOOL_CALLING_MODELS needs a passed tool-call probe, and verification reports it failed. Fix the tool-call parser or drop the feature.`,
        ),
      ];
    }
    if (f === "MULTIMODAL_MODELS" && inputs.catalogTakesImages !== true) {
      return [
        issue(
          path,
          `MULTIMODAL_MODELS is only for models whose catalog entry takes images, and this one does not. Drop the feature.`,
        ),
      ];
    }
    return [];
  });
}

function validateEnums(inputs: KindoModelInputs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const check = (path: string, value: string, allowed: readonly string[]): void => {
    if (!allowed.includes(value))
      out.push(issue(path, `"${value}" is not allowed. Use ${quoteList(allowed)}.`));
  };
  check("type", inputs.type, TYPES);
  check("metadataType", inputs.metadataType, METADATA_TYPES);
  check("costTier", inputs.costTier, COST_TIERS);
  if (
    inputs.maxTokens !== undefined &&
    !(Number.isInteger(inputs.maxTokens) && inputs.maxTokens >= 1)
  ) {
    out.push(
      issue(
        "maxTokens",
        `${inputs.maxTokens} is not a valid output limit. Use a whole number of 1 or more.`,
      ),
    );
  }
  for (const [path, value] of [
    ["displayName", inputs.displayName],
    ["provider", inputs.provider],
  ] as const) {
    if (value.trim() === "")
      out.push(issue(path, `${path} is empty. Set it to the name Kindo shows.`));
  }
  return out;
}
