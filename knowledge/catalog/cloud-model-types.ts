/**
 * The zod schemas of the cloud (provider API) model catalog: its data files
 * (knowledge/catalog/data/cloud/) and the entries scripts/generate-catalog.ts emits from them. The
 * types are `z.infer` of these schemas, never written twice. Pure: no Pulumi imports.
 *
 * An entry is a committed snapshot of a public data set (LiteLLM's model map, pi-ai's models.dev
 * data) with our own sourced facts laid over it. Every fact carries where it came from
 * (`provenance`): a vendor page, a third-party page, or a data set, with the date; facts not
 * confirmed on a vendor page are listed in `unverified` and never presented as documented.
 */
import { z } from "zod";

import { CLOUD_PROVIDERS, type CloudProvider } from "./vocabulary";

export { CLOUD_PROVIDERS, type CloudProvider };

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

export const CLOUD_MODEL_KINDS = ["chat", "embedding", "transcription"] as const;
export type CloudModelKind = (typeof CLOUD_MODEL_KINDS)[number];

/**
 * Where a model is in its provider's life cycle. "listed": a data set (or a provider's table) lists
 * it and no lifecycle statement was read; "retired" is never stored, it is what a past
 * `shutdownDate` means (see `findCloudLifecycle`).
 */
export const LIFECYCLE_STATUSES = [
  "active",
  "legacy",
  "preview",
  "deprecated",
  "retired",
  "listed",
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** The facts a data set or a page can give, by their entry field names. */
export const CLOUD_FACT_FIELDS = [
  "contextWindowTokens",
  "maxInputTokens",
  "maxOutputTokens",
  "supportsToolCalling",
  "supportsVision",
  "supportsFileInput",
  "supportsReasoning",
  "outputDimensions",
  "maxFileSizeMB",
] as const;
export type CloudFactField = (typeof CLOUD_FACT_FIELDS)[number];

/** The data sets the catalog is built from. */
export const CLOUD_DATASETS = ["litellm", "pi-ai"] as const;
export type CloudDataset = (typeof CLOUD_DATASETS)[number];

const httpsUrl = () => z.string().regex(/^https:\/\/\S+$/, "must be an https URL");
const isoDate = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD)");
const tokens = () => z.number().int().positive();

/** Where a fact group was read, and when. */
export function cloudProvenanceSchema() {
  return z.strictObject({ url: httpsUrl(), checked: isoDate() });
}

/** One fact read outside the data sets (a vendor page, or a third-party page: `unverified`). */
export function cloudFactSchema() {
  return z.strictObject({
    value: z.union([tokens(), z.boolean()]),
    url: httpsUrl(),
    checked: isoDate(),
    /**
     * The data set's value this fact overrides. Required when the two differ, so that a refreshed
     * data set that moves under an override stops the generator until someone re-reads the page.
     */
    datasetValue: z.union([tokens(), z.boolean()]).optional(),
    /** The page is not the vendor's own (or gives a rounded figure): the fact stays unverified. */
    unverified: z.literal(true).optional(),
    note: z.string().optional(),
  });
}
export type CloudFact = z.infer<ReturnType<typeof cloudFactSchema>>;

export function cloudLifecycleSchema() {
  return z.strictObject({
    status: z.enum(LIFECYCLE_STATUSES),
    /** The announced shutdown (retirement) date; a past date means the model is retired. */
    shutdownDate: isoDate().optional(),
    /** The replacement the provider recommends, by its provider id. */
    replacement: z.string().optional(),
    source: cloudProvenanceSchema(),
    /** Read on a third-party page, or inferred from a data set listing the model. */
    unverified: z.literal(true).optional(),
    note: z.string().optional(),
  });
}
export type CloudLifecycle = z.infer<ReturnType<typeof cloudLifecycleSchema>>;

