/**
 * `npm run demo`: the whole flow on this machine. Starts two simulated vLLM endpoints (one
 * healthy, one missing its tool-call parser), the Kindo admin API simulator and a real Unleash;
 * previews the `local` stack with the policy pack; runs `pulumi up` (the broken endpoint is caught
 * by verification, the healthy one is verified and registered); prints a report; destroys.
 * Exit 0 when every step behaved as described. scripts/demo.sh installs what is missing first.
 *
 * Ctrl-C (SIGINT) at any step stops the running pulumi operation (it gets the terminal's SIGINT
 * itself, or through the Automation API's abort signal when the SIGINT reached this process alone,
 * and ends its plugins), closes the simulators, removes the temporary backend and the simulators'
 * folder, and exits 130.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import {
  createLocalBackend,
  createStackFor,
  POLICY_PACK,
  removeLocalBackend,
  type LocalBackend,
} from "../stacks/automation";
import { startLocalEnvironment, type LocalEnvironment } from "../sim/local-environment";
import { featuresListing } from "../sim/kindo/unleash-features";
import { createLineFilter } from "./demo-output";

const started = Date.now();
const checks: { what: string; ok: boolean }[] = [];
const interruption = new AbortController();
let interrupted = false;
let stage = "starting";

/**
 * How long pulumi may take to cancel on the Ctrl-C it got itself before the abort signal sends it
 * one: pulumi runs in the demo's process group, so a terminal's Ctrl-C reaches it directly, and a
 * second SIGINT makes it exit at once, before it ends its plugins, which it starts in process groups
 * of their own (the dynamic provider was left running). The signal is for a SIGINT sent to this
 * process alone. Pulumi gives its plugins 5 s to stop before it kills them.
 */
const PULUMI_CANCEL_GRACE_MS = 20_000;

class Interrupted extends Error {}

process.on("SIGINT", () => {
  if (interrupted) return;
  interrupted = true;
  process.stdout.write(
    `\ndemo: interrupted during "${stage}": stopping pulumi and the simulators, removing the temporary backend\n`,
  );
  setTimeout(() => interruption.abort(), PULUMI_CANCEL_GRACE_MS).unref();
});

/** Stops the demo here when Ctrl-C was pressed; cleanup runs in the callers' `finally`. */
function checkpoint(): void {
  if (interrupted) throw new Interrupted();
}

function step(title: string): void {
  checkpoint();
  stage = title;
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`\n[${t}s] ── ${title}\n`);
}

function check(what: string, ok: boolean): void {
  checks.push({ what, ok });
  process.stdout.write(`  ${ok ? "✔" : "✘"} ${what}\n`);
}

function indent(text: string): void {
  for (const line of text.split("\n"))
    if (line.trim() !== "") process.stdout.write(`    │ ${line}\n`);
}

interface KindoModelRecord {
  id: string;
  litellmModelName: string;
  contextWindow: number;
}

async function kindoModels(env: LocalEnvironment): Promise<KindoModelRecord[]> {
  const res = await fetch(`${env.kindo.url}/v1/admin/models`, {
    headers: { authorization: `Bearer ${env.kindoAdminKey}` },
  });
  const body = (await res.json()) as { data?: KindoModelRecord[] };
  return body.data ?? [];
}

/** Evidence the ModelVerification of `name` recorded in state (no secrets: export without --show-secrets). */
async function evidenceOf(
  stack: Stack,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  const state = await stack.exportStack();
  const r = state.deployment.resources?.find((x: { urn: string }) =>
    x.urn.endsWith(`::${name}-verification`),
  );
  return r?.outputs as Record<string, unknown> | undefined;
}

/**
 * Runs one engine operation with its output shown line by line (no progress dots), a line every
 * 10 s when the engine is quiet, and Ctrl-C passed to pulumi (see PULUMI_CANCEL_GRACE_MS).
 */
async function engine<T>(
  label: string,
  op: (o: { onOutput: (s: string) => void; signal: AbortSignal }) => Promise<T>,
): Promise<T> {
  const filter = createLineFilter("    │ ", (t) => process.stdout.write(t));
  const t0 = Date.now();
  const heartbeat = setInterval(() => {
    if (Date.now() - filter.lastWriteMs() >= 10_000)
      process.stdout.write(`    … ${label}: ${Math.round((Date.now() - t0) / 1000)} s\n`);
  }, 10_000);
  try {
    return await op({ onOutput: (s) => filter.push(s), signal: interruption.signal });
  } catch (e) {
    checkpoint(); // an aborted operation is the interruption, not a failure of the demo
    throw e;
  } finally {
    clearInterval(heartbeat);
    filter.flush();
  }
}

