/**
 * The remote side of KindoModel: create (adopting by serving name), update, delete (Unleash
 * first, model last) and read, each safe to run again after a crash at any point. Decisions come
 * from `args.ts` and `diff.ts`; every remote call goes through the given `Remote`.
 */
import { type KindoModelInputs, type KindoModelPlan, planKindoModel } from "./args";
import * as kindo from "./admin-api";
import { type KindoModelDrift, changedFields, findDrift, visibleFields } from "./diff";
import type { Remote } from "../../../verification/transport";
import { featuresContaining, setFeatureMembership } from "./unleash";
import { buildKindoPathError, verifyThroughKindo } from "./kindo-path";
import { formatIssues } from "../../../knowledge/core";

/** What the provider stores: the inputs plus the model id and the drift `read` last saw. */
export interface KindoModelOutputs extends KindoModelInputs {
  readonly modelId: string;
  /** When the model last passed verification through Kindo's API (only with `kindoInference`). */
  readonly kindoPathVerifiedAt?: string;
}

/**
 * The Kindo-path stage between registration and assignment. When it fails, the id is taken out
 * of every feature that lists it (on update it may have been assigned before), and the error says
 * the model is registered but assigned to nothing. Answers the time it passed, if it ran.
 */
async function requireKindoPath(
  remote: Remote,
  inputs: KindoModelInputs,
  plan: KindoModelPlan,
  modelId: string,
  withdrawOnFailure: boolean,
): Promise<{ kindoPathVerifiedAt?: string }> {
  const stage = await verifyThroughKindo(inputs, plan);
  if (stage === undefined) return {};
  if (stage.verdict.passed) return { kindoPathVerifiedAt: new Date().toISOString() };
  const withdrawn = withdrawOnFailure
    ? await featuresContaining(remote, inputs.unleash, modelId)
    : [];
  for (const feature of withdrawn)
    await setFeatureMembership(remote, inputs.unleash, feature, modelId, false);
  throw new Error(
    buildKindoPathError(inputs, plan, modelId, stage.kindoUrl, stage.verdict, withdrawn),
  );
}

function planOrThrow(inputs: KindoModelInputs): KindoModelPlan {
  const planned = planKindoModel(inputs);
  if (!planned.ok)
    throw new Error(formatIssues(`KindoModel "${inputs.litellmModelName}"`, planned.issues));
  return planned.plan;
}

/**
 * Registers the model, or adopts the one already registered under the same serving name (a
 * re-run after a crash, or a model added by hand), verifies it through Kindo's API when
 * `kindoInference` is set, then puts its id into each feature.
 */
export async function createKindoModel(
  remote: Remote,
  inputs: KindoModelInputs,
): Promise<KindoModelOutputs> {
  const plan = planOrThrow(inputs);
  const existing = await kindo.findKindoModelByName(
    remote,
    inputs.kindo,
    plan.fields.litellmModelName,
  );
  let modelId: string;
  if (existing === undefined) {
    modelId = (await kindo.createKindoModelRecord(remote, inputs.kindo, plan.fields)).id;
  } else {
    modelId = existing.id;
    // Adopted: make its fields ours. Credentials are write-only, so they are always sent.
    await kindo.updateKindoModelRecord(remote, inputs.kindo, modelId, plan.fields);
  }
  // An adopted model may still be listed by a feature from an earlier run: withdraw it on failure.
  const stage = await requireKindoPath(remote, inputs, plan, modelId, existing !== undefined);
  for (const feature of plan.features)
    await setFeatureMembership(remote, inputs.unleash, feature, modelId, true);
  return { ...inputs, modelId, ...stage };
}

/**
 * Changes the fields in place, adds the id to new features, then removes it from dropped ones.
 * Every step is idempotent, so the engine re-running it after a crash converges.
 */
