/**
 * Groups preview steps by model (each `SelfHostedModel` or `CloudModel` and the resources under
 * it) and reads what a reviewer needs: context window, tool-call parser, hardware, price per hour
 * and the plan's fit numbers, before and after. Pure.
 */
import { findInstance } from "../../knowledge/catalog";
import { PREVIEW_UNKNOWN } from "../../knowledge/core";
import type { PolicyViolation, PreviewData, PreviewStep } from "./read-preview";

const T = {
  selfHosted: "kindo-models:index:SelfHostedModel",
  cloud: "kindo-models:index:CloudModel",
  vllm: "kindo-models:index:VllmDeployment",
  verification: "pulumi-nodejs:dynamic/kindo-models:ModelVerification",
  kindo: "pulumi-nodejs:dynamic/kindo-models:KindoModel",
} as const;

/** Pulumi's marker for a value known only after `up`. */
export const UNKNOWN = PREVIEW_UNKNOWN;

/** One side (before or after) of a model's facts; undefined fields do not apply. */
export interface ModelFacts {
  readonly serverMaxModelLen?: unknown;
  readonly kindoContextWindow?: unknown;
  readonly toolCallParser?: unknown;
  readonly hardware?: string;
  readonly pricePerHour?: string;
  readonly fit?: string;
}

export interface ModelSummary {
  readonly name: string;
  readonly kind: "self-hosted" | "cloud";
  readonly catalogModel?: string;
  /** create, update, replace, delete or same. */
  readonly change: string;
  readonly before?: ModelFacts;
  readonly after?: ModelFacts;
  readonly violations: readonly PolicyViolation[];
}

export interface PreviewSummary {
  readonly stack?: string;
  readonly models: readonly ModelSummary[];
  /** Violations on resources outside any model. */
  readonly otherViolations: readonly PolicyViolation[];
  readonly errors: readonly string[];
  readonly result?: string;
}

const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

/** The whole preview, model by model, in the order the models appear. */
export function summarizePreview(data: PreviewData): PreviewSummary {
  const roots = data.steps.filter((s) => s.type === T.selfHosted || s.type === T.cloud);
  const ownerOf = (urn: string) =>
    roots
      .filter((r) => isUnder(urn, r))
      .sort((a, b) => nameOf(b.urn).length - nameOf(a.urn).length)[0];
  const models = roots.map((root): ModelSummary => {
    const own = data.steps.filter((s) => ownerOf(s.urn) === root);
    const violations = data.violations.filter(
      (v) => v.urn !== undefined && ownerOf(v.urn) === root,
    );
    return {
      name: nameOf(root.urn),
      kind: root.type === T.cloud ? "cloud" : "self-hosted",
      ...(catalogModel(root) ? { catalogModel: catalogModel(root) } : {}),
      change: changeOf(root, own),
      ...(root.op === "create" ? {} : { before: factsOf(own, "old") }),
      ...(root.op === "delete" ? {} : { after: factsOf(own, "new") }),
      violations,
    };
  });
  const stack = data.steps[0]?.urn.split("::")[0]?.replace(/^urn:pulumi:/, "");
  return {
    ...(stack ? { stack } : {}),
    models,
    otherViolations: data.violations.filter(
      (v) => v.urn === undefined || ownerOf(v.urn) === undefined,
    ),
    errors: data.errors,
    ...(data.result ? { result: data.result } : {}),
  };
}

function isUnder(urn: string, root: PreviewStep): boolean {
  const name = nameOf(root.urn);
  const qualifiedType = urn.split("::")[2] ?? "";
  return (
    urn === root.urn ||
    (qualifiedType.startsWith(`${root.type}$`) &&
      (nameOf(urn) === name || nameOf(urn).startsWith(`${name}-`)))
  );
}

function catalogModel(root: PreviewStep): string | undefined {
  const m = (root.newInputs ?? root.oldInputs)?.["model"];
  return typeof m === "string" ? m : undefined;
}

function changeOf(root: PreviewStep, own: readonly PreviewStep[]): string {
  if (root.op === "create" || root.op === "delete") return root.op;
  if (own.some((s) => s.op === "replace" || s.op === "create-replacement")) return "replace";
  return own.some((s) => s.op !== "same" && s.op !== "read") ? "update" : "same";
}

function factsOf(own: readonly PreviewStep[], side: "old" | "new"): ModelFacts {
  const pick = (type: string) => own.find((s) => s.type === type);
  const inputs = (s: PreviewStep | undefined) => (side === "old" ? s?.oldInputs : s?.newInputs);
  const outputs = (s: PreviewStep | undefined) => (side === "old" ? s?.oldOutputs : s?.newOutputs);
  const plan = outputs(pick(T.vllm))?.["servingPlan"] as Record<string, unknown> | undefined;
  const verification = inputs(pick(T.verification));
  const kindo = inputs(pick(T.kindo));
  const root = inputs(pick(T.selfHosted)) ?? inputs(pick(T.cloud));
  const kindoWindow =
    kindo?.["contextWindow"] ??
    (kindo?.["verification"] as Record<string, unknown> | undefined)?.["maxModelLen"];
  return {
    ...defined("serverMaxModelLen", plan?.["maxModelLen"] ?? verification?.["maxModelLen"]),
    ...defined("kindoContextWindow", kindoWindow ?? root?.["contextWindow"]),
    ...defined("toolCallParser", plan?.["toolCallParser"] ?? verification?.["toolCallParser"]),
    ...(plan
      ? hardwareOf(plan)
      : root?.["existingEndpoint"]
        ? { hardware: "existing endpoint (not deployed by this stack)" }
        : pick(T.cloud)
          ? { hardware: "provider API" }
          : {}),
  };
}

function defined(key: keyof ModelFacts, v: unknown): Partial<ModelFacts> {
  return v === undefined ? {} : { [key]: v };
}

/** Hardware, price and fit from a VllmDeployment's `servingPlan` output. */
function hardwareOf(
  plan: Record<string, unknown>,
): Pick<ModelFacts, "hardware" | "pricePerHour" | "fit"> {
  const num = (k: string) => (typeof plan[k] === "number" ? (plan[k] as number) : undefined);
  const tp = num("tensorParallelSize") ?? 1;
  const pp = num("pipelineParallelSize") ?? 1;
  const replicas = num("replicas") ?? 1;
  const nodes = pp * replicas;
  const instanceType = String(plan["instanceType"]);
  const instance = findInstance(instanceType);
  const gpus = (num("gpusPerPod") ?? tp) * nodes;
  const price = instance
    ? `$${(instance.onDemandUsdPerHour * nodes).toFixed(2)}/h (${nodes} × ${instanceType} on demand, ${instance.priceRegion}, list price of ${instance.priceChecked})`
    : `unknown (${instanceType} is not in the catalog)`;
  const limitedBy =
    typeof plan["limitedBy"] === "string" ? `, limited by ${plan["limitedBy"]}` : "";
  return {
    hardware: `${gpus} × ${String(plan["gpuModel"])} on ${nodes} × ${instanceType} (TP ${tp}, PP ${pp}, ${replicas} ${replicas === 1 ? "replica" : "replicas"})`,
    pricePerHour: price,
    fit: `weights ${String(plan["weightsGiB"])} GiB, KV cache ${formatCount(plan["kvCacheTokens"])} tokens, max_model_len ${formatCount(plan["maxModelLen"])} tokens${limitedBy}`,
  };
}

/** Thousands separators for numbers; other values as they are. */
export function formatCount(v: unknown): string {
  return typeof v === "number" ? v.toLocaleString("en-US") : String(v);
}
