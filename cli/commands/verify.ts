/** `kindo-models verify`: the guide's verification steps as one command (the ModelVerification suite). */
import { issue, type ValidationIssue } from "../../knowledge/core";
import { validateVerificationInputs } from "../../components/dynamic/model-verification/args";
import { findToolParserHint } from "../../verification/tool-parser-hint";
import { runProbeSuite } from "../../verification/suite";
import { runKindoStage } from "../../verification/kindo/stage";
import type {
  ProbeBudgets,
  ProbeExpectations,
  ProbeTarget,
  SuiteReport,
} from "../../verification/types";
import { parseKindoStage, type KindoStageArgs } from "../verify/kindo-stage-args";
import { buildKindoJson, buildVerifyJson, renderKindo, renderText } from "../verify/render";
import { parseCommandArgs, readNumber, type CommandShape } from "../args";
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
