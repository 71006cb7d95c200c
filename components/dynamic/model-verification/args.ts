/**
 * Inputs of `ModelVerification` as the provider sees them (plain, resolved) and their validation.
 * Pure: the provider's `check` and the CLI both use {@link validateVerificationInputs}.
 */
import { PREVIEW_UNKNOWN, type ValidationIssue } from "../../../knowledge/core";
import { credentialUrlMessage, hasUrlCredentials } from "../../../verification/transport/redact";
import type {
  ProbeBudgets,
  ProbeExpectations,
  ProbeTarget,
  ToolParserHint,
} from "../../../verification/types";

/** The resolved inputs stored in state (the API key is secret there). */
export interface VerificationInputs {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly maxModelLen?: number;
  readonly toolCalling: boolean;
  readonly toolCallParser?: string;
  readonly toolParserHint?: ToolParserHint;
  readonly reasoning: boolean;
  readonly readyTimeoutSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly longContextTimeoutSeconds: number;
  readonly readinessPath?: string;
  /**
   * Set by the provider, never by users: each probe's status ("passes", or "fails: <diagnosis>")
   * as a refresh that found drift recorded it, and as `check` then expects it ("passes"). The
   * difference is what the next preview shows for the resource.
   */
  readonly probeStatus?: Readonly<Record<string, string>>;
}

const UNKNOWN = PREVIEW_UNKNOWN;

function isPositive(n: unknown): boolean {
  return typeof n === "number" && Number.isFinite(n) && n > 0;
}

/** Every problem with the inputs at once; unknown (preview) values are skipped. */
export function validateVerificationInputs(
  i: Partial<Record<keyof VerificationInputs, unknown>>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const url = i.baseUrl;
  if (url !== UNKNOWN && (typeof url !== "string" || !/^https?:\/\/[^/\s]+/.test(url))) {
    issues.push({
      path: "baseUrl",
      message: `${JSON.stringify(url ?? null)} is not an http(s) URL. Use the server root, e.g. "http://vllm:8000".`,
    });
  } else if (typeof url === "string" && hasUrlCredentials(url)) {
    issues.push({ path: "baseUrl", message: credentialUrlMessage(url) });
  } else if (typeof url === "string" && /\/v1\/?$/.test(url)) {
    issues.push({
      path: "baseUrl",
      message: `"${url}" ends in /v1. Give the server root without /v1, e.g. "${url.replace(/\/v1\/?$/, "")}".`,
    });
  }
  if (i.model !== UNKNOWN && (typeof i.model !== "string" || i.model.trim() === "")) {
    issues.push({
      path: "model",
      message: `${JSON.stringify(i.model ?? null)} is not a served model name. Use the value of --served-model-name.`,
    });
  }
  if (
    i.maxModelLen !== undefined &&
    i.maxModelLen !== UNKNOWN &&
    !(Number.isInteger(i.maxModelLen) && (i.maxModelLen as number) >= 1)
  ) {
    issues.push({
      path: "maxModelLen",
      message: `${String(i.maxModelLen)} is not a token count. Use a whole number of 1 or more, the server's --max-model-len.`,
    });
  }
  for (const key of [
    "readyTimeoutSeconds",
    "requestTimeoutSeconds",
    "longContextTimeoutSeconds",
  ] as const) {
    if (i[key] !== UNKNOWN && !isPositive(i[key]))
      issues.push({
        path: key,
        message: `${String(i[key])} is not a duration. Use a number of seconds above 0.`,
      });
  }
  return issues;
}

/** The probe-suite parameters for these inputs. */
export function buildSuiteParameters(i: VerificationInputs): {
  target: ProbeTarget;
  expect: ProbeExpectations;
  budgets: ProbeBudgets;
} {
  const target: ProbeTarget = {
    baseUrl: i.baseUrl,
    model: i.model,
    ...(i.apiKey === undefined || i.apiKey === ""
      ? {}
      : { authHeader: { name: "authorization", value: `Bearer ${i.apiKey}` } }),
    ...(i.readinessPath === undefined ? {} : { readinessPath: i.readinessPath }),
  };
  const expect: ProbeExpectations = {
    toolCalling: i.toolCalling,
    reasoning: i.reasoning,
    ...(i.maxModelLen === undefined ? {} : { maxModelLenTokens: i.maxModelLen }),
    ...(i.toolCallParser === undefined ? {} : { toolCallParser: i.toolCallParser }),
    ...(i.toolParserHint === undefined ? {} : { toolParserHint: i.toolParserHint }),
  };
  const budgets: ProbeBudgets = {
    readyTimeoutMs: i.readyTimeoutSeconds * 1000,
    requestTimeoutMs: i.requestTimeoutSeconds * 1000,
    longContextTimeoutMs: i.longContextTimeoutSeconds * 1000,
  };
  return { target, expect, budgets };
}
