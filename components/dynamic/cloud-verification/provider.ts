/**
 * The CloudModelVerification dynamic provider: runs the provider-API probes at create (and again
 * when the target changes), fails the update with the diagnoses when a probe fails, and records
 * the evidence KindoModel takes. Survives serialisation: the client is imported (captured by
 * value), and the packages it uses are required inside its functions.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  type CloudProbeTarget,
  type CloudVerificationReport,
  runCloudVerification,
} from "../../../verification/cloud/client";

/** Resolved inputs: the probe target plus the catalog facts the evidence carries. */
export interface CloudVerificationInputs extends CloudProbeTarget {
  /** The catalog's documented context window, reported as the evidence's maxModelLen. */
  readonly contextWindowTokens: number;
}

export interface CloudVerificationOutputs extends CloudVerificationInputs {
  readonly report: CloudVerificationReport;
  readonly maxModelLen: number;
  readonly toolCallingPassed: boolean;
  readonly servedModelName: string;
  readonly verifiedAt: string;
}

async function verify(inputs: CloudVerificationInputs): Promise<CloudVerificationOutputs> {
  const report = await runCloudVerification(inputs);
  if (!report.passed) {
    const lines = Object.entries(report.probes)
      .filter(([, v]) => !v?.passed)
      .map(([name, v]) => `  - ${name}: ${v?.diagnosis ?? "failed"}`);
    throw new Error([`Verification of "${inputs.model}" failed:`, ...lines].join("\n"));
  }
  const out = {
    ...inputs,
    report,
    maxModelLen: inputs.contextWindowTokens,
    toolCallingPassed: report.probes["tool-call"]?.passed ?? false,
    servedModelName: inputs.model,
    verifiedAt: report.verifiedAt,
  };
  return JSON.parse(JSON.stringify(out)) as CloudVerificationOutputs;
}

const TARGET_KEYS = [
  "api",
  "baseUrl",
  "model",
  "apiVersion",
  "region",
  "toolCalling",
  "contextWindowTokens",
] as const;

/** The provider object passed to `pulumi.dynamic.Resource`. */
export const cloudVerificationProvider: pulumi.dynamic.ResourceProvider<
  CloudVerificationInputs,
  CloudVerificationOutputs
> = {
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
};
