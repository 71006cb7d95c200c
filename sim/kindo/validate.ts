/**
 * Request validation of the Kindo admin API simulator: the documented model fields
 * (https://docs.kindo.ai/deploy/prepare-ai-models/), checked the way a strict API would. The real
 * API's exact rules are not public; these are the documented allowed values.
 */

/** One field error in a 400 answer. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** A model as stored (credentials included; they are never sent back). */
export interface StoredModel {
  readonly id: string;
  readonly [field: string]: unknown;
}

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  type: ["CHAT", "INTERNAL"],
  metadataType: ["Text Generation", "Embeddings", "Transcription"],
  costTier: ["LOW", "MEDIUM", "HIGH"],
};
const REQUIRED_STRINGS = ["litellmModelName", "displayName", "provider"] as const;
const KNOWN_FIELDS = new Set([
  "litellmModelName",
  "litellmParams",
  "contextWindow",
  "maxTokens",
  "displayName",
  "provider",
  "creator",
  "type",
  "metadataType",
  "costTier",
  // The owner KindoModel records (the resource's URN; the field name is configurable, see
  // docs/kindo.md): kept and returned like any other field.
  "managedBy",
]);
const PARAM_FIELDS = new Set([
  "model",
  "api_key",
  "api_base",
  "api_version",
  "aws_region_name",
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "aws_role_name",
]);
/** LiteLLM's per-deployment rate limits: whole numbers, not strings (https://docs.litellm.ai/docs/routing). */
const NUMERIC_PARAM_FIELDS = new Set(["tpm", "rpm"]);

/** The credential keys of `litellmParams`: write-only. */
export const WRITE_ONLY_PARAMS = ["api_key", "aws_secret_access_key", "aws_session_token"] as const;

/** Every field error of a create (all fields) or update (`partial`: only the fields sent). */
export function validateModelBody(body: unknown, partial: boolean): FieldError[] {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    return [{ field: "(body)", message: "must be a JSON object" }];
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(b))
    if (!KNOWN_FIELDS.has(key)) errors.push({ field: key, message: "is not a model field" });
  const present = (k: string): boolean => b[k] !== undefined || !partial;
  for (const k of REQUIRED_STRINGS) {
    if (present(k) && (typeof b[k] !== "string" || (b[k] as string).trim() === ""))
      errors.push({ field: k, message: "is required and must be a non-empty string" });
  }
  if (
    present("litellmModelName") &&
    typeof b["litellmModelName"] === "string" &&
    /\s/.test(b["litellmModelName"])
  ) {
    errors.push({ field: "litellmModelName", message: "must not contain whitespace" });
  }
  for (const [k, allowed] of Object.entries(ENUMS)) {
    if (present(k) && !allowed.includes(b[k] as string))
      errors.push({ field: k, message: `must be one of ${allowed.join(", ")}` });
  }
  if (present("contextWindow") && !isPositiveInt(b["contextWindow"]))
    errors.push({ field: "contextWindow", message: "must be a positive integer" });
  if (b["maxTokens"] !== undefined && !isPositiveInt(b["maxTokens"]))
    errors.push({ field: "maxTokens", message: "must be a positive integer" });
  for (const k of ["creator", "managedBy"])
    if (b[k] !== undefined && typeof b[k] !== "string")
      errors.push({ field: k, message: "must be a string" });
  if (present("litellmParams")) errors.push(...validateParams(b["litellmParams"]));
  return errors;
}

function validateParams(params: unknown): FieldError[] {
  if (params === null || typeof params !== "object" || Array.isArray(params))
    return [{ field: "litellmParams", message: "is required and must be an object" }];
  const p = params as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (NUMERIC_PARAM_FIELDS.has(k)) {
      if (!isPositiveInt(v))
        errors.push({ field: `litellmParams.${k}`, message: "must be a positive integer" });
    } else if (!PARAM_FIELDS.has(k))
      errors.push({ field: `litellmParams.${k}`, message: "is not a LiteLLM parameter" });
    else if (typeof v !== "string")
      errors.push({ field: `litellmParams.${k}`, message: "must be a string" });
  }
  const model = p["model"];
  if (typeof model !== "string" || !/^[a-z_]+\/.+/.test(model)) {
    errors.push({
      field: "litellmParams.model",
      message: "is required and must carry a provider prefix, e.g. openai/gpt-4o",
    });
  }
  return errors;
}

function isPositiveInt(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= 1;
}

/** The model as the API answers: credentials removed from `litellmParams`. */
export function publicModel(model: StoredModel): Record<string, unknown> {
  const params = { ...(model["litellmParams"] as Record<string, unknown>) };
  for (const k of WRITE_ONLY_PARAMS) delete params[k];
  return { ...model, litellmParams: params };
}
