/**
 * Reads whole-stack facts for the cross-resource policies: vLLM servers and routes (raw
 * Kubernetes and our VllmDeployment), Kindo registrations (KindoModel) and IAM policy documents.
 */
import type { PolicyResource } from "@pulumi/policy";
import { KINDO_MODEL_TYPE } from "../../components/dynamic/kindo-model/type-token";
import type { IamPolicyDocument } from "../../knowledge/rules";
import {
  buildReaderContext,
  listRoutes,
  findPublicExposure,
  type KindoRegistration,
  type Route,
  isUnknownValue,
  type VllmWorkload,
} from "../../knowledge/rules";
import { describeComponentWorkloads, isChildOfVllmDeployment } from "./is-our-component";
import { describeResourceWorkloads, toKubernetesObjects } from "./is-vllm-workload";
import { toPlainProps } from "./plain-props";

/** Every vLLM server in the stack, with its public exposure, and the routes. */
export function readStackServers(resources: readonly PolicyResource[]): {
  workloads: VllmWorkload[];
  routes: Route[];
} {
  const objects = toKubernetesObjects(resources);
  const ctx = buildReaderContext(objects);
  const routes = listRoutes(objects, ctx);
  const workloads = resources
    .filter((r) => !isChildOfVllmDeployment({ opts: { parent: r.parent?.urn } }))
    .flatMap((r) => [...describeResourceWorkloads(r, ctx), ...describeComponentWorkloads(r)])
    .map((w) => {
      const publicExposure = findPublicExposure(w, routes);
      return publicExposure === undefined ? w : { ...w, publicExposure };
    });
  return { workloads, routes };
}

function known<T>(v: unknown, check: (x: unknown) => x is T): T | undefined {
  return !isUnknownValue(v) && check(v) ? v : undefined;
}
const isString = (x: unknown): x is string => typeof x === "string";
const isNumber = (x: unknown): x is number => typeof x === "number";

/** KindoModel resources as registrations; the serving name is `litellmParams.model` without its provider prefix. */
export function readKindoRegistrations(
  resources: readonly PolicyResource[],
): { registration: KindoRegistration; urn: string }[] {
  return resources
    .filter((r) => r.type === KINDO_MODEL_TYPE)
    .map((r) => {
      const p = (toPlainProps(r.props) ?? {}) as Record<string, unknown>;
      const params = (
        p["litellmParams"] && typeof p["litellmParams"] === "object" ? p["litellmParams"] : {}
      ) as Record<string, unknown>;
      const model = known(params["model"], isString);
      const apiBase = known(params["api_base"], isString);
      const contextWindow = known(p["contextWindow"], isNumber);
      const registration: KindoRegistration = {
        resource: `KindoModel "${r.name}"`,
        resourceKey: `KindoModel/${r.name}`,
        ...(model !== undefined ? { servingName: model.replace(/^[a-z_]+\//, "") } : {}),
        ...(contextWindow !== undefined ? { contextWindow } : {}),
        ...(apiBase !== undefined ? { apiBase } : {}),
      };
      return { registration, urn: r.urn };
    });
}

const POLICY_DOCUMENT_TYPES = new Set([
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
]);
const ATTACHMENT_TYPES = new Set([
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
]);

/** IAM policy documents (standalone, inline, role inline) and attached managed-policy ARNs. */
export function readIamDocuments(resources: readonly PolicyResource[]): {
  documents: (IamPolicyDocument & { urn: string })[];
  managedPolicyArns: string[];
} {
  const documents: (IamPolicyDocument & { urn: string })[] = [];
  const managedPolicyArns: string[] = [];
  for (const r of resources) {
    const p = (toPlainProps(r.props) ?? {}) as Record<string, unknown>;
    const base = {
      resource: `IAM ${r.type.split(":").pop()} "${r.name}"`,
      resourceKey: `${r.type.split(":").pop()}/${r.name}`,
      urn: r.urn,
    };
    if (POLICY_DOCUMENT_TYPES.has(r.type) && !isUnknownValue(p["policy"]))
      documents.push({ ...base, document: p["policy"] });
    if (ATTACHMENT_TYPES.has(r.type) && isString(p["policyArn"]))
      managedPolicyArns.push(p["policyArn"]);
    if (r.type === "aws:iam/role:Role") {
      for (const inline of Array.isArray(p["inlinePolicies"]) ? p["inlinePolicies"] : []) {
        const doc = (inline as Record<string, unknown>)["policy"];
        if (doc !== undefined && !isUnknownValue(doc)) documents.push({ ...base, document: doc });
      }
      for (const arn of Array.isArray(p["managedPolicyArns"]) ? p["managedPolicyArns"] : [])
        if (isString(arn)) managedPolicyArns.push(arn);
    }
  }
  return { documents, managedPolicyArns };
}
