/**
 * Runs a Pulumi program folder through the Automation API, for machines where the Pulumi CLI
 * cannot run Node programs itself (no `pulumi-language-nodejs`, as on the machines this repository
 * is built on). The program runs inside this process, like Pulumi's own Node host would run it: its
 * `main` (Pulumi.yaml) is required and what it exports becomes the stack outputs. Everything else is
 * the CLI's: the backend (`pulumi login` or PULUMI_BACKEND_URL), the secrets provider
 * (PULUMI_CONFIG_PASSPHRASE), the stack's config file, installed plugins. See
 * docs/running-programs.md.
 *
 *   npm run program -- <preview|up|refresh|destroy> --stack <name> [--dir <program folder>]
 *     [--policy-pack <path>]... [--diff] [--refresh] [--pulumi-root <dir with bin/pulumi>]
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import type * as automation from "@pulumi/pulumi/automation";

export const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What a run does, from the command line. */
export interface RunRequest {
  readonly operation: Operation;
  readonly stack: string;
  /** The program folder (holds Pulumi.yaml). */
  readonly dir: string;
  readonly policyPacks: readonly string[];
  readonly diff: boolean;
  readonly refresh: boolean;
  /** A folder with `bin/pulumi`; undefined means the `pulumi` on PATH. */
  readonly pulumiRoot: string | undefined;
}

/** A command-line mistake: exit code 2 with this message. */
export class RunArgsError extends Error {}

export const RUN_PROGRAM_USAGE = `Usage: npm run program -- <${OPERATIONS.join("|")}> --stack <name> [options]

Runs the Pulumi program in a folder through the Automation API (no Node language host needed).

Options:
  --stack <name>          stack to select, created when missing (required)
  --dir <folder>          program folder with Pulumi.yaml (default: the current directory)
  --policy-pack <path>    policy pack to run (repeatable; e.g. policies/run-policy-pack)
  --diff                  show property-level diffs (preview, up)
  --refresh               refresh before the operation (preview, up)
  --pulumi-root <folder>  folder holding bin/pulumi (default: .cache/pulumi when built, else PATH)`;

/** The repository's CLI folder (scripts/setup-pulumi.sh), when it has been built. */
function defaultPulumiRoot(): string | undefined {
  const root = path.resolve(__dirname, "..", ".cache", "pulumi");
  return existsSync(path.join(root, "bin", "pulumi")) ? root : undefined;
}

/** Reads the command line; throws {@link RunArgsError} naming the flag or value that is wrong. */
export function parseRunArgs(argv: readonly string[], cwd: string): RunRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        dir: { type: "string" },
        "policy-pack": { type: "string", multiple: true },
        diff: { type: "boolean" },
        refresh: { type: "boolean" },
        "pulumi-root": { type: "string" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new RunArgsError((e as Error).message.replace(/\. To specify a positional.*$/s, "."));
  }
  const { values, positionals } = parsed;
  const [operation, ...extra] = positionals;
  if (!OPERATIONS.includes(operation as Operation))
    throw new RunArgsError(
      `${operation === undefined ? "No operation given" : `"${operation}" is not an operation`}. Use ${OPERATIONS.join(", ")}.`,
    );
  if (extra.length > 0) throw new RunArgsError(`Unexpected argument "${extra[0] ?? ""}".`);
  if (values.stack === undefined || values.stack === "")
    throw new RunArgsError(
      "--stack is required: name the stack to select (it is created when missing).",
    );
  const dir = path.resolve(cwd, values.dir ?? ".");
  if (!existsSync(path.join(dir, "Pulumi.yaml")))
    throw new RunArgsError(
      `--dir ${dir} holds no Pulumi.yaml. Point --dir at a Pulumi program folder.`,
    );
  return {
    operation: operation as Operation,
    stack: values.stack,
    dir,
    policyPacks: (values["policy-pack"] ?? []).map((p) => path.resolve(cwd, p)),
    diff: values.diff === true,
    refresh: values.refresh === true,
    pulumiRoot:
      values["pulumi-root"] === undefined
        ? defaultPulumiRoot()
        : path.resolve(cwd, values["pulumi-root"]),
  };
}

/** The project's name and the file its `main` names (default `index`), from Pulumi.yaml. */
export function readProject(dir: string): { name: string; main: string } {
  const project = parseYaml(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as {
    name?: unknown;
    main?: unknown;
  };
  if (typeof project.name !== "string" || project.name === "")
    throw new RunArgsError(`${path.join(dir, "Pulumi.yaml")} has no name.`);
  const main = typeof project.main === "string" ? project.main : ".";
  return { name: project.name, main: path.resolve(dir, main) };
}

/**
 * The program as Pulumi's Node host runs it: require `main`; a function export is called; the
 * (awaited) exports are the stack outputs. Required from the program's folder, so it shares the
 * @pulumi/pulumi that the Automation API below is loaded from.
 */
function programOf(main: string, load: NodeJS.Require): automation.PulumiFn {
  return async () => {
    const exported = load(main) as unknown;
    const value =
      typeof exported === "function" ? await (exported as () => unknown)() : await exported;
    return (value ?? {}) as Record<string, unknown>;
  };
}

/** Runs the operation, streaming the engine's output; resolves to the process exit code. */
export async function runProgram(
  req: RunRequest,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const { name, main } = readProject(req.dir);
  // The program's own @pulumi/pulumi: a second copy of the SDK would not see the program's resources.
  const load = createRequire(path.join(req.dir, "Pulumi.yaml"));
  const auto = load("@pulumi/pulumi/automation") as typeof automation;
  const pulumiCommand = await auto.PulumiCommand.get(
    req.pulumiRoot === undefined ? {} : { root: req.pulumiRoot },
  );
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { projectName: name, stackName: req.stack, program: programOf(main, load) },
    {
      workDir: req.dir,
      pulumiCommand,
      envVars: {
        // Plugins beside the CLI (the dynamic-provider shim of scripts/setup-pulumi.sh) are found.
        PATH: `${path.dirname(pulumiCommand.command)}${path.delimiter}${process.env["PATH"] ?? ""}`,
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  const onOutput = (text: string) => write(text);
  const policyPacks = [...req.policyPacks];
  const common = { onOutput, ...(policyPacks.length > 0 ? { policyPacks } : {}) };
  if (req.operation === "preview")
    await stack.preview({ ...common, diff: req.diff, refresh: req.refresh });
  if (req.operation === "up") await stack.up({ ...common, diff: req.diff, refresh: req.refresh });
  if (req.operation === "refresh") await stack.refresh({ onOutput });
  if (req.operation === "destroy") await stack.destroy({ onOutput });
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${RUN_PROGRAM_USAGE}\n`);
    return 0;
  }
  let req: RunRequest;
  try {
    req = parseRunArgs(argv, process.env["INIT_CWD"] ?? process.cwd());
  } catch (e) {
    if (!(e instanceof RunArgsError)) throw e;
    process.stderr.write(`kindo-models program: ${e.message}\n\n${RUN_PROGRAM_USAGE}\n`);
    return 2;
  }
  try {
    return await runProgram(req);
  } catch (e) {
    // The engine's own output (streamed above) already says why; the CommandError repeats it.
    const code = (e as { commandResult?: { code?: number } }).commandResult?.code;
    process.stderr.write(
      `kindo-models program: pulumi ${req.operation} failed${code === undefined ? `: ${(e as Error).message}` : ` (exit ${code})`}\n`,
    );
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
