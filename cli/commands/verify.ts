/** `kindo-models verify`: the guide's verification steps as one command (the ModelVerification suite). */
import { issue, type ValidationIssue } from "../../knowledge/core";
import { validateVerificationInputs } from "../../components/dynamic/model-verification/args";
import { findToolParserHint } from "../../verification/tool-parser-hint";
import { listSkipped, runProbeSuite } from "../../verification/suite";
import {
  listKindoPathDiagnoses,
  type KindoPathVerdict,
} from "../../verification/kindo/inference-path";
import { runKindoStage } from "../../verification/kindo/stage";
import type {
  ProbeBudgets,
  ProbeExpectations,
  ProbeTarget,
  ProbeVerdict,
  SuiteReport,
} from "../../verification/types";
import { countOf } from "../format";
import { parseCommandArgs, readChoice, readNumber, type CommandShape } from "../args";
import { CliInputError, EXIT, SILENT, type CommandContext, type CommandOutput } from "../errors";
import { LIMITS } from "../limits";

export const VERIFY_HELP = `Usage: kindo-models verify <base URL> --model <served name> [options]
       kindo-models verify [<base URL>] --model <serving name> --through-kindo <Kindo URL> --kindo-key-env VAR [options]

Runs the probe suite of ModelVerification (the same code) against any OpenAI-compatible endpoint:
readiness, /v1/models (served name, max_model_len), a completion ("4" for 2 + 2, finish_reason
"stop"), streaming (first token, [DONE]), and optionally the guide's get_weather tool call, a
prompt of ~95% of max_model_len and one just over it (clean 400), and reasoning output. The base
URL is the server root; a trailing /v1 is dropped. While it waits it prints a progress line to
stderr at least every 10 s. A probe an earlier failure made pointless is SKIP, not a failure;
idempotent requests are retried once after a 503 or a reset connection.

Options:
  --model NAME            served model name (--served-model-name); required
  --max-model-len N       expected max_model_len in tokens (long-context probes use the reported one)
  --tools                 run the tool-call probe
  --tool-call-parser P    the server's --tool-call-parser, for diagnoses
  --model-id ID           catalog or Hugging Face id of the weights, for parser advice
  --reasoning             the model reasons: larger budgets and the reasoning probe
  --api-key-env VAR       read the API key from this environment variable (never a flag)
  --timeout S             seconds per request (default 60, at most 86400; long-context requests get 10×)
  --wait S                seconds to wait for readiness (default 10, at most 86400)
  --readiness-path P      path polled without the key (default /health; /v1/models for non-vLLM)
  --json                  one object: passed, probes (name → {passed, diagnosis, skipped?}), skipped, evidence fields
  --through-kindo URL     also run the suite through Kindo's OpenAI-compatible API at URL (root,
                          no /v1): after the direct stage when a base URL is given, else alone
  --kindo-key-env VAR     read the Kindo API key from this environment variable; required with
                          --through-kindo
  --kindo-auth STYLE      bearer (default: Authorization: Bearer) or api-key (api-key header)

Exit status: 0 every requested probe passed, 1 a probe failed, 2 bad input.`;

const OPTIONS = {
  model: { type: "string" },
  "max-model-len": { type: "string" },
  tools: { type: "boolean" },
  "tool-call-parser": { type: "string" },
  "model-id": { type: "string" },
  reasoning: { type: "boolean" },
  "api-key-env": { type: "string" },
  timeout: { type: "string" },
  wait: { type: "string" },
  "readiness-path": { type: "string" },
  "through-kindo": { type: "string" },
  "kindo-key-env": { type: "string" },
  "kindo-auth": { type: "string" },
} as const;

const SHAPE: CommandShape = {
  positionals: ["[baseUrl]"],
  positionalsHint: "verify takes one base URL",
  flagHints: {
    "--api-key":
      "is not a flag: a key on the command line shows in ps and in shell history. Export it and pass the variable's name with --api-key-env VAR.",
    "--kindo-key":
      "is not a flag: a key on the command line shows in ps and in shell history. Export it and pass the variable's name with --kindo-key-env VAR.",
  },
};

