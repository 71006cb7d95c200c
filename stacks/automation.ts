/**
 * Runs the stack program under the Pulumi Automation API with the CLI that
 * `scripts/setup-pulumi.sh` builds, a local file backend and the policy pack. Used by the demo,
 * the end-to-end tests and `bench:e2e`. The program runs inline (in this process) because the
 * Node language host cannot be built here (README, "Real engine"); on a machine with a normal
 * Pulumi install, `pulumi up` in the repository root runs the same program from `stacks/index.ts`.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import * as path from "node:path";
import {
  LocalWorkspace,
  PulumiCommand,
  type ProjectSettings,
  type Stack,
} from "@pulumi/pulumi/automation";
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

/**
 * Creates a backend folder; remove it with {@link removeLocalBackend}. A failure after the folder
 * exists removes it before it is reported: `PulumiCommand.get` runs `pulumi version`, which a
 * Ctrl-C to the caller's process group ends, and the caller never gets a backend to remove.
 */
export async function createLocalBackend(
  purpose: string,
  passphrase: string,
): Promise<LocalBackend> {
  const parent = path.join(REPO_ROOT, ".cache", purpose);
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "run-"));
  try {
    return await prepareLocalBackend(dir, passphrase);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function prepareLocalBackend(dir: string, passphrase: string): Promise<LocalBackend> {
  await Promise.all(
    ["state", "home", "work"].map((d) => mkdir(path.join(dir, d), { recursive: true })),
  );
  const command = await PulumiCommand.get({ root: PULUMI_ROOT }).catch((e: unknown) => {
    throw new Error(
      `The Pulumi CLI at ${PULUMI_ROOT}/bin is missing (${String(e)}). Run \`npm run setup:pulumi\`.`,
    );
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

/** A provider plugin built here (e.g. by scripts/setup-k8s-provider.sh): its name and folder. */
export interface ProviderPlugin {
  readonly name: string;
  readonly path: string;
}

/** The Kubernetes provider that scripts/setup-k8s-provider.sh builds from its Go module. */
export const KUBERNETES_PLUGIN: ProviderPlugin = {
  name: "kubernetes",
  path: path.join(PULUMI_ROOT, "plugins", "kubernetes"),
};

/**
 * Workspace options that name locally built provider plugins in the project settings, as
 * Pulumi.yaml's `plugins.providers` would; none when there are no plugins.
 */
export function withProviderPlugins(
  projectName: string,
  plugins: readonly ProviderPlugin[],
): { projectSettings?: ProjectSettings } {
  if (plugins.length === 0) return {};
  // The SDK's ProjectSettings type lacks `plugins`, which Pulumi.yaml and the engine support.
  const settings: ProjectSettings & { plugins: { providers: typeof plugins } } = {
    name: projectName,
    runtime: "nodejs",
    plugins: { providers: plugins.map((p) => ({ ...p })) },
  };
  return { projectSettings: settings };
}

/**
 * A stack whose program is `deployStack(config)`, for a raw (unparsed) stack config. Provider
 * plugins built here are named in the project, as Pulumi.yaml's `plugins.providers` would.
 */
export async function createStackFor(
  backend: LocalBackend,
  stackName: string,
  rawConfig: () => unknown,
  providerPlugins: readonly ProviderPlugin[] = [],
): Promise<Stack> {
  const workDir = path.join(backend.dir, "work", stackName);
  await mkdir(workDir, { recursive: true });
  return LocalWorkspace.createOrSelectStack(
    {
      projectName: "kindo-models",
      stackName,
      program: async () => deployStack(requireStackConfig(rawConfig())),
    },
    {
      workDir,
      ...withProviderPlugins("kindo-models", providerPlugins),
      pulumiHome: backend.env["PULUMI_HOME"],
      pulumiCommand: backend.command,
      envVars: { ...backend.env },
      secretsProvider: "passphrase",
    },
  );
}
