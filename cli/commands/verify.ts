/** `kindo-models verify`: the guide's verification steps as one command (the ModelVerification suite). */
import { issue, type ValidationIssue } from "../../components/knowledge/validate/issues";
import { validateVerificationInputs } from "../../components/dynamic/model-verification/args";
import { findToolParserHint } from "../../components/dynamic/model-verification/resource";
import { runProbeSuite } from "../../components/dynamic/model-verification/suite";
import type { ProbeTarget, SuiteReport } from "../../components/dynamic/model-verification/types";
import { parseCommandArgs, readNumber } from "../args";
import { CliInputError, EXIT, type CommandOutput } from "../errors";

export const VERIFY_HELP = `Usage: kindo-models verify <base URL> --model <served name> [options]

Runs the probe suite of ModelVerification (the same code) against any OpenAI-compatible endpoint:
readiness, /v1/models (served name, max_model_len), a completion ("4" for 2 + 2, finish_reason
"stop"), streaming (first token, [DONE]), and optionally the guide's get_weather tool call, a
prompt of ~95% of max_model_len and one just over it (clean 400), and reasoning output.

Options:
  --model NAME            served model name (--served-model-name); required
  --max-model-len N       expected max_model_len in tokens (long-context probes use the reported one)
  --tools                 run the tool-call probe
  --tool-call-parser P    the server's --tool-call-parser, for diagnoses
  --model-id ID           catalog or Hugging Face id of the weights, for parser advice
  --reasoning             the model reasons: larger budgets and the reasoning probe
  --api-key-env VAR       read the API key from this environment variable (never a flag)
  --timeout S             seconds per request (default 60; long-context requests get 10×)
  --wait S                seconds to wait for readiness (default 10)
  --readiness-path P      path polled without the key (default /health; /v1/models for non-vLLM)
  --json                  one object: passed, probes (name → {passed, diagnosis}), evidence fields

Exit status: 0 every requested probe passed, 1 a probe failed, 2 bad input.`;

const OPTIONS = {
  model: { type: "string" }, "max-model-len": { type: "string" }, tools: { type: "boolean" },
  "tool-call-parser": { type: "string" }, "model-id": { type: "string" }, reasoning: { type: "boolean" },
  "api-key-env": { type: "string" }, timeout: { type: "string" }, wait: { type: "string" }, "readiness-path": { type: "string" },
} as const;

interface Parsed {
  readonly target: ProbeTarget;
  readonly maxModelLen?: number;
  readonly timeoutS: number;
  readonly waitS: number;
}

function parse(argv: readonly string[]): { parsed: Parsed; values: Record<string, string | boolean | undefined> } {
  const { values, positionals } = parseCommandArgs("verify", argv, OPTIONS);
  const issues: ValidationIssue[] = [];
  const maxModelLen = readNumber(values, "max-model-len", issues);
  const timeoutS = readNumber(values, "timeout", issues, "positive") ?? 60;
  const waitS = readNumber(values, "wait", issues, "positive") ?? 10;
  const baseUrl = positionals[0];
  const model = values["model"] as string | undefined;
  if (baseUrl === undefined) issues.push(issue("base URL", "no base URL given. Pass the server root, e.g. http://vllm:8000."));
  if (model === undefined) issues.push(issue("--model", "no model given. Pass the served model name (--served-model-name)."));
  if (baseUrl !== undefined) {
    for (const i of validateVerificationInputs({ baseUrl }).filter((v) => v.path === "baseUrl")) issues.push(issue("base URL", i.message));
  }
  const keyVar = values["api-key-env"] as string | undefined;
  const apiKey = keyVar === undefined ? undefined : process.env[keyVar];
  if (keyVar !== undefined && (apiKey === undefined || apiKey === "")) issues.push(issue("--api-key-env", `the environment variable "${keyVar}" is not set or empty. Export the API key in it first.`));
  if (issues.length > 0) throw new CliInputError("verify", issues);
  const readinessPath = values["readiness-path"] as string | undefined;
  const target: ProbeTarget = {
    baseUrl: baseUrl!.replace(/\/+$/, ""),
    model: model!,
    ...(apiKey === undefined ? {} : { authHeader: { name: "authorization", value: `Bearer ${apiKey}` } }),
    ...(readinessPath === undefined ? {} : { readinessPath }),
  };
  return { parsed: { target, timeoutS, waitS, ...(maxModelLen === undefined ? {} : { maxModelLen }) }, values };
}

