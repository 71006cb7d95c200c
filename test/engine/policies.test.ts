/**
 * The guardrail pack (policies/, through its executable launcher policies/run-policy-pack) on the
 * real engine: `pulumi preview` fails on a bad vLLM server with the rule's exact message and
 * passes the corrected program; `pulumi policy analyze` judges a state file of raw vLLM
 * Deployments; a VllmDeployment component record is judged on its recorded inputs.
 *
 * No Kubernetes provider plugin exists on this machine, so the preview programs register the
 * Deployment as a component resource with the Deployment's type token and props: the analyzer
 * receives the same type and inputs a real Deployment would send at preview. The state file holds
 * real custom resources with a Kubernetes provider reference, which `policy analyze` never loads.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, PulumiFn } from "@pulumi/pulumi/automation";
import { VLLM_DEPLOYMENT_TYPE } from "../../components/vllm/vllm-deployment";
import { allPolicies } from "../../policies/all";
import {
  createEngineSandbox,
  createInlineStack,
  policyEventsOf,
  REPO_ROOT,
  removeEngineSandbox,
  runPulumi,
  type EngineSandbox,
} from "../support/engine";
import { validVllmDeploymentArgs } from "../support/factories/components";
import { baseArgs, DEPLOYMENT_TYPE, validDeploymentProps, withFlag } from "../policies/support/factories";

const PACK = path.join(REPO_ROOT, "policies", "run-policy-pack");
const PROJECT = "kindo-models-guardrails";

function description(name: string): string {
  const p = allPolicies.find((x) => x.name === name);
  assert.ok(p?.description, `no policy ${name}`);
  return p.description;
}

const NO_PARSER = withFlag(baseArgs(), "--tool-call-parser");
const AUTO_TOOL_CHOICE_MESSAGE = (resource: string) =>
  `vLLM container "server" in ${resource} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser llama3_json.`;
const CONTEXT_MESSAGE =
  `vLLM container "server" in VllmDeployment "llama" must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.`;

/** A program with one vLLM Deployment "llama" (see the file comment for why it is a component). */
function deploymentProgram(args: readonly string[]): PulumiFn {
  return async () => {
    const props = validDeploymentProps({ args: [...args] });
    new pulumi.ComponentResource(DEPLOYMENT_TYPE, "llama", props);
    return {};
  };
}

/** A program with one VllmDeployment record "llama": the component token and its recorded inputs. */
function vllmDeploymentProgram(maxModelLen?: number): PulumiFn {
  return async () => {
    const { apiKey: _key, ...rest } = validVllmDeploymentArgs(maxModelLen === undefined ? {} : { maxModelLen });
    const recorded = { ...JSON.parse(JSON.stringify(rest)), apiKey: pulumi.secret("test-api-key") };
    new pulumi.ComponentResource(VLLM_DEPLOYMENT_TYPE, "llama", recorded);
    return {};
  };
}

interface PreviewOutcome {
  readonly outcome: "succeeded" | "failed";
  readonly policyEvents: { resourceUrn?: string; policyName: string; enforcementLevel: string; message: string }[];
}

/** The engine's error text of the last failed preview, shown when an assertion fails. */
let lastError = "";

