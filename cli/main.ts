/**
 * The `kindo-models` CLI: plan, fit, models, lint, verify, preview-comment. Flags and JSON fields
 * are a stable contract (docs/cli.md). Each command's module loads only when that command runs,
 * so `--help`, `fit` and `plan` never load lint's YAML parser or verify's HTTP client, and no
 * command loads the Pulumi SDK.
 */
import { computeEditDistance } from "../knowledge/core/closest";
import { CliInputError, EXIT, type CommandContext, type CommandOutput } from "./errors";
import type * as Version from "./version";

export const MAIN_HELP = `Usage: kindo-models <command> [options]

Commands:
  plan <model>      cheapest instance, GPUs, TP and weight format for a model at a context
  fit <model>       judge one fixed GPU setup the way vLLM does at start-up
  models            list the model catalog
  lint <file|dir|->  apply the policy pack's vLLM rules to Kubernetes manifests
  verify <url>      run the guide's verification steps against an OpenAI-compatible endpoint
  preview-comment   render a pull-request comment from a pulumi preview event log or --json

Every command takes --help and --json; kindo-models --version prints the version.
Exit status: 0 ok, 1 does not fit, 2 bad input.`;

/** A command: argv after the command name → output. Commands that do I/O return a promise. */
export type Command = (
  argv: readonly string[],
  context: CommandContext,
) => CommandOutput | Promise<CommandOutput>;

/**
 * Loaders, not modules: a command's dependencies load when it runs, never for another command.
 * `require` (not `import()`) so the same lazy load works compiled and from the TypeScript sources.
 */
const COMMANDS: Readonly<Record<string, () => Command>> = {
  plan: () => (require("./commands/plan") as typeof import("./commands/plan")).runPlan,
  fit: () => (require("./commands/fit") as typeof import("./commands/fit")).runFit,
  models: () => (require("./commands/models") as typeof import("./commands/models")).runModels,
  lint: () => (require("./commands/lint") as typeof import("./commands/lint")).runLint,
  verify: () => (require("./commands/verify") as typeof import("./commands/verify")).runVerify,
  "preview-comment": () =>
    (require("./commands/preview-comment") as typeof import("./commands/preview-comment"))
      .runPreviewComment,
};

type CliResult = { exitCode: number; stdout: string; stderr: string };

function unknownCommand(command: string): CliResult {
  const names = Object.keys(COMMANDS);
  const closest = names
    .map((n) => ({ n, d: computeEditDistance(command, n) }))
    .filter((c) => c.d <= 2)
    .sort((a, b) => a.d - b.d)[0]?.n;
  const hint = closest === undefined ? "" : ` Did you mean "${closest}"?`;
  return {
    exitCode: EXIT.badInput,
    stdout: "",
    stderr: `kindo-models: "${command}" is not a command.${hint} Use ${names.join(", ")}.\n\n${MAIN_HELP}`,
  };
}

function renderInputError(e: CliInputError, json: boolean): CliResult {
  return json
    ? {
        exitCode: EXIT.badInput,
        stdout: JSON.stringify({ error: "invalid-arguments", issues: e.issues }, null, 2),
        stderr: e.message,
      }
    : { exitCode: EXIT.badInput, stdout: "", stderr: e.message };
}

/** Runs one CLI invocation and returns its exit code and outputs; progress goes to `context`. */
export async function runCli(
  argv: readonly string[],
  context: CommandContext = { progress: () => undefined },
): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === undefined) return { exitCode: EXIT.badInput, stdout: "", stderr: MAIN_HELP };
  if (command === "--help" || command === "-h")
    return { exitCode: EXIT.ok, stdout: MAIN_HELP, stderr: "" };
  if (command === "--version" || command === "-V")
    // Loaded here: no other invocation reads package.json.
    return {
      exitCode: EXIT.ok,
      stdout: `kindo-models ${(require("./version") as typeof Version).readPackageVersion()}`,
      stderr: "",
    };
  if (command === "help") {
    if (rest[0] === undefined) return { exitCode: EXIT.ok, stdout: MAIN_HELP, stderr: "" };
    return runCli([rest[0], "--help"], context);
  }
  const load = COMMANDS[command];
  if (load === undefined) return unknownCommand(command);
  try {
    const out = await load()(rest, context);
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr ?? "" };
  } catch (e) {
    if (e instanceof CliInputError) return renderInputError(e, rest.includes("--json"));
    throw e;
  }
}

/**
 * Runs the CLI as a process: outputs to stdout/stderr, progress to stderr as it happens. An error
 * no command expected is a bug: one line and exit status 3, never a stack trace that exit status
 * 1 ("does not fit", "a probe failed") would make look like a verdict. KINDO_MODELS_DEBUG=1
 * prints the stack.
 */
export function main(argv: readonly string[]): void {
  runCli(argv, { progress: (line) => process.stderr.write(`${line}\n`) }).then(
    (r) => {
      if (r.stdout) process.stdout.write(r.stdout + "\n");
      if (r.stderr) process.stderr.write(r.stderr + "\n");
      process.exitCode = r.exitCode;
    },
    (e: unknown) => {
      const detail =
        process.env["KINDO_MODELS_DEBUG"] === "1" && e instanceof Error ? `\n${e.stack}` : "";
      process.stderr.write(
        `kindo-models: unexpected error (a bug; please report it with the command line): ${e instanceof Error ? e.message : String(e)}${detail}\n`,
      );
      process.exitCode = EXIT.internalError;
    },
  );
}

if (require.main === module) main(process.argv.slice(2));
