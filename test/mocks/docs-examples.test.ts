/**
 * The TypeScript examples of docs/running-programs.md, docs/components.md (SelfHostedModel) and
 * docs/cloud-models.md (CloudModel), taken from the documents as written and run under Pulumi
 * mocks with the stack config they read, so a documented example that stops working fails here.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recordedRegistrations, resetRegistrations } from "../support/mocks";
import { bedrockInvokeHandlers } from "../support/factories/cloud";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const COMPONENTS = path.join(REPO_ROOT, "components");
const WORK = path.join(REPO_ROOT, ".cache", "docs-examples");

/** The first ```ts block of `doc` that contains `marker`. */
function exampleOf(doc: string, marker: string): string {
  const text = readFileSync(path.join(REPO_ROOT, doc), "utf8");
  const block = [...text.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? "")
    .find((b) => b.includes(marker));
  if (block === undefined) throw new Error(`${doc} has no ts example containing ${marker}`);
  return block;
}

/**
 * Runs an example as a module: `from "kindo-models"` is this repository's package root, and a
 * snippet without imports gets `pulumi` and every export of the root.
 */
function runExample(name: string, code: string): void {
  const root = JSON.stringify(COMPONENTS);
  const source = code.includes("import ")
    ? code.replace(/from "kindo-models"/g, `from ${root}`)
    : [
        'import * as pulumi from "@pulumi/pulumi";',
        `import * as kindoModels from ${root};`,
        "const { SelfHostedModel, CloudModel, EksGpuNodePool } = kindoModels;",
        "void pulumi;",
        code,
      ].join("\n");
  const file = path.join(WORK, `${name}.ts`);
  writeFileSync(file, source);
  createRequire(__filename)(file);
}

/** Waits until no registration has arrived for a while, then lists components and dynamic resources. */
async function settledOwnResources(): Promise<string[]> {
  let last = -1;
  while (recordedRegistrations().length !== last) {
    last = recordedRegistrations().length;
    await new Promise((r) => setTimeout(r, 300));
  }
  return recordedRegistrations()
    .filter((r) => /^(kindo-models:index:|pulumi-nodejs:dynamic\/)/.test(r.type))
    .map((r) => `${r.type.split(":").pop() ?? ""} ${r.name}`)
    .sort();
}

const SECRETS = [
  "vllmApiKey",
  "kindoAdminKey",
  "unleashAdminToken",
  "kindoApiKey",
  "openaiApiKey",
].map((k) => `kindo-models:${k}`);

describe("documented examples under mocks", function () {
  this.timeout(60000);
  const savedConfig = pulumi.runtime.allConfig();
  before(() => {
    installMocks(bedrockInvokeHandlers());
    pulumi.runtime.setAllConfig(
      Object.fromEntries(SECRETS.map((k) => [k, `example-${k.split(":")[1] ?? ""}`])),
      SECRETS,
    );
    mkdirSync(WORK, { recursive: true });
  });
  beforeEach(() => resetRegistrations());
  after(() => {
    pulumi.runtime.setAllConfig(savedConfig, []);
    rmSync(WORK, { recursive: true, force: true });
  });

  it("runs the program of docs/running-programs.md", async () => {
    runExample("running-programs", exampleOf("docs/running-programs.md", "new SelfHostedModel"));
    assert.deepStrictEqual(await settledOwnResources(), [
      "KindoModel llama-8b-kindo",
      "ModelVerification llama-8b-verification",
      "SelfHostedModel llama-8b",
    ]);
  });

  it("runs the SelfHostedModel example of docs/components.md", async () => {
    runExample("components-self-hosted", exampleOf("docs/components.md", "new SelfHostedModel"));
    assert.deepStrictEqual(await settledOwnResources(), [
      "EksGpuNodePool h100",
      "KindoModel llama-8b-kindo",
      "ModelVerification llama-8b-verification",
      "SelfHostedModel llama-8b",
      "VllmDeployment llama-8b-vllm",
    ]);
  });

  it("runs the CloudModel example of docs/cloud-models.md", async () => {
    runExample("cloud-models", exampleOf("docs/cloud-models.md", "new CloudModel"));
    assert.deepStrictEqual(await settledOwnResources(), [
      "BedrockModelAccess claude-bedrock-access",
      "CloudModel claude-bedrock",
      "CloudModel gpt-41",
      "CloudModelVerification claude-bedrock-verification",
      "CloudModelVerification gpt-41-verification",
      "KindoModel claude-bedrock-kindo",
      "KindoModel gpt-41-kindo",
    ]);
  });
});
