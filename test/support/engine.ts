/**
 * Helpers for the real-engine tests in test/engine: the Pulumi CLI built by
 * scripts/setup-pulumi.sh, run against a throw-away local file backend per test file.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdir, mkdtemp, rm } from "node:fs/promises";
import * as path from "node:path";
import {
  LocalWorkspace,
  PulumiCommand,
  type EngineEvent,
  type PolicyEvent,
  type PulumiFn,
  type Stack,
} from "@pulumi/pulumi/automation";
import { KUBERNETES_PLUGIN, withProviderPlugins } from "../../stacks/automation";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The install root that scripts/setup-pulumi.sh fills: the CLI is `<root>/bin/pulumi`. */
export const PULUMI_ROOT = path.join(REPO_ROOT, ".cache", "pulumi");

/** Fixture programs and policy packs of the engine tests. */
export const ENGINE_FIXTURES = path.join(REPO_ROOT, "test", "engine", "fixtures");

/** Passphrase of the passphrase secrets provider in every sandbox. */
export const SANDBOX_PASSPHRASE = "kindo-models-engine-tests";

/** A temporary backend, PULUMI_HOME and working directory for one test file. */
export interface EngineSandbox {
  /** Root of the sandbox; removed by {@link removeEngineSandbox}. */
  readonly dir: string;
  /** Where stack programs get their working directories. */
  readonly workDir: string;
  readonly pulumiHome: string;
  /** Environment for every CLI call made in this sandbox. */
  readonly env: Readonly<Record<string, string>>;
  readonly command: PulumiCommand;
}

/** What a direct CLI call returned; a non-zero exit code is a result, not an exception. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

let commandPromise: Promise<PulumiCommand> | undefined;

/** The CLI from `.cache/pulumi/bin`, checked once per process by the Automation API. */
export function pulumiCommand(): Promise<PulumiCommand> {
  commandPromise ??= PulumiCommand.get({ root: PULUMI_ROOT }).catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `The Pulumi CLI at ${PULUMI_ROOT}/bin/pulumi cannot be used (${reason}). ` +
        "Run `npm run setup:pulumi` first.",
    );
  });
  return commandPromise;
}

/**
 * Creates a sandbox under `.cache/engine-tests/`. It sits inside the repository on purpose: the
 * engine starts the dynamic-provider and policy plugins in the program's directory, and they
 * resolve `@pulumi/pulumi` from there, i.e. from this repository's node_modules.
 */
export async function createEngineSandbox(): Promise<EngineSandbox> {
  const parent = path.join(REPO_ROOT, ".cache", "engine-tests");
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "sandbox-"));
  const stateDir = path.join(dir, "state");
  const workDir = path.join(dir, "work");
  const pulumiHome = path.join(dir, "home");
  await Promise.all([stateDir, workDir, pulumiHome].map((d) => mkdir(d, { recursive: true })));
  const command = await pulumiCommand();
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: SANDBOX_PASSPHRASE,
    PULUMI_HOME: pulumiHome,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // A plugin that is neither beside the CLI nor on PATH fails at once, naming the plugin.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${path.dirname(command.command)}${path.delimiter}${process.env["PATH"] ?? ""}`,
  };
  return { dir, workDir, pulumiHome, env, command };
}

/** Fails, saying how to build it, when the Kubernetes provider plugin has not been built. */
export async function requireKubernetesPlugin(): Promise<void> {
  await access(
    path.join(KUBERNETES_PLUGIN.path, "pulumi-resource-kubernetes"),
    constants.X_OK,
  ).catch(() => {
    throw new Error(
      `No Kubernetes provider in ${KUBERNETES_PLUGIN.path}. Run \`bash scripts/setup-k8s-provider.sh\` (npm run test:engine does).`,
    );
  });
}

/** Removes the sandbox with its backend and PULUMI_HOME. */
export async function removeEngineSandbox(sandbox: EngineSandbox | undefined): Promise<void> {
  if (sandbox !== undefined) await rm(sandbox.dir, { recursive: true, force: true });
}