/** The server root from a base URL: a trailing `/v1` (what OpenAI clients take) is dropped. */
export function toServerRoot(url: string): string {
  return url.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** Where and how the Kindo stage runs (`--through-kindo`). */
interface KindoStageArgs {
  readonly url: string;
  readonly apiKey: string;
  readonly authStyle: "bearer" | "api-key";
}

interface Parsed {
  /** Undefined when only the Kindo stage runs. */
  readonly target: ProbeTarget | undefined;
  readonly model: string;
  readonly kindo?: KindoStageArgs;
  readonly maxModelLen?: number;
  readonly timeoutS: number;
  readonly waitS: number;
}

function parse(argv: readonly string[]): {
  parsed: Parsed;
  values: Record<string, string | boolean | undefined>;
} {
  const { values, positionals } = parseCommandArgs("verify", argv, OPTIONS, SHAPE);
  const issues: ValidationIssue[] = [];
  const maxModelLen = readNumber(values, "max-model-len", issues, "int", LIMITS.tokens);
  const timeoutS = readNumber(values, "timeout", issues, "positive", LIMITS.seconds) ?? 60;
  const waitS = readNumber(values, "wait", issues, "positive", LIMITS.seconds) ?? 10;
  const baseUrl = positionals[0] === undefined ? undefined : toServerRoot(positionals[0]);
  const model = values["model"] as string | undefined;
  const kindo = parseKindoStage(values, issues);
  if (baseUrl === undefined && values["through-kindo"] === undefined)
    issues.push(
      issue("base URL", "no base URL given. Pass the server root, e.g. http://vllm:8000."),
    );
  if (model === undefined)
    issues.push(
      issue("--model", "no model given. Pass the served model name (--served-model-name)."),
    );
  if (baseUrl !== undefined) {
    for (const i of validateVerificationInputs({ baseUrl }).filter((v) => v.path === "baseUrl"))
      issues.push(issue("base URL", i.message));
  }
  const keyVar = values["api-key-env"] as string | undefined;
  const apiKey = keyVar === undefined ? undefined : process.env[keyVar];
  if (keyVar !== undefined && (apiKey === undefined || apiKey === ""))
    issues.push(
      issue(
        "--api-key-env",
        `the environment variable "${keyVar}" is not set or empty. Export the API key in it first.`,
      ),
    );
  if (issues.length > 0) throw new CliInputError("verify", issues);
  const readinessPath = values["readiness-path"] as string | undefined;
  const target: ProbeTarget | undefined =
    baseUrl === undefined
      ? undefined
      : {
          baseUrl,
          model: model!,
          ...(apiKey === undefined
            ? {}
            : { authHeader: { name: "authorization", value: `Bearer ${apiKey}` } }),
          ...(readinessPath === undefined ? {} : { readinessPath }),
        };
  return {
    parsed: {
      target,
      model: model!,
      timeoutS,
      waitS,
      ...(kindo === undefined ? {} : { kindo }),
      ...(maxModelLen === undefined ? {} : { maxModelLen }),
    },
    values,
  };
}

function parseKindoStage(
  values: Record<string, string | boolean | undefined>,
  issues: ValidationIssue[],
): KindoStageArgs | undefined {
  const url = values["through-kindo"] as string | undefined;
  const keyVar = values["kindo-key-env"] as string | undefined;
  const authStyle =
    readChoice(values, "kindo-auth", ["bearer", "api-key"] as const, issues) ?? "bearer";
  if (url === undefined) {
    if (keyVar !== undefined)
      issues.push(
        issue(
          "--kindo-key-env",
          "is only used with --through-kindo. Add --through-kindo <Kindo URL> or drop it.",
        ),
      );
    return undefined;
  }
  if (!/^https?:\/\/[^/\s]+/.test(url))
    issues.push(
      issue(
        "--through-kindo",
        `"${url}" is not an http(s) URL. Pass the root of Kindo's API, e.g. https://kindo-api.internal.`,
      ),
    );
  else if (/\/v1\/?$/.test(url))
    issues.push(
      issue(
        "--through-kindo",
        `"${url}" ends in /v1. Give the root without /v1, e.g. "${url.replace(/\/v1\/?$/, "")}".`,
      ),
    );
  const apiKey = keyVar === undefined ? undefined : process.env[keyVar];
  if (keyVar === undefined)
    issues.push(
      issue(
        "--kindo-key-env",
        "no variable given. Export a Kindo API key and pass its variable name (the key is never a flag).",
      ),
    );
  else if (apiKey === undefined || apiKey === "")
    issues.push(
      issue(
        "--kindo-key-env",
        `the environment variable "${keyVar}" is not set or empty. Export the Kindo API key in it first.`,
      ),
    );
  return apiKey === undefined || apiKey === ""
    ? undefined
    : { url: url.replace(/\/+$/, ""), apiKey, authStyle };
}

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

function renderText(
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

function renderKindo(
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

function expectationsOf(
  values: Record<string, string | boolean | undefined>,
  maxModelLen: number | undefined,
): ProbeExpectations {
  const modelId = values["model-id"] as string | undefined;
  const parser = values["tool-call-parser"] as string | undefined;
  const hint = modelId === undefined ? undefined : findToolParserHint(modelId);
  return {
    toolCalling: values["tools"] === true,
    reasoning: values["reasoning"] === true,
    ...(maxModelLen === undefined ? {} : { maxModelLenTokens: maxModelLen }),
    ...(parser === undefined ? {} : { toolCallParser: parser }),
    ...(hint === undefined ? {} : { toolParserHint: hint }),
  };
}

async function runThroughKindo(
  parsed: Parsed,
  direct: SuiteReport | undefined,
  expect: ProbeExpectations,
  budgets: ProbeBudgets,
  context: CommandContext,
) {
  const k = parsed.kindo!;
  if (direct !== undefined && !direct.passed) return undefined;
  return runKindoStage(
    {
      kindoUrl: k.url,
      apiKey: k.apiKey,
      authStyle: k.authStyle,
      toolCalling: expect.toolCalling === true,
      reasoning: expect.reasoning === true,
    },
    {
      servingName: parsed.model,
      // As registered for a self-hosted server: its root plus /v1.
      ...(parsed.target === undefined ? {} : { apiBase: `${parsed.target.baseUrl}/v1` }),
      ...(direct === undefined
        ? {}
        : {
            direct: {
              passed: direct.passed,
              ...(direct.evidence.servedModelNames === undefined
                ? {}
                : { servedModelNames: direct.evidence.servedModelNames }),
            },
          }),
    },
    budgets,
    { findToolParserHint, onProgress: (m) => context.progress(`verify through Kindo: ${m}`) },
  );
}

/** Runs `kindo-models verify`; progress lines go to `context.progress` as they happen. */
export async function runVerify(
  argv: readonly string[],
  context: CommandContext = SILENT,
): Promise<CommandOutput> {
  if (argv.includes("--help") || argv.includes("-h"))
    return { exitCode: EXIT.ok, stdout: VERIFY_HELP };
  const { parsed, values } = parse(argv);
  const expect = expectationsOf(values, parsed.maxModelLen);
  const budgets: ProbeBudgets = {
    readyTimeoutMs: parsed.waitS * 1000,
    requestTimeoutMs: parsed.timeoutS * 1000,
    longContextTimeoutMs: parsed.timeoutS * 10_000,
  };
  const report =
    parsed.target === undefined
      ? undefined
      : await runProbeSuite(parsed.target, expect, budgets, {
          findToolParserHint,
          onProgress: (m) => context.progress(`verify: ${m}`),
        });
  const json = values["json"] === true;
  if (parsed.kindo === undefined) {
    const stdout = json
      ? JSON.stringify(buildVerifyJson(parsed.target!, report!), null, 2)
      : renderText(parsed.target!, report!);
    return { exitCode: report!.passed ? EXIT.ok : EXIT.doesNotFit, stdout };
  }
  const stage = await runThroughKindo(parsed, report, expect, budgets, context);
  const passed = (report?.passed ?? true) && stage?.verdict.passed === true;
  const { url } = parsed.kindo;
  const stdout = json
    ? JSON.stringify(
        {
          passed,
          direct: report === undefined ? null : buildVerifyJson(parsed.target!, report),
          kindo: buildKindoJson(url, parsed.model, stage),
        },
        null,
        2,
      )
    : [
        ...(report === undefined ? [] : [renderText(parsed.target!, report), ""]),
        renderKindo(url, parsed.model, stage),
      ].join("\n");
  return { exitCode: passed ? EXIT.ok : EXIT.doesNotFit, stdout };
}
