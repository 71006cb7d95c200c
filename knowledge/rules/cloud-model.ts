/**
 * Rules for registering a cloud model with Kindo: the context window the provider documents, the
 * LiteLLM prefix that matches the provider, Azure's required inputs, and `api_base` left out for
 * standard providers (as the guide says). Pure.
 */
import type { CloudModelSpec } from "../catalog/cloud-model-types";
import { LITELLM_PREFIXES } from "../catalog/cloud-model-types";
import { type ValidationIssue, issue } from "../core/issues";
import { formatTokens } from "../core/format";

/** The user's registration settings for one cloud model (plain values). */
export interface CloudModelSettings {
  /** Kindo `contextWindow` in tokens; defaults to the documented window when absent. */
  readonly contextWindow?: number;
  /** Kindo `maxTokens` (maximum output) in tokens. */
  readonly maxTokens?: number;
  /** An explicit `litellmParams.model`, when the user overrides the built one. */
  readonly litellmModel?: string;
  readonly apiBase?: string;
  readonly apiVersion?: string;
  readonly azureDeploymentName?: string;
}

/** Every issue with the settings against the catalog entry, all at once. */
export function validateCloudModelSettings(
  m: CloudModelSpec,
  s: CloudModelSettings,
): ValidationIssue[] {
  return [
    ...validateContextWindow(m, s),
    ...validateMaxTokens(m, s),
    ...validatePrefix(m, s),
    ...validateEndpointInputs(m, s),
  ];
}

function validateContextWindow(m: CloudModelSpec, s: CloudModelSettings): ValidationIssue[] {
  const w = s.contextWindow;
  if (w === undefined) return [];
  const documented = formatTokens(m.contextWindowTokens);
  if (!Number.isInteger(w) || w < 1)
    return [
      issue(
        "contextWindow",
        `${w} is not a token count. Use ${documented}, the documented window of "${m.providerModelId}".`,
      ),
    ];
  if (w < m.contextWindowTokens) {
    return [
      issue(
        "contextWindow",
        `${formatTokens(w)} tokens is below the documented context window of "${m.providerModelId}" (${documented} tokens, ${m.sources.limits}); Kindo would cut prompts the model accepts. Set contextWindow to ${documented}.`,
      ),
    ];
  }
  if (w > m.contextWindowTokens) {
    return [
      issue(
        "contextWindow",
        `${formatTokens(w)} tokens is above the documented context window of "${m.providerModelId}" (${documented} tokens, ${m.sources.limits}); the provider rejects longer prompts. Set contextWindow to ${documented}.`,
      ),
    ];
  }
  return [];
}

function validateMaxTokens(m: CloudModelSpec, s: CloudModelSettings): ValidationIssue[] {
  const t = s.maxTokens;
  if (
    t === undefined ||
    m.maxOutputTokens === undefined ||
    (Number.isInteger(t) && t >= 1 && t <= m.maxOutputTokens)
  )
    return [];
  return [
    issue(
      "maxTokens",
      `${t} is not a valid maximum output for "${m.providerModelId}". Use a whole number from 1 to ${formatTokens(m.maxOutputTokens)} tokens.`,
    ),
  ];
}

function validatePrefix(m: CloudModelSpec, s: CloudModelSettings): ValidationIssue[] {
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
        `"${model}" has ${got}, but "${m.id}" is a ${m.provider} model. Start it with "${want}", e.g. "${want}${m.provider === "azure" ? "<deployment-name>" : m.providerModelId}".`,
      ),
    ];
  }
  return [];
}

function validateEndpointInputs(m: CloudModelSpec, s: CloudModelSettings): ValidationIssue[] {
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
