/**
 * The dynamic provider of `ModelVerification`. `create`/`update` run the probe suite and fail with
 * the diagnoses unless every probe passes; `read` (refresh) re-probes and reports drift in the
 * outputs, and records each probe's status in the inputs, which `check` then expects to pass, so
 * the next preview names the failing probe, what it found and what is expected; `diff` re-verifies
 * when inputs change or the last refresh found drift.
 *
 * It survives Pulumi's function serialiser: it reaches only plain functions and constant data,
 * undici and @pulumi/pulumi are required inside methods, and the API key comes from the (secret)
 * inputs. Nothing external is created, so `delete` has nothing to undo.
 */
import type * as pulumi from "@pulumi/pulumi";
import { buildSuiteParameters, validateVerificationInputs, type VerificationInputs } from "./args";
import { listDiagnoses, runProbeSuite } from "../../../verification/suite";
import { PROBE_NAMES, type SuiteReport } from "../../../verification/types";
import {
  redactError,
  redactSecrets,
  stripUrlCredentials,
} from "../../../verification/transport/redact";

/** Evidence the resource exposes, next to its inputs. */
export interface VerificationEvidence {
  /** Every requested probe passed at the last create, update or refresh. */
  readonly passed: boolean;
  readonly probesPassed: string[];
  /** Failed probes found by the last refresh, one "probe: diagnosis" line each; empty when none. */
  readonly drift: string[];
  readonly servedMaxModelLen?: number;
  /** The weights behind the served name (`root` on /v1/models: vLLM's --model); a change is a swapped model. */
  readonly servedModelRoot?: string;
  readonly vllmVersion?: string;
  readonly ttftMs?: number;
  readonly tokensPerSecond?: number;
  readonly verifiedAt: string;
}

export type VerificationOutputs = VerificationInputs & VerificationEvidence;

/** Evidence from a suite report. Pure. */
export function buildEvidence(r: SuiteReport): VerificationEvidence {
  const e = r.evidence;
  return {
    passed: r.passed,
    probesPassed: Object.entries(r.probes)
      .filter(([, v]) => v?.passed === true)
      .map(([k]) => k),
    drift: listDiagnoses(r),
    ...(e.maxModelLenTokens === undefined ? {} : { servedMaxModelLen: e.maxModelLenTokens }),
    ...(e.root === undefined ? {} : { servedModelRoot: e.root }),
    ...(e.vllmVersion === undefined ? {} : { vllmVersion: e.vllmVersion }),
    ...(e.ttftMs === undefined ? {} : { ttftMs: e.ttftMs }),
    ...(e.tokensPerSecond === undefined ? {} : { tokensPerSecond: e.tokensPerSecond }),
    verifiedAt: e.verifiedAt,
  };
}

/** Whether two evidence records differ in anything but timings. Pure. */
export function hasDrifted(
  before: Partial<VerificationEvidence>,
  after: VerificationEvidence,
): boolean {
  const key = (e: Partial<VerificationEvidence>) =>
    JSON.stringify([
      e.passed,
      e.probesPassed ?? [],
      e.drift ?? [],
      e.servedMaxModelLen ?? null,
      e.servedModelRoot ?? null,
      e.vllmVersion ?? null,
    ]);
  return key(before) !== key(after);
}

/** What a probe's status reads when it passes. */
export const PROBE_PASSES = "passes";

/** Each probe that ran: "passes", or "fails: <diagnosis>" (diagnoses hold no API key). Pure. */
export function buildProbeStatus(r: SuiteReport): Readonly<Record<string, string>> {
  return Object.fromEntries(
    PROBE_NAMES.flatMap((n) => {
      const v = r.probes[n];
      if (v === undefined) return [];
      return [[n, v.passed ? PROBE_PASSES : `fails: ${v.diagnosis ?? "failed"}`]];
    }),
  );
}

/**
 * What `check` expects for the probes a refresh recorded: every one passes. Undefined when no
 * refresh recorded any (then the inputs stay as the program gave them). Pure.
 */
export function expectProbesToPass(
  recorded: unknown,
): Readonly<Record<string, string>> | undefined {
  if (recorded === null || typeof recorded !== "object" || Array.isArray(recorded))
    return undefined;
  return Object.fromEntries(Object.keys(recorded).map((k) => [k, PROBE_PASSES]));
}

