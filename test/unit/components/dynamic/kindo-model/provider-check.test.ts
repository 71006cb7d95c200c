import assert from "node:assert/strict";
import { kindoModelProvider } from "../../../../../components/dynamic/kindo-model/provider";
import { validKindoModelInputs } from "../../../../support/factories/kindo";

describe("kindoModelProvider.check", () => {
  it("writes the planned context window (the verified max_model_len) into the inputs", async () => {
    const news = validKindoModelInputs();
    assert.deepStrictEqual(await kindoModelProvider.check!({} as never, news), {
      inputs: { ...news, contextWindow: 131072 },
    });
  });

  it("keeps a context window the program set", async () => {
    const news = validKindoModelInputs({ contextWindow: 131072 });
    assert.deepStrictEqual(await kindoModelProvider.check!({} as never, news), { inputs: news });
  });
});
