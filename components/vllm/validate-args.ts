/** Cross-field rules for `VllmDeploymentArgs` that zod's shape checks cannot express. Pure. */
import { issue, type ValidationIssue } from "../../knowledge/core";
import { VLLM_IMAGE_REPOSITORY } from "../../knowledge/catalog";
import { findImageVllmVersion, findUnpinnedImage } from "../../knowledge/rules";
import type { VllmDeploymentArgs } from "./args";

const DNS_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

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

/** An image must be pinned by a version tag or a digest, as the policy's vllm-image-not-pinned judges it. */
export function validateImagePinned(image: string): ValidationIssue[] {
  const unpinned = findUnpinnedImage(image);
  if (unpinned === undefined) return [];
  const why =
    unpinned.kind === "no-tag"
      ? 'has no tag, so it pulls "latest"'
      : unpinned.kind === "moving"
        ? `uses the moving tag "${unpinned.tag}"`
        : `uses the tag "${unpinned.tag}", which names no vLLM release`;
  const risk =
    unpinned.kind === "no-release"
      ? "so which vLLM and parsers it runs is not in the program"
      : "a moving tag changes vLLM and its parsers under you";
  return [
    issue(
      "image",
      `"${image}" ${why}; ${risk}. Pin a version such as "${VLLM_IMAGE_REPOSITORY}:v0.11.0" or a digest (@sha256:...).`,
    ),
  ];
}

/**
 * The vLLM release a deployment states: its `vllmVersion`, else the release its pinned image
 * carries; undefined when it states neither (the pinned default then applies).
 */
export function findDeploymentRelease(a: {
  readonly vllmVersion?: string;
  readonly image?: string;
}): string | undefined {
  return a.vllmVersion?.replace(/^v/, "") ?? findImageVllmVersion(a.image);
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
  out.push(...validatePublicExposure(a));
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

/** Address ranges that admit every address. */
function isWorldOpen(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/**
 * Auth and TLS where the internet reaches the server: an empty key (vLLM installs auth only for a
 * non-empty key, so the deployment would report auth on while /v1 is open), a public load
 * balancer open to every address without a key, and one without TLS (the key in cleartext), each
 * refused unless its named opt-in says so. An empty key inside a secret Output is refused when
 * the Secret is created (vllm-deployment.ts).
 */
export function validatePublicExposure(a: VllmDeploymentArgs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (typeof a.apiKey === "string" && a.apiKey.trim() === "")
    out.push(issue("apiKey", EMPTY_API_KEY_MESSAGE));
  if ((a.serviceExposure ?? "cluster") !== "public-load-balancer") return out;
  const open = (a.allowIngressFrom ?? []).find((p) => p.cidr !== undefined && isWorldOpen(p.cidr));
  const keyless =
    a.apiKey === undefined || (typeof a.apiKey === "string" && a.apiKey.trim() === "");
  if (keyless && open !== undefined && a.allowUnauthenticatedPublicAccess !== true)
    out.push(
      issue(
        "requireApiKey",
        `a public load balancer admits ${open.cidr} and no API key is set, so anyone on the internet can call /v1 and spend the GPUs. Pass apiKey, narrow allowIngressFrom to your clients' ranges, or set allowUnauthenticatedPublicAccess: true to publish it open deliberately.`,
      ),
    );
  if (a.tlsCertificateArn === undefined && a.allowPlaintextPublicAccess !== true) {
    const fix =
      a.pool.cloud === "aws"
        ? "Set tlsCertificateArn (an ACM certificate, e.g. from createValidatedCertificate)"
        : `TLS terminates only on AWS load balancers here, so on ${a.pool.cloud} use an internal load balancer behind a TLS-terminating gateway`;
    out.push(
      issue(
        "tlsCertificateArn",
        `a public load balancer without TLS sends the API key and every prompt in cleartext across the internet. ${fix}, or set allowPlaintextPublicAccess: true to accept cleartext deliberately.`,
      ),
    );
  }
  return out;
}

/** Why an empty API key is refused (at preview for a plain value, at up for a secret one). */
export const EMPTY_API_KEY_MESSAGE =
  "apiKey is empty: vLLM turns authentication on only for a non-empty key, so /v1 would be open while the deployment reports auth on. Pass a non-empty key as pulumi.secret(...), or leave apiKey unset with requireApiKey: false to serve without auth deliberately.";
