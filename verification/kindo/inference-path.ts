/**
 * The second verification stage's verdict: the same probe suite run through Kindo's own
 * OpenAI-compatible API (Kindo → LiteLLM → endpoint, inside the cluster), compared with the direct
 * stage, so each failure names which path broke and why: Kindo's key, a model Kindo does not list,
 * an endpoint Kindo cannot reach (split DNS, firewalls: the guide's "Works from your laptop, fails
 * from Kindo"), a served-name mismatch, or a wrong provider key in `litellmParams`. Pure.
 */
import type { ProbeExpectations, ProbeName, SuiteReport } from "../types";
import { PROBE_NAMES } from "../types";

/** Kindo's inference API as the suite reaches it. Paths are the OpenAI ones under `url` (unverified for self-managed installs: see docs/kindo.md). */
export const KINDO_INFERENCE_DEFAULTS = Object.freeze({
  modelsPath: "/v1/models",
  chatPath: "/v1/chat/completions",
  authStyle: "bearer",
} as const);

/** What the direct stage showed, when it ran. */
export interface DirectStageSummary {
  readonly passed: boolean;
  /** Names the endpoint serves (`/v1/models` ids). */
  readonly servedModelNames?: readonly string[];
}

/** What the diagnoses need to know about the route. */
export interface KindoPathContext {
  /** Kindo's inference API root. */
  readonly kindoUrl: string;
  /** The serving name sent to Kindo. */
  readonly servingName: string;
  /** Where Kindo forwards (`litellmParams.api_base`), as the message should name it. */
  readonly apiBase?: string;
  /** The name Kindo forwards (`litellmParams.model` after the provider prefix). */
  readonly routedModel?: string;
  readonly direct?: DirectStageSummary;
}

/** Why the Kindo path failed. */
export type KindoPathFailure =
  | "kindo-unreachable"
  | "kindo-auth"
  | "not-listed"
  | "endpoint-unreachable"
  | "served-name"
  | "provider-auth"
  | "probe";

export interface KindoPathDiagnosis {
  readonly kind: KindoPathFailure;
  readonly message: string;
  /** The probes that failed for this reason. */
  readonly probes: readonly ProbeName[];
}

/** The stage's verdict: every distinct reason once. */
export interface KindoPathVerdict {
  readonly passed: boolean;
  readonly diagnoses: readonly KindoPathDiagnosis[];
}

/** The probe expectations of the Kindo stage: listed, a completion, streaming, and the tool call for TOOL_CALLING_MODELS. */
export function buildKindoPathExpectations(
  toolCalling: boolean,
  reasoning = false,
): ProbeExpectations {
  // No max_model_len: Kindo's /v1/models does not report one, so the long-context pair is left to the direct stage.
  return { toolCalling, reasoning };
}

/** The auth header of Kindo's inference API: Bearer (default) or the older `api-key` header. */
export function buildKindoAuthHeader(
  apiKey: string,
  style: "bearer" | "api-key" = KINDO_INFERENCE_DEFAULTS.authStyle,
): { name: string; value: string } {
  return style === "api-key"
    ? { name: "api-key", value: apiKey }
    : { name: "authorization", value: `Bearer ${apiKey}` };
}

const UNREACHABLE =
  /APIConnectionError|Connection error|litellm\.Timeout|APITimeoutError|Name or service not known|Temporary failure in name resolution|timed out/i;
const AUTH = /answered 40[13]\b/;
const MISSING_MODEL = /The model `([^`]+)` does not exist/;

/** `http://host:port/v1/models` for an api_base (with or without /v1), for the guide's wget check. */
function modelsUrlOf(apiBase: string): string {
  const base = apiBase.replace(/\/+$/, "");
  return /\/v1$/.test(base) ? `${base}/models` : `${base}/v1/models`;
}

function hostOf(apiBase: string): string {
  try {
    return new URL(apiBase).hostname;
  } catch {
    return apiBase;
  }
}

