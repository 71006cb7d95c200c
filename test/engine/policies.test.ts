/**
 * The guardrail pack (policies/, through its executable launcher policies/run-policy-pack) on the
 * real engine with the real Kubernetes provider (built by scripts/setup-k8s-provider.sh, rendering
 * to a directory since no cluster exists here): `pulumi preview` fails on a bad vLLM Deployment
 * with the rule's exact message and passes the corrected program; a real VllmDeployment is judged
 * on its recorded inputs; `pulumi policy analyze` judges the exported state of an `up` that
 * created raw vLLM Deployments. The analyzer sees what the provider's Check returned, as it would
 * against a cluster.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { VllmDeployment, VLLM_DEPLOYMENT_TYPE } from "../../components/vllm/vllm-deployment";
import { allPolicies } from "../../policies/all";
import { buildPolicyPack } from "../../scripts/build-policy-pack";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  policyEventsOf,
  removeEngineSandbox,
  requireKubernetesPlugin,
  runPulumi,
  type EngineSandbox,
} from "../support/engine";
import { validPoolContract, validVllmDeploymentArgs } from "../support/factories/components";
import {
  createLocalBackend,
  createStackFor,
  KUBERNETES_PLUGIN,
  POLICY_PACK,
  removeLocalBackend,
  type LocalBackend,
} from "../../stacks/automation";
import {
  baseArgs,
  DEPLOYMENT_TYPE,
  validDeploymentProps,
  withFlag,
} from "../unit/policies/support/factories";

const PACK = POLICY_PACK;
const PROJECT = "kindo-models-guardrails";
const PLUGINS = [KUBERNETES_PLUGIN];

function description(name: string): string {
  const p = allPolicies.find((x) => x.name === name);
  assert.ok(p?.description, `no policy ${name}`);
  return p.description;
}

const NO_PARSER = withFlag(baseArgs(), "--tool-call-parser");
const QWEN_ARGS = [
  "--model",
  "Qwen/Qwen3-8B",
  "--max-model-len",
  "40960",
  "--enable-auto-tool-choice",
  "--tool-call-parser",
  "hermes",
];
const AUTO_TOOL_CHOICE_MESSAGE = (resource: string) =>
  `vLLM container "server" in ${resource} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser llama3_json.`;
const CONTEXT_MESSAGE = `vLLM container "server" in VllmDeployment "llama" must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`;

/** A Kubernetes provider that writes manifests to `dir` instead of talking to a cluster. */
function renderProvider(dir: string): k8s.Provider {
  return new k8s.Provider("render", { renderYamlToDirectory: dir });
}

/** A program with real apps/v1 Deployments, one per `name → vLLM args`, rendered to `dir`. */
function deploymentProgram(dir: string, servers: Record<string, readonly string[]>): PulumiFn {
  return async () => {
    const provider = renderProvider(dir);
    for (const [name, args] of Object.entries(servers)) {
      const props = validDeploymentProps({
        args: [...args],
      }) as unknown as k8s.apps.v1.DeploymentArgs;
      new k8s.apps.v1.Deployment(
        name,
        { ...props, metadata: { ...props.metadata, name } },
        { provider },
      );
    }
    return {};
  };
}

/** A program with one real VllmDeployment "llama" (Llama 3.1 8B on an H100 pool), rendered to `dir`. */
function vllmDeploymentProgram(dir: string, maxModelLen?: number): PulumiFn {
  return async () => {
    const args = validVllmDeploymentArgs({
      apiKey: pulumi.secret("test-api-key"),
      ...(maxModelLen === undefined ? {} : { maxModelLen }),
    });
    new VllmDeployment("llama", args, { providers: { kubernetes: renderProvider(dir) } });
    return {};
  };
}

interface PreviewOutcome {
  readonly outcome: "succeeded" | "failed";
  readonly policyEvents: {
    resourceUrn?: string;
    policyName: string;
    enforcementLevel: string;
    message: string;
  }[];
}

/** The engine's error text of the last failed preview, shown when an assertion fails. */
let lastError = "";

