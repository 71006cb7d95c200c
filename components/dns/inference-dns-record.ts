/**
 * `InferenceDnsRecord`: publishes a verified inference endpoint under a stable name — a Route 53
 * alias to the NLB (with the regional canonical zone of *network* load balancers) or a Cloud DNS
 * A record to the load balancer IP. Its only address input is a verified endpoint, so an endpoint
 * that failed verification is never published.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import { formatIssues, validateWithSchema } from "../../knowledge/core";
import {
  inferenceDnsRecordArgsSchema,
  type InferenceDnsRecordArgs,
  type VerifiedEndpoint,
} from "./args";
import { planPublishedEndpoint, validateDnsZones, type PublishedEndpoint } from "./endpoint";

/** Type token of `InferenceDnsRecord`. */
export const INFERENCE_DNS_RECORD_TYPE = componentToken("InferenceDnsRecord");

/** A DNS name for a verified endpoint. */
export class InferenceDnsRecord extends pulumi.ComponentResource {
  static readonly __pulumiType = INFERENCE_DNS_RECORD_TYPE;
  /** The published name. */
  public readonly fqdn: pulumi.Output<string>;
  /** The verified URL with the published name, e.g. "http://llm.example.com:8000". */
  public readonly url: pulumi.Output<string>;

  constructor(name: string, args: InferenceDnsRecordArgs, opts?: pulumi.ComponentResourceOptions) {
    super(INFERENCE_DNS_RECORD_TYPE, name, recordedArgs(args), opts);
    const shape = validateWithSchema(inferenceDnsRecordArgsSchema(), args);
    const issues = shape.length > 0 ? shape : validateDnsZones(args);
    if (issues.length > 0) throw configError(this, "InferenceDnsRecord", name, issues);
    const endpoint = pulumi
      .output(args.verifiedEndpoint)
      .apply((v) => requirePublishable(name, args, v));
    if (args.cloud === "aws") {
      const canonical = aws.lb.getHostedZoneIdOutput(
        { loadBalancerType: "network", region: endpoint.apply((e) => e.region) },
        { parent: this },
      );
      new aws.route53.Record(
        childName(name, "record"),
        {
          zoneId: args.zoneId ?? "",
          name: args.hostname,
          type: "A",
          aliases: [
            {
              name: endpoint.apply((e) => e.target),
              zoneId: canonical.id,
              evaluateTargetHealth: true,
            },
          ],
        },
        { parent: this },
      );
    } else {
      new gcp.dns.RecordSet(
        childName(name, "record"),
        {
          managedZone: args.managedZone ?? "",
          project: args.project,
          name: `${args.hostname}.`,
          type: "A",
          ttl: args.ttlSeconds ?? 60,
          rrdatas: [endpoint.apply((e) => e.target)],
        },
        { parent: this },
      );
    }
    this.fqdn = pulumi.output(args.hostname);
    this.url = endpoint.apply((e) => e.url);
    this.registerOutputs({ fqdn: this.fqdn, url: this.url });
  }
}

/** Fails the update (never publishes) when the endpoint is not a verified load balancer address. */
function requirePublishable(
  name: string,
  args: InferenceDnsRecordArgs,
  v: VerifiedEndpoint,
): PublishedEndpoint {
  const r = planPublishedEndpoint(args.cloud, args.hostname, v);
  if (!r.ok) throw new Error(formatIssues(`InferenceDnsRecord "${name}"`, r.issues));
  return r.endpoint;
}
