/** Lookups over the cloud model catalog, and the LiteLLM model string built from an entry. Pure. */
import { CLOUD_MODELS, type CloudModelKey } from "./cloud-models";
import { LITELLM_PREFIXES, type CloudModelSpec } from "./cloud-model-types";
import { findClosest } from "../core/closest";
import { type Result, failed, issue } from "../core/issues";
import { quoteList } from "../core/format";

/** How a Bedrock model is invoked: a geographic profile, the global profile, or in one region. */
export type BedrockInvocation = "geographic" | "global" | "in-region";

/** Every catalog entry, in catalog order (a fresh array each call). */
export function listCloudModels(): CloudModelSpec[] {
  return Object.values(CLOUD_MODELS);
}

/**
 * Finds an entry by our key, the provider's model id, its LiteLLM string ("anthropic/<id>") or a
 * Bedrock profile id (case-insensitive).
 */
export function findCloudModel(keyOrId: string): CloudModelSpec | undefined {
  const q = keyOrId.trim().toLowerCase();
  const direct = (CLOUD_MODELS as Record<string, CloudModelSpec | undefined>)[q];
  if (direct) return direct;
  return listCloudModels().find((m) => spellings(m).some((s) => s.toLowerCase() === q));
}

function spellings(m: CloudModelSpec): string[] {
  const b = m.bedrock;
  return [
    m.id,
    ...(m.provider === "azure" ? [] : [m.providerModelId, m.litellmModel]),
    ...(b ? [...b.geographicProfileIds, ...(b.globalProfileId ? [b.globalProfileId] : [])] : []),
  ];
}

/** Resolves a model argument, or an issue naming the argument and the closest catalog keys. */
export function selectCloudModel(input: string, path = "model"): Result<CloudModelSpec, "model"> {
  const m = findCloudModel(input);
  if (m) return { ok: true, model: m };
  const near = findClosest(
    input,
    listCloudModels().map((c) => ({ key: c.id, spellings: spellings(c) })),
  );
  return failed([
    issue(path, `"${input}" is not in the cloud model catalog. Did you mean ${quoteList(near)}?`),
  ]);
}

/**
 * The Bedrock model id to invoke (a profile id or the foundation-model id), or an issue when the
 * catalog documents no such invocation for the model.
 */
export function selectBedrockModelId(
  m: CloudModelSpec,
  invocation: BedrockInvocation,
  geography = "us",
  path = "invocation",
): Result<string, "modelId"> {
  const b = m.bedrock;
  if (!b)
    return failed([
      issue(
        "model",
        `"${m.id}" is a ${m.provider} model, not a Bedrock model. Choose a "bedrock-" catalog entry.`,
      ),
    ]);
  const offered = offeredInvocations(m);
  if (invocation === "global" && b.globalProfileId) return { ok: true, modelId: b.globalProfileId };
  if (invocation === "in-region" && b.inRegionInvocation)
    return { ok: true, modelId: b.foundationModelId };
  if (invocation === "geographic") {
    const id = b.geographicProfileIds.find((p) => p.startsWith(`${geography}.`));
    if (id) return { ok: true, modelId: id };
    if (b.geographicProfileIds.length > 0) {
      const geos = b.geographicProfileIds.map((p) => p.split(".")[0] ?? p);
      return failed([
        issue(
          "geography",
          `"${geography}" has no documented geographic profile for "${m.id}". Use ${quoteList(geos)}.`,
        ),
      ]);
    }
  }
  return failed([
    issue(
      path,
      `"${invocation}" invocation is not documented for "${m.id}". Use ${quoteList(offered)}.`,
    ),
  ]);
}

/** The invocations the catalog documents for a Bedrock entry. */
export function offeredInvocations(m: CloudModelSpec): BedrockInvocation[] {
  const b = m.bedrock;
  if (!b) return [];
  return [
    ...(b.geographicProfileIds.length > 0 ? (["geographic"] as const) : []),
    ...(b.globalProfileId ? (["global"] as const) : []),
    ...(b.inRegionInvocation ? (["in-region"] as const) : []),
  ];
}

/**
 * `litellmParams.model` for an entry: the provider prefix plus the provider's id, the Azure
 * deployment name, or the Bedrock id being invoked (profile id, foundation-model id or an
 * application inference profile ARN).
 */
export function buildLitellmModel(
  m: Pick<CloudModelSpec, "provider" | "providerModelId">,
  target: { azureDeploymentName?: string; bedrockModelId?: string } = {},
): string {
  const prefix = LITELLM_PREFIXES[m.provider];
  if (m.provider === "azure") return `${prefix}${target.azureDeploymentName ?? ""}`;
  if (m.provider === "bedrock") return `${prefix}${target.bedrockModelId ?? m.providerModelId}`;
  return `${prefix}${m.providerModelId}`;
}

/** True when `key` is a catalog key (narrows the type). */
export function isCloudModelKey(key: string): key is CloudModelKey {
  return Object.prototype.hasOwnProperty.call(CLOUD_MODELS, key);
}