export async function updateKindoModel(
  remote: Remote,
  olds: KindoModelOutputs,
  news: KindoModelInputs,
): Promise<KindoModelOutputs> {
  const plan = planOrThrow(news);
  const oldPlan = planKindoModel(olds);
  const oldFeatures: readonly string[] = oldPlan.ok ? oldPlan.plan.features : olds.features;
  const current = await kindo.getKindoModel(remote, news.kindo, olds.modelId);
  const recreated = current === undefined ? await createKindoModel(remote, news) : undefined; // deleted by hand: register again
  const modelId = recreated?.modelId ?? olds.modelId;
  let stage: { kindoPathVerifiedAt?: string } =
    recreated?.kindoPathVerifiedAt === undefined
      ? {}
      : { kindoPathVerifiedAt: recreated.kindoPathVerifiedAt };
  if (current !== undefined) {
    const secretsChanged =
      JSON.stringify(olds.litellmParams) !== JSON.stringify(news.litellmParams);
    if (secretsChanged || changedFields(visibleFields(plan.fields), current.fields).length > 0) {
      await kindo.updateKindoModelRecord(remote, news.kindo, modelId, plan.fields);
    }
    stage = await requireKindoPath(remote, news, plan, modelId, true);
    for (const feature of plan.features)
      await setFeatureMembership(remote, news.unleash, feature, modelId, true);
  }
  for (const feature of oldFeatures.filter(
    (f) => !(plan.features as readonly string[]).includes(f),
  )) {
    await setFeatureMembership(remote, news.unleash, feature, modelId, false);
  }
  return { ...news, modelId, ...stage };
}

/**
 * Removes the id from every variant of every feature in the project first, and deletes the model
 * only when no variant references it any more. A model already gone counts as deleted.
 */
export async function deleteKindoModel(remote: Remote, olds: KindoModelOutputs): Promise<void> {
  for (const feature of await featuresContaining(remote, olds.unleash, olds.modelId)) {
    await setFeatureMembership(remote, olds.unleash, feature, olds.modelId, false);
  }
  await kindo.deleteKindoModelRecord(remote, olds.kindo, olds.modelId);
}

/** What `read` observed: undefined when the model is gone, otherwise fields, features and drift. */
export interface KindoModelObservation {
  readonly outputs: KindoModelOutputs | undefined;
  readonly drift: KindoModelDrift;
}

/** Reads the model and its feature memberships and reports how they differ from the state. */
export async function readKindoModel(
  remote: Remote,
  olds: KindoModelOutputs,
): Promise<KindoModelObservation> {
  const plan = planKindoModel(olds);
  const recorded = {
    fields: plan.ok
      ? plan.plan.fields
      : visibleFields({ ...olds, contextWindow: olds.contextWindow ?? 0 }),
    features: [...olds.features].sort(),
  };
  const current = await kindo.getKindoModel(remote, olds.kindo, olds.modelId);
  if (current === undefined) return { outputs: undefined, drift: findDrift(recorded, undefined) };
  const features = await featuresContaining(remote, olds.unleash, olds.modelId);
  const drift = findDrift(recorded, { fields: current.fields, features });
  // Observed values replace recorded ones so `pulumi refresh` shows the drift; write-only
  // credentials are not readable and stay as recorded.
  const litellmParams = { ...current.fields.litellmParams, ...pickSecrets(olds.litellmParams) };
  const {
    contextWindow,
    maxTokens,
    displayName,
    provider,
    creator,
    type,
    metadataType,
    costTier,
    litellmModelName,
  } = current.fields;
  const outputs: KindoModelOutputs = {
    ...olds,
    litellmModelName,
    litellmParams,
    contextWindow,
    maxTokens,
    displayName,
    provider,
    creator,
    type,
    metadataType,
    costTier,
    features,
  };
  return { outputs, drift };
}

function pickSecrets(
  params: KindoModelInputs["litellmParams"],
): Partial<KindoModelInputs["litellmParams"]> {
  const { api_key, aws_secret_access_key, aws_session_token } = params;
  return Object.fromEntries(
    Object.entries({ api_key, aws_secret_access_key, aws_session_token }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
