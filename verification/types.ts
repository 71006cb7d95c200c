/**
 * Plain data the probe suite works with: what to probe (any OpenAI-compatible endpoint), what to
 * expect, time budgets, recorded HTTP exchanges, verdicts and the report. No runtime imports.
 */

/** The endpoint under test. Reusable for vLLM, Kindo's OpenAI-compatible API and cloud providers. */
export interface ProbeTarget {
  /** Server root without `/v1`, e.g. `http://vllm:8000`. */
  readonly baseUrl: string;
  /** The model name sent in requests (vLLM's --served-model-name). */
  readonly model: string;
  /** Auth header sent on every request except the readiness check, e.g. `{ name: "authorization", value: "Bearer ..." }`. */
  readonly authHeader?: { readonly name: string; readonly value: string };
  /** Path polled for readiness without auth; vLLM's `/health`. Use `/v1/models` for endpoints without one. @default "/health" */
  readonly readinessPath?: string;
}

/** The parser vLLM documents for the model being served, for diagnoses. */
export interface ToolParserHint {
  readonly modelName: string;
  readonly parsers: readonly string[];
}

/** What the endpoint must show. */
export interface ProbeExpectations {
  /** Expected `max_model_len` in tokens; the long-context probes use the reported one when given. */
  readonly maxModelLenTokens?: number;
  /** Run the tool-call probe (the guide's get_weather call). @default false */
  readonly toolCalling?: boolean;
  /** The --tool-call-parser the server was started with, for diagnoses. */
  readonly toolCallParser?: string;
  readonly toolParserHint?: ToolParserHint;
  /** The model reasons: larger token budgets, and the reasoning probe runs. @default false */
  readonly reasoning?: boolean;
}

/** Time budgets in milliseconds. */
export interface ProbeBudgets {
  /** Total wait for readiness (from the deployment's start-up budget). @default 600000 */
  readonly readyTimeoutMs?: number;
  /** Per request. @default 30000 */
  readonly requestTimeoutMs?: number;
  /** Per long-context request (a full-window prefill is slow). @default 300000 */
  readonly longContextTimeoutMs?: number;
}

/** How a request failed below HTTP. */
export type TransportFailure =
  | "refused"
  | "reset"
  | "headers-timeout"
  | "body-timeout"
  | "protocol"
  | "dns"
  | "oversized"
  | "other";

/** One recorded request: an HTTP response, or a transport failure. */
export type Exchange =
  | {
      readonly kind: "response";
      readonly method: string;
      readonly path: string;
      readonly status: number;
      readonly contentType: string;
      readonly bodyText: string;
      readonly elapsedMs: number;
      /** A redirect's Location (without credentials); redirects are never followed. */
      readonly location?: string;
    }
  | {
      readonly kind: "transport";
      readonly method: string;
      readonly path: string;
      readonly failure: TransportFailure;
      readonly detail: string;
      readonly timeoutMs: number;
      readonly elapsedMs: number;
    };

/** One recorded SSE stream. */
export interface StreamExchange {
  readonly head: Exchange;
  /** `data:` payloads received, `[DONE]` excluded. */
  readonly events: readonly string[];
  readonly sawDone: boolean;
  /** Set when the stream broke off below HTTP after the headers. */
  readonly cut?: TransportFailure;
  /** Milliseconds from sending to the first event carrying a token. */
  readonly firstTokenMs?: number;
  /** Milliseconds from sending to the end of the stream. */
  readonly totalMs: number;
}

export const PROBE_NAMES = [
  "health",
  "models",
  "completion",
  "streaming",
  "tool-call",
  "long-context",
  "context-limit",
  "reasoning",
] as const;

export type ProbeName = (typeof PROBE_NAMES)[number];

export interface ProbeVerdict {
  readonly passed: boolean;
  /** Why it failed, as a fix-oriented sentence; absent when passed. */
  readonly diagnosis?: string;
  /**
   * The probe did not run (an earlier probe made it pointless, or the endpoint is beyond what it
   * can test): `passed` is false, the diagnosis says why, and it is not counted as a failure.
   */
  readonly skipped?: true;
}

/** What the endpoint proved about itself. */
export interface Evidence {
  readonly maxModelLenTokens?: number;
  readonly servedModelNames?: readonly string[];
  readonly root?: string;
  readonly vllmVersion?: string;
  readonly ttftMs?: number;
  readonly tokensPerSecond?: number;
  readonly longContextPromptTokens?: number;
  /** How the long prompt was sized: exact with /tokenize, or ~4 characters a token without it. */
  readonly longContextSizedBy?: "tokenize" | "estimate";
  /** ISO time the suite finished. */
  readonly verifiedAt: string;
}

export interface SuiteReport {
  readonly passed: boolean;
  /** Only the probes that ran, in {@link PROBE_NAMES} order. */
  readonly probes: Partial<Record<ProbeName, ProbeVerdict>>;
  readonly evidence: Evidence;
}
