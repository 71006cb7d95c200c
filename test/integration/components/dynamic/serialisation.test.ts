/**
 * Every dynamic provider in the package after the SDK's serialiser, loaded as the engine's host
 * loads it: it requires packages only (a relative path does not exist where the serialised text
 * runs), and one real operation works against the simulators. A last test fails when a provider
 * is added to the sources without a row here.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { cloudVerificationProvider } from "../../../../components/dynamic/cloud-verification/provider";
import { kindoModelProvider } from "../../../../components/dynamic/kindo-model/provider";
import { modelVerificationProvider } from "../../../../components/dynamic/model-verification/provider";
import { startCloudFake, type CloudFake } from "../../../../sim/cloud/fake-server";
import { startKindoSim, type KindoSim } from "../../../../sim/kindo";
import { startVllmSim, type VllmSim } from "../../../../sim/vllm";
import { validKindoModelInputs } from "../../../support/factories/kindo";
import { validSimConfig, validVerificationInputs } from "../../../support/factories/verification";
import { serialiseProvider } from "../../../support/serialised-provider";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../../../support/unleash";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..");

/** Each provider's export name, where it is, and the packages its serialised text may require. */
const PROVIDERS = [
  {
    name: "modelVerificationProvider",
    file: "components/dynamic/model-verification/provider.ts",
    provider: modelVerificationProvider,
    requires: ["@pulumi/pulumi", "undici"],
  },
  {
    name: "cloudVerificationProvider",
    file: "components/dynamic/cloud-verification/provider.ts",
    provider: cloudVerificationProvider,
    requires: [
      "@aws-sdk/client-bedrock-runtime",
      "@pulumi/pulumi",
      "@smithy/node-http-handler",
      "node:stream",
      "undici",
    ],
  },
  {
    name: "kindoModelProvider",
    file: "components/dynamic/kindo-model/provider.ts",
    provider: kindoModelProvider,
    requires: ["node:crypto", "node:os", "undici"],
  },
] as const;

describe("dynamic providers after the SDK's serialiser", function () {
  this.timeout(60000);

  for (const p of PROVIDERS) {
    it(`${p.name} requires only the packages ${p.requires.join(", ")}`, async () => {
      const s = await serialiseProvider(p.provider);
      assert.deepStrictEqual(s.requiredModules, p.requires);
    });

    it(`${p.name} loads in the host with the same methods`, async () => {
      const s = await serialiseProvider(p.provider);
      assert.deepStrictEqual(Object.keys(s.provider).sort(), Object.keys(p.provider).sort());
    });
  }

  it("the table lists every pulumi.dynamic.ResourceProvider in the package's sources", () => {
    // test/ is left out: its one provider (the Echo fixture) runs through the real engine.
    const files = execFileSync("git", ["ls-files", "*.ts", ":!:test/**"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f !== "");
    const declared = files.flatMap((file) =>
      [
        ...readFileSync(path.join(REPO_ROOT, file), "utf8").matchAll(
          /export const (\w+): pulumi\.dynamic\.ResourceProvider\b/g,
        ),
      ].map((m) => `${file}#${m[1] ?? ""}`),
    );
    assert.deepStrictEqual(declared.sort(), PROVIDERS.map((p) => `${p.file}#${p.name}`).sort());
  });

  describe("modelVerificationProvider, serialised", () => {
    let sim: VllmSim;
    before(async () => (sim = await startVllmSim(validSimConfig())));
    after(() => sim?.close());

    it("verifies a healthy endpoint", async () => {
      const { provider } = await serialiseProvider(modelVerificationProvider);
      const r = await provider.create(validVerificationInputs(sim.url));
      assert.deepStrictEqual([r.id, r.outs?.passed], [`llama-3.1-8b@${sim.url}`, true]);
    });
  });

  describe("cloudVerificationProvider, serialised", () => {
    let fake: CloudFake;
    before(
      async () =>
        (fake = await startCloudFake({
          models: ["claude-sonnet-4-5-20250929", "us.anthropic.claude-sonnet-4-20250514-v1:0"],
        })),
    );
    after(() => fake?.close());

    it("verifies an Anthropic model over HTTP", async () => {
      const { provider } = await serialiseProvider(cloudVerificationProvider);
      const r = await provider.create({
        api: "anthropic-messages",
        baseUrl: fake.url,
        model: "claude-sonnet-4-5-20250929",
        apiKey: "sk-ant-serialised-3a1f",
        toolCalling: true,
        contextWindowTokens: 200_000,
      });
      assert.deepStrictEqual(
        [r.id, r.outs?.toolCallingPassed],
        ["anthropic-messages:claude-sonnet-4-5-20250929", true],
      );
    });

    it("verifies a Bedrock profile through the AWS SDK", async () => {
      const { provider } = await serialiseProvider(cloudVerificationProvider);
      const credentials = { accessKeyId: "AKIASERIALISED", secretAccessKey: "serialised-secret" };
      const r = await provider.create({
        api: "bedrock-converse",
        baseUrl: fake.url,
        model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
        region: "us-east-1",
        awsCredentials: { ...credentials },
        toolCalling: true,
        contextWindowTokens: 200_000,
      });
      // The outputs carry the credentials as given (the AWS SDK marks objects it is handed).
      assert.deepStrictEqual(
        [r.id, r.outs?.toolCallingPassed, r.outs?.awsCredentials],
        ["bedrock-converse:us.anthropic.claude-sonnet-4-20250514-v1:0", true, credentials],
      );
    });
  });

  describe("kindoModelProvider, serialised", () => {
    const adminKey = "serialised-admin-key-8d2c";
    let dir: string;
    let sim: KindoSim;

    before(async () => {
      await resetKindoFeatures(await requireUnleash());
      dir = mkdtempSync(path.join(tmpdir(), "kindo-serialised-"));
      sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey });
    });
    after(async () => {
      await sim?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("registers, assigns and deletes a model", async () => {
      const unleash = await requireUnleash();
      const { provider } = await serialiseProvider(kindoModelProvider);
      const created = await provider.create(
        validKindoModelInputs({}, { kindoUrl: sim.url, adminKey, unleash }),
      );
      const assigned = await featuresListing(unleash, created.id);
      await provider.delete!(created.id, created.outs!);
      assert.deepStrictEqual(
        { assigned, afterDelete: await featuresListing(unleash, created.id) },
        { assigned: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"], afterDelete: [] },
      );
    });
  });
});
