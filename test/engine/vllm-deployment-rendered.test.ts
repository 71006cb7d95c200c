/**
 * SelfHostedModel with a VllmDeployment on the real engine and the real Kubernetes provider
 * (built by scripts/setup-k8s-provider.sh). No cluster exists here, so the provider renders the
 * manifests (`renderYamlToDirectory`) and sim/kubelet runs the rendered Deployment as a vLLM
 * simulator. A changed context must reach the server's flags and Kindo's context window in the
 * same `up`; destroy removes the manifests, the Unleash assignment and the model.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { Stack } from "@pulumi/pulumi/automation";
import { SelfHostedModel } from "../../components/model/self-hosted-model";
import type { UnleashConnection } from "../../components/dynamic/kindo-model/args";
import { startKindoSim, type KindoSim } from "../../sim/kindo";
import {
  readContainerArgv,
  runRenderedDeployment,
  type RenderedDeploymentRunner,
} from "../../sim/kubelet/rendered-deployment";
import { parseVllmFlags } from "../../knowledge/vllm";
import {
  createEngineSandbox,
  createInlineStack,
  removeEngineSandbox,
  requireKubernetesPlugin,
  runPulumi,
  type EngineSandbox,
} from "../support/engine";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../support/unleash";
import { validPoolContract } from "../support/factories/components";
import { KUBERNETES_PLUGIN } from "../../stacks/automation";

const ADMIN_KEY = "engine-render-admin-key-71c2";
const API_KEY = "sk-engine-render-vllm-5d0e";
/** SelfHostedModel "llama" names its VllmDeployment (and so the Deployment) "llama-vllm". */
const DEPLOYMENT = "llama-vllm";

interface KindoRecord {
  id: string;
  litellmModelName: string;
  contextWindow: number;
}

describe("VllmDeployment rendered by the real Kubernetes provider on the real engine", function () {
  this.timeout(600_000);
  let sandbox: EngineSandbox;
  let stack: Stack;
  let dir: string;
  let renderDir: string;
  let kindo: KindoSim;
  let unleash: UnleashConnection;
  let server: RenderedDeploymentRunner;
  let maxModelLen = 131072;

  async function kindoModels(): Promise<KindoRecord[]> {
    const res = await fetch(`${kindo.url}/v1/admin/models`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    return ((await res.json()) as { data: KindoRecord[] }).data;
  }

  function renderedMaxModelLen(): number | undefined {
    const argv = readContainerArgv(renderDir, DEPLOYMENT);
    return argv === undefined ? undefined : parseVllmFlags(argv).maxModelLen;
  }

  before(async function () {
    await requireKubernetesPlugin();
    unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-render-"));
    renderDir = path.join(dir, "rendered");
    kindo = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    server = await runRenderedDeployment({
      dir: renderDir,
      deploymentName: DEPLOYMENT,
      model: {
        apiKey: API_KEY,
        modelToolFormat: "llama3_json",
        latency: { firstTokenMs: 5, tokenMs: 1 },
      },
    });
    sandbox = await createEngineSandbox();
    stack = await createInlineStack(
      sandbox,
      "kindo-models-render",
      "engine",
      async () => {
        const render = new k8s.Provider("render", { renderYamlToDirectory: renderDir });
        const model = new SelfHostedModel(
          "llama",
          {
            model: "llama-3.1-8b-instruct",
            pool: validPoolContract(),
            maxModelLen,
            apiKey: pulumi.secret(API_KEY),
            deployment: { namespace: "models" },
            verificationBaseUrl: server.url,
            kindo: {
              api: { url: kindo.url, adminKey: ADMIN_KEY },
              unleash,
              features: ["GENERAL_PURPOSE_MODELS", "TOOL_CALLING_MODELS"],
            },
          },
          { providers: { kubernetes: render } },
        );
        return { verifiedMaxModelLen: model.verifiedMaxModelLen };
      },
      [KUBERNETES_PLUGIN],
    );
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
    await server?.close();
    await kindo?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("up renders the server with the planned context, verifies it and registers that context in Kindo", async () => {
    const up = await stack.up();
    assert.deepStrictEqual(
      [
        renderedMaxModelLen(),
        up.outputs["verifiedMaxModelLen"]?.value,
        (await kindoModels()).map((m) => [m.litellmModelName, m.contextWindow]),
      ],
      [131072, 131072, [["llama-3.1-8b-instruct", 131072]]],
    );
  });

  it("assigns the registered model to its features in the real Unleash", async () => {
    const [model] = await kindoModels();
    assert.deepStrictEqual(await featuresListing(unleash, model!.id), [
      "GENERAL_PURPOSE_MODELS",
      "TOOL_CALLING_MODELS",
    ]);
  });

  it("a changed context updates the server's --max-model-len and Kindo's context window in one up", async () => {
    maxModelLen = 65536;
    const up = await stack.up();
    assert.deepStrictEqual(
      [
        renderedMaxModelLen(),
        server.sim.config().maxModelLen,
        up.outputs["verifiedMaxModelLen"]?.value,
        (await kindoModels()).map((m) => m.contextWindow),
        server.rollouts(),
      ],
      [65536, 65536, 65536, [65536], 2],
    );
  });

  it("keeps the API key and admin key out of the exported state in plaintext", async () => {
    const r = await runPulumi(
      sandbox,
      ["stack", "export", "--stack", "engine"],
      stack.workspace.workDir,
    );
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepStrictEqual(
      [r.stdout.includes(API_KEY), r.stdout.includes(ADMIN_KEY), r.stdout.includes("llama-vllm")],
      [false, false, true],
    );
  });

  it("destroy removes the manifests, the Unleash assignment and the Kindo model", async () => {
    const [model] = await kindoModels();
    await stack.destroy();
    assert.deepStrictEqual(
      [
        readContainerArgv(renderDir, DEPLOYMENT),
        await kindoModels(),
        await featuresListing(unleash, model!.id),
      ],
      [undefined, [], []],
    );
  });
});
