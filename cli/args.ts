/**
 * Argument parsing shared by the commands: commander parses (unknown flags with a suggestion,
 * missing values, unexpected positionals), then typed readers check every value against its
 * bounds and collect all issues at once. Each error names the flag the user typed.
 */
import { Command, CommanderError } from "commander";
import { describeBadVllmVersion, issue, quoteList, type ValidationIssue } from "../knowledge/core";
import { parseHumanReadableInt } from "../knowledge/vllm/parse-flags";
import { CliInputError } from "./errors";
import { groupDigits } from "./format";
import { LIMITS } from "./limits";

/** A command's flags: `string` flags take a value, `boolean` flags take none. */
export type Options = Readonly<Record<string, { readonly type: "string" | "boolean" }>>;

/** What a command accepts besides its flags. */
export interface CommandShape {
  /** Positional arguments as commander declares them, e.g. `["[model]"]` or `["[inputs...]"]`. */
  readonly positionals: readonly string[];
  /** How an unexpected extra argument is explained, e.g. "plan takes one model". */
  readonly positionalsHint: string;
  /** Flags people reach for that do not exist, with what to use instead (e.g. `--api-key`). */
  readonly flagHints?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

function buildCommand(command: string, options: Options, shape: CommandShape): Command {
  const cmd = new Command(command)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .helpOption(false)
    .allowExcessArguments(false);
  for (const [name, spec] of Object.entries(options))
    cmd.option(spec.type === "boolean" ? `--${name}` : `--${name} <value>`);
  cmd.option("-h, --help").option("--json");
  for (const p of shape.positionals) cmd.argument(p);
  return cmd;
}

/** The flag as typed, without an `=value` part (which could be a secret). */
function flagOf(message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "arguments";
  return (quoted.split(" ")[0] ?? quoted).replace(/=.*$/s, "");
}

function toIssue(
  command: string,
  e: CommanderError,
  argv: readonly string[],
  cmd: Command,
  shape: CommandShape,
): ValidationIssue {
  const help = `Run "kindo-models ${command} --help" for the flags.`;
  if (e.code === "commander.unknownOption") {
    const flag = flagOf(e.message);
    const hint = shape.flagHints?.[flag];
    const suggestion = /\(Did you mean (--?[\w-]+)\?\)/.exec(e.message)?.[1];
    return issue(
      flag,
      hint ??
        `is not a flag of "kindo-models ${command}".${suggestion ? ` Did you mean ${suggestion}?` : ""} ${help}`,
    );
  }
  if (e.code === "commander.optionMissingArgument")
    return issue(flagOf(e.message), `needs a value after it. ${help}`);
  if (e.code === "commander.excessArguments") {
    const declared = shape.positionals.length;
    const extra = cmd.args.slice(declared).filter((a) => argv.includes(a));
    return issue(
      extra.length === 0 ? "arguments" : quoteList(extra, "and"),
      `${extra.length === 1 ? "is an unexpected argument" : "are unexpected arguments"}: ${shape.positionalsHint}. Quote a value that contains spaces, or drop the extra words. ${help}`,
    );
  }
  return issue("arguments", `${e.message.replace(/^error: /, "")}. ${help}`);
}

/** Parses argv strictly; unknown flags, missing values and extra positionals name what was typed. */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: Options,
  shape: CommandShape,
): ParsedArgs {
  const cmd = buildCommand(command, options, shape);
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    throw new CliInputError(command, [toIssue(command, e, argv, cmd, shape)]);
  }
  const opts = cmd.opts<Record<string, string | boolean | undefined>>();
  const values: Record<string, string | boolean | undefined> = {};
  for (const o of cmd.options) values[o.name()] = opts[o.attributeName()];
  const positionals = cmd.processedArgs.flatMap((a: unknown) =>
    Array.isArray(a) ? (a as string[]) : typeof a === "string" ? [a] : [],
  );
  return { values, positionals };
}

/** The kinds of number a flag takes. */
export type NumberKind = "int" | "fraction" | "positive";

