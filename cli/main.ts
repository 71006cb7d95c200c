/** The `kindo-models` CLI: plan, fit, models. Flags and JSON fields are a stable contract (docs/cli.md). */
import { CliInputError, EXIT, type CommandOutput } from "./errors";
import { runFit } from "./commands/fit";
import { runModels } from "./commands/models";
import { runPlan } from "./commands/plan";
import { runLint } from "./commands/lint";
import { runVerify } from "./commands/verify";
import { runPreviewComment } from "./commands/preview-comment";

export const MAIN_HELP = `Usage: kindo-models <command> [options]

Commands:
  plan <model>      cheapest instance, GPUs, TP and weight format for a model at a context
  fit <model>       judge one fixed GPU setup the way vLLM does at start-up
  models            list the model catalog
  lint <file|dir|->  apply the policy pack's vLLM rules to Kubernetes manifests
  verify <url>      run the guide's verification steps against an OpenAI-compatible endpoint
  preview-comment   render a pull-request comment from a pulumi preview event log or --json

Every command takes --help and --json. Exit status: 0 ok, 1 does not fit, 2 bad input.`;

/** A command: argv after the command name → output. Commands that do I/O return a promise. */
export type Command = (argv: readonly string[]) => CommandOutput | Promise<CommandOutput>;

const COMMANDS: Readonly<Record<string, Command>> = {
  plan: runPlan,
  fit: runFit,
  models: runModels,
  lint: runLint,
  verify: runVerify,
  "preview-comment": runPreviewComment,
};

/** Runs one CLI invocation and returns its exit code and outputs (no process side effects). */
export async function runCli(
  argv: readonly string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    return {
      exitCode: command === undefined ? EXIT.badInput : EXIT.ok,
      stdout: command === undefined ? "" : MAIN_HELP,
      stderr: command === undefined ? MAIN_HELP : "",
    };
  }
  const run = COMMANDS[command];
  if (!run)
    return {
      exitCode: EXIT.badInput,
      stdout: "",
      stderr: `kindo-models: "${command}" is not a command. Use ${Object.keys(COMMANDS).join(", ")}.\n\n${MAIN_HELP}`,
    };
  try {
    const out = await run(rest);
    return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr ?? "" };
  } catch (e) {
    if (e instanceof CliInputError) {
      const json = rest.includes("--json");
      return json
        ? {
            exitCode: EXIT.badInput,
            stdout: JSON.stringify({ error: "invalid-arguments", issues: e.issues }, null, 2),
            stderr: e.message,
          }
        : { exitCode: EXIT.badInput, stdout: "", stderr: e.message };
    }
    throw e;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then((r) => {
    if (r.stdout) process.stdout.write(r.stdout + "\n");
    if (r.stderr) process.stderr.write(r.stderr + "\n");
    process.exitCode = r.exitCode;
  });
}
