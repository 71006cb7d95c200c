/** Argument parsing shared by the commands: node:util parseArgs plus typed number checks. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { issue, type ValidationIssue } from "../knowledge/core";
import { CliInputError } from "./errors";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses argv strictly; unknown flags and missing values become CLI input errors naming the flag. */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: Options,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: "boolean", short: "h" }, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, ".");
    throw new CliInputError(command, [
      issue("arguments", `${msg} Run "kindo-models ${command} --help" for the flags.`),
    ]);
  }
}

/** Reads a numeric flag; pushes an issue naming the flag when it is not a number of the right kind. */
export function readNumber(
  values: Record<string, unknown>,
  name: string,
  issues: ValidationIssue[],
  kind: "int" | "fraction" | "positive" = "int",
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const ok =
    kind === "int" ? Number.isInteger(n) && n > 0 : kind === "fraction" ? n > 0 && n <= 1 : n > 0;
  if (!Number.isFinite(n) || !ok) {
    const want =
      kind === "int"
        ? "a whole number of 1 or more"
        : kind === "fraction"
          ? "a number above 0 and at most 1"
          : "a positive number";
    issues.push(issue(`--${name}`, `"${String(raw)}" is not valid. Use ${want}.`));
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
