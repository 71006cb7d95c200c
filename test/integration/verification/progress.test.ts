/**
 * The suite talks while it waits: a progress line at least every 10 s during readiness (elapsed
 * time and the last answer), and while probes wait for answers. The readiness wait runs on a
 * clock that advances only when it sleeps, so the lines are exact and the test takes milliseconds.
 */
import assert from "node:assert/strict";
import { startVllmSim, type VllmSim } from "../../../sim/vllm";
import { createDispatcher } from "../../../verification/transport";
import { waitForReady, type Clock } from "../../../verification/readiness";
import { runProbeSuite } from "../../../verification/suite";
import {
  fastBudgets,
  validExpectations,
  validSimConfig,
  validTarget,
} from "../../support/factories/verification";

/** A clock that moves only when the wait sleeps. */
function steppedClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe("progress while verifying", () => {
  let sim: VllmSim;

  afterEach(async () => {
    await sim.close();
  });

  it("reports every 10 s of a readiness wait, with the elapsed time and the last answer", async () => {
    sim = await startVllmSim(validSimConfig({ engineDead: true }));
    const lines: string[] = [];
    const d = createDispatcher();
    try {
      await waitForReady(
        d,
        validTarget(sim.url),
        35_000,
        1_000,
        (l) => lines.push(l),
        steppedClock(),
      );
    } finally {
      await d.close();
    }
    const line = (elapsed: number) =>
      `waiting for ${sim.url}/health: ${elapsed} s elapsed, last answer HTTP 503; ${35 - elapsed} s of the start-up budget left`;
    assert.deepStrictEqual(lines, [line(0), line(10), line(20), line(30)]);
  });

  it("names the probes still waiting for an answer", async () => {
    sim = await startVllmSim(validSimConfig({ latency: { firstTokenMs: 400, tokenMs: 1 } }));
    const lines: string[] = [];
    await runProbeSuite(
      validTarget(sim.url),
      validExpectations({ maxModelLenTokens: undefined }),
      fastBudgets({ requestTimeoutMs: 5_000 }),
      { onProgress: (l) => lines.push(l), progressEveryMs: 50 },
    );
    assert.deepStrictEqual(
      lines[0],
      "waiting for completion, streaming, tool-call, long-context, context-limit: 0 s elapsed",
    );
  });
});
