/**
 * Cloud model catalog: data only (lookups live in cloud-model-lookup.ts). Pure: no Pulumi imports.
 *
 * Checked 2026-11-26 with the docs search over vendor pages. The comment above each entry says
 * what was confirmed where; anything read only from third-party material is listed in the entry's
 * `unverified` array. Context windows are the provider's documented figures: Kindo's
 * `contextWindow` must equal them (the guide's "#1 deployment mistake" is setting it too low).
 *
 * Bedrock notes (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html):
 * a system-defined profile id is a geography prefix ("us.", "eu.", "apac.", ...) or "global."
 * plus the foundation-model id; destination regions are read from the profile at deploy time
 * (`aws.bedrock.getInferenceProfile`), never listed here. Anthropic models need the one-time
 * use-case form (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html).
 */
import type { CloudModelSpec } from "./cloud-model-types";

/** Every key of the cloud catalog; the record below must hold exactly these. */
export type CloudModelKey =
  | "gpt-4o"
  | "gpt-4.1"
  | "claude-sonnet-4"
  | "claude-sonnet-4-5"
  | "gemini-2.5-pro"
  | "azure-gpt-4o"
  | "groq-llama-3.3-70b-versatile"
  | "bedrock-claude-sonnet-4"
  | "bedrock-claude-sonnet-4-5"
  | "bedrock-claude-haiku-4-5"
  | "bedrock-llama-4-maverick"
  | "bedrock-mistral-large-2402";

const ANTHROPIC_OVERVIEW = "https://platform.claude.com/docs/en/about-claude/models/overview";
const AWS_MODEL_ACCESS = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html";