const bedrockProfileId = () =>
  z
    .string()
    .regex(/^(us|eu|apac|jp|au|us-gov|ca|in)\.[\w.:-]+$/, "must be a geographic profile id");
const globalProfileId = () => z.string().regex(/^global\.[\w.:-]+$/, "must be a global profile id");

/** One catalog entry as a data file writes it (the provider comes from the file). */
export function cloudModelDataSchema() {
  return z.strictObject({
    /** Our stable kebab-case key, e.g. "claude-sonnet-4-5" or "bedrock-claude-sonnet-4". */
    key: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    /** The exact id the provider expects (Azure: the model a deployment serves). */
    id: z.string().min(1),
    displayName: z.string().min(1),
    kind: z.enum(CLOUD_MODEL_KINDS),
    /** The records this entry takes from each data set snapshot, by their keys there. */
    datasets: z
      .strictObject({ litellm: z.string().optional(), piAi: z.string().optional() })
      .optional(),
    /** Where the exact id was read on a vendor page; absent: the id is unverified. */
    idSource: cloudProvenanceSchema().optional(),
    facts: z.partialRecord(z.enum(CLOUD_FACT_FIELDS), cloudFactSchema()).optional(),
    lifecycle: cloudLifecycleSchema(),
    bedrock: z
      .strictObject({
        /** Profile ids read on a vendor page; replaces the ones the data sets list. */
        profiles: z
          .strictObject({
            ids: z.array(z.union([bedrockProfileId(), globalProfileId()])),
            url: httpsUrl(),
            checked: isoDate(),
          })
          .optional(),
        /** Whether the model is invoked on demand in one region; default: when it has no profile. */
        inRegionInvocation: z
          .strictObject({ value: z.boolean(), url: httpsUrl(), checked: isoDate() })
          .optional(),
        marketplaceProductId: z
          .string()
          .regex(/^prod-[a-z0-9]+$/)
          .optional(),
      })
      .optional(),
    notes: z.string().optional(),
  });
}
export type CloudModelData = z.infer<ReturnType<typeof cloudModelDataSchema>>;

/** One data file: a provider's entries. */
export function cloudProviderFileSchema() {
  return z.strictObject({
    provider: z.enum(CLOUD_PROVIDERS),
    models: z.array(cloudModelDataSchema()),
  });
}

/** A data set snapshot's description (data/cloud/datasets.yaml). */
export function cloudDatasetInfoSchema() {
  return z.strictObject({
    name: z.string().min(1),
    /** The published data set. */
    url: httpsUrl(),
    /** The copy the snapshot was cut from (a mirror, a package version). */
    obtainedFrom: z.string().min(1),
    version: z.string().min(1),
    /** The data's own date (the sync commit, the generation time), YYYY-MM-DD. */
    date: isoDate(),
    license: z.string().min(1),
    /** How its fields map to ours, and what it is known to get wrong. */
    notes: z.string().optional(),
  });
}
export type CloudDatasetInfo = z.infer<ReturnType<typeof cloudDatasetInfoSchema>>;

export function cloudDatasetsFileSchema() {
  return z.strictObject({
    /** The date the catalog (data sets plus our facts) was last checked, YYYY-MM-DD. */
    checked: isoDate(),
    datasets: z.strictObject({
      litellm: cloudDatasetInfoSchema(),
      "pi-ai": cloudDatasetInfoSchema(),
    }),
  });
}
export type CloudDatasetsFile = z.infer<ReturnType<typeof cloudDatasetsFileSchema>>;

/** A LiteLLM record, as far as the catalog reads it (model_prices_and_context_window.json). */
export function litellmRecordSchema() {
  const n = () => z.number().nullable().optional();
  const b = () => z.boolean().nullable().optional();
  return z.strictObject({
    litellm_provider: z.string(),
    mode: z.string().optional(),
    max_input_tokens: n(),
    max_output_tokens: n(),
    max_tokens: n(),
    supports_function_calling: b(),
    supports_vision: b(),
    supports_pdf_input: b(),
    supports_reasoning: b(),
    output_vector_size: n(),
  });
}
export type LitellmRecord = z.infer<ReturnType<typeof litellmRecordSchema>>;

