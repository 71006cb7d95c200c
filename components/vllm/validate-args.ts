/** Cross-field rules for `VllmDeploymentArgs` that zod's shape checks cannot express. Pure. */
import { issue, type ValidationIssue } from "../../knowledge/core";
import { VLLM_IMAGE_REPOSITORY } from "../../knowledge/catalog";
import type { VllmDeploymentArgs } from "./args";

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MOVING_TAGS = new Set(["latest", "nightly", "main", "stable"]);

/** The component name becomes the Service's name (a DNS label), so it must be one. */
export function validateDeploymentName(name: string): ValidationIssue[] {
  if (DNS_LABEL.test(name)) return [];
  return [
    issue(
      "name",
      `"${name}" cannot name a Kubernetes Service. Use at most 63 lower-case letters, digits and "-", starting with a letter, e.g. "llama-70b".`,
    ),
  ];
}

/** An image must be pinned by a version tag or a digest: a moving tag changes vLLM and its parsers under you. */
export function validateImagePinned(image: string): ValidationIssue[] {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return [];
  const last = image.slice(image.lastIndexOf("/") + 1);
  const tag = last.includes(":") ? last.slice(last.indexOf(":") + 1) : undefined;
  if (tag !== undefined && tag !== "" && !MOVING_TAGS.has(tag.toLowerCase())) return [];
  const why =
    tag === undefined || tag === ""
      ? 'has no tag, so it pulls "latest"'
      : `uses the moving tag "${tag}"`;
  return [
    issue(
      "image",
      `"${image}" ${why}; a moving tag changes vLLM and its parsers under you. Pin a version such as "${VLLM_IMAGE_REPOSITORY}:v0.11.0" or a digest (@sha256:...).`,
    ),
  ];
}

/** The vLLM version a pinned `vllm/vllm-openai:vX.Y.Z` image carries, if it says. */
export function versionFromImage(image: string): string | undefined {
  const m = /:v?(\d+\.\d+\.\d+(?:\.\d+)?)$/.exec(image);
  return m?.[1];
}

/** Service exposure rules: TLS only on an AWS load balancer, and a NetworkPolicy that admits the load balancer. */
export function validateExposure(a: VllmDeploymentArgs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const exposure = a.serviceExposure ?? "cluster";
  if (a.tlsCertificateArn !== undefined && (exposure === "cluster" || a.pool.cloud !== "aws")) {
    out.push(
      issue(
        "tlsCertificateArn",
        `TLS terminates on an AWS network load balancer, but this Service is ${exposure === "cluster" ? "ClusterIP" : `on ${a.pool.cloud}`}. Set serviceExposure to "internal-load-balancer" or "public-load-balancer" on an AWS pool, or remove tlsCertificateArn.`,
      ),
    );
  }
  if ((a.requireApiKey ?? true) && a.apiKey === undefined) {
    out.push(
      issue(
        "apiKey",
        "no API key is set, so anyone who reaches the Service could call /v1. Pass apiKey as pulumi.secret(...), or set requireApiKey to false.",
      ),
    );
  }
  const peers = a.allowIngressFrom ?? [];
  if (exposure !== "cluster" && !peers.some((p) => p.cidr !== undefined)) {
    out.push(
      issue(
        "allowIngressFrom",
        `a ${exposure} sends traffic from outside the cluster, which the NetworkPolicy drops unless a { cidr } peer admits it. Add the VPC CIDR (internal) or the client ranges (public).`,
      ),
    );
  }
  for (const [i, p] of peers.entries()) {
    if (p.cidr === undefined && p.namespaceLabels === undefined && p.podLabels === undefined) {
      out.push(
        issue(
          `allowIngressFrom[${i}]`,
          "an empty peer would admit every pod in the cluster. Set namespaceLabels, podLabels or cidr.",
        ),
      );
    }
  }
  return out;
}
