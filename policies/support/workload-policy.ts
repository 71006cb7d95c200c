/**
 * Builds the CrossGuard policy of one workload rule from the rule registry: it reads raw
 * Kubernetes workloads and our VllmDeployment inputs, runs the pure rule, and reports each
 * violation. Unknown values at preview become the server's advisory "can't run policy" note.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import {
  buildReaderContext,
  findPublicExposure,
  listRoutes,
  type WorkloadRule,
} from "../../knowledge/rules";
import { VLLM_DEPLOYMENT_TYPE } from "../../components/vllm/type-token";
import type { RuleConfig } from "../../knowledge/rules";
import { readRuleConfig } from "./config-schema";
import { describeComponentWorkloads, isChildOfVllmDeployment } from "./is-our-component";
import {
  describeResourceWorkloads,
  isWorkloadType,
  parseKubernetesType,
  toKubernetesObjects,
} from "./is-vllm-workload";
import { throwUnknown } from "./plain-props";
import { buildPolicyMetadata } from "./rule-metadata";

/** A resource policy applying one workload rule to every vLLM server of a resource. */
export function buildWorkloadPolicy(rule: WorkloadRule): ResourceValidationPolicy {
  return {
    ...buildPolicyMetadata(rule),
    validateResource: (args, reportViolation) => {
      if (!isWorkloadType(args.type) && args.type !== VLLM_DEPLOYMENT_TYPE) {
        args.notApplicable("not a Kubernetes workload or a VllmDeployment");
      }
      if (isChildOfVllmDeployment(args))
        args.notApplicable("judged on its VllmDeployment's inputs");
      const config = readRuleConfig(args.getConfig<Partial<RuleConfig>>());
      const workloads = [...describeResourceWorkloads(args), ...describeComponentWorkloads(args)];
      // A ConfigMap is read for the Ray Serve config it may hold; any other ConfigMap runs nothing.
      if (workloads.length === 0 && parseKubernetesType(args.type)?.kind === "ConfigMap")
        args.notApplicable("not a Kubernetes workload or a VllmDeployment");
      for (const w of workloads) {
        const outcome = rule.check(w, config);
        if (outcome?.kind === "violation") reportViolation(outcome.message);
        else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
      }
    },
  };
}

/** A stack policy for workload rules that need the other resources (Services, Ingresses). */
export function buildStackWorkloadPolicy(rule: WorkloadRule): StackValidationPolicy {
  return {
    ...buildPolicyMetadata(rule),
    validateStack: (args, reportViolation) => {
      const config = readRuleConfig(args.getConfig<Partial<RuleConfig>>());
      const objects = toKubernetesObjects(args.resources);
      const ctx = buildReaderContext(objects);
      const routes = listRoutes(objects, ctx);
      for (const r of args.resources) {
        if (!isWorkloadType(r.type) || isChildOfVllmDeployment({ opts: { parent: r.parent?.urn } }))
          continue;
        for (const w of describeResourceWorkloads(r, ctx)) {
          const publicExposure = findPublicExposure(w, routes);
          const outcome = rule.check(
            publicExposure === undefined ? w : { ...w, publicExposure },
            config,
          );
          if (outcome?.kind === "violation") reportViolation(outcome.message, r.urn);
          else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
        }
      }
    },
  };
}
