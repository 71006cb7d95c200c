/**
 * What Kindo's configuration expects of a registered model: the kinds of model and the LiteLLM
 * provider prefix each needs, and the Unleash feature keys whose variants list model ids. Pure.
 */
import { LITELLM_PREFIXES } from "./cloud-model-types";

/** Where the model is served; decides the LiteLLM provider prefix Kindo needs. */
export type KindoModelKind =
  "openai" | "anthropic" | "gemini" | "azure" | "bedrock" | "groq" | "vllm";

/**
 * Provider prefix of `litellmParams.model` per kind: the cloud providers' LiteLLM prefixes, and
 * `openai/` with `api_base` for a self-hosted vLLM (the guide's "Provider prefix reference").
 */
export const KINDO_PROVIDER_PREFIXES: Readonly<Record<KindoModelKind, string>> = Object.freeze({
  ...LITELLM_PREFIXES,
  vllm: "openai/",
});

/**
 * Kindo's Unleash feature keys whose variant payloads hold model ids
 * (https://docs.kindo.ai/docs/model-configuration, all renderings up to 2026.11).
 */
export const KINDO_FEATURE_KEYS = [
  "AGENT_MODEL",
  "API_STEP_GENERATION",
  "AUDIO_TRANSCRIPTION",
  "CRON_EXPRESSION_GENERATION",
  "DEFAULT_WORKFLOW_STEP_MODEL",
  "DYNAMIC_API_REQUEST_PARSER",
  "EMBEDDING_MODELS",
  "GEMINI_CHAT_MODELS",
  "GENERAL_PURPOSE_MODELS",
  "INGESTION_WORKERS",
  "INTERNAL_AUTO_GENERATION",
  "INTERNAL_LARGE_WORKER",
  "INTERNAL_SMALL_WORKER",
  "LOCAL_STORAGE_CHAT_ACTIONS_MODELS",
  "LOCAL_STORAGE_CHAT_MODELS",
  "LONG_CONTEXT_MODELS",
  "MULTIMODAL_MODELS",
  "REASONING_MODELS",
  "SLACK_MESSAGE_GENERATION",
  "STREAMING_UNSUPPORTED_MODELS",
  "TOOL_CALLING_MODELS",
] as const;
export type KindoFeatureKey = (typeof KINDO_FEATURE_KEYS)[number];