export const CLOUD_MODELS: Readonly<Record<CloudModelKey, CloudModelSpec>> = Object.freeze({
  // The guide's OpenAI example id. OpenAI's own model page was not retrievable in the docs
  // search; 128,000 tokens is the figure third-party catalogs carry, so limits are unverified.
  "gpt-4o": {
    id: "gpt-4o",
    provider: "openai",
    displayName: "GPT-4o",
    providerModelId: "gpt-4o",
    contextWindowTokens: 128_000,
    supportsToolCalling: true,
    supportsVision: true,
    sources: {
      identifier: "https://docs.kindo.ai/deploy/model-deployment",
      limits: "https://platform.openai.com/docs/models/gpt-4o",
      capabilities: "https://platform.openai.com/docs/models/gpt-4o",
    },
    checked: "2026-11-26",
    unverified: ["contextWindowTokens", "supportsToolCalling", "supportsVision"],
  },
  // Vercel AI Gateway's page (which links platform.openai.com/docs/models/gpt-4.1) and OpenRouter
  // both give 1,047,576 / 32,768; OpenAI's page itself was not retrieved.
  "gpt-4.1": {
    id: "gpt-4.1",
    provider: "openai",
    displayName: "GPT-4.1",
    providerModelId: "gpt-4.1",
    contextWindowTokens: 1_047_576,
    maxOutputTokens: 32_768,
    supportsToolCalling: true,
    supportsVision: true,
    sources: {
      identifier: "https://platform.openai.com/docs/models/gpt-4.1",
      limits: "https://vercel.com/ai-gateway/models/gpt-4.1-fast.md",
      capabilities: "https://www.helicone.ai/model/gpt-4.1",
    },
    checked: "2026-11-26",
    unverified: ["contextWindowTokens", "maxOutputTokens", "supportsToolCalling", "supportsVision"],
  },
  // The guide's Anthropic example id and "up to 200k" window. Max output 64,000 is from a
  // third-party catalog (mixtape-core); Anthropic's Sonnet 4 page was not retrieved.
  "claude-sonnet-4": {
    id: "claude-sonnet-4",
    provider: "anthropic",
    displayName: "Claude Sonnet 4",
    providerModelId: "claude-sonnet-4-20250514",
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    supportsToolCalling: true,
    supportsVision: true,
    sources: {
      identifier: "https://docs.kindo.ai/deploy/model-deployment",
      limits: "https://docs.kindo.ai/deploy/model-deployment",
      capabilities: ANTHROPIC_OVERVIEW,
    },
    checked: "2026-11-26",
    unverified: ["maxOutputTokens"],
  },
  // Anthropic's Sonnet 4.5 page: id claude-sonnet-4-5-20250929, 200K context, 64K output;
  // deprecated, retires 2026-11-30. The overview says every current model takes images.
  "claude-sonnet-4-5": {
    id: "claude-sonnet-4-5",
    provider: "anthropic",
    displayName: "Claude Sonnet 4.5",
    providerModelId: "claude-sonnet-4-5-20250929",
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    supportsToolCalling: true,
    supportsVision: true,
    sources: {
      identifier: "https://platform.claude.com/docs/en/models/sonnet-4-5/overview",
      limits: "https://platform.claude.com/docs/en/models/sonnet-4-5/overview",
      capabilities: ANTHROPIC_OVERVIEW,
    },
    checked: "2026-11-26",
    unverified: [],
  },
  // Google Cloud's Gemini 2.5 Pro page: model id gemini-2.5-pro, 1,048,576 input tokens,
  // 65,535 output tokens (default); images in, function calling. The Gemini API (AI Studio) page
  // itself was not retrieved, so the output limit there is unverified.
  "gemini-2.5-pro": {
    id: "gemini-2.5-pro",
    provider: "gemini",
    displayName: "Gemini 2.5 Pro",
    providerModelId: "gemini-2.5-pro",
    contextWindowTokens: 1_048_576,
    maxOutputTokens: 65_535,
    supportsToolCalling: true,
    supportsVision: true,
    sources: {
      identifier:
        "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/2-5-pro",
      limits:
        "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/2-5-pro",
      capabilities:
        "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/2-5-pro",
    },
    checked: "2026-11-26",
    unverified: ["maxOutputTokens"],
  },
  // Azure serves OpenAI models under a deployment name the user chose; LiteLLM needs
  // azure/<deployment>, api_base and api_version (https://docs.litellm.ai/docs/providers/azure).
  "azure-gpt-4o": {
    id: "azure-gpt-4o",
    provider: "azure",
    displayName: "GPT-4o on Azure OpenAI",
    providerModelId: "gpt-4o",
    contextWindowTokens: 128_000,
    supportsToolCalling: true,
    supportsVision: true,
    azureRequiredInputs: ["deploymentName", "apiBase", "apiVersion"],
    sources: {
      identifier: "https://docs.litellm.ai/docs/providers/azure",
      limits: "https://platform.openai.com/docs/models/gpt-4o",
      capabilities: "https://platform.openai.com/docs/models/gpt-4o",
    },
    checked: "2026-11-26",
    unverified: ["contextWindowTokens", "supportsToolCalling", "supportsVision"],
  },
  // Groq's models page lists llama-3.3-70b-versatile (the table values were cut off in the
  // search copy); 131,072 tokens and function calling are from LobeChat's Groq card, which cites
  // console.groq.com/docs/tool-use. No confirmed maximum output.
  "groq-llama-3.3-70b-versatile": {
    id: "groq-llama-3.3-70b-versatile",
    provider: "groq",
    displayName: "Llama 3.3 70B Versatile on Groq",
    providerModelId: "llama-3.3-70b-versatile",
    contextWindowTokens: 131_072,
    supportsToolCalling: true,
    supportsVision: false,
    sources: {
      identifier: "https://console.groq.com/docs/models.md",
      limits: "https://app.unpkg.com/@lobehub/chat@1.143.3/files/src/config/modelProviders/groq.ts",
      capabilities: "https://docs.docker.com/ai/docker-agent/providers/groq.md",
    },
    checked: "2026-11-26",
    unverified: ["contextWindowTokens", "supportsToolCalling"],
  },
  // The guide's Bedrock example (bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0). A global
  // profile and in-region on-demand use are not confirmed, so neither is offered.
  "bedrock-claude-sonnet-4": {
    id: "bedrock-claude-sonnet-4",
    provider: "bedrock",
    displayName: "Claude Sonnet 4 on Bedrock",
    providerModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    supportsToolCalling: true,
    supportsVision: true,
    bedrock: {
      foundationModelId: "anthropic.claude-sonnet-4-20250514-v1:0",
      geographicProfileIds: ["us.anthropic.claude-sonnet-4-20250514-v1:0"],
      inRegionInvocation: false,
      requiresUseCaseForm: true,
    },
    sources: {
      identifier: "https://docs.kindo.ai/deploy/model-deployment",
      limits: "https://docs.kindo.ai/deploy/model-deployment",
      capabilities: AWS_MODEL_ACCESS,
    },
    checked: "2026-11-26",
    unverified: ["maxOutputTokens", "bedrock.inRegionInvocation"],
  },
  // AWS's geographic CRIS page uses Claude Sonnet 4.5 with the US profile as its IAM example; the
  // global CRIS page is written for Claude Sonnet 4.5. Limits from Anthropic's Sonnet 4.5 page.
  "bedrock-claude-sonnet-4-5": {
    id: "bedrock-claude-sonnet-4-5",
    provider: "bedrock",
    displayName: "Claude Sonnet 4.5 on Bedrock",
    providerModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    supportsToolCalling: true,
    supportsVision: true,
    bedrock: {
      foundationModelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
      geographicProfileIds: ["us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
      globalProfileId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      inRegionInvocation: false,
      requiresUseCaseForm: true,
    },
    sources: {
      identifier:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html",
      limits: "https://platform.claude.com/docs/en/models/sonnet-4-5/overview",
      capabilities: ANTHROPIC_OVERVIEW,
    },
    checked: "2026-11-26",
    unverified: ["bedrock.inRegionInvocation"],
  },
  // AWS model card: 200K context, 64K output, Marketplace product prod-xdkflymybwmvi, geo
  // profiles us./eu./...; only the us. id was seen verbatim (LobeChat's Bedrock list).
  "bedrock-claude-haiku-4-5": {
    id: "bedrock-claude-haiku-4-5",
    provider: "bedrock",
    displayName: "Claude Haiku 4.5 on Bedrock",
    providerModelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    contextWindowTokens: 200_000,
    maxOutputTokens: 64_000,
    supportsToolCalling: true,
    supportsVision: true,
    bedrock: {
      foundationModelId: "anthropic.claude-haiku-4-5-20251001-v1:0",
      geographicProfileIds: ["us.anthropic.claude-haiku-4-5-20251001-v1:0"],
      inRegionInvocation: false,
      marketplaceProductId: "prod-xdkflymybwmvi",
      requiresUseCaseForm: true,
    },
    sources: {
      identifier:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-haiku-4-5.md",
      limits:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-haiku-4-5.md",
      capabilities: ANTHROPIC_OVERVIEW,
    },
    checked: "2026-11-26",
    unverified: ["bedrock.inRegionInvocation"],
  },
  // AWS model card (docs.aws.eu mirror): geo us., global "Not supported", 1M context, 8K output,
  // Invoke and Converse. The card says "1M"; the exact token count and tool use are unconfirmed.
  "bedrock-llama-4-maverick": {
    id: "bedrock-llama-4-maverick",
    provider: "bedrock",
    displayName: "Llama 4 Maverick 17B Instruct on Bedrock",
    providerModelId: "meta.llama4-maverick-17b-instruct-v1:0",
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 8_000,
    supportsToolCalling: true,
    supportsVision: true,
    bedrock: {
      foundationModelId: "meta.llama4-maverick-17b-instruct-v1:0",
      geographicProfileIds: ["us.meta.llama4-maverick-17b-instruct-v1:0"],
      inRegionInvocation: false,
      requiresUseCaseForm: false,
    },
    sources: {
      identifier:
        "https://docs.aws.eu/bedrock/latest/userguide/model-card-meta-llama-4-maverick-17b-instruct.html",
      limits:
        "https://docs.aws.eu/bedrock/latest/userguide/model-card-meta-llama-4-maverick-17b-instruct.html",
      capabilities:
        "https://docs.aws.eu/bedrock/latest/userguide/model-card-meta-llama-4-maverick-17b-instruct.html",
    },
    checked: "2026-11-26",
    unverified: [
      "contextWindowTokens",
      "maxOutputTokens",
      "supportsToolCalling",
      "supportsVision",
      "bedrock.inRegionInvocation",
    ],
  },
  // AWS model card: Mistral Large (24.02), 32K context, 4K output, on-demand in a single region
  // (no inference profile). "32K"/"4K" exact token counts are unconfirmed.
  "bedrock-mistral-large-2402": {
    id: "bedrock-mistral-large-2402",
    provider: "bedrock",
    displayName: "Mistral Large (24.02) on Bedrock",
    providerModelId: "mistral.mistral-large-2402-v1:0",
    contextWindowTokens: 32_000,
    maxOutputTokens: 4_000,
    supportsToolCalling: true,
    supportsVision: false,
    bedrock: {
      foundationModelId: "mistral.mistral-large-2402-v1:0",
      geographicProfileIds: [],
      inRegionInvocation: true,
      requiresUseCaseForm: false,
    },
    sources: {
      identifier:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-mistral-ai-mistral-large.html",
      limits:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-mistral-ai-mistral-large.html",
      capabilities:
        "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-mistral-ai-mistral-large.html",
    },
    checked: "2026-11-26",
    unverified: ["contextWindowTokens", "maxOutputTokens", "supportsToolCalling"],
  },
});