function unreachableMessage(ctx: KindoPathContext): string {
  const lead =
    ctx.direct?.passed === true
      ? "the endpoint passed direct verification but fails through Kindo"
      : "the model fails through Kindo";
  if (ctx.apiBase === undefined) {
    return `${lead}: Kindo cannot reach the model's api_base: check DNS resolution from inside the cluster and firewall rules between the Kindo namespace and the endpoint`;
  }
  const checks = `kubectl run -it --rm dns-test --image=busybox -- nslookup ${hostOf(ctx.apiBase)}; kubectl run -it --rm net-test --image=busybox -- wget -qO- ${modelsUrlOf(ctx.apiBase)}`;
  return `${lead}: Kindo cannot reach ${ctx.apiBase}: check DNS resolution from inside the cluster and firewall rules between the Kindo namespace and the endpoint (the guide's checks: ${checks})`;
}

function servedNameMessage(routed: string | undefined, ctx: KindoPathContext): string {
  const served = ctx.direct?.servedModelNames?.[0];
  const r = routed ?? ctx.routedModel ?? ctx.servingName;
  const head =
    served === undefined
      ? `Kindo routes \`${r}\` but the server does not serve it`
      : `Kindo routes \`${r}\` but the server serves \`${served}\``;
  const fix =
    served === undefined
      ? "set litellmParams.model to openai/<the --served-model-name>"
      : `set litellmParams.model to "openai/${served}" or start the server with --served-model-name ${r}`;
  return `${head}: served-model-name mismatch; ${fix}`;
}

/** Classifies one failed probe of the Kindo run. */
export function classifyKindoFailure(
  probe: ProbeName,
  diagnosis: string,
  report: SuiteReport,
  ctx: KindoPathContext,
): { kind: KindoPathFailure; message: string } {
  const listed = report.probes.models?.passed === true;
  if (probe === "health" || (probe === "models" && !listed)) {
    if (AUTH.test(diagnosis))
      return {
        kind: "kindo-auth",
        message: `Kindo's API at ${ctx.kindoUrl} answered ${/answered 403/.test(diagnosis) ? 403 : 401} to ${KINDO_INFERENCE_DEFAULTS.modelsPath}: the Kindo API key is missing or wrong (it is the key of a Kindo user, not the admin key or the provider's key)`,
      };
    if (probe === "models" && /does not serve/.test(diagnosis)) {
      const lists = /lists (.*); set/.exec(diagnosis)?.[1] ?? "other models";
      return {
        kind: "not-listed",
        message: `Kindo does not list "${ctx.servingName}" at ${KINDO_INFERENCE_DEFAULTS.modelsPath} (it lists ${lists}): the model is not registered under this serving name, or the API key's user cannot see it`,
      };
    }
    return {
      kind: "kindo-unreachable",
      message: `Kindo's API at ${ctx.kindoUrl} does not answer: ${diagnosis}`,
    };
  }
  if (UNREACHABLE.test(diagnosis))
    return { kind: "endpoint-unreachable", message: unreachableMessage(ctx) };
  const missing = MISSING_MODEL.exec(diagnosis);
  if (missing !== null) return { kind: "served-name", message: servedNameMessage(missing[1], ctx) };
  if (listed && AUTH.test(diagnosis)) {
    return {
      kind: "provider-auth",
      message:
        "Kindo lists the model but returns 401 from the provider: the api_key in litellmParams is wrong; set it to the key the endpoint expects (vLLM --api-key)",
    };
  }
  return { kind: "probe", message: `through Kindo: ${diagnosis}` };
}

/** Compares the Kindo run with the direct stage; one diagnosis per distinct reason, probes in order. */
export function diagnoseKindoPath(report: SuiteReport, ctx: KindoPathContext): KindoPathVerdict {
  const byMessage = new Map<string, { kind: KindoPathFailure; probes: ProbeName[] }>();
  for (const probe of PROBE_NAMES) {
    const v = report.probes[probe];
    if (v === undefined || v.passed || (v.diagnosis ?? "").startsWith("not run:")) continue;
    const c = classifyKindoFailure(probe, v.diagnosis ?? "failed", report, ctx);
    const seen = byMessage.get(c.message);
    if (seen === undefined) byMessage.set(c.message, { kind: c.kind, probes: [probe] });
    else seen.probes.push(probe);
  }
  const diagnoses = [...byMessage.entries()].map(([message, { kind, probes }]) => ({
    kind,
    message,
    probes,
  }));
  return { passed: report.passed, diagnoses };
}

/** One line per diagnosis: `completion, streaming: the endpoint passed direct verification but ...`. */
export function listKindoPathDiagnoses(verdict: KindoPathVerdict): string[] {
  return verdict.diagnoses.map((d) => `${d.probes.join(", ")}: ${d.message}`);
}
