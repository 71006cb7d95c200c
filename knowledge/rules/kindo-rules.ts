/**
 * Cross-resource rules between a Kindo registration and the vLLM server it routes to. Work on
 * plain objects; used by stack policies. How a server is exposed is read in read/routes.ts. Pure.
 */
import { computeDerivedMaxModelLen } from "../sizing/fit";
import { resolveDefaultMaxModelLen } from "../sizing/vllm-profile";
import { formatTokens } from "../core/format";
import {
  appliesRopeScaling,
  isOutcome,
  judgedVllmVersion,
  requireSettings,
  resolveWorkloadModel,
} from "./served-model";
import { skipped, violation, type RuleOutcome, type VllmWorkload } from "./workload";
import { selectsWorkload, type Route } from "./read/routes";

/** A Kindo model registration (a KindoModel resource's inputs), normalised. */
export interface KindoRegistration {
  readonly resource: string;
  readonly resourceKey: string;
  /** The model name LiteLLM sends to the server (provider prefix removed). */
  readonly servingName?: string;
  readonly contextWindow?: number;
  /** Base URL of the OpenAI-compatible server. */
  readonly apiBase?: string;
}

/** The workload a registration's apiBase points at: host "<service>[.<namespace>]..." → Service → pods. */
export function findTargetWorkload(
  k: KindoRegistration,
  workloads: readonly VllmWorkload[],
  routes: readonly Route[],
): VllmWorkload | undefined {
  if (k.apiBase === undefined) return undefined;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(k.apiBase)?.[1]?.split(".") ?? [];
  const [service, namespace] = host;
  if (service === undefined) return undefined;
  const route = routes.find(
    (r) =>
      r.kind === "Service" &&
      r.name === service &&
      (namespace === undefined || (r.namespace ?? "default") === namespace),
  );
  const viaService = route ? workloads.find((w) => selectsWorkload(route, w)) : undefined;
  return viaService ?? workloads.find((w) => w.resource.endsWith(`"${service}"`));
}

/** `kindo-served-name-mismatch`: Kindo's serving name is not a --served-model-name of the server. */
export function checkServedNameMismatch(
  k: KindoRegistration,
  target: VllmWorkload | undefined,
): RuleOutcome | undefined {
  if (k.servingName === undefined) return undefined;
  if (!target) return skipped(`no vLLM server in the stack matches apiBase "${k.apiBase ?? ""}"`);
  const s = requireSettings(target);
  if (isOutcome(s)) return s;
  const names = s.servedModelName ?? (s.model !== undefined ? [s.model] : []);
  if (names.includes(k.servingName)) return undefined;
  return violation(
    `${k.resource} must route with a name the server serves; it sends "${k.servingName}", but ${target.resource} serves ${names.map((n) => `"${n}"`).join(", ") || "its default model"}, so every request fails with HTTP 404. Set the Kindo serving name to "${names[0] ?? ""}" or add it to --served-model-name.`,
  );
}

/**
 * The max-model-len a server runs with: the flag, else what vLLM runs a catalog model with unasked
 * (the derived maximum; a LongRoPE model's original window from 0.11.1, sizing/vllm-profile.ts
 * `resolveDefaultMaxModelLen`), on the image's release or the pinned one.
 */
export function findServerMaxModelLen(w: VllmWorkload): number | RuleOutcome {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (s.maxModelLen !== undefined) return s.maxModelLen;
  const m = resolveWorkloadModel(w)?.spec;
  return m
    ? resolveDefaultMaxModelLen(
        judgedVllmVersion(w),
        computeDerivedMaxModelLen(m, appliesRopeScaling(s)),
        m.context.longRope?.originalMaxPositionEmbeddings,
      )
    : skipped("the server's max-model-len is neither set nor known from the catalog");
}

/** `kindo-context-mismatch`: Kindo's contextWindow differs from the server's max-model-len. */
export function checkKindoContextMismatch(
  k: KindoRegistration,
  target: VllmWorkload | undefined,
): RuleOutcome | undefined {
  if (k.contextWindow === undefined) return undefined;
  if (!target) return skipped(`no vLLM server in the stack matches apiBase "${k.apiBase ?? ""}"`);
  const len = findServerMaxModelLen(target);
  if (typeof len !== "number") return len;
  if (len === k.contextWindow) return undefined;
  const effect =
    k.contextWindow > len
      ? "long conversations fail with HTTP 400 instead of being trimmed"
      : "Kindo trims conversations the server could hold";
  return violation(
    `${k.resource} must set contextWindow to the server's max-model-len; it sets ${formatTokens(k.contextWindow)} tokens, but ${target.resource} runs with ${formatTokens(len)}, so ${effect}. Set contextWindow to ${len}.`,
  );
}
