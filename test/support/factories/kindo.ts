/** Valid KindoModel inputs: a self-hosted vLLM Llama 3.1 8B that passed verification. */
import type {
  KindoModelInputs,
  UnleashConnection,
} from "../../../components/dynamic/kindo-model/args";

/** Where the factory's inputs point: a sim/kindo URL and key, and an Unleash. */
export interface KindoTarget {
  readonly kindoUrl: string;
  readonly adminKey: string;
  readonly unleash: UnleashConnection;
}

/** A placeholder target for pure tests that make no remote call. */
export const OFFLINE_TARGET: KindoTarget = {
  kindoUrl: "http://127.0.0.1:9",
  adminKey: "kindo-admin-key-offline",
  unleash: { url: "http://127.0.0.1:9", adminToken: "*:*.offline" },
};

/** The provider API key the factory passes; tests search state and errors for it. */
export const FACTORY_API_KEY = "sk-vllm-factory-9c1d7e";

/** The owner the factory records: the URN a top-level KindoModel "llama" has in stack "test". */
export const FACTORY_OWNER =
  "urn:pulumi:test::kindo-models::pulumi-nodejs:dynamic/kindo-models:KindoModel::llama";

/** Fresh, complete, valid inputs on every call; `overrides` replace top-level fields. */
export function validKindoModelInputs(
  overrides: Partial<KindoModelInputs> = {},
  target: KindoTarget = OFFLINE_TARGET,
): KindoModelInputs {
  return {
    kindo: { url: target.kindoUrl, adminKey: target.adminKey },
    unleash: { ...target.unleash },
    kind: "vllm",
    litellmModelName: "llama-3.1-8b-instruct",
    litellmParams: {
      model: "openai/llama-3.1-8b-instruct",
      api_base: "http://vllm.models.svc:8000/v1",
      api_key: FACTORY_API_KEY,
    },
    maxTokens: 8192,
    displayName: "Llama 3.1 8B Instruct",
    provider: "vLLM",
    creator: "Meta",
    type: "CHAT",
    metadataType: "Text Generation",
    costTier: "LOW",
    features: ["TOOL_CALLING_MODELS", "INGESTION_WORKERS"],
    verification: {
      maxModelLen: 131072,
      toolCallingPassed: true,
      servedModelName: "llama-3.1-8b-instruct",
      verifiedAt: "2026-11-25T04:00:00Z",
    },
    catalogTakesImages: false,
    owner: FACTORY_OWNER,
    ...overrides,
  };
}