/** The error create/update throw: which probes failed and why, never the API key. */
export function formatVerificationFailure(
  inputs: Pick<VerificationInputs, "baseUrl" | "model" | "apiKey">,
  r: SuiteReport,
): string {
  const lines = listDiagnoses(r);
  const noun = lines.length === 1 ? "probe" : "probes";
  const text = [
    `ModelVerification of "${inputs.model}" at ${stripUrlCredentials(inputs.baseUrl)} failed ${lines.length} ${noun}:`,
    ...lines.map((l) => `  - ${l}`),
  ].join("\n");
  return redactSecrets(text, [inputs.apiKey]);
}

/** Evidence with the key taken out of every diagnosis (the transport did so already; this is the last gate). */
function redactEvidence(e: VerificationEvidence, apiKey: string | undefined): VerificationEvidence {
  return { ...e, drift: e.drift.map((d) => redactSecrets(d, [apiKey])) };
}

/** The inputs without the outputs the engine merges into props, and without unset optionals. */
function inputsOf(p: VerificationInputs): VerificationInputs {
  return {
    baseUrl: p.baseUrl,
    model: p.model,
    toolCalling: p.toolCalling,
    reasoning: p.reasoning,
    readyTimeoutSeconds: p.readyTimeoutSeconds,
    requestTimeoutSeconds: p.requestTimeoutSeconds,
    longContextTimeoutSeconds: p.longContextTimeoutSeconds,
    ...(p.apiKey === undefined ? {} : { apiKey: p.apiKey }),
    ...(p.maxModelLen === undefined ? {} : { maxModelLen: p.maxModelLen }),
    ...(p.toolCallParser === undefined ? {} : { toolCallParser: p.toolCallParser }),
    ...(p.toolParserHint === undefined ? {} : { toolParserHint: p.toolParserHint }),
    ...(p.readinessPath === undefined ? {} : { readinessPath: p.readinessPath }),
  };
}

async function verify(inputs: VerificationInputs): Promise<SuiteReport> {
  const { target, expect, budgets } = buildSuiteParameters(inputs);
  const log = (message: string) => {
    try {
      const sdk = require("@pulumi/pulumi") as typeof pulumi;
      void sdk.log.info(`ModelVerification "${inputs.model}": ${message}`);
    } catch {
      // no engine to log to (a direct test call): progress is optional
    }
  };
  return runProbeSuite(target, expect, budgets, { onProgress: log });
}

async function verifyOrThrow(inputs: VerificationInputs): Promise<VerificationOutputs> {
  const report = await verify(inputs).catch((err: unknown) => {
    throw redactError(err, [inputs.apiKey]);
  });
  if (!report.passed) throw new Error(formatVerificationFailure(inputs, report));
  return { ...inputsOf(inputs), ...redactEvidence(buildEvidence(report), inputs.apiKey) };
}

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const modelVerificationProvider: pulumi.dynamic.ResourceProvider<
  VerificationInputs,
  VerificationOutputs
> = {
  async check(olds, news) {
    const issues = validateVerificationInputs(news);
    const expected = expectProbesToPass(olds?.probeStatus);
    return {
      inputs: expected === undefined ? news : { ...news, probeStatus: expected },
      failures: issues.map((i) => ({ property: i.path, reason: i.message })),
    };
  },
  async diff(_id, olds, news) {
    const before = JSON.stringify(inputsOf(olds));
    const after = JSON.stringify(inputsOf(news));
    return {
      changes: before !== after || olds.passed !== true || (olds.drift ?? []).length > 0,
      replaces: [],
      deleteBeforeReplace: false,
    };
  },
  async create(inputs) {
    const outs = await verifyOrThrow(inputs);
    return { id: `${inputs.model}@${stripUrlCredentials(inputs.baseUrl)}`, outs };
  },
  async update(_id, _olds, news) {
    return { outs: await verifyOrThrow(news) };
  },
  async read(id, props) {
    if (props === undefined) return { id };
    const report = await verify(inputsOf(props)).catch((err: unknown) => {
      throw redactError(err, [props.apiKey]);
    });
    const evidence = redactEvidence(buildEvidence(report), props.apiKey);
    if (!hasDrifted(props, evidence)) return { id, props };
    // The inputs record what each probe found; `check` expects "passes", so preview shows both.
    // (The SDK types read's `inputs` as the outputs type; they are the inputs.)
    const probeStatus = Object.fromEntries(
      Object.entries(buildProbeStatus(report)).map(([k, v]) => [
        k,
        redactSecrets(v, [props.apiKey]),
      ]),
    );
    const inputs = { ...inputsOf(props), probeStatus };
    return {
      id,
      props: { ...inputsOf(props), ...evidence },
      inputs: inputs as VerificationOutputs,
    };
  },
  async delete() {
    // Verification creates nothing outside Pulumi's state.
  },
};
