/**
 * Runs the stack program under the Pulumi Automation API with the CLI that
 * `scripts/setup-pulumi.sh` builds, a local file backend and the policy pack. Used by the demo,
 * the end-to-end tests and `bench:e2e`. The program runs inline (in this process) because the
 * Node language host cannot be built here (README, "Real engine"); on a machine with a normal
 * Pulumi install, `pulumi up` in the repository root runs the same program from `stacks/index.ts`.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { deployStack, requireStackConfig } from "./program";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const PULUMI_ROOT = path.join(REPO_ROOT, ".cache", "pulumi");
/** The policy pack as the engine runs it without a Node language host: its launcher. */
export const POLICY_PACK = path.join(REPO_ROOT, "policies", "run-policy-pack");

/** A throw-away backend and PULUMI_HOME under `.cache/<purpose>/`. */
export interface LocalBackend {
  readonly dir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly command: PulumiCommand;
}

/** Creates a backend folder; remove it with {@link removeLocalBackend}. */
export async function createLocalBackend(purpose: string, passphrase: string): Promise<LocalBackend> {
  const parent = path.join(REPO_ROOT, ".cache", purpose);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "run-"));
  await Promise.all(["state", "home", "work"].map((d) => mkdir(path.join(dir, d), { recursive: true })));
  const command = await PulumiCommand.get({ root: PULUMI_ROOT }).catch((e: unknown) => {
    throw new Error(`The Pulumi CLI at ${PULUMI_ROOT}/bin is missing (${String(e)}). Run \`npm run setup:pulumi\`.`);
  });
  const env = {
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PATH: `${path.dirname(command.command)}${path.delimiter}${process.env["PATH"] ?? ""}`,
  };
  return { dir, env, command };
}

export async function removeLocalBackend(b: LocalBackend | undefined): Promise<void> {
  if (b) await rm(b.dir, { recursive: true, force: true });
}

/** A stack whose program is `deployStack(config)`, for a raw (unparsed) stack config. */
export async function createStackFor(backend: LocalBackend, stackName: string, rawConfig: () => unknown): Promise<Stack> {
  const workDir = path.join(backend.dir, "work", stackName);
  await mkdir(workDir, { recursive: true });
  return LocalWorkspace.createOrSelectStack(
    { projectName: "kindo-models", stackName, program: async () => deployStack(requireStackConfig(rawConfig())) },
    { workDir, pulumiHome: backend.env["PULUMI_HOME"], pulumiCommand: backend.command, envVars: { ...backend.env }, secretsProvider: "passphrase" },
  );
}
