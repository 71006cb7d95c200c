/** Reads a verified endpoint: the load balancer address to publish and the URL users get. Pure. */
import { failed, issue, type Result, type ValidationIssue } from "../../knowledge/core";
import type { InferenceDnsRecordArgs, VerifiedEndpoint } from "./args";

export interface PublishedEndpoint {
  /** NLB host name (aws) or load balancer IPv4 address (gcp). */
  readonly target: string;
  /** AWS region of the NLB, from its host name (aws only). */
  readonly region?: string;
  /** The verified URL with the published host name in place of the load balancer's. */
  readonly url: string;
}

const NLB_HOST = /^[a-z0-9-]+\.elb\.([a-z0-9-]+)\.amazonaws\.com$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The record target for a verified endpoint, or why it cannot be published. */
export function planPublishedEndpoint(
  cloud: "aws" | "gcp",
  hostname: string,
  v: VerifiedEndpoint | undefined,
): Result<PublishedEndpoint, "endpoint"> {
  const path = "verifiedEndpoint";
  if (!v || typeof v.verifiedAt !== "string" || Number.isNaN(Date.parse(v.verifiedAt))) {
    return failed([
      issue(
        `${path}.verifiedAt`,
        `${v ? JSON.stringify(v.verifiedAt) : "no endpoint"} is not a verification time, so the endpoint is not known to work and is not published. Pass ModelVerification's outputs.`,
      ),
    ]);
  }
  let url: URL;
  try {
    url = new URL(v.url);
  } catch {
    return failed([
      issue(
        `${path}.url`,
        `${JSON.stringify(v.url)} is not a URL. Pass ModelVerification's outputs.`,
      ),
    ]);
  }
  const host = url.hostname;
  const published = new URL(url.href);
  published.hostname = hostname;
  const href = published.href.replace(/\/$/, "");
  if (cloud === "aws") {
    const m = NLB_HOST.exec(host);
    if (!m)
      return failed([
        issue(
          `${path}.url`,
          `"${host}" is not an AWS network load balancer host name (…elb.<region>.amazonaws.com). Expose the VllmDeployment with a load balancer and verify that URL.`,
        ),
      ]);
    return { ok: true, endpoint: { target: host, region: m[1], url: href } };
  }
  if (!IPV4.test(host))
    return failed([
      issue(
        `${path}.url`,
        `"${host}" is not an IPv4 address; a Cloud DNS A record needs the load balancer's IP. Verify the Service's load balancer IP URL.`,
      ),
    ]);
  return { ok: true, endpoint: { target: host, url: href } };
}

/** Zone argument rules: the zone of the chosen cloud is required, the other is refused. */
export function validateDnsZones(a: InferenceDnsRecordArgs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const need = a.cloud === "aws" ? "zoneId" : "managedZone";
  const other = a.cloud === "aws" ? "managedZone" : "zoneId";
  if (a[need] === undefined)
    out.push(
      issue(
        need,
        `cloud "${a.cloud}" publishes into ${a.cloud === "aws" ? "a Route 53 hosted zone" : "a Cloud DNS managed zone"}. Set ${need}.`,
      ),
    );
  if (a[other] !== undefined)
    out.push(issue(other, `is not used with cloud "${a.cloud}". Remove ${other}.`));
  if (a.cloud === "aws" && a.ttlSeconds !== undefined)
    out.push(issue("ttlSeconds", "Route 53 alias records have no TTL. Remove ttlSeconds."));
  return out;
}
