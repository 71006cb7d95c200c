/**
 * Rules for registering a cloud model with Kindo: a chat model; the context window and maximum
 * output the provider documents (or, for a model outside the catalog, the ones the user states);
 * the LiteLLM prefix that matches the provider; Azure's required inputs; `api_base` left out for
 * standard providers (as the guide says); rate limits as whole numbers. Pure.
 */
import type { CloudModelSpec } from "../catalog/cloud-model-types";
import type { CloudModelTarget } from "../catalog/cloud-model-resolve";
import { buildLifecycleWarning } from "../catalog/cloud-lifecycle";
import { LITELLM_PREFIXES } from "../catalog/cloud-model-types";
import { type ValidationIssue, issue, validatePositiveInteger } from "../core/issues";
import { formatTokens } from "../core/format";

/** The user's registration settings for one cloud model (plain values). */
export interface CloudModelSettings {
  /** Kindo `contextWindow` in tokens; defaults to the documented window when absent. */
  readonly contextWindow?: number;
  /** Kindo `maxTokens` (maximum output requested) in tokens. */
  readonly maxTokens?: number;
  /** The model's maximum output in tokens: required outside the catalog, else the documented one. */
  readonly maxOutputTokens?: number;
  /** An explicit `litellmParams.model`, when the user overrides the built one. */
  readonly litellmModel?: string;
  readonly apiBase?: string;
  readonly apiVersion?: string;
  readonly azureDeploymentName?: string;
  /** Tokens and requests per minute LiteLLM may send (`tpm`/`rpm` in litellmParams). */
  readonly rateLimits?: { readonly tpm?: number; readonly rpm?: number };
}

/** What the rules read of a model, from a catalog entry or from the user's own statement. */
interface ModelView {
  readonly key: string;
  readonly provider: CloudModelSpec["provider"];
  readonly providerModelId: string;
  readonly kind: CloudModelSpec["kind"];
  readonly contextWindowTokens?: number;
  readonly maxOutputTokens?: number;
  /** Where the window was documented; absent outside the catalog (the user stated it). */
  readonly limitsSource?: string;
}

function viewOf(m: CloudModelSpec | CloudModelTarget): ModelView {
  if ("key" in m && m.entry) return viewOf(m.entry);
  if ("key" in m) return { ...m };
  return { ...m, key: m.id, limitsSource: m.sources.limits };
}

/** Every issue with the settings against the model, all at once. */
export function validateCloudModelSettings(
  model: CloudModelSpec | CloudModelTarget,
  s: CloudModelSettings,
): ValidationIssue[] {
  const m = viewOf(model);
  if (m.kind !== "chat")
    return [
      issue(
        "model",
        `"${m.key}" is ${m.kind === "embedding" ? "an embedding" : "a transcription"} model; CloudModel registers chat models with Kindo. Choose a chat model.`,
      ),
    ];
  return [
    ...validateContextWindow(m, s),
    ...validateMaxOutputTokens(m, s),
    ...validateMaxTokens(m, s),
    ...validatePrefix(m, s),
    ...validateEndpointInputs(m, s),
    ...validatePositiveInteger("rateLimits.tpm", s.rateLimits?.tpm, "tokens-per-minute limit"),
    ...validatePositiveInteger("rateLimits.rpm", s.rateLimits?.rpm, "requests-per-minute limit"),
  ];
}

function validateContextWindow(m: ModelView, s: CloudModelSettings): ValidationIssue[] {
  const w = s.contextWindow;
  const doc = m.contextWindowTokens;
  if (w === undefined || doc === undefined) return [];
  const documented = formatTokens(doc);
  if (!Number.isInteger(w) || w < 1)
    return [
      issue(
        "contextWindow",
        m.limitsSource === undefined
          ? `${w} is not a token count. Set the model's documented context window in tokens.`
          : `${w} is not a token count. Use ${documented}, the documented window of "${m.providerModelId}".`,
      ),
    ];
  if (m.limitsSource === undefined || w === doc) return [];
  const where = `the documented context window of "${m.providerModelId}" (${documented} tokens, ${m.limitsSource})`;
  return [
    issue(
      "contextWindow",
      w < doc
        ? `${formatTokens(w)} tokens is below ${where}; Kindo would cut prompts the model accepts. Set contextWindow to ${documented}.`
        : `${formatTokens(w)} tokens is above ${where}; the provider rejects longer prompts. Set contextWindow to ${documented}.`,
    ),
  ];
}

