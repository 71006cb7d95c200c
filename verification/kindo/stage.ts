/**
 * Runs the second verification stage: the shared probe suite against Kindo's OpenAI-compatible
 * API for one serving name, judged by {@link diagnoseKindoPath}. Used by `KindoModel` (between
 * registration and feature assignment) and `kindo-models verify --through-kindo`.
 */
import {
  buildKindoAuthHeader,
  buildKindoPathExpectations,
  diagnoseKindoPath,
  KINDO_INFERENCE_DEFAULTS,
  type KindoPathContext,
  type KindoPathVerdict,
} from "./inference-path";
import { runProbeSuite, type SuiteOptions } from "../suite";
import type { ProbeBudgets, ProbeTarget, SuiteReport } from "../types";

/** How the stage reaches Kindo and what it asks of the model. */
export interface KindoStageParameters {
  /** Kindo's inference API root (without /v1). */
  readonly kindoUrl: string;
  readonly apiKey: string;
  /** @default "bearer" */
  readonly authStyle?: "bearer" | "api-key";
  /** Run the tool-call probe (models assigned to TOOL_CALLING_MODELS). */
  readonly toolCalling: boolean;
  /** @default false */
  readonly reasoning?: boolean;
}

/** The Kindo run's report and the verdict that compares it with the direct stage. */
export interface KindoStageResult {
  readonly report: SuiteReport;
  readonly verdict: KindoPathVerdict;
}

/** The probe target for Kindo: readiness is `/v1/models` with the key (Kindo has no `/health` for models). */
export function buildKindoTarget(
  p: Pick<KindoStageParameters, "kindoUrl" | "apiKey" | "authStyle">,
  servingName: string,
): ProbeTarget {
  return {
    baseUrl: p.kindoUrl.replace(/\/+$/, ""),
    model: servingName,
    authHeader: buildKindoAuthHeader(p.apiKey, p.authStyle),
    readinessPath: KINDO_INFERENCE_DEFAULTS.modelsPath,
  };
}

/** Runs the suite through Kindo and diagnoses the result. Never throws for endpoint failures. */
export async function runKindoStage(
  p: KindoStageParameters,
  ctx: Omit<KindoPathContext, "kindoUrl">,
  budgets: ProbeBudgets = {},
  options: SuiteOptions = {},
): Promise<KindoStageResult> {
  const target = buildKindoTarget(p, ctx.servingName);
  const report = await runProbeSuite(
    target,
    buildKindoPathExpectations(p.toolCalling, p.reasoning === true),
    { readyTimeoutMs: 30_000, ...budgets },
    options,
  );
  return { report, verdict: diagnoseKindoPath(report, { ...ctx, kindoUrl: target.baseUrl }) };
}
