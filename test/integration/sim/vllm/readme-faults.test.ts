/**
 * The vLLM simulator's fault example in sim/README.md, as written: its JSON config starts a
 * simulator that does what the README says it does.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { startVllmSim, type VllmSim } from "../../../../sim/vllm";
import type { VllmSimConfig } from "../../../../sim/vllm/config";

function readmeFaultConfig(): Partial<VllmSimConfig> {
  const text = readFileSync(
    path.resolve(__dirname, "..", "..", "..", "..", "sim", "README.md"),
    "utf8",
  );
  const block = /## Fault settings, by example[\s\S]*?```json\n([\s\S]*?)```/.exec(text)?.[1];
  if (block === undefined) throw new Error("sim/README.md has no fault example");
  return JSON.parse(block) as Partial<VllmSimConfig>;
}

describe("the fault example of sim/README.md", () => {
  let sim: VllmSim;
  before(async () => (sim = await startVllmSim(readmeFaultConfig())));
  after(() => sim?.close());

  function chat(stream: boolean): Promise<Response> {
    return fetch(`${sim.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-local-example", "content-type": "application/json" },
      body: JSON.stringify({
        model: "llama-3.1-8b",
        messages: [{ role: "user", content: "What is 2 + 2?" }],
        max_tokens: 8,
        stream,
      }),
    });
  }

  it("answers the first two chat completions with 503, then normally", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await chat(false)).status);
    assert.deepStrictEqual(statuses, [503, 503, 200]);
  });

  it("cuts a stream before it ends", async () => {
    const res = await chat(true);
    const outcome = await res.text().then(
      (body) => (body.includes("[DONE]") ? "complete" : "cut"),
      () => "cut",
    );
    assert.equal(outcome, "cut");
  });
});