/** Previews the stack with the pack; a failed preview is an outcome, its error kept in lastError. */
async function previewWithPack(stack: Stack): Promise<PreviewOutcome> {
  const events: EngineEvent[] = [];
  lastError = "";
  const outcome = await stack.preview({ policyPacks: [PACK], onEvent: (e) => events.push(e) }).then(
    () => "succeeded" as const,
    (e: unknown) => {
      lastError = String(e);
      return "failed" as const;
    },
  );
  const policyEvents = policyEventsOf(events).map((e) => ({
    ...(e.resourceUrn !== undefined ? { resourceUrn: e.resourceUrn } : {}),
    policyName: e.policyName,
    enforcementLevel: e.enforcementLevel,
    message: e.message,
  }));
  return { outcome, policyEvents };
}

async function preview(
  sandbox: EngineSandbox,
  stackName: string,
  program: PulumiFn,
): Promise<PreviewOutcome> {
  return previewWithPack(await createInlineStack(sandbox, PROJECT, stackName, program, PLUGINS));
}

describe("guardrail pack on pulumi preview", () => {
  let sandbox: EngineSandbox;

  before(async () => {
    await requireKubernetesPlugin();
    sandbox = await createEngineSandbox();
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  const rendered = () => path.join(sandbox.dir, "rendered");

  it("fails a preview whose vLLM Deployment enables auto tool choice without a parser, with the rule's message", async () => {
    assert.deepStrictEqual(
      await preview(sandbox, "bad", deploymentProgram(rendered(), { llama: NO_PARSER })),
      {
        outcome: "failed",
        policyEvents: [
          {
            resourceUrn: `urn:pulumi:bad::${PROJECT}::${DEPLOYMENT_TYPE}::llama`,
            policyName: "vllm-auto-tool-choice-without-parser",
            enforcementLevel: "mandatory",
            message: `${description("vllm-auto-tool-choice-without-parser")}\n${AUTO_TOOL_CHOICE_MESSAGE('Deployment "llama"')}\n`,
          },
        ],
      },
      lastError,
    );
  });

  it("passes the corrected program with no policy events", async () => {
    assert.deepStrictEqual(
      await preview(sandbox, "fixed", deploymentProgram(rendered(), { llama: baseArgs() })),
      {
        outcome: "succeeded",
        policyEvents: [],
      },
      lastError,
    );
  });

  it("judges a VllmDeployment on its recorded inputs and fails a context window set far too low", async () => {
    assert.deepStrictEqual(
      await preview(sandbox, "component-bad", vllmDeploymentProgram(rendered(), 8192)),
      {
        outcome: "failed",
        policyEvents: [
          {
            resourceUrn: `urn:pulumi:component-bad::${PROJECT}::${VLLM_DEPLOYMENT_TYPE}::llama`,
            policyName: "vllm-context-window-too-low",
            enforcementLevel: "mandatory",
            message: `${description("vllm-context-window-too-low")}\n${CONTEXT_MESSAGE}\n`,
          },
        ],
      },
      lastError,
    );
  });

  it("passes a VllmDeployment planned at the model's full window", async () => {
    assert.deepStrictEqual(
      await preview(sandbox, "component-ok", vllmDeploymentProgram(rendered())),
      {
        outcome: "succeeded",
        policyEvents: [],
      },
      lastError,
    );
  });
});

/** An existing-cluster stack config with one self-hosted Llama 3.1 8B, as a user writes it. */
function existingClusterConfig(maxModelLen?: number): Record<string, unknown> {
  return {
    target: { kind: "existing-cluster", namespace: "models", pool: validPoolContract() },
    models: [
      {
        name: "llama-8b",
        model: "llama-3.1-8b-instruct",
        apiKey: { env: "ENGINE_POLICY_VLLM_API_KEY" },
        ...(maxModelLen === undefined ? {} : { maxModelLen }),
      },
    ],
  };
}

describe("guardrail pack on pulumi preview of the stack program", () => {
  let backend: LocalBackend;

  before(async () => {
    process.env["ENGINE_POLICY_VLLM_API_KEY"] = "sk-engine-policy-3f1a";
    backend = await createLocalBackend("engine-tests", "kindo-models-policy-stack");
  });

  after(async () => {
    delete process.env["ENGINE_POLICY_VLLM_API_KEY"];
    await removeLocalBackend(backend);
  });

  async function previewStack(
    stackName: string,
    config: Record<string, unknown>,
  ): Promise<PreviewOutcome> {
    const stack = await createStackFor(backend, stackName, () => config, PLUGINS);
    await stack.setConfig("kubernetes:renderYamlToDirectory", {
      value: path.join(backend.dir, "rendered", stackName),
    });
    return previewWithPack(stack);
  }

  it("fails a stack whose model sets a context window far too low, with the rule's message", async () => {
    const outcome = await previewStack("too-low", existingClusterConfig(8192));
    assert.deepStrictEqual(
      outcome.policyEvents.map((e) => [e.policyName, e.enforcementLevel, e.message]),
      [
        [
          "vllm-context-window-too-low",
          "mandatory",
          `${description("vllm-context-window-too-low")}\n${CONTEXT_MESSAGE.replace('VllmDeployment "llama"', 'VllmDeployment "llama-8b-vllm"')}\n`,
        ],
      ],
      lastError,
    );
    assert.equal(outcome.outcome, "failed");
  });

  it("passes the corrected stack, planned at the largest window that fits", async () => {
    assert.deepStrictEqual(
      await previewStack("planned", existingClusterConfig()),
      { outcome: "succeeded", policyEvents: [] },
      lastError,
    );
  });
});

/** What `pulumi policy analyze --json` reported with the pack behind `packLauncher` on the state file. */
async function analyze(sandbox: EngineSandbox, stateFile: string, packLauncher: string) {
  const result = await runPulumi(sandbox, [
    "policy",
    "analyze",
    "--file",
    stateFile,
    "--policy-pack",
    packLauncher,
    "--json",
  ]);
  const events = result.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EngineEvent);
  const reported = policyEventsOf(events).map((e) => ({
    resourceUrn: e.resourceUrn,
    policyName: e.policyName,
    message: e.message,
  }));
  return { exitCode: result.exitCode, reported, stderr: result.stderr };
}

describe("guardrail pack on pulumi policy analyze", () => {
  let sandbox: EngineSandbox;
  let stateFile: string;
  const expected = () => ({
    exitCode: 1,
    reported: [
      {
        resourceUrn: `urn:pulumi:analyze::${PROJECT}::${DEPLOYMENT_TYPE}::llama`,
        policyName: "vllm-auto-tool-choice-without-parser",
        message: `${description("vllm-auto-tool-choice-without-parser")}\n${AUTO_TOOL_CHOICE_MESSAGE('Deployment "llama"')}`,
      },
    ],
  });

  before(async () => {
    sandbox = await createEngineSandbox();
    // `up` with the real provider (rendering manifests), then `pulumi stack export`: a state file
    // exactly as users hand to `policy analyze`.
    const stack = await createInlineStack(
      sandbox,
      PROJECT,
      "analyze",
      deploymentProgram(path.join(sandbox.dir, "rendered"), { llama: NO_PARSER, qwen: QWEN_ARGS }),
      PLUGINS,
    );
    await stack.up();
    const exported = await exportStack(sandbox, stack);
    assert.deepStrictEqual(
      exported.resources
        .filter((r) => r["type"] === DEPLOYMENT_TYPE)
        .map((r) => String(r["urn"]))
        .sort(),
      [
        `urn:pulumi:analyze::${PROJECT}::${DEPLOYMENT_TYPE}::llama`,
        `urn:pulumi:analyze::${PROJECT}::${DEPLOYMENT_TYPE}::qwen`,
      ],
    );
    stateFile = path.join(sandbox.dir, "vllm-state.json");
    await writeFile(stateFile, exported.text);
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  it("judges the exported state of raw vLLM Deployments and reports only the one that breaks a rule", async () => {
    const { stderr, ...result } = await analyze(sandbox, stateFile, PACK);
    assert.deepStrictEqual(result, expected(), stderr);
  });

  it("gives the same verdict with the publishable pack, installed on its own outside the repository", async () => {
    // What `pulumi policy publish` uploads and Pulumi Cloud installs: the built folder and the
    // packages its package.json names, nothing from this repository.
    // Outside the repository, so nothing resolves from its node_modules.
    const outside = mkdtempSync(path.join(tmpdir(), "kindo-published-pack-"));
    try {
      const packDir = path.join(outside, "pack");
      buildPolicyPack(packDir);
      execFileSync(
        "npm",
        [
          "install",
          "--omit=dev",
          "--prefer-offline",
          "--no-audit",
          "--no-fund",
          "--loglevel=error",
        ],
        { cwd: packDir, stdio: "inherit" },
      );
      const { stderr, ...result } = await analyze(
        sandbox,
        stateFile,
        path.join(packDir, "run-policy-pack"),
      );
      assert.deepStrictEqual(result, expected(), stderr);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