/** Reads a numeric flag; pushes an issue naming the flag when it is not a number of the right kind or above `max`. */
export function readNumber(
  values: Record<string, unknown>,
  name: string,
  issues: ValidationIssue[],
  kind: NumberKind,
  max: number,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const n = text === "" ? Number.NaN : Number(text);
  const ok =
    kind === "int" ? Number.isInteger(n) && n > 0 : kind === "fraction" ? n > 0 && n <= 1 : n > 0;
  const limit = groupDigits(max);
  const want =
    kind === "int"
      ? `a whole number from 1 to ${limit}`
      : kind === "fraction"
        ? "a number above 0 and at most 1"
        : `a number above 0 and at most ${limit}`;
  if (!Number.isFinite(n) || !ok) {
    issues.push(issue(`--${name}`, `"${String(raw)}" is not valid. Use ${want}.`));
    return undefined;
  }
  if (n > max) {
    issues.push(issue(`--${name}`, `"${String(raw)}" is above the limit. Use ${want}.`));
    return undefined;
  }
  return n;
}

/** Reads a token count in vLLM's human-readable form (128k, 128K), naming the flag when it is not one. */
export function readTokens(
  values: Record<string, unknown>,
  name: string,
  issues: ValidationIssue[],
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = parseHumanReadableInt(String(raw));
  const limit = groupDigits(LIMITS.tokens);
  if (n === undefined || n < 1) {
    issues.push(
      issue(
        `--${name}`,
        `"${String(raw)}" is not a token count. Use a whole number from 1 to ${limit} such as 131072 (vLLM style 128k = 128000 and 128K = 131072 also work).`,
      ),
    );
    return undefined;
  }
  if (n > LIMITS.tokens) {
    issues.push(
      issue(`--${name}`, `"${String(raw)}" is above the limit. Use at most ${limit} tokens.`),
    );
    return undefined;
  }
  return n;
}

/** Reads a string flag restricted to a set of values. */
export function readChoice<T extends string>(
  values: Record<string, unknown>,
  name: string,
  choices: readonly T[],
  issues: ValidationIssue[],
): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if ((choices as readonly string[]).includes(String(raw))) return raw as T;
  issues.push(
    issue(
      `--${name}`,
      `"${String(raw)}" is not valid. Use ${choices.map((c) => `"${c}"`).join(", ")}.`,
    ),
  );
  return undefined;
}

/** A serving setup's argument names → the flags `fit` and `plan` take for them. */
const SETUP_FLAGS: Readonly<Record<string, string>> = {
  gpuCount: "--gpus",
  tensorParallelSize: "--tp",
  pipelineParallelSize: "--pp",
  maxModelLen: "--max-model-len",
  gpuMemoryUtilization: "--gpu-memory-utilization",
  kvCacheDtype: "--kv-cache-dtype",
  maxNumSeqs: "--max-num-seqs",
  maxNumBatchedTokens: "--max-num-batched-tokens",
  dtype: "--dtype",
  quantization: "--quantization",
  gpu: "--gpu",
  vllmVersion: "--vllm-version",
};

/** Issues of the sizing layer with argument names (in paths and messages) renamed to the flags the user typed. */
export function renameSetupPaths(
  issues: readonly ValidationIssue[],
  overrides: Readonly<Record<string, string>> = {},
): ValidationIssue[] {
  const flags = { ...SETUP_FLAGS, ...overrides };
  return issues.map((i) => ({
    path: flags[i.path] ?? i.path,
    // Only camelCase names are renamed inside messages: "dtype" or "gpu" are also plain words.
    message: Object.entries(flags)
      .filter(([field]) => /[A-Z]/.test(field))
      .reduce((m, [field, flag]) => m.replace(new RegExp(`\\b${field}\\b`, "g"), flag), i.message),
  }));
}

/**
 * Reads `--vllm-version` ("0.19.0" or "v0.19.0"), the same for fit, plan and lint; pushes an issue
 * naming the flag when the value is not a release number.
 */
export function readVllmVersion(
  values: Record<string, unknown>,
  issues: ValidationIssue[],
): string | undefined {
  const raw = values["vllm-version"];
  if (typeof raw !== "string") return undefined;
  const version = raw.trim().replace(/^v/, "");
  const bad = describeBadVllmVersion(version);
  if (bad === undefined) return version;
  issues.push(issue("--vllm-version", bad));
  return undefined;
}
