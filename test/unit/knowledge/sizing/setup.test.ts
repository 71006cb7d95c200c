import assert from "node:assert/strict";
import { resolveSetup } from "../../../../knowledge/sizing";
import { validSetup } from "../../../support/factories/sizing";

describe("resolveSetup scheduler defaults on V0", () => {
  it("turns chunked prefill on past 32K tokens with a 2,048-token budget when the flag is not given", () => {
    const s = resolveSetup(validSetup({ vllmVersion: "0.6.4", maxModelLen: 131072 }));
    assert.deepEqual([s.engine, s.maxNumBatchedTokens], ["v0", 2048]);
  });

  it("batches a whole max-model-len prompt when chunked prefill is turned off", () => {
    const s = resolveSetup(
      validSetup({ vllmVersion: "0.6.4", maxModelLen: 131072, enableChunkedPrefill: false }),
    );
    assert.deepEqual([s.engine, s.maxNumBatchedTokens], ["v0", 131072]);
  });
});
