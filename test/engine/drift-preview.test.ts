/**
 * Drift has its reason at preview: after `refresh` found that Kindo or the server was changed by
 * hand, `pulumi preview --diff` names the drifted property of KindoModel and ModelVerification
 * with the observed and the expected value, and shows no secret.
 */
import assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import {
  createLocalBackend,
  createStackFor,
  removeLocalBackend,
  type LocalBackend,
} from "../../stacks/automation";
import { startLocalEnvironment, type LocalEnvironment } from "../../sim/local-environment";
import { requireUnleash } from "../support/unleash";

/** A resource's header line in `--diff` output, e.g. `~ pulumi-nodejs:dynamic/...:KindoModel: (update)`. */
const HEADER = /^\s*(?:[~+-]\s+)?[\w-]+:[\w/.-]+:\w+: \(/;

/** The changed values (`~ key: old => new`, unaligned) in the `--diff` block of one dynamic type. */
function changedLinesOf(stdout: string, type: string): string[] {
  const lines = stdout.split("\n");
  const start = lines.findIndex((l) => l.includes(`:dynamic/kindo-models:${type}: (`));
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => HEADER.test(l) || l.includes("--outputs:--"));
  return rest
    .slice(0, end < 0 ? rest.length : end)
    .map((l) => l.trim().replace(/^(~ \S+)\s+:/, "$1:"))
    .filter((l) => /^~ \S+: .* => /.test(l));
}

describe("drift at preview on the real engine", function () {
  this.timeout(600_000);
  let env: LocalEnvironment;
  let backend: LocalBackend;
  let stack: Stack;
  const previews: string[] = [];

  async function kindoModelIds(): Promise<string[]> {
    const res = await fetch(`${env.kindo.url}/v1/admin/models`, {
      headers: { authorization: `Bearer ${env.kindoAdminKey}` },
    });
    return ((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id);
  }

  before(async () => {
    await requireUnleash();
    env = await startLocalEnvironment();
    Object.assign(process.env, env.secrets);
    backend = await createLocalBackend("engine-tests", "kindo-models-drift-preview");
    const config = env.stackConfig() as { models: { name: string }[] };
    const healthy = { ...config, models: config.models.filter((m) => m.name === "llama-8b") };
    stack = await createStackFor(backend, "local", () => healthy);
    await stack.up();
  });

  after(async () => {
    await env?.close();
    await removeLocalBackend(backend);
  });

  it("names the Kindo field changed by hand with the observed and the expected value", async () => {
    const [id] = await kindoModelIds();
    await fetch(`${env.kindo.url}/v1/admin/models/${id ?? ""}`, {
      method: "PATCH",
      headers: {
        authorization: `Bearer ${env.kindoAdminKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ contextWindow: 8192 }),
    });
    await stack.refresh();
    const preview = await stack.preview({ diff: true });
    previews.push(preview.stdout);
    await stack.up();
    assert.deepStrictEqual(changedLinesOf(preview.stdout, "KindoModel"), [
      "~ contextWindow: 8192 => 131072",
    ]);
  });

  it("names the failing probe with what it found and that it must pass", async () => {
    env.healthy.setConfig({ maxModelLen: 8192 });
    await stack.refresh();
    const preview = await stack.preview({ diff: true });
    previews.push(preview.stdout);
    assert.deepStrictEqual(changedLinesOf(preview.stdout, "ModelVerification"), [
      '~ models: "fails: max_model_len is 8192 but 131072 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 131072 or expect 8192" => "passes"',
    ]);
  });

  it("shows no secret in either preview", () => {
    const leaked = Object.entries(env.secrets)
      .filter(([, v]) => previews.some((p) => p.includes(v)))
      .map(([k]) => k);
    assert.deepStrictEqual({ previews: previews.length, leaked }, { previews: 2, leaked: [] });
  });
});