/** A pi-ai model record, as far as the catalog reads it (dist/providers/data/<provider>.json). */
export function piAiRecordSchema() {
  return z.strictObject({
    id: z.string(),
    name: z.string(),
    contextWindow: z.number().nullable().optional(),
    maxTokens: z.number().nullable().optional(),
    input: z.array(z.string()).optional(),
    reasoning: z.boolean().optional(),
  });
}
export type PiAiRecord = z.infer<ReturnType<typeof piAiRecordSchema>>;

/** Where one fact of a generated entry came from. */
export function factProvenanceSchema() {
  return z.strictObject({
    url: httpsUrl(),
    checked: isoDate(),
    origin: z.enum(["vendor", "third-party", "litellm", "pi-ai"]),
  });
}
export type FactProvenance = z.infer<ReturnType<typeof factProvenanceSchema>>;

/** Bedrock-only facts: how the model is invoked and what first use needs. */
export function bedrockFactsSchema() {
  return z.strictObject({
    /** Foundation-model id, e.g. "anthropic.claude-sonnet-4-5-20250929-v1:0". */
    foundationModelId: z.string().regex(/^[a-z0-9-]+\.[\w.:-]+$/),
    /** System-defined geographic profile ids ("us.", "eu.", ...), empty when none is known. */
    geographicProfileIds: z.array(bedrockProfileId()),
    /** The "global." profile id, when one is known. */
    globalProfileId: globalProfileId().optional(),
    /** Whether the foundation model can be invoked on demand in one region without a profile. */
    inRegionInvocation: z.boolean(),
    /** AWS Marketplace product id from the model card, when it gives one. */
    marketplaceProductId: z
      .string()
      .regex(/^prod-[a-z0-9]+$/)
      .optional(),
    /** Anthropic models need the one-time use-case (first-time-use) form per account. */
    requiresUseCaseForm: z.boolean(),
  });
}
export type BedrockFacts = z.infer<ReturnType<typeof bedrockFactsSchema>>;

function cloudModelSpecObject() {
  const capability = () => z.boolean().nullable();
  return z.strictObject({
    /** Our stable key, e.g. "claude-sonnet-4-5". */
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    provider: z.enum(CLOUD_PROVIDERS),
    displayName: z.string().min(1),
    /** The exact identifier the provider expects (Azure: the OpenAI model a deployment serves). */
    providerModelId: z.string().min(1),
    kind: z.enum(CLOUD_MODEL_KINDS),
    /** `litellmParams.model` as LiteLLM routes it; Azure: "azure/<deployment-name>". */
    litellmModel: z.string().min(1),
    /** The advertised total window in tokens: what Kindo's `contextWindow` must be set to. */
    contextWindowTokens: tokens().optional(),
    /** Present when the vendor caps input below the window (GPT-5: 272,000 of 400,000). */
    maxInputTokens: tokens().optional(),
    maxOutputTokens: tokens().optional(),
    /** null: no source says. */
    supportsToolCalling: capability(),
    supportsVision: capability(),
    /** PDF/file input. */
    supportsFileInput: capability(),
    supportsReasoning: capability(),
    outputDimensions: tokens().optional(),
    maxFileSizeMB: z.number().positive().optional(),
    bedrock: bedrockFactsSchema().optional(),
    /** Azure deployments need these inputs; none has a default. */
    azureRequiredInputs: z.array(z.enum(["deploymentName", "apiBase", "apiVersion"])).optional(),
    lifecycle: cloudLifecycleSchema(),
    /** Where each fact came from (fact field, "providerModelId" or "bedrock.profiles"). */
    provenance: z.record(z.string(), factProvenanceSchema()),
    /** Summary URLs: the identifier's, the context window's and the tool-calling fact's sources. */
    sources: z.strictObject({
      identifier: httpsUrl(),
      limits: httpsUrl(),
      capabilities: httpsUrl(),
    }),
    /** Date the entry's newest fact was checked, YYYY-MM-DD. */
    checked: isoDate(),
    datasets: z.array(z.enum(CLOUD_DATASETS)),
    /** Where a page corrected a data set: the field, both values and the page. */
    overrides: z.array(
      z.strictObject({
        field: z.string(),
        datasetValue: z.union([z.number(), z.boolean()]),
        value: z.union([z.number(), z.boolean()]),
        url: httpsUrl(),
        checked: isoDate(),
        note: z.string().optional(),
      }),
    ),
    /** Where LiteLLM and pi-ai disagree on a limit (LiteLLM's value is used unless overridden). */
    datasetConflicts: z.array(
      z.strictObject({ field: z.string(), litellm: z.number(), piAi: z.number() }),
    ),
    /** Facts not confirmed on a vendor page. */
    unverified: z.array(z.string()),
    notes: z.string().optional(),
  });
}

