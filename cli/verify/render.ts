/**
 * `verify`'s output: one line per probe (PASS, FAIL, or SKIP for a probe that did not run), the
 * evidence and the verdict in text; the documented objects in JSON, with the skipped probes listed.
 */
import type { KindoPathVerdict } from "../../verification/kindo/inference-path";
import { listKindoPathDiagnoses } from "../../verification/kindo/inference-path";
import { listSkipped } from "../../verification/suite";
import type { ProbeTarget, ProbeVerdict, SuiteReport } from "../../verification/types";
import { countOf } from "../format";

/** Each probe as `--json` prints it: passed, diagnosis, and `skipped: true` when it did not run. */
function probesJson(r: SuiteReport): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(r.probes).map(([k, v]) => [
      k,
      {
        passed: v?.passed === true,
        diagnosis: v?.diagnosis ?? null,
        ...(v?.skipped === true ? { skipped: true } : {}),
      },
    ]),
  );
}

/** The `--json` object: passed, probes, skipped (probes that did not run), then the evidence fields. */
export function buildVerifyJson(target: ProbeTarget, r: SuiteReport): Record<string, unknown> {
  return {
    passed: r.passed,
    probes: probesJson(r),
    skipped: listSkipped(r),
    baseUrl: target.baseUrl,
    model: target.model,
    ...r.evidence,
  };
}

export function renderText(
  target: ProbeTarget,
  r: SuiteReport,
  title = `${target.model} at ${target.baseUrl}`,
): string {
  const entries = Object.entries(r.probes);
  const width = Math.max(...entries.map(([k]) => k.length));
  const status = (v: ProbeVerdict | undefined) =>
    v?.passed ? "PASS" : v?.skipped === true ? "SKIP" : "FAIL";
  const lines = entries.map(([k, v]) =>
    `${status(v)}  ${k.padEnd(width)}${v?.diagnosis === undefined ? "" : `  ${v.diagnosis}`}`.trimEnd(),
  );
  const e = r.evidence;
  const facts = [
    e.maxModelLenTokens === undefined ? undefined : `max_model_len ${e.maxModelLenTokens}`,
    e.vllmVersion === undefined ? undefined : `vLLM ${e.vllmVersion}`,
    e.ttftMs === undefined ? undefined : `TTFT ${e.ttftMs} ms`,
    e.tokensPerSecond === undefined ? undefined : `${e.tokensPerSecond} tokens/s`,
    e.longContextPromptTokens === undefined
      ? undefined
      : `long prompt ${e.longContextPromptTokens} tokens (${e.longContextSizedBy})`,
  ].filter((f): f is string => f !== undefined);
  const skipped = entries.filter(([, v]) => v?.skipped === true).length;
  const ran = entries.length - skipped;
  const failed = entries.filter(([, v]) => v?.passed !== true && v?.skipped !== true).length;
  const skips = skipped === 0 ? "" : `; ${skipped} skipped`;
  const verdict = r.passed
    ? `verified: ${countOf(ran, "probe")} passed${skips}`
    : `NOT verified: ${failed} of ${countOf(ran, "probe")} failed${skips}`;
  return [
    title,
    ...lines,
    `evidence: ${facts.length === 0 ? "none" : facts.join(", ")}`,
    verdict,
  ].join("\n");
}

/** The `--json` object of the Kindo stage: its probes, the path diagnoses, or why it did not run. */
export function buildKindoJson(
  url: string,
  model: string,
  stage: { report: SuiteReport; verdict: KindoPathVerdict } | undefined,
): Record<string, unknown> {
  if (stage === undefined)
    return { passed: false, notRun: "the direct stage failed", baseUrl: url, model };
  return {
    passed: stage.verdict.passed,
    probes: probesJson(stage.report),
    skipped: listSkipped(stage.report),
    diagnoses: stage.verdict.diagnoses,
    baseUrl: url,
    model,
  };
}

export function renderKindo(
  url: string,
  model: string,
  stage: { report: SuiteReport; verdict: KindoPathVerdict } | undefined,
): string {
  if (stage === undefined)
    return `through Kindo: ${model} at ${url}\nnot run: the direct stage failed`;
  const text = renderText(
    { baseUrl: url, model },
    stage.report,
    `through Kindo: ${model} at ${url}`,
  ).split("\n");
  const verdict = text
    .pop()!
    .replace(/^verified/, "verified through Kindo")
    .replace(/^NOT verified/, "NOT verified through Kindo");
  return [
    ...text,
    ...listKindoPathDiagnoses(stage.verdict).map((d) => `kindo path: ${d}`),
    verdict,
  ].join("\n");
}
