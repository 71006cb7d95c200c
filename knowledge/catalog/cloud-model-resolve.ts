/**
 * Resolves what a user names as a cloud model: a catalog entry, or a model the catalog does not
 * know yet, written "<provider>/<id>" with its context window and maximum output given explicitly
 * (verification then confirms the id through the provider's own model listing). Pure.
 */
import { findClosest } from "../core/closest";
import { quoteList } from "../core/format";
import { type Result, type ValidationIssue, failed, issue } from "../core/issues";
import { findCloudModel, listCloudModels } from "./cloud-model-lookup";
import {
  CLOUD_PROVIDERS,
  type CloudModelKind,
  type CloudModelSpec,
  type CloudProvider,
} from "./cloud-model-types";

/** What `CloudModel` needs of a model, whether the catalog knows it or not. */
export interface CloudModelTarget {
  /** The catalog key, or "<provider>/<id>" for a model outside the catalog. */
  readonly key: string;
  readonly provider: CloudProvider;
  readonly providerModelId: string;
  readonly displayName: string;
  readonly kind: CloudModelKind;
  readonly contextWindowTokens: number | undefined;
  readonly maxOutputTokens: number | undefined;
  /** null: unknown (outside the catalog, or no source says). */
  readonly supportsToolCalling: boolean | null;
  readonly supportsVision: boolean | null;
  /** The catalog entry; absent for a model outside the catalog. */
  readonly entry?: CloudModelSpec;
}

/** Limits the user set explicitly (what a model outside the catalog must come with). */
export interface ExplicitCloudLimits {
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
}

/** Providers whose unknown ids are accepted: Bedrock access needs the catalog's profile facts. */
const OPEN_PROVIDERS: readonly CloudProvider[] = CLOUD_PROVIDERS.filter((p) => p !== "bedrock");

/** Splits "<provider>/<id>" when the first segment is a provider; Groq ids keep their own "/". */
export function parseCloudModelReference(
  input: string,
): { provider: CloudProvider; id: string } | undefined {
  const at = input.indexOf("/");
  const provider = input.slice(0, at) as CloudProvider;
  const id = input.slice(at + 1).trim();
  return at > 0 && CLOUD_PROVIDERS.includes(provider) && id !== "" ? { provider, id } : undefined;
}

function fromEntry(m: CloudModelSpec): CloudModelTarget {
  return {
    key: m.id,
    provider: m.provider,
    providerModelId: m.providerModelId,
    displayName: m.displayName,
    kind: m.kind,
    contextWindowTokens: m.contextWindowTokens,
    maxOutputTokens: m.maxOutputTokens,
    supportsToolCalling: m.supportsToolCalling,
    supportsVision: m.supportsVision,
    entry: m,
  };
}

function requireLimits(input: string, limits: ExplicitCloudLimits): ValidationIssue[] {
  const why = `"${input}" is not in the cloud model catalog, so nothing documents it here`;
  return [
    ...(limits.contextWindow === undefined
      ? [
          issue(
            "contextWindow",
            `is required: ${why}. Set it to the model's documented context window in tokens.`,
          ),
        ]
      : []),
    ...(limits.maxOutputTokens === undefined
      ? [
          issue(
            "maxOutputTokens",
            `is required: ${why}. Set it to the model's documented maximum output in tokens.`,
          ),
        ]
      : []),
  ];
}

/**
 * The catalog entry named by `input` (key, provider id, LiteLLM string or Bedrock profile id), or
 * a target for "<provider>/<id>" outside the catalog when both limits are given; otherwise every
 * issue, naming the closest keys and both fields an unknown model needs.
 */
export function resolveCloudModel(
  input: string,
  limits: ExplicitCloudLimits,
  path = "model",
): Result<CloudModelTarget, "target"> {
  const known = findCloudModel(input);
  if (known) return { ok: true, target: fromEntry(known) };
  const ref = parseCloudModelReference(input.trim());
  if (ref && OPEN_PROVIDERS.includes(ref.provider)) {
    const issues = requireLimits(input, limits);
    if (issues.length > 0) return failed(issues);
    return {
      ok: true,
      target: {
        key: `${ref.provider}/${ref.id}`,
        provider: ref.provider,
        providerModelId: ref.id,
        displayName: ref.id,
        kind: "chat",
        contextWindowTokens: limits.contextWindow,
        maxOutputTokens: limits.maxOutputTokens,
        supportsToolCalling: null,
        supportsVision: null,
      },
    };
  }
  if (ref?.provider === "bedrock")
    return failed([
      issue(
        path,
        `"${input}" is not in the cloud model catalog, and a Bedrock model must be: its access (inference profiles, the Anthropic use-case form) is built from catalog facts. Add it to knowledge/catalog/data/cloud/bedrock.yaml, or use a "bedrock-" catalog key.`,
      ),
    ]);
  const near = findClosest(
    input,
    listCloudModels().map((c) => ({ key: c.id, spellings: [c.id, c.providerModelId] })),
  );
  return failed([
    issue(
      path,
      `"${input}" is not in the cloud model catalog. Did you mean ${quoteList(near)}? For a model outside the catalog, write "<provider>/<id>" (${quoteList(OPEN_PROVIDERS)}) and set contextWindow and maxOutputTokens.`,
    ),
  ]);
}