type CloudModelSpecObject = z.infer<ReturnType<typeof cloudModelSpecObject>>;

function refineCloudModelSpec(m: CloudModelSpecObject, ctx: z.RefinementCtx): void {
  const need = (field: "contextWindowTokens" | "maxOutputTokens", when: boolean): void => {
    if (when && m[field] === undefined)
      ctx.addIssue({ code: "custom", path: [field], message: `a ${m.kind} model needs ${field}` });
  };
  need("contextWindowTokens", m.kind !== "transcription");
  need("maxOutputTokens", m.kind === "chat");
  if ((m.provider === "bedrock") !== (m.bedrock !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["bedrock"],
      message: "bedrock facts are required exactly for Bedrock models",
    });
  if ((m.provider === "azure") !== (m.azureRequiredInputs !== undefined))
    ctx.addIssue({
      code: "custom",
      path: ["azureRequiredInputs"],
      message: "required inputs are listed exactly for Azure models",
    });
  const b = m.bedrock;
  if (!b) return;
  const profiles = [...b.geographicProfileIds, ...(b.globalProfileId ? [b.globalProfileId] : [])];
  if (profiles.some((p) => !p.endsWith(`.${b.foundationModelId}`)))
    ctx.addIssue({
      code: "custom",
      path: ["bedrock"],
      message: "every profile id must be a prefix plus the foundation-model id",
    });
  if (profiles.length === 0 && !b.inRegionInvocation)
    ctx.addIssue({
      code: "custom",
      path: ["bedrock"],
      message: "a Bedrock model needs a profile or in-region invocation",
    });
}

/** zod schema for one generated catalog entry; the generator and a unit test run it. */
export function cloudModelSpecSchema() {
  return cloudModelSpecObject().superRefine(refineCloudModelSpec);
}
export type CloudModelSpec = z.infer<ReturnType<typeof cloudModelSpecSchema>>;

/** A chat entry: the only kind `CloudModel` registers; window and maximum output are known. */
export type ChatCloudModelSpec = CloudModelSpec & {
  readonly kind: "chat";
  readonly contextWindowTokens: number;
  readonly maxOutputTokens: number;
};

/** True for chat entries (narrows the type). */
export function isChatCloudModel(m: CloudModelSpec): m is ChatCloudModelSpec {
  return (
    m.kind === "chat" && m.contextWindowTokens !== undefined && m.maxOutputTokens !== undefined
  );
}

/** What `models --cloud` prints about the data: the data sets and their dates. */
export interface CloudCatalogInfo {
  /** The date the catalog was last checked, YYYY-MM-DD. */
  readonly checked: string;
  readonly datasets: Readonly<Record<CloudDataset, CloudDatasetInfo>>;
  readonly modelCount: number;
  readonly overrideCount: number;
}