/** Creates a stack whose program runs inside this test process (Automation API inline program). */
export async function createInlineStack(
  sandbox: EngineSandbox,
  projectName: string,
  stackName: string,
  program: PulumiFn,
  providerPlugins: readonly { readonly name: string; readonly path: string }[] = [],
): Promise<Stack> {
  const workDir = path.join(sandbox.workDir, `${projectName}-${stackName}`);
  await mkdir(workDir, { recursive: true });
  return LocalWorkspace.createStack(
    { projectName, stackName, program },
    {
      workDir,
      // Plugins built here (scripts/setup-k8s-provider.sh) are named in the project.
      ...withProviderPlugins(projectName, providerPlugins),
      pulumiHome: sandbox.pulumiHome,
      pulumiCommand: sandbox.command,
      envVars: { ...sandbox.env },
      secretsProvider: "passphrase",
    },
  );
}

/** Runs the CLI directly with the sandbox's environment. */
export function runPulumi(
  sandbox: EngineSandbox,
  args: readonly string[],
  cwd: string = sandbox.dir,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      sandbox.command.command,
      [...args, "--non-interactive"],
      { cwd, env: { ...process.env, ...sandbox.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** The policy events among engine events, in the order the engine sent them. */
export function policyEventsOf(events: readonly EngineEvent[]): PolicyEvent[] {
  return events.flatMap((event) => (event.policyEvent === undefined ? [] : [event.policyEvent]));
}

/** A deployment as `pulumi stack export` prints it, with the text it was parsed from. */
export interface StackExport {
  readonly text: string;
  readonly resources: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/**
 * Runs `pulumi stack export` for the stack, without `--show-secrets` (the Automation API's
 * `exportStack` always adds it, so secrets would come back decrypted).
 */
export async function exportStack(sandbox: EngineSandbox, stack: Stack): Promise<StackExport> {
  const result = await runPulumi(
    sandbox,
    ["stack", "export", "--stack", stack.name],
    stack.workspace.workDir,
  );
  if (result.exitCode !== 0) {
    throw new Error(
      `pulumi stack export failed with exit code ${result.exitCode}: ${result.stderr}`,
    );
  }
  const parsed = JSON.parse(result.stdout) as {
    deployment?: { resources?: Record<string, unknown>[] };
  };
  return { text: result.stdout, resources: parsed.deployment?.resources ?? [] };
}

/**
 * A secret output's value in a decrypted export (`{<sig>, plaintext: "<JSON>"}`); any other value
 * as it is.
 */
export function revealSecret(value: unknown): unknown {
  const plaintext = (value as { plaintext?: unknown } | null)?.plaintext;
  return typeof plaintext === "string" ? (JSON.parse(plaintext) as unknown) : value;
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * What to pass to `--policy-pack` for a fixture pack. With a `pulumi-language-nodejs` beside the
 * CLI or on PATH that is the pack's directory, as users pass it. Without one (a CLI built from Go
 * modules: that module is not on our Go proxy) the engine cannot run a pack directory, so the
 * pack's `run-policy-pack` launcher is passed instead; the engine runs an executable given as a
 * pack as a binary analyzer plugin, which serves the same policies through the same protocol.
 */
export async function policyPackPath(fixture: string): Promise<string> {
  const dir = path.join(ENGINE_FIXTURES, fixture);
  const command = await pulumiCommand();
  const searchPath = [
    path.dirname(command.command),
    ...(process.env["PATH"] ?? "").split(path.delimiter),
  ];
  for (const entry of searchPath.filter((e) => e !== "")) {
    if (await isExecutable(path.join(entry, "pulumi-language-nodejs"))) return dir;
  }
  const launcher = path.join(dir, "run-policy-pack");
  if (!(await isExecutable(launcher))) {
    throw new Error(
      `${launcher} must exist and be executable (chmod +x) to run the pack ` +
        "without pulumi-language-nodejs.",
    );
  }
  return launcher;
}