function validateMaxOutputTokens(m: ModelView, s: CloudModelSettings): ValidationIssue[] {
  const t = s.maxOutputTokens;
  if (t === undefined) return [];
  if (!Number.isInteger(t) || t < 1)
    return [
      issue(
        "maxOutputTokens",
        `${t} is not a token count. Set the model's documented maximum output in tokens.`,
      ),
    ];
  if (m.limitsSource === undefined || m.maxOutputTokens === undefined || t === m.maxOutputTokens)
    return [];
  return [
    issue(
      "maxOutputTokens",
      `${formatTokens(t)} tokens differs from the documented maximum output of "${m.providerModelId}" (${formatTokens(m.maxOutputTokens)} tokens). Remove maxOutputTokens: it is needed only for a model outside the catalog.`,
    ),
  ];
}

function validateMaxTokens(m: ModelView, s: CloudModelSettings): ValidationIssue[] {
  const t = s.maxTokens;
  const max = m.maxOutputTokens;
  if (t === undefined || max === undefined || (Number.isInteger(t) && t >= 1 && t <= max))
    return [];
  return [
    issue(
      "maxTokens",
      `${t} is not a valid maximum output for "${m.providerModelId}". Use a whole number from 1 to ${formatTokens(max)} tokens.`,
    ),
  ];
}

function validatePrefix(m: ModelView, s: CloudModelSettings): ValidationIssue[] {
  const model = s.litellmModel;
  if (model === undefined) return [];
  const want = LITELLM_PREFIXES[m.provider];
  if (!model.startsWith(want)) {
    const got = model.includes("/")
      ? `the prefix "${model.slice(0, model.indexOf("/") + 1)}"`
      : "no provider prefix";
    return [
      issue(
        "litellmModel",
        `"${model}" has ${got}, but "${m.key}" is a ${m.provider} model. Start it with "${want}", e.g. "${want}${m.provider === "azure" ? "<deployment-name>" : m.providerModelId}".`,
      ),
    ];
  }
  return [];
}

function validateEndpointInputs(m: ModelView, s: CloudModelSettings): ValidationIssue[] {
  if (m.provider === "azure") {
    const missing: ValidationIssue[] = [];
    if (!s.azureDeploymentName)
      missing.push(
        issue(
          "azure.deploymentName",
          `is required for Azure OpenAI: LiteLLM calls "azure/<deployment-name>", not "${m.providerModelId}". Set it to your deployment's name.`,
        ),
      );
    if (!s.apiBase)
      missing.push(
        issue(
          "azure.apiBase",
          'is required for Azure OpenAI. Set it to your resource endpoint, e.g. "https://<resource>.openai.azure.com/".',
        ),
      );
    if (!s.apiVersion)
      missing.push(
        issue(
          "azure.apiVersion",
          "is required for Azure OpenAI. Set it to the API version your deployment supports.",
        ),
      );
    return missing;
  }
  if (s.apiBase !== undefined && m.provider !== "bedrock") {
    return [
      issue(
        "apiBase",
        `"${s.apiBase}" is set, but ${m.provider} is a standard provider whose endpoint LiteLLM already knows. Remove apiBase.`,
      ),
    ];
  }
  return [];
}

/**
 * The preview warnings for a resolved model: outside the catalog (with the date the catalog was
 * checked), or deprecated or retired on `today` (YYYY-MM-DD).
 */
export function buildCloudModelWarnings(
  t: CloudModelTarget,
  today: string,
  catalogChecked: string,
): string[] {
  if (!t.entry)
    return [
      `"${t.key}" is not in the cloud model catalog (checked ${catalogChecked}): Kindo registers it with the contextWindow and maxOutputTokens you set, and verification confirms the id through ${t.provider}'s model listing first.`,
    ];
  const lifecycle = buildLifecycleWarning(t.entry, today);
  return lifecycle === undefined ? [] : [lifecycle];
}
