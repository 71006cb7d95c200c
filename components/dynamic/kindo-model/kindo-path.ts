/**
 * KindoModel's second verification stage: after the model is registered and before any Unleash
 * feature gets its id, the shared probe suite runs through Kindo's own API (Kindo → LiteLLM →
 * endpoint), so a model Kindo cannot actually use never reaches users. Runs only when
 * `kindoInference` is set.
 */
import type { KindoModelInputs, KindoModelPlan } from "./args";
import { redactSecrets } from "../../../verification/transport";
import {
  listKindoPathDiagnoses,
  type KindoPathVerdict,
} from "../../../verification/kindo/inference-path";
import { runKindoStage } from "../../../verification/kindo/stage";
import { quoteList } from "../../../knowledge/core";

/** The stage's verdict, or undefined when the stage is not configured. */
export async function verifyThroughKindo(
  inputs: KindoModelInputs,
  plan: KindoModelPlan,
): Promise<{ kindoUrl: string; verdict: KindoPathVerdict } | undefined> {
  const conn = inputs.kindoInference;
  if (conn === undefined) return undefined;
  const kindoUrl = (conn.url ?? inputs.kindo.url).replace(/\/+$/, "");
  const params = plan.fields.litellmParams;
  const requestMs = (conn.requestTimeoutSeconds ?? 60) * 1000;
  const { verdict } = await runKindoStage(
    {
      kindoUrl,
      apiKey: conn.apiKey,
      ...(conn.authStyle === undefined ? {} : { authStyle: conn.authStyle }),
      toolCalling: plan.features.includes("TOOL_CALLING_MODELS"),
      reasoning: conn.reasoning === true,
    },
    {
      servingName: plan.fields.litellmModelName,
      routedModel: params.model.slice(params.model.indexOf("/") + 1),
      ...(params.api_base === undefined ? {} : { apiBase: params.api_base }),
      // KindoModel only runs on evidence of a passed direct verification.
      direct: { passed: true, servedModelNames: [inputs.verification.servedModelName] },
    },
    {
      readyTimeoutMs: (conn.readyTimeoutSeconds ?? 30) * 1000,
      requestTimeoutMs: requestMs,
      longContextTimeoutMs: requestMs,
    },
  );
  return { kindoUrl, verdict };
}

/** The error when the Kindo stage fails: registered, assigned to nothing, every reason, the way out. Pure. */
export function buildKindoPathError(
  inputs: KindoModelInputs,
  plan: KindoModelPlan,
  modelId: string,
  kindoUrl: string,
  verdict: KindoPathVerdict,
  withdrawnFrom: readonly string[],
): string {
  const withdrawn =
    withdrawnFrom.length === 0
      ? ""
      : ` (its id was removed from ${quoteList(withdrawnFrom, "and")})`;
  const assign =
    plan.features.length === 0
      ? ""
      : `, and assigns ${quoteList(plan.features, "and")} once it passes`;
  const text = [
    `KindoModel "${plan.fields.litellmModelName}" is registered in Kindo (id ${modelId}) but assigned to no Unleash feature${withdrawn}: it failed verification through Kindo's API at ${kindoUrl}.`,
    ...listKindoPathDiagnoses(verdict).map((d) => `  - ${d}`),
    `Fix the cause and run \`pulumi up --refresh\`: it adopts the registered model, verifies it through Kindo again${assign}.`,
  ].join("\n");
  const p = inputs.litellmParams;
  return redactSecrets(text, [
    inputs.kindo.adminKey,
    inputs.kindoInference?.apiKey,
    p.api_key,
    p.aws_secret_access_key,
    p.aws_session_token,
  ]);
}
