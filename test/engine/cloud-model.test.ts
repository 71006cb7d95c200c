/**
 * CloudModel on the real engine: an OpenAI model and a Bedrock model (through its US inference
 * profile, IAM from the fake AWS provider plugin in sim/aws) are verified against sim/cloud,
 * registered in sim/kindo and assigned in the real Unleash on `up`; `refresh` finds them as they
 * are; `destroy` removes the assignments, the registrations and the IAM resources.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { CloudModel } from "../../components";
import { startCloudFake, type CloudFake } from "../../sim/cloud/fake-server";
import { startKindoSim, type KindoSim } from "../../sim/kindo";
import { readFakeAwsState } from "../../sim/aws/provider";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  REPO_ROOT,
  removeEngineSandbox,
  type EngineSandbox,
} from "../support/engine";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../support/unleash";

const ADMIN_KEY = "engine-cloud-admin-key-71c4";
const OPENAI_KEY = "sk-engine-openai-5d0b";
const AWS_SECRET = "engine-aws-secret-9f3e";
const BEDROCK_PROFILE = "us.anthropic.claude-sonnet-4-20250514-v1:0";
const FAKE_AWS_PLUGIN = { name: "aws", path: path.join(REPO_ROOT, "sim", "aws") };

interface KindoRecord {
  id: string;
  litellmModelName: string;
  contextWindow: number;
}

describe("CloudModel on the real engine", function () {
  this.timeout(300_000);
  let sandbox: EngineSandbox;
  let stack: Stack;
  let kindo: KindoSim;
  let cloud: CloudFake;
  let dir: string;
  let awsState: string;
  let ids: string[] = [];

  async function kindoModels(): Promise<KindoRecord[]> {
    const res = await fetch(`${kindo.url}/v1/admin/models`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    return ((await res.json()) as { data: KindoRecord[] }).data;
  }

  function awsResourceTypes(): string[] {
    return Object.values(readFakeAwsState(awsState).resources)
      .map((r) => r.type)
      .sort();
  }

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-cloud-engine-"));
    awsState = path.join(dir, "aws.json");
    kindo = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    cloud = await startCloudFake({ models: ["gpt-4.1", BEDROCK_PROFILE] });
    const base = await createEngineSandbox();
    sandbox = { ...base, env: { ...base.env, KINDO_FAKE_AWS_STATE: awsState } };
    const connection = {
      kindo: { url: kindo.url, adminKey: pulumi.secret(ADMIN_KEY) },
      unleash: { url: unleash.url, adminToken: pulumi.secret(unleash.adminToken) },
    };
    stack = await createInlineStack(
      sandbox,
      "kindo-models-cloud",
      "engine",
      async () => {
        const openai = new CloudModel("gpt-41", {
          ...connection,
          // One feature per model: parallel edits of one feature race until issue 19 lands.
          features: ["TOOL_CALLING_MODELS"],
          model: "gpt-4.1",
          litellmModelName: "gpt-4.1",
          apiKey: pulumi.secret(OPENAI_KEY),
          // OpenAI-compatible roots include /v1, as https://api.openai.com/v1 does.
          verificationBaseUrl: `${cloud.url}/v1`,
        });
        const bedrock = new CloudModel("claude-bedrock", {
          ...connection,
          features: ["GENERAL_PURPOSE_MODELS"],
          model: "bedrock-claude-sonnet-4",
          litellmModelName: "claude-sonnet-4",
          bedrock: {
            region: "us-east-1",
            principal: {
              kind: "irsa",
              oidcProviderArn:
                "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
              oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
              namespace: "kindo",
              serviceAccount: "litellm",
            },
            awsCredentials: pulumi.secret({
              accessKeyId: "AKIAENGINETEST",
              secretAccessKey: AWS_SECRET,
            }),
          },
          verificationBaseUrl: cloud.url,
        });
        return { openai: openai.kindoModelId, bedrock: bedrock.kindoModelId };
      },
      [FAKE_AWS_PLUGIN],
    );
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
    await kindo?.close();
    await cloud?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("verifies, registers and assigns both models, with the Bedrock IAM, on up", async () => {
    const up = await stack.up();
    ids = [String(up.outputs["openai"]?.value), String(up.outputs["bedrock"]?.value)];
    const unleash = await requireUnleash();
    assert.deepStrictEqual(
      {
        changes: up.summary.resourceChanges,
        kindo: (await kindoModels()).map((m) => [m.litellmModelName, m.contextWindow]).sort(),
        features: await Promise.all(ids.map((id) => featuresListing(unleash, id))),
        aws: awsResourceTypes(),
      },
      {
        // the stack, 2 CloudModels, 2 verifications, 2 KindoModels, BedrockModelAccess with its
        // policy, role and attachment
        changes: { create: 11 },
        kindo: [
          ["claude-sonnet-4", 200_000],
          ["gpt-4.1", 1_047_576],
        ],
        features: [["TOOL_CALLING_MODELS"], ["GENERAL_PURPOSE_MODELS"]],
        aws: [
          "aws:iam/policy:Policy",
          "aws:iam/role:Role",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        ],
      },
    );
  });

  it("keeps the OpenAI key, the AWS secret and the admin key out of the stack export", async () => {
    const exported = await exportStack(sandbox, stack);
    assert.deepStrictEqual(
      [OPENAI_KEY, AWS_SECRET, ADMIN_KEY].filter((s) => exported.text.includes(s)),
      [],
    );
  });

  it("finds nothing changed on refresh", async () => {
    const refresh = await stack.refresh();
    assert.deepStrictEqual(refresh.summary.resourceChanges, { same: 11 });
  });

  it("previews no changes after refresh", async () => {
    assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 11 });
  });

  it("unassigns, deletes both registrations and the IAM resources on destroy", async () => {
    const destroy = await stack.destroy();
    const unleash = await requireUnleash();
    assert.deepStrictEqual(
      {
        changes: destroy.summary.resourceChanges,
        kindo: await kindoModels(),
        features: await Promise.all(ids.map((id) => featuresListing(unleash, id))),
        aws: awsResourceTypes(),
      },
      { changes: { delete: 11 }, kindo: [], features: [[], []], aws: [] },
    );
  });
});