async function run(env: LocalEnvironment, backend: LocalBackend): Promise<void> {
  Object.assign(process.env, env.secrets);
  const stack = await createStackFor(backend, "local", () => env.stackConfig());

  step("pulumi preview --policy-pack policies (the org's guardrails judge the plan)");
  const preview = await engine("preview", (o) =>
    stack.preview({ policyPacks: [POLICY_PACK], ...o }),
  );
  // A mandatory violation would have thrown; the pack's name in the output shows it ran.
  check(
    "preview ran the policy pack with no mandatory violation",
    preview.stdout.includes("kindo-models-guardrails"),
  );

  step("pulumi up: verify each endpoint, register only what passed");
  let upError = "";
  try {
    // One model failing must not cancel the others: the healthy one still gets registered.
    await engine("up", (o) =>
      stack.up({ policyPacks: [POLICY_PACK], continueOnError: true, ...o }),
    );
  } catch (e) {
    if (e instanceof Interrupted) throw e;
    upError = e instanceof Error ? e.message : String(e);
  }
  check(
    "up fails for qwen3-8b, started without a tool-call parser",
    /qwen3-8b/.test(upError) && /tool/i.test(upError),
  );
  const diagnosis = upError.split("\n").find((l) => /tool/i.test(l) && /parser|auto/i.test(l));
  if (diagnosis) indent(`diagnosis: ${diagnosis.trim()}`);

  step("report");
  const models = await kindoModels(env);
  const llama = models.find((m) => m.litellmModelName === "llama-3.1-8b");
  check("llama-3.1-8b is registered in Kindo", llama !== undefined);
  check(
    "qwen3-8b is not registered in Kindo",
    !models.some((m) => m.litellmModelName === "qwen3-8b"),
  );
  if (llama) {
    const features = await featuresListing(env.unleash, llama.id);
    const ev = (await evidenceOf(stack, "llama-8b")) ?? {};
    indent(
      [
        `model            llama-3.1-8b (Kindo id ${llama.id})`,
        `max_model_len    ${String(ev["servedMaxModelLen"])} tokens (Kindo contextWindow ${llama.contextWindow})`,
        `probes passed    ${(ev["probesPassed"] as string[] | undefined)?.join(", ") ?? "-"}`,
        `TTFT             ${String(ev["ttftMs"])} ms`,
        `tokens/s         ${String(ev["tokensPerSecond"])}`,
        `features         ${features.join(", ")}`,
      ].join("\n"),
    );
    check(
      "contextWindow equals the verified max_model_len",
      llama.contextWindow === ev["servedMaxModelLen"],
    );
    check(
      "assigned to TOOL_CALLING_MODELS and GENERAL_PURPOSE_MODELS",
      features.join() === "GENERAL_PURPOSE_MODELS,TOOL_CALLING_MODELS",
    );
  }

  step("pulumi destroy: Unleash assignments first, then the model");
  await engine("destroy", (o) => stack.destroy(o));
  const after = await kindoModels(env);
  check("Kindo holds no model after destroy", after.length === 0);
  if (llama)
    check(
      "no Unleash variant lists the model after destroy",
      (await featuresListing(env.unleash, llama.id)).length === 0,
    );
}

async function main(): Promise<void> {
  step("starting sim/vllm ×2, sim/kindo, seeding the real Unleash");
  const env = await startLocalEnvironment();
  let backend: LocalBackend | undefined;
  try {
    checkpoint();
    indent(
      `healthy vLLM  ${env.healthy.url}  (llama-3.1-8b, --tool-call-parser llama3_json)\nbroken vLLM   ${env.broken.url}  (qwen3-8b, no tool-call parser)\nKindo API     ${env.kindo.url}\nUnleash       ${env.unleash.url}`,
    );
    backend = await createLocalBackend("demo", "kindo-models-demo");
    checkpoint();
    await run(env, backend);
  } finally {
    try {
      await env.close();
    } finally {
      await removeLocalBackend(backend);
    }
  }
  const failed = checks.filter((c) => !c.ok);
  step(
    failed.length === 0
      ? `demo finished: all ${checks.length} checks passed`
      : `demo finished: ${failed.length} of ${checks.length} checks failed`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((e: unknown) => {
  if (interrupted) {
    process.stdout.write(
      "demo: stopped; nothing is left running and no temporary folder is left\n",
    );
    process.exit(130);
  }
  process.stderr.write(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
