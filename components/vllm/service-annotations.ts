/**
 * Service annotations for a load-balancer exposure: AWS Load Balancer Controller NLB annotations
 * on AWS, GKE's L4 load-balancer annotations on GCP. Pure.
 * AWS: https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/
 * GKE: https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters
 */
import type { VllmDeploymentPlan } from "./plan";

export const AWS_LB_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type";
export const AWS_LB_TARGET_TYPE = "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";
export const AWS_LB_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme";
export const AWS_LB_SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";
export const AWS_LB_SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports";
export const GKE_LB_TYPE = "networking.gke.io/load-balancer-type";
export const GKE_L4_RBS = "cloud.google.com/l4-rbs";

/** Port the Service listens on: 443 when TLS terminates on the NLB, else the server's port. */
export function servicePort(plan: Pick<VllmDeploymentPlan, "tls" | "port">): number {
  return plan.tls ? 443 : plan.port;
}

/**
 * The annotations, except the certificate ARN (an Input the component adds). "external" hands the
 * Service to the AWS Load Balancer Controller, whose default scheme is internal, so the scheme is
 * always explicit; IP targets reach pods directly.
 */
export function buildServiceAnnotations(
  plan: Pick<VllmDeploymentPlan, "exposure" | "tls" | "pool">,
): Record<string, string> {
  if (plan.exposure === "cluster") return {};
  const internal = plan.exposure === "internal-load-balancer";
  if (plan.pool.cloud === "gcp")
    return internal ? { [GKE_LB_TYPE]: "Internal" } : { [GKE_L4_RBS]: "enabled" };
  return {
    [AWS_LB_TYPE]: "external",
    [AWS_LB_TARGET_TYPE]: "ip",
    [AWS_LB_SCHEME]: internal ? "internal" : "internet-facing",
    ...(plan.tls ? { [AWS_LB_SSL_PORTS]: "443" } : {}),
  };
}
