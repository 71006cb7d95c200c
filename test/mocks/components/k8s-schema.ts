/**
 * Validates rendered Kubernetes objects with kubernetes-models (the Kubernetes OpenAPI schema).
 * LeaderWorkerSet is a CRD: its envelope is checked with the LWS zod schema and its pod templates
 * with the PodTemplateSpec schema.
 */
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { Service } from "kubernetes-models/v1/Service";
import { Secret } from "kubernetes-models/v1/Secret";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { PodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { leaderWorkerSetSchema } from "../../../components/vllm/lws-schema";
import type { Registration } from "../../support/mocks";

type Model = { validate(): void };
const MODELS: Readonly<Record<string, (o: never) => Model>> = {
  "kubernetes:apps/v1:Deployment": (o) => new Deployment(o),
  "kubernetes:apps/v1:DaemonSet": (o) => new DaemonSet(o),
  "kubernetes:core/v1:Service": (o) => new Service(o),
  "kubernetes:core/v1:Secret": (o) => new Secret(o),
  "kubernetes:core/v1:PersistentVolumeClaim": (o) => new PersistentVolumeClaim(o),
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": (o) => new NetworkPolicy(o),
  "kubernetes:policy/v1:PodDisruptionBudget": (o) => new PodDisruptionBudget(o),
};

export const LWS_TYPE = "kubernetes:leaderworkerset.x-k8s.io/v1:LeaderWorkerSet";

/** Throws with the schema's error when a registered Kubernetes object is invalid; returns the types checked. */
export function validateKubernetesObjects(regs: readonly Registration[]): string[] {
  const checked: string[] = [];
  for (const r of regs.filter((x) => x.type.startsWith("kubernetes:"))) {
    const body = stripPulumiFields(r.inputs);
    if (r.type === LWS_TYPE) {
      leaderWorkerSetSchema().parse(body);
      const t = (
        body as {
          spec: { leaderWorkerTemplate: { leaderTemplate?: unknown; workerTemplate: unknown } };
        }
      ).spec.leaderWorkerTemplate;
      for (const tpl of [t.leaderTemplate, t.workerTemplate])
        if (tpl !== undefined) new PodTemplateSpec(tpl as never).validate();
    } else {
      const make = MODELS[r.type];
      if (!make) throw new Error(`no schema for ${r.type}; add it to MODELS`);
      make(body as never).validate();
    }
    checked.push(r.type);
  }
  return checked.sort();
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Unwraps Pulumi's secret envelopes (`{ <sig>: <secret>, value }`) so the API's shape remains. */
export function unwrapSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (SECRET_SIG in o) return unwrapSecrets(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

function stripPulumiFields(inputs: Record<string, unknown>): Record<string, unknown> {
  return unwrapSecrets(inputs) as Record<string, unknown>;
}
