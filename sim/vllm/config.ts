/**
 * Configuration of the vLLM simulator: what `vllm serve` was started with (served names, max model
 * length, tool and reasoning flags, API key, version) plus how the fake model behaves and which
 * faults to inject. Plain data, so tests can build one per case and the CLI can read it as JSON.
 */

/** Fault kinds the simulator can inject on matching requests. */
export const FAULT_KINDS = [
  "reset", // destroy the socket before any response byte
  "status", // answer with `status` (default 503) and a short plain-text body
  "slow-headers", // wait `delayMs` before answering normally
  "slow-body", // send headers, then the body in small pieces spread over `delayMs`
  "stall-body", // send headers and half the body, then never finish
  "truncated-json", // send half of the JSON body and end the response cleanly
  "sse-cut", // streaming only: send the first chunks, then destroy the socket
  "garbage", // write bytes that are not HTTP, then close
  "echo-auth", // answer `status` (default 500) in vLLM's error envelope quoting the Authorization header
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which kind of chat request a fault targets (all when unset). */
export type RequestKind = "tools" | "stream" | "plain";

/** One fault rule: applies to requests whose path starts with `path` (every path when unset). */
export interface FaultRule {
  readonly kind: FaultKind;
  readonly path?: string;
  readonly requestKind?: RequestKind;
  /** Only requests whose raw body contains this text (e.g. "get_weather", "2 + 2"). */
  readonly bodyIncludes?: string;
  /** Apply to the first N matching requests only; every matching request when unset. */
  readonly times?: number;
  /** Milliseconds for slow-headers and slow-body. @default 200 */
  readonly delayMs?: number;
  /** HTTP status for "status" (default 503) and "echo-auth" (default 500). */
  readonly status?: number;
}

/** Output formats a model writes tool calls in, named after the vLLM parser that reads them. */
export type ToolCallFormat = "llama3_json" | "hermes" | "mistral" | "pythonic";

/** Everything the simulator needs; {@link defaultSimConfig} fills what is not given. */
export interface VllmSimConfig {
  /** `--model`: reported as `root` on /v1/models. */
  readonly model: string;
  /** `--served-model-name`: one /v1/models card each; the first is canonical. */
  readonly servedModelNames: readonly string[];
  /** `--max-model-len` in tokens: reported on /v1/models and /tokenize, enforced on requests. */
  readonly maxModelLen: number;
  /** vLLM version: /version, the error envelope, the context-length wording, the reasoning field. */
  readonly version: string;
  /** `--api-key`; /v1/* answers 401 without it. */
  readonly apiKey?: string;
  /** Milliseconds before the server listens (vLLM binds only after loading the weights). */
  readonly startupDelayMs: number;
  /** `--enable-auto-tool-choice`. */
  readonly enableAutoToolChoice: boolean;
  /** `--tool-call-parser`. */
  readonly toolCallParser?: string;
  /** The format the model writes tool calls in; only the parser of that name extracts them. */
  readonly modelToolFormat: ToolCallFormat;
  /** `--reasoning-parser`; without one, reasoning stays in `content` inside <think> tags. */
  readonly reasoningParser?: string;
  /** Tokens the model reasons before answering; 0 for models that do not reason. */
  readonly reasoningTokens: number;
  /** /health answers 503 (vLLM's EngineDeadError). */
  readonly engineDead: boolean;
  /** The model answers with garbage (wrong dtype, corrupted weights). */
  readonly garbledOutput: boolean;
  /** false: over-long prompts are accepted (a proxy that truncates them). */
  readonly enforceContextLength: boolean;
  /** false: /tokenize answers 404 (not a vLLM server, or a proxy that hides it). */
  readonly tokenizeEndpoint: boolean;
  /** Milliseconds before the first generated token, and between tokens. */
  readonly latency: { readonly firstTokenMs: number; readonly tokenMs: number };
  readonly faults: readonly FaultRule[];
}

/** A simulator config with every field set; `overrides` replace fields one level deep. */
export function defaultSimConfig(overrides: Partial<VllmSimConfig> = {}): VllmSimConfig {
  return {
    model: "meta-llama/Llama-3.1-8B-Instruct",
    servedModelNames: ["llama-3.1-8b"],
    maxModelLen: 32768,
    version: "0.11.0",
    startupDelayMs: 0,
    enableAutoToolChoice: true,
    toolCallParser: "llama3_json",
    modelToolFormat: "llama3_json",
    reasoningTokens: 0,
    engineDead: false,
    garbledOutput: false,
    enforceContextLength: true,
    tokenizeEndpoint: true,
    latency: { firstTokenMs: 0, tokenMs: 0 },
    faults: [],
    ...overrides,
  };
}
