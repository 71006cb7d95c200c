/**
 * Judges a set of plain Kubernetes objects (what `helm template` or kustomize print) with the
 * workload rules, after resolving how each server is exposed. `kindo-models lint` and the corpus
 * benchmark use this; the policy pack runs the same rules per resource. Pure.
 */
import { describeRoute, findPublicExposure, type Route } from "./kindo-rules";
import { describeKubernetesWorkloads } from "./read/kubernetes-workload";
import {
  resolveRuleConfig,
  WORKLOAD_RULES,
  type EnforcementLevel,
  type Severity,
} from "./registry";
import type { RuleConfig, VllmWorkload } from "./workload";
import type { ModelFacts } from "../catalog/hf/source";

/** One violation, as lint prints it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly enforcementLevel: EnforcementLevel;
  /** `<Kind>/<namespace>/<name>` or `<Kind>/<name>`. */
  readonly resource: string;
  readonly message: string;
}

/** A rule that could not judge a server, and why (e.g. the GPU model is not stated). */
export interface Note {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
}

/** Per-rule settings: enforcement level and config properties, like the pack's config file. */
export type RuleSettings = Readonly<
  Record<
    string,
    { readonly enforcementLevel?: EnforcementLevel; readonly config?: Partial<RuleConfig> }
  >
>;

export interface Judgement {
  readonly findings: readonly Finding[];
  readonly notes: readonly Note[];
  /** vLLM servers found. */
  readonly workloads: number;
}

/** Finds every vLLM server in the objects and sets how it is exposed. */
export function describeManifestWorkloads(
  objects: readonly Readonly<Record<string, unknown>>[],
): VllmWorkload[] {
  const routes = objects.map(describeRoute).filter((r): r is Route => r !== undefined);
  return objects.flatMap(describeKubernetesWorkloads).map((w) => {
    const publicExposure = findPublicExposure(w, routes);
    return publicExposure === undefined ? w : { ...w, publicExposure };
  });
}

/**
 * Applies every enabled workload rule to every vLLM server in the objects. `models` holds what the
 * caller read of models outside the catalog (by `--model` value), so the sizing rules can size them.
 */
export function judgeManifests(
  objects: readonly Readonly<Record<string, unknown>>[],
  settings: RuleSettings = {},
  models: ReadonlyMap<string, ModelFacts> = new Map(),
): Judgement {
  const workloads = describeManifestWorkloads(objects).map((w) => {
    const facts = w.settings?.model === undefined ? undefined : models.get(w.settings.model);
    return facts ? { ...w, modelFacts: facts } : w;
  });
  const findings: Finding[] = [];
  const notes: Note[] = [];
  for (const w of workloads) {
    for (const rule of WORKLOAD_RULES) {
      const level = settings[rule.name]?.enforcementLevel ?? rule.enforcementLevel;
      if (level === "disabled") continue;
      const outcome = rule.check(w, resolveRuleConfig(settings[rule.name]?.config));
      if (outcome?.kind === "violation") {
        findings.push({
          rule: rule.name,
          severity: rule.severity,
          enforcementLevel: level,
          resource: w.resourceKey,
          message: outcome.message,
        });
      } else if (outcome?.kind === "skipped") {
        notes.push({ rule: rule.name, resource: w.resourceKey, reason: outcome.reason });
      }
    }
  }
  return { findings, notes, workloads: workloads.length };
}
