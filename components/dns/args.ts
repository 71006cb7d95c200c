/** Arguments of `InferenceDnsRecord` and their zod schema. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/**
 * An endpoint that passed verification: `ModelVerification`'s outputs
 * (components/dynamic/model-verification). `url` is the load balancer URL that was probed, e.g.
 * "http://k8s-models-llama-0123.elb.us-east-1.amazonaws.com:8000"; `verifiedAt` the ISO time the
 * probes passed. Only such an endpoint is ever published.
 */
export interface VerifiedEndpoint {
  readonly url: string;
  readonly verifiedAt: string;
}

/** Arguments of `InferenceDnsRecord`. */
export interface InferenceDnsRecordArgs {
  /** "aws": Route 53 alias to the NLB; "gcp": Cloud DNS A record to the load balancer IP. */
  readonly cloud: "aws" | "gcp";
  /** Fully qualified name to publish, e.g. "llm.example.com" (no trailing dot). */
  readonly hostname: string;
  /** From ModelVerification's outputs; never a hand-typed address. */
  readonly verifiedEndpoint: pulumi.Input<VerifiedEndpoint>;
  /** Route 53 hosted zone id (cloud "aws"). */
  readonly zoneId?: pulumi.Input<string>;
  /** Cloud DNS managed zone name (cloud "gcp"). */
  readonly managedZone?: pulumi.Input<string>;
  readonly project?: pulumi.Input<string>;
  /** Record TTL on Cloud DNS, seconds (Route 53 aliases have none). @default 60 */
  readonly ttlSeconds?: number;
}

/** A fully qualified DNS host name, lower case, without the trailing dot. */
export function hostnameSchema() {
  return z.string().regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error:
      'is not a fully qualified host name. Use lower-case labels separated by dots, without a trailing dot, e.g. "llm.example.com".',
  });
}

/** zod schema for the plain parts of `InferenceDnsRecordArgs`. */
export function inferenceDnsRecordArgsSchema() {
  return z.strictObject({
    cloud: z.enum(["aws", "gcp"]),
    hostname: hostnameSchema(),
    verifiedEndpoint: z.any(),
    zoneId: z.any().optional(),
    managedZone: z.any().optional(),
    project: z.any().optional(),
    ttlSeconds: z.number().int().min(1).max(86400).optional(),
  });
}
