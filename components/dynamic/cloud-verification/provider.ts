/**
 * The CloudModelVerification dynamic provider: runs the provider-API probes at create (and again
 * when the target changes), fails the update with the diagnoses when a probe fails, and records
 * the evidence KindoModel takes. `read` (refresh) asks the provider's model listing again, spends
 * no tokens, and reports in `drift` where the listing's limits (Gemini's models.get, Anthropic's
 * models API) differ from the registration's, or that the model is no longer listed. Survives
 * serialisation: the library's modules are imported (captured by value), and the packages they use
 * are required inside their functions.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  type CloudProbeTarget,
  type CloudVerificationReport,
  runCloudVerification,
} from "../../../verification/cloud/client";
import { checkModelListing } from "../../../verification/cloud/listing-client";
import {
  credentialUrlMessage,
  hasUrlCredentials,
  redactError,
  redactSecrets,
} from "../../../verification/transport/redact";

/** Resolved inputs: the probe target plus the limits the registration uses. */
export interface CloudVerificationInputs extends CloudProbeTarget {
  /** The documented (or stated) context window, reported as the evidence's maxModelLen. */
  readonly contextWindowTokens: number;
  /** The documented (or stated) maximum output, compared with the listing's. */
  readonly maxOutputTokens?: number;
}

export interface CloudVerificationOutputs extends CloudVerificationInputs {
  readonly report: CloudVerificationReport;
  readonly maxModelLen: number;
  readonly toolCallingPassed: boolean;
  readonly servedModelName: string;
  readonly verifiedAt: string;
  /** Where the provider's listing disagrees with the registration, one sentence each; [] when none (absent in older state). */
  readonly drift?: readonly string[];
}

function warn(model: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  try {
    const sdk = require("@pulumi/pulumi") as typeof pulumi;
    void sdk.log.warn(`CloudModelVerification "${model}": ${lines.join(" ")}`);
  } catch {
    // no engine to log to (a direct test call): the drift output carries the same lines
  }
}

const limitsOf = (i: CloudVerificationInputs) => ({
  contextWindowTokens: i.contextWindowTokens,
  ...(i.maxOutputTokens === undefined ? {} : { maxOutputTokens: i.maxOutputTokens }),
});

/** Every secret the inputs hold. */
function secretsOf(i: CloudVerificationInputs): (string | undefined)[] {
  const c = i.awsCredentials;
  return [i.apiKey, c?.secretAccessKey, c?.sessionToken, c?.accessKeyId];
}

async function verify(inputs: CloudVerificationInputs): Promise<CloudVerificationOutputs> {
  const report = await runCloudVerification({
    ...inputs,
    registeredLimits: limitsOf(inputs),
  }).catch((err: unknown) => {
    throw redactError(err, secretsOf(inputs));
  });
  if (!report.passed) {
    const lines = Object.entries(report.probes)
      .filter(([, v]) => !v?.passed)
      .map(([name, v]) => `  - ${name}: ${v?.diagnosis ?? "failed"}`);
    const text = [`Verification of "${inputs.model}" failed:`, ...lines].join("\n");
    throw new Error(redactSecrets(text, secretsOf(inputs)));
  }
  const drift = (report.drift ?? []).map((line) => redactSecrets(line, secretsOf(inputs)));
  warn(inputs.model, drift);
  const out = {
    ...inputs,
    report,
    maxModelLen: inputs.contextWindowTokens,
    toolCallingPassed: report.probes["tool-call"]?.passed ?? false,
    servedModelName: inputs.model,
    verifiedAt: report.verifiedAt,
    drift,
  };
  return JSON.parse(JSON.stringify(out)) as CloudVerificationOutputs;
}

/** Refresh: the listing only (no tokens spent); the drift lines replace the old ones. */
async function recheckListing(props: CloudVerificationOutputs): Promise<CloudVerificationOutputs> {
  const check = await checkModelListing(props, limitsOf(props)).catch((err: unknown) => {
    throw redactError(err, secretsOf(props));
  });
  if (check.verdict === undefined) return props;
  const drift = [
    ...(check.verdict.passed ? [] : [`listed: ${check.verdict.diagnosis ?? "failed"}`]),
    ...check.drift,
  ].map((line) => redactSecrets(line, secretsOf(props)));
  warn(props.model, drift);
  return {
    ...props,
    report: { ...props.report, ...(check.listing ? { listing: check.listing } : {}) },
    drift,
  };
}

const TARGET_KEYS = [
  "api",
  "baseUrl",
  "model",
  "apiVersion",
  "region",
  "toolCalling",
  "contextWindowTokens",
  "maxOutputTokens",
  "confirmListed",
] as const;

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const cloudVerificationProvider: pulumi.dynamic.ResourceProvider<
  CloudVerificationInputs,
  CloudVerificationOutputs
> = {
  async check(_olds, news) {
    const url = news.baseUrl;
    const failures =
      typeof url === "string" && hasUrlCredentials(url)
        ? [{ property: "baseUrl", reason: credentialUrlMessage(url) }]
        : [];
    return { inputs: news, failures };
  },
  async create(inputs) {
    const outs = await verify(inputs);
    return { id: `${inputs.api}:${inputs.model}`, outs };
  },
  async diff(_id, olds, news) {
    const changed = TARGET_KEYS.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    // A changed credential re-runs the probes too (in place): a rotated key must be proven to work.
    const credentials =
      JSON.stringify([olds.apiKey, olds.awsCredentials]) !==
      JSON.stringify([news.apiKey, news.awsCredentials]);
    return {
      changes: changed.length > 0 || credentials,
      replaces: changed.filter((k) => k === "api" || k === "model"),
    };
  },
  async update(_id, _olds, news) {
    return { outs: await verify(news) };
  },
  async read(id, props) {
    if (props === undefined) return { id };
    return { id, props: await recheckListing(props) };
  },
};