/** The `--json` object: passed, probes, then the evidence fields. */
export function buildVerifyJson(target: ProbeTarget, r: SuiteReport): Record<string, unknown> {
  const probes = Object.fromEntries(Object.entries(r.probes).map(([k, v]) => [k, { passed: v?.passed === true, diagnosis: v?.diagnosis ?? null }]));
  return { passed: r.passed, probes, baseUrl: target.baseUrl, model: target.model, ...r.evidence };
}

function renderText(target: ProbeTarget, r: SuiteReport): string {
  const entries = Object.entries(r.probes);
  const width = Math.max(...entries.map(([k]) => k.length));
  const lines = entries.map(([k, v]) => `${v?.passed ? "PASS" : "FAIL"}  ${k.padEnd(width)}${v?.diagnosis === undefined ? "" : `  ${v.diagnosis}`}`.trimEnd());
  const e = r.evidence;
  const facts = [
    e.maxModelLenTokens === undefined ? undefined : `max_model_len ${e.maxModelLenTokens}`,
    e.vllmVersion === undefined ? undefined : `vLLM ${e.vllmVersion}`,
    e.ttftMs === undefined ? undefined : `TTFT ${e.ttftMs} ms`,
    e.tokensPerSecond === undefined ? undefined : `${e.tokensPerSecond} tokens/s`,
    e.longContextPromptTokens === undefined ? undefined : `long prompt ${e.longContextPromptTokens} tokens (${e.longContextSizedBy})`,
  ].filter((f): f is string => f !== undefined);
  const failed = entries.filter(([, v]) => v?.passed !== true).length;
  const verdict = r.passed ? `verified: ${entries.length} probes passed` : `NOT verified: ${failed} of ${entries.length} probes failed`;
  return [`${target.model} at ${target.baseUrl}`, ...lines, `evidence: ${facts.length === 0 ? "none" : facts.join(", ")}`, verdict].join("\n");
}

/** Runs `kindo-models verify`. */
export async function runVerify(argv: readonly string[]): Promise<CommandOutput> {
  if (argv.includes("--help") || argv.includes("-h")) return { exitCode: EXIT.ok, stdout: VERIFY_HELP };
  const { parsed, values } = parse(argv);
  const modelId = values["model-id"] as string | undefined;
  const parser = values["tool-call-parser"] as string | undefined;
  const hint = modelId === undefined ? undefined : findToolParserHint(modelId);
  const report = await runProbeSuite(
    parsed.target,
    {
      toolCalling: values["tools"] === true,
      reasoning: values["reasoning"] === true,
      ...(parsed.maxModelLen === undefined ? {} : { maxModelLenTokens: parsed.maxModelLen }),
      ...(parser === undefined ? {} : { toolCallParser: parser }),
      ...(hint === undefined ? {} : { toolParserHint: hint }),
    },
    { readyTimeoutMs: parsed.waitS * 1000, requestTimeoutMs: parsed.timeoutS * 1000, longContextTimeoutMs: parsed.timeoutS * 10_000 },
    { findToolParserHint },
  );
  const stdout = values["json"] === true ? JSON.stringify(buildVerifyJson(parsed.target, report), null, 2) : renderText(parsed.target, report);
  return { exitCode: report.passed ? EXIT.ok : EXIT.doesNotFit, stdout };
}
