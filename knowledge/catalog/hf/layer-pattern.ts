/** The catalog's layer pattern from a config's layer plan, and how to say what it holds. Pure. */
import { formatTokens } from "../../core/format";
import type { LayerPattern } from "../schema";
import type { TextArchitecture } from "./architecture";
import type { LayerPlan, MixerKind } from "./layers";

function count(plan: LayerPlan, kinds: readonly MixerKind[]): number {
  return plan.mixers.filter((m) => kinds.includes(m)).length;
}

/**
 * Layers by what they keep per token. Layers without a token mixer (Nemotron-H's MLP-only layers)
 * keep nothing and are not counted, so the four kinds add up to `layers`. The last
 * `kvSharedLayers` layers are counted by type as KV-shared.
 */
export function toLayerPattern(plan: LayerPlan, kvSharedLayers = 0): LayerPattern {
  const shared = plan.mixers.slice(plan.mixers.length - kvSharedLayers);
  const sharedFull = shared.filter((m) => m === "full").length;
  const sharedWindowed = shared.filter((m) => m === "sliding" || m === "chunked").length;
  const windowed = count(plan, ["sliding", "chunked"]);
  const mamba = count(plan, ["mamba"]);
  const linear = count(plan, ["linear"]);
  const full = count(plan, ["full"]);
  return {
    layers: full + windowed + mamba + linear,
    fullAttentionLayers: full,
    ...(windowed > 0 && plan.windowTokens !== undefined
      ? { windowedLayers: { count: windowed, windowTokens: plan.windowTokens } }
      : {}),
    ...(mamba > 0 ? { stateSpaceLayers: mamba } : {}),
    ...(linear > 0 ? { linearAttentionLayers: linear } : {}),
    ...(sharedFull + sharedWindowed > 0
      ? { kvSharedLayers: { full: sharedFull, windowed: sharedWindowed } }
      : {}),
  };
}

/** "layers: 36 chunked-local (8,192 tokens), 12 full attention (from ...); 48 mixture-of-experts MLPs". */
export function describeLayers(a: TextArchitecture): string {
  const plan = a.plan;
  const window =
    plan.windowTokens !== undefined ? ` (${formatTokens(plan.windowTokens)} tokens)` : "";
  const parts = [
    [count(plan, ["full"]), a.attention.kind === "mla" ? "full attention (MLA)" : "full attention"],
    [count(plan, ["sliding"]), `sliding-window${window}`],
    [count(plan, ["chunked"]), `chunked-local${window}`],
    [count(plan, ["linear"]), "linear attention (constant state, no per-token KV)"],
    [count(plan, ["mamba"]), "Mamba/conv state (no per-token KV)"],
    [count(plan, ["none"]), "MLP-only"],
  ] as const;
  const mixers = parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(", ");
  const moe = plan.mlps.filter((m) => m === "moe").length;
  const experts =
    moe > 0 && a.experts
      ? `; ${moe} mixture-of-experts MLPs (${a.experts.routed} experts, ${a.experts.perToken} per token${a.experts.sharedCount > 0 ? `, ${a.experts.sharedCount} shared` : ""})`
      : "";
  const parallel =
    a.parallelMambaLayers > 0
      ? `; a Mamba-2 mixer beside the attention in ${a.parallelMambaLayers} layers (constant state, no per-token KV)`
      : "";
  return `layers: ${mixers}, from ${plan.readFrom}${parallel}${experts}`;
}
