/**
 * An ACM certificate validated through Route 53 DNS, for TLS on a VllmDeployment's NLB (pass its
 * ARN as `VllmDeploymentArgs.tlsCertificateArn`). It depends only on the name and zone, so it can
 * exist before the endpoint is verified; the DNS record that publishes the endpoint comes after.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { z } from "zod";
import { childName } from "../shared/names";
import { formatIssues, validateWithSchema } from "../../knowledge/core";
import { hostnameSchema } from "./args";

export interface ValidatedCertificateArgs {
  /** e.g. "llm.example.com" */
  readonly domainName: string;
  /** Route 53 hosted zone id that holds the domain. */
  readonly zoneId: pulumi.Input<string>;
}

/** Creates the certificate, its validation record and the validation; returns the validated ARN. Throws, creating nothing, on a bad domain. */
export function createValidatedCertificate(
  name: string,
  args: ValidatedCertificateArgs,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const issues = validateWithSchema(
    z.strictObject({ domainName: hostnameSchema(), zoneId: z.any() }),
    args,
  );
  if (issues.length > 0)
    throw new Error(formatIssues(`createValidatedCertificate "${name}"`, issues));
  const cert = new aws.acm.Certificate(
    childName(name, "certificate"),
    { domainName: args.domainName, validationMethod: "DNS" },
    opts,
  );
  const option = cert.domainValidationOptions.apply((o) => o[0]);
  const record = new aws.route53.Record(
    childName(name, "certificate-validation-record"),
    {
      zoneId: args.zoneId,
      name: option.apply((o) => o?.resourceRecordName ?? ""),
      type: option.apply((o) => o?.resourceRecordType ?? "CNAME"),
      records: [option.apply((o) => o?.resourceRecordValue ?? "")],
      ttl: 60,
      allowOverwrite: true,
    },
    opts,
  );
  const validation = new aws.acm.CertificateValidation(
    childName(name, "certificate-validation"),
    { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn] },
    opts,
  );
  return validation.certificateArn;
}