async function preview(sandbox: EngineSandbox, stackName: string, program: PulumiFn): Promise<PreviewOutcome> {
  const stack = await createInlineStack(sandbox, PROJECT, stackName, program);
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

describe("guardrail pack on pulumi preview", () => {
  let sandbox: EngineSandbox;

  before(async () => {
    sandbox = await createEngineSandbox();
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  it("fails a preview whose vLLM Deployment enables auto tool choice without a parser, with the rule's message", async () => {
    assert.deepStrictEqual(await preview(sandbox, "bad", deploymentProgram(NO_PARSER)), {
      outcome: "failed",
      policyEvents: [
        {
          resourceUrn: `urn:pulumi:bad::${PROJECT}::${DEPLOYMENT_TYPE}::llama`,
          policyName: "vllm-auto-tool-choice-without-parser",
          enforcementLevel: "mandatory",
          message: `${description("vllm-auto-tool-choice-without-parser")}\n${AUTO_TOOL_CHOICE_MESSAGE('Deployment "llama"')}\n`,
        },
      ],
    }, lastError);
  });

  it("passes the corrected program with no policy events", async () => {
    assert.deepStrictEqual(await preview(sandbox, "fixed", deploymentProgram(baseArgs())), {
      outcome: "succeeded",
      policyEvents: [],
    }, lastError);
  });

  it("judges a VllmDeployment record on its inputs and fails a context window set far too low", async () => {
    assert.deepStrictEqual(await preview(sandbox, "component-bad", vllmDeploymentProgram(8192)), {
      outcome: "failed",
      policyEvents: [
        {
          resourceUrn: `urn:pulumi:component-bad::${PROJECT}::${VLLM_DEPLOYMENT_TYPE}::llama`,
          policyName: "vllm-context-window-too-low",
          enforcementLevel: "mandatory",
          message: `${description("vllm-context-window-too-low")}\n${CONTEXT_MESSAGE}\n`,
        },
      ],
    }, lastError);
  });

  it("passes a VllmDeployment record planned at the model's full window", async () => {
    assert.deepStrictEqual(await preview(sandbox, "component-ok", vllmDeploymentProgram()), {
      outcome: "succeeded",
      policyEvents: [],
    }, lastError);
  });
});

/** A `pulumi stack export` (deployment v3) with two raw vLLM Deployments: "llama" breaks a rule, "qwen" does not. */
function vllmStateFile(): object {
  const urn = (type: string, name: string) => `urn:pulumi:analyze::${PROJECT}::${type}::${name}`;
  const stackUrn = urn("pulumi:pulumi:Stack", `${PROJECT}-analyze`);
  const providerUrn = urn("pulumi:providers:kubernetes", "default_4_34_2");
  const providerId = "4b1e8d2c-7a90-4f3b-8c61-0d5e9a2f7b34";
  const deployment = (name: string, props: Record<string, unknown>) => {
    const metadata = { ...(props["metadata"] as object), name };
    return {
      urn: urn(DEPLOYMENT_TYPE, name),
      custom: true,
      id: `models/${name}`,
      type: DEPLOYMENT_TYPE,
      parent: stackUrn,
      provider: `${providerUrn}::${providerId}`,
      inputs: { ...props, metadata },
      outputs: { ...props, metadata },
    };
  };
  const qwenArgs = ["--model", "Qwen/Qwen3-8B", "--max-model-len", "40960", "--enable-auto-tool-choice", "--tool-call-parser", "hermes"];
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.274.1" },
      resources: [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack" },
        { urn: providerUrn, custom: true, id: providerId, type: "pulumi:providers:kubernetes", inputs: { version: "4.34.2" }, outputs: { version: "4.34.2" } },
        deployment("llama", validDeploymentProps({ args: NO_PARSER })),
        deployment("qwen", validDeploymentProps({ args: qwenArgs })),
      ],
    },
  };
}

describe("guardrail pack on pulumi policy analyze", () => {
  let sandbox: EngineSandbox;

  before(async () => {
    sandbox = await createEngineSandbox();
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  it("judges a state file of raw vLLM Deployments and reports only the one that breaks a rule", async () => {
    const file = path.join(sandbox.dir, "vllm-state.json");
    await writeFile(file, JSON.stringify(vllmStateFile()));
    const result = await runPulumi(sandbox, ["policy", "analyze", "--file", file, "--policy-pack", PACK, "--json"]);
    const events = result.stdout.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as EngineEvent);
    const reported = policyEventsOf(events).map((e) => ({ resourceUrn: e.resourceUrn, policyName: e.policyName, message: e.message }));
    assert.deepStrictEqual(
      { exitCode: result.exitCode, reported },
      {
        exitCode: 1,
        reported: [
          {
            resourceUrn: `urn:pulumi:analyze::${PROJECT}::${DEPLOYMENT_TYPE}::llama`,
            policyName: "vllm-auto-tool-choice-without-parser",
            message: `${description("vllm-auto-tool-choice-without-parser")}\n${AUTO_TOOL_CHOICE_MESSAGE('Deployment "llama"')}`,
          },
        ],
      },
      result.stderr,
    );
  });
});
