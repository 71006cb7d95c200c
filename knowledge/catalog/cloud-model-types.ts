/**
 * Types and zod schema for the cloud (provider API) model catalog. Pure: no Pulumi imports.
 *
 * An entry carries what Kindo's registration and the verification probes need: the provider's
 * exact model identifier, the LiteLLM prefix, the documented context window and maximum output,
 * tool-calling and vision support, and for Bedrock the inference profile ids, each fact group
 * with the URL it was read from. Facts not confirmed in a public source are listed in
 * `unverified` by dotted path and never presented as documented.
 */
import { z } from "zod";

/** Providers Kindo reaches through LiteLLM without self-hosting. */
export const CLOUD_PROVIDERS = [
  "openai",
  "anthropic",
  "gemini",
  "azure",
  "groq",
  "bedrock",
] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

/**
 * The LiteLLM prefix of `litellmParams.model` per provider: the guide's prefix table for OpenAI,
 * Anthropic, Gemini, Azure and Bedrock; `groq/` from LiteLLM's Groq provider page.
 */
export const LITELLM_PREFIXES: Readonly<Record<CloudProvider, string>> = Object.freeze({
  openai: "openai/",
  anthropic: "anthropic/",
  gemini: "gemini/",
  azure: "azure/",
  groq: "groq/",
  bedrock: "bedrock/",
});

/** The API each provider speaks, which decides the verification probe. */
export type ProviderApi =
  "openai-chat" | "anthropic-messages" | "gemini-generate-content" | "bedrock-converse";

export const PROVIDER_APIS: Readonly<Record<CloudProvider, ProviderApi>> = Object.freeze({
  openai: "openai-chat",
  azure: "openai-chat",
  groq: "openai-chat",
  anthropic: "anthropic-messages",
  gemini: "gemini-generate-content",
  bedrock: "bedrock-converse",
});

/** Bedrock-only facts: how the model is invoked and what first use needs. */
export interface BedrockFacts {
  /** Foundation-model id, e.g. "anthropic.claude-sonnet-4-5-20250929-v1:0". */
  readonly foundationModelId: string;
  /** System-defined geographic profile ids ("us.", "eu.", ...), empty when none is documented. */
  readonly geographicProfileIds: readonly string[];
  /** The "global." profile id, when the model card lists one. */
  readonly globalProfileId?: string;
  /** Whether the foundation model can be invoked on demand in one region without a profile. */
  readonly inRegionInvocation: boolean;
  /** AWS Marketplace product id from the model card, when it gives one. */
  readonly marketplaceProductId?: string;
  /** Anthropic models need the one-time use-case (first-time-use) form per account. */
  readonly requiresUseCaseForm: boolean;
}

export interface CloudModelSources {
  /** Where the exact identifier (and Bedrock profile ids) were read. */
  readonly identifier: string;
  /** Where the context window and maximum output were read. */
  readonly limits: string;
  /** Where tool calling and vision support were read. */
  readonly capabilities: string;
}

export interface CloudModelSpec {
  /** Our stable kebab-case key, e.g. "claude-sonnet-4-5". */
  readonly id: string;
  readonly provider: CloudProvider;
  readonly displayName: string;
  /** The exact identifier the provider expects (for Azure: the OpenAI model a deployment serves). */
  readonly providerModelId: string;
  /** Documented context window in tokens: what Kindo's `contextWindow` must be set to. */
  readonly contextWindowTokens: number;
  /** Documented maximum output tokens; absent when no public source confirmed it. */
  readonly maxOutputTokens?: number;
  readonly supportsToolCalling: boolean;
  readonly supportsVision: boolean;
  readonly bedrock?: BedrockFacts;
  /** Azure deployments need these inputs; none has a default. */
  readonly azureRequiredInputs?: readonly ("deploymentName" | "apiBase" | "apiVersion")[];
  readonly sources: CloudModelSources;
  /** Date the entry was checked, YYYY-MM-DD. */
  readonly checked: string;
  /** Dotted paths of facts not confirmed in a public vendor source. */
  readonly unverified: readonly string[];
}

const url = () => z.string().regex(/^https:\/\/\S+$/, "must be an https URL");

/** zod schema for one cloud catalog entry; `cloud-models.test.ts` runs it over the catalog. */
export function cloudModelSpecSchema() {
  return z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
      provider: z.enum(CLOUD_PROVIDERS),
      displayName: z.string().min(1),
      providerModelId: z.string().min(1),
      contextWindowTokens: z.number().int().positive(),
      maxOutputTokens: z.number().int().positive().optional(),
      supportsToolCalling: z.boolean(),
      supportsVision: z.boolean(),
      bedrock: z
        .object({
          foundationModelId: z.string().regex(/^[a-z0-9-]+\.[\w.:-]+$/),
          geographicProfileIds: z.array(
            z.string().regex(/^(us|eu|apac|jp|au|us-gov|ca)\.[\w.:-]+$/),
          ),
          globalProfileId: z
            .string()
            .regex(/^global\.[\w.:-]+$/)
            .optional(),
          inRegionInvocation: z.boolean(),
          marketplaceProductId: z
            .string()
            .regex(/^prod-[a-z0-9]+$/)
            .optional(),
          requiresUseCaseForm: z.boolean(),
        })
        .optional(),
      azureRequiredInputs: z.array(z.enum(["deploymentName", "apiBase", "apiVersion"])).optional(),
      sources: z.object({ identifier: url(), limits: url(), capabilities: url() }),
      checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      unverified: z.array(z.string()),
    })
    .superRefine((m, ctx) => {
      if ((m.provider === "bedrock") !== (m.bedrock !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["bedrock"],
          message: "bedrock facts are required exactly for Bedrock models",
        });
      }
      if ((m.provider === "azure") !== (m.azureRequiredInputs !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["azureRequiredInputs"],
          message: "required inputs are listed exactly for Azure models",
        });
      }
      const b = m.bedrock;
      if (b) {
        const profiles = [
          ...b.geographicProfileIds,
          ...(b.globalProfileId ? [b.globalProfileId] : []),
        ];
        if (profiles.some((p) => !p.endsWith(`.${b.foundationModelId}`))) {
          ctx.addIssue({
            code: "custom",
            path: ["bedrock"],
            message: "every profile id must be a prefix plus the foundation-model id",
          });
        }
        if (profiles.length === 0 && !b.inRegionInvocation) {
          ctx.addIssue({
            code: "custom",
            path: ["bedrock"],
            message: "a Bedrock model needs a profile or in-region invocation",
          });
        }
      }
    });
}
