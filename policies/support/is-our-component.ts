/**
 * Our VllmDeployment component, judged on its recorded inputs: the component's own pure planner
 * and manifest builder turn them into the Kubernetes objects it will create, and the same
 * workload rules read those. Its child Deployment/LeaderWorkerSet is then skipped, so a server is
 * judged once.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { buildVllmManifests } from "../../components/vllm/manifests";
import { isVllmDeploymentArgs, planVllmDeployment } from "../../components/vllm/plan";
import { VLLM_DEPLOYMENT_TYPE } from "../../components/vllm/type-token";
import {
  describeManifestWorkloads,
  isUnknownValue,
  type VllmWorkload,
} from "../../knowledge/rules";
import { toPlainProps } from "./plain-props";

/** Inputs wired from other resources: unknown at preview without changing what is deployed. */
const WIRED_INPUTS = new Set(["namespace", "apiKey", "hfToken", "tlsCertificateArn"]);

function findUnknown(v: unknown, out: string[]): void {
  if (isUnknownValue(v)) out.push(v.path);
  else if (v && typeof v === "object") Object.values(v).forEach((x) => findUnknown(x, out));
}

/** True when the resource is a child of one of our VllmDeployment components. */
export function isChildOfVllmDeployment(args: {
  readonly opts?: { readonly parent?: string };
}): boolean {
  const parent = args.opts?.parent ?? "";
  return (
    parent.includes(`::${VLLM_DEPLOYMENT_TYPE}::`) || parent.includes(`$${VLLM_DEPLOYMENT_TYPE}::`)
  );
}

/** The server a VllmDeployment's inputs describe; none when the inputs do not plan (the component reports that itself). */
export function describeComponentWorkloads(
  args: Pick<ResourceValidationArgs, "type" | "name" | "props">,
): VllmWorkload[] {
  if (args.type !== VLLM_DEPLOYMENT_TYPE) return [];
  const plain = (toPlainProps(args.props) ?? {}) as Record<string, unknown>;
  const unknown: string[] = [];
  const decided: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) {
    if (WIRED_INPUTS.has(k))
      decided[k] = isUnknownValue(v) || (v && typeof v === "object") ? "(wired)" : v;
    else {
      findUnknown(v, unknown);
      decided[k] = v;
    }
  }
  const resource = `VllmDeployment "${args.name}"`;
  const base = {
    resource,
    resourceKey: `VllmDeployment/${args.name}`,
    container: "vllm",
    apiKeyFromEnv: false,
    allowLongMaxModelLen: false,
    shm: { kind: "none" as const },
    podLabels: {},
  };
  if (unknown.length > 0) return [{ ...base, unknownPaths: unknown }];
  if (!isVllmDeploymentArgs(decided)) return [];
  const planned = planVllmDeployment(args.name, decided);
  if (!planned.ok) return [];
  const m = buildVllmManifests(planned.plan);
  const objects = [m.deployment, m.leaderWorkerSet, m.service].flatMap((o) =>
    o === undefined ? [] : [{ ...o }],
  );
  return describeManifestWorkloads(objects).map((w) => ({
    ...w,
    resource,
    resourceKey: base.resourceKey,
    gpuName: planned.plan.pool.gpuModel,
  }));
}
