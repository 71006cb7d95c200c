/**
 * The LeaderWorkerSet (leaderworkerset.x-k8s.io/v1) envelope as a type and a zod schema. LWS is a
 * CRD, so kubernetes-models has no schema for it: this checks the LWS fields and leaves the
 * embedded pod templates to the PodTemplateSpec schema. Fields and enums follow
 * https://github.com/kubernetes-sigs/lws/blob/main/api/leaderworkerset/v1/leaderworkerset_types.go
 * Pure.
 */
import { z } from "zod";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";

export interface LeaderWorkerSetManifest {
  readonly apiVersion: "leaderworkerset.x-k8s.io/v1";
  readonly kind: "LeaderWorkerSet";
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly spec: {
    readonly replicas?: number;
    readonly startupPolicy?: "LeaderCreated" | "LeaderReady";
    readonly leaderWorkerTemplate: {
      readonly size?: number;
      readonly restartPolicy?: "RecreateGroupOnPodRestart" | "RecreateGroupAfterStart" | "None";
      readonly leaderTemplate?: IPodTemplateSpec;
      readonly workerTemplate: IPodTemplateSpec;
    };
  };
}

/** zod schema of the LWS v1 envelope; pod templates are only required to be objects here. */
export function leaderWorkerSetSchema() {
  const int32 = z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1);
  const template = z.record(z.string(), z.unknown());
  const intOrString = z.union([z.number().int(), z.string().regex(/^\d+%?$/)]);
  return z.strictObject({
    apiVersion: z.literal("leaderworkerset.x-k8s.io/v1"),
    kind: z.literal("LeaderWorkerSet"),
    metadata: z.looseObject({
      name: z
        .string()
        .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
        .max(63),
      namespace: z.string().optional(),
    }),
    spec: z.strictObject({
      replicas: int32.optional(),
      startupPolicy: z.enum(["LeaderCreated", "LeaderReady"]).optional(),
      rolloutStrategy: z
        .strictObject({
          type: z.literal("RollingUpdate"),
          rollingUpdateConfiguration: z
            .strictObject({
              partition: int32.optional(),
              maxUnavailable: intOrString.optional(),
              maxSurge: intOrString.optional(),
            })
            .optional(),
        })
        .optional(),
      networkConfig: z
        .strictObject({ subdomainPolicy: z.enum(["Shared", "UniquePerReplica"]) })
        .optional(),
      leaderWorkerTemplate: z.strictObject({
        size: int32.min(1).optional(),
        restartPolicy: z
          .enum(["Default", "RecreateGroupOnPodRestart", "RecreateGroupAfterStart", "None"])
          .optional(),
        leaderTemplate: template.optional(),
        workerTemplate: template,
        subGroupPolicy: z
          .strictObject({
            subGroupPolicyType: z.enum(["LeaderWorker", "LeaderExcluded"]).optional(),
            subGroupSize: int32.min(1).optional(),
          })
          .optional(),
        volumeClaimTemplates: z.array(z.record(z.string(), z.unknown())).optional(),
      }),
    }),
  });
}
