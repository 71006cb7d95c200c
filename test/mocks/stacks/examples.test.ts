/**
 * The stack program and its example configs under Pulumi mocks: every example parses, builds the
 * resources its scenario needs, and a bad config fails with the field's path.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { parseStackConfig, type SecretSource } from "../../../stacks/config";
import { deployStack, requireStackConfig, type SecretReader } from "../../../stacks/program";
import {
  installMocks,
  recordedRegistrations,
  registrationsOfType,
  resetRegistrations,
} from "../../support/mocks";
import { bedrockInvokeHandlers } from "../../support/factories/cloud";

const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "stacks", "examples");

function example(name: string): unknown {
  return parseYaml(fs.readFileSync(path.join(EXAMPLES, `${name}.yaml`), "utf8"));
}

/** Secrets named by the config, answered without touching env or Pulumi config. */
const fakeSecrets: SecretReader = {
  read: (source: SecretSource) =>
    pulumi.secret(`secret-for-${"env" in source ? source.env : source.config}`),
};

/**
 * Builds the stack and waits until registrations stop arriving. Dynamic resources' outputs stay
 * unknown under preview mocks, so there is no output to await; the program's children register
 * within a few timer turns of each other.
 */
async function deployExample(name: string): Promise<void> {
  deployStack(requireStackConfig(example(name)), fakeSecrets);
  let last = -1;
  for (let quiet = 0; quiet < 4;) {
    await new Promise((r) => setTimeout(r, 25));
    const now = recordedRegistrations().length;
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

type PodSpec = { containers: { args?: string[]; command?: string[] }[] };

/** The vLLM argv of the server: a Deployment's container, or a LeaderWorkerSet leader's. */
function serverArgs(): string[] {
  const dep = registrationsOfType("kubernetes:apps/v1:Deployment")[0]?.inputs as
    { spec: { template: { spec: PodSpec } } } | undefined;
  const lws = registrationsOfType("kubernetes:leaderworkerset.x-k8s.io/v1:LeaderWorkerSet")[0]
    ?.inputs as
    { spec: { leaderWorkerTemplate: { leaderTemplate: { spec: PodSpec } } } } | undefined;
  const c =
    dep?.spec.template.spec.containers[0] ??
    lws?.spec.leaderWorkerTemplate.leaderTemplate.spec.containers[0];
  return [...(c?.command ?? []), ...(c?.args ?? [])].flatMap((a) => a.split(/\s+/));
}

describe("stack config examples", () => {
  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"))) {
    it(`parses ${file}`, () => {
      const parsed = parseStackConfig(example(file.replace(/\.yaml$/, "")));
      assert.deepEqual(parsed.ok ? [] : parsed.issues, []);
    });
  }

  it("reports a context written as text with its path", () => {
    const raw = example("llama31-70b-eks") as { models: Record<string, unknown>[] };
    raw.models[0]!["maxModelLen"] = "128k";
    const parsed = parseStackConfig(raw);
    assert.deepEqual(parsed.ok ? [] : parsed.issues, [
      { path: "models[0].maxModelLen", message: '"128k" is not a number. Use a number.' },
    ]);
  });

  it("requires an endpoint for every model of an existing-endpoints stack", () => {
    const raw = example("local") as { models: Record<string, unknown>[] };
    delete raw.models[1]!["endpoint"];
    const parsed = parseStackConfig(raw);
    assert.deepEqual(parsed.ok ? [] : parsed.issues.map((i) => i.path), ["models[1].endpoint"]);
  });

  it("rejects two models with the same name", () => {
    const raw = example("local") as { models: Record<string, unknown>[] };
    raw.models[1]!["name"] = "llama-8b";
    const parsed = parseStackConfig(raw);
    assert.deepEqual(parsed.ok ? [] : parsed.issues, [
      { path: "models", message: 'names must be unique; "llama-8b" appear more than once.' },
    ]);
  });
});

describe("stack program (deployStack)", () => {
  before(() => installMocks(bedrockInvokeHandlers()));
  beforeEach(() => resetRegistrations());

  it("verifies and registers each endpoint of the local stack, deploying nothing", async () => {
    await deployExample("local");
    const counts = [
      "pulumi-nodejs:dynamic/kindo-models:ModelVerification",
      "pulumi-nodejs:dynamic/kindo-models:KindoModel",
      "kindo-models:index:VllmDeployment",
    ].map((t) => registrationsOfType(t).length);
    assert.deepEqual(counts, [2, 2, 0]);
  });

  it("spreads DeepSeek-V3 on H100 over nodes as a LeaderWorkerSet", async () => {
    await deployExample("deepseek-v3-eks");
    const lws = registrationsOfType("kubernetes:leaderworkerset.x-k8s.io/v1:LeaderWorkerSet");
    const group = registrationsOfType("aws:eks/nodeGroup:NodeGroup")[0]?.inputs as {
      instanceTypes: string[];
    };
    assert.deepEqual([lws.length, group.instanceTypes], [1, ["p5.48xlarge"]]);
  });

  it("serves Llama 4 Scout with the llama4_pythonic parser, never the guide's llama4", async () => {
    await deployExample("llama4-scout-eks");
    const args = serverArgs();
    assert.equal(args[args.indexOf("--tool-call-parser") + 1], "llama4_pythonic");
  });

  it("gives Mistral Large a setup that fits instead of the guide's 2 × H100 in BF16", async () => {
    await deployExample("mistral-large-eks");
    const args = serverArgs();
    const tp = Number(args[args.indexOf("--tensor-parallel-size") + 1]);
    const fp8 =
      args.includes("--quantization") && args[args.indexOf("--quantization") + 1] === "fp8";
    assert.equal(tp > 2 || fp8, true);
  });

  it("creates a GKE node pool for the Qwen3 stack", async () => {
    await deployExample("qwen3-gke");
    assert.equal(registrationsOfType("gcp:container/nodePool:NodePool").length, 1);
  });

  it("grants Bedrock access and registers Claude for the Bedrock stack", async () => {
    await deployExample("bedrock-claude");
    assert.deepEqual(
      [
        registrationsOfType("aws:iam/role:Role").length,
        registrationsOfType("pulumi-nodejs:dynamic/kindo-models:KindoModel").length,
      ],
      [1, 1],
    );
  });
});
