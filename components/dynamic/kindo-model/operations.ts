/**
 * The remote side of KindoModel: create (adopting by serving name), update, delete (Unleash
 * first, model last) and read, each safe to run again after a crash at any point. Decisions come
 * from `args.ts` and `diff.ts`; every remote call goes through the given `Remote`.
 */
import { type KindoModelInputs, type KindoModelPlan, planKindoModel } from "./args";
import * as kindo from "./admin-api";
import { type KindoModelDrift, changedFields, findDrift, visibleFields } from "./diff";
import type { Remote } from "../../../verification/transport";
import { featureListsModel, featuresContaining, setFeatureMembership } from "./unleash";
import { buildOwnershipError, buildTakenOverError, ownerFieldNotKept } from "./ownership";
import { buildKindoPathError, verifyThroughKindo } from "./kindo-path";
import { formatIssues } from "../../../knowledge/core";

/** What the provider stores: the inputs plus the model id and the drift `read` last saw. */
export interface KindoModelOutputs extends KindoModelInputs {
  readonly modelId: string;
  /** When the model last passed verification through Kindo's API (only with `kindoInference`). */
  readonly kindoPathVerifiedAt?: string;
}

/** Takes `modelId` out of every feature that lists it; answers those features. */
async function withdrawEverywhere(
  remote: Remote,
  conn: KindoModelInputs["unleash"],
  modelId: string,
): Promise<string[]> {
  const features = await featuresContaining(remote, conn, modelId);
  for (const feature of features) await setFeatureMembership(remote, conn, feature, modelId, false);
  return features;
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
    ? await withdrawEverywhere(remote, inputs.unleash, modelId)
    : [];
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

/** Registers a new model owned by the resource; one Kindo does not keep the owner of is removed again. */
async function registerOwned(
  remote: Remote,
  inputs: KindoModelInputs,
  plan: KindoModelPlan,
): Promise<string> {
  const created = await kindo.createKindoModelRecord(
    remote,
    inputs.kindo,
    plan.fields,
    inputs.owner,
  );
  if (created.owner === inputs.owner) return created.id;
  await kindo.deleteKindoModelRecord(remote, inputs.kindo, created.id);
  throw new Error(ownerFieldNotKept(inputs, created.id));
}

/**
 * Registers the model, or adopts the one already registered under the same serving name when it
 * is this resource's own (a re-run after a crash) or `adoptModelId` names it; a model another
 * resource or nobody owns is refused, naming both owners. Then verifies it through Kindo's API
 * when `kindoInference` is set, and puts its id into each feature.
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
    modelId = await registerOwned(remote, inputs, plan);
  } else {
    if (existing.owner !== inputs.owner && existing.id !== inputs.adoptModelId)
      throw new Error(buildOwnershipError(inputs, existing));
    modelId = existing.id;
    // Adopted: make its fields and owner ours. Credentials are write-only, so they are always sent.
    await kindo.updateKindoModelRecord(remote, inputs.kindo, modelId, plan.fields, inputs.owner);
  }
  // An adopted model may still be listed by a feature from an earlier run: withdraw it on failure.
  const stage = await requireKindoPath(remote, inputs, plan, modelId, existing !== undefined);
  for (const feature of plan.features)
    await setFeatureMembership(remote, inputs.unleash, feature, modelId, true);
  return { ...inputs, modelId, ...stage };
}

/**
 * Changes the fields in place, adds the id to new features, then removes it from dropped ones. A
 * model deleted by hand has its stale id withdrawn from every feature and is registered again.
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
  if (
    current?.owner !== undefined &&
    current.owner !== news.owner &&
    current.owner !== olds.owner &&
    current.id !== news.adoptModelId
  )
    throw new Error(buildTakenOverError(news, current));
  // Deleted by hand: no feature may keep listing the old id; then register again.
  if (current === undefined) await withdrawEverywhere(remote, news.unleash, olds.modelId);
  const recreated = current === undefined ? await createKindoModel(remote, news) : undefined;
  const modelId = recreated?.modelId ?? olds.modelId;
  let stage: { kindoPathVerifiedAt?: string } =
    recreated?.kindoPathVerifiedAt === undefined
      ? {}
      : { kindoPathVerifiedAt: recreated.kindoPathVerifiedAt };
  if (current !== undefined) {
    const secretsChanged =
      JSON.stringify(olds.litellmParams) !== JSON.stringify(news.litellmParams);
    if (
      secretsChanged ||
      current.owner !== news.owner ||
      changedFields(visibleFields(plan.fields), current.fields).length > 0
    ) {
      await kindo.updateKindoModelRecord(remote, news.kindo, modelId, plan.fields, news.owner);
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
 * only when no variant references it any more. A model already gone counts as deleted (its stale
 * id is still withdrawn); a model another resource took over deliberately is left to it.
 */
export async function deleteKindoModel(remote: Remote, olds: KindoModelOutputs): Promise<void> {
  const current = await kindo.getKindoModel(remote, olds.kindo, olds.modelId);
  if (current?.owner !== undefined && olds.owner !== undefined && current.owner !== olds.owner)
    return;
  await withdrawEverywhere(remote, olds.unleash, olds.modelId);
  await kindo.deleteKindoModelRecord(remote, olds.kindo, olds.modelId);
}

/** What `read` observed: undefined when the model is gone, otherwise fields, features and drift. */
export interface KindoModelObservation {
  readonly outputs: KindoModelOutputs | undefined;
  readonly drift: KindoModelDrift;
}

/**
 * Reads the model and its feature memberships and reports how they differ from the state. A model
 * deleted by hand has its stale id withdrawn from every feature before it is reported gone.
 */
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
  if (current === undefined) {
    await withdrawEverywhere(remote, olds.unleash, olds.modelId);
    return { outputs: undefined, drift: findDrift(recorded, undefined) };
  }
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

/**
 * Whether the live model lost something `update` restores although the inputs did not change:
 * the model is gone, or a planned feature no longer lists its id (taken out by hand, or lost to a
 * writer outside this library). `diff` asks so that `up` repairs it without `--refresh`.
 */
export async function hasLostAssignments(
  remote: Remote,
  olds: KindoModelOutputs,
): Promise<boolean> {
  const plan = planKindoModel(olds);
  if (!plan.ok) return false;
  if ((await kindo.getKindoModel(remote, olds.kindo, olds.modelId)) === undefined) return true;
  for (const feature of plan.plan.features) {
    const listed = await featureListsModel(remote, olds.unleash, feature, olds.modelId);
    if (!listed) return true;
  }
  return false;
}
