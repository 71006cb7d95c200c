/**
 * Judges a set of plain Kubernetes objects (what `helm template` or kustomize print) with the
 * workload rules, after resolving how each server is exposed. `kindo-models lint` and the corpus
 * benchmark use this; the policy pack reads objects through the same readers and runs the same
 * rules per resource. Pure.
 */
import {
  buildReaderContext,
  describeObject,
  listRoutes,
  readManifestObject,
} from "./read/manifest";
import type { Reading } from "./read/reading";
import { findPublicExposure, type Route } from "./read/routes";
import {
  resolveRuleConfig,
  WORKLOAD_RULES,
  type EnforcementLevel,
  type Severity,
} from "./registry";
import { servedModelReference, type RuleConfig, type VllmWorkload } from "./workload";
import type { ModelFacts } from "../catalog/hf/source";

type Obj = Readonly<Record<string, unknown>>;

/** One violation, as lint prints it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly enforcementLevel: EnforcementLevel;
  /** `<Kind>/<namespace>/<name>` or `<Kind>/<name>`. */
  readonly resource: string;
  readonly message: string;
  /** Position of the object in the input, when judged by {@link judgeManifests}. */
  readonly objectIndex?: number;
}

/** A rule that could not judge a server, and why (e.g. the GPU model is not stated). */
export interface Note {
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  readonly objectIndex?: number;
}

/** An object no reader understood (or could not read), with its kind and name. */
export interface SkippedObject {
  readonly objectIndex: number;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
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
  /** Objects lint did not understand, in input order. */
  readonly skipped: readonly SkippedObject[];
}

/** One input read once: each object's reading and the routes among them. */
export interface ReadManifests {
  readonly objects: readonly Obj[];
  readonly readings: readonly Reading[];
  readonly routes: readonly Route[];
}

/** Reads every object of one input together (ServingRuntimes, ConfigMaps and routes between them). */
export function readManifests(objects: readonly Obj[]): ReadManifests {
  const ctx = buildReaderContext(objects);
  const readings = objects.map((o) => readManifestObject(o, ctx));
  return { objects, readings, routes: listRoutes(objects, ctx) };
}

function withExposure(w: VllmWorkload, routes: readonly Route[]): VllmWorkload {
  const publicExposure = findPublicExposure(w, routes);
  return publicExposure === undefined ? w : { ...w, publicExposure };
}

/** Every vLLM server of an input already read, with how it is exposed. */
export function listManifestWorkloads(read: ReadManifests): VllmWorkload[] {
  return read.readings.flatMap((r) =>
    r.kind === "read" ? r.workloads.map((w) => withExposure(w, read.routes)) : [],
  );
}

/** Finds every vLLM server in the objects and sets how it is exposed. */
export function describeManifestWorkloads(objects: readonly Obj[]): VllmWorkload[] {
  return listManifestWorkloads(readManifests(objects));
}

function judgeWorkload(
  w: VllmWorkload,
  objectIndex: number,
  settings: RuleSettings,
  findings: Finding[],
  notes: Note[],
): void {
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
        objectIndex,
      });
    } else if (outcome?.kind === "skipped") {
      notes.push({ rule: rule.name, resource: w.resourceKey, reason: outcome.reason, objectIndex });
    }
  }
}

/**
 * Applies every enabled workload rule to every vLLM server in the objects. `models` holds what the
 * caller read of models outside the catalog (by {@link servedModelReference}: `--model`, or what a storage URI names), so the sizing rules can size them.
 */
export function judgeManifests(
  objects: readonly Obj[],
  settings: RuleSettings = {},
  models: ReadonlyMap<string, ModelFacts> = new Map(),
): Judgement {
  return judgeReadManifests(readManifests(objects), settings, models);
}

/** {@link judgeManifests} of an input already read (lint reads once, then loads model files). */
export function judgeReadManifests(
  read: ReadManifests,
  settings: RuleSettings = {},
  models: ReadonlyMap<string, ModelFacts> = new Map(),
): Judgement {
  const { objects, readings, routes } = read;
  const withFacts = (w: VllmWorkload): VllmWorkload => {
    const reference = servedModelReference(w);
    const facts = reference === undefined ? undefined : models.get(reference);
    return facts ? { ...w, modelFacts: facts } : w;
  };
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const skipped: SkippedObject[] = [];
  let workloads = 0;
  readings.forEach((r, objectIndex) => {
    if (r.kind === "skipped") {
      skipped.push({
        objectIndex,
        ...describeObject(objects[objectIndex] ?? {}),
        ...r.object,
        reason: r.reason,
      });
      return;
    }
    if (r.kind !== "read") return;
    for (const w of r.workloads) {
      workloads += 1;
      judgeWorkload(withFacts(withExposure(w, routes)), objectIndex, settings, findings, notes);
    }
  });
  return { findings, notes, workloads, skipped };
}
