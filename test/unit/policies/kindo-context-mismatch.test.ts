/** `kindo-context-mismatch` (stack policy): A KindoModel's contextWindow must equal its server's max-model-len. Compliant stack first, then one changed field. */
import assert from "node:assert/strict";
import { runStackPolicy } from "./support/policy-harness";
import { KINDO_MODEL_TYPE } from "../../../components/dynamic/kindo-model/resource";
import { kindoModel, policy, stack } from "./support/stack-case";

describe("kindo-context-mismatch", () => {
  it("passes a contextWindow equal to the server's max-model-len", async () => {
    assert.deepStrictEqual(
      await runStackPolicy(policy("kindo-context-mismatch"), stack(kindoModel())),
      { violations: [] },
    );
  });

  it("reports a contextWindow larger than the server's max-model-len", async () => {
    const r = await runStackPolicy(
      policy("kindo-context-mismatch"),
      stack(kindoModel({ contextWindow: 200000 })),
    );
    assert.deepStrictEqual(r, {
      violations: [
        {
          urn: `urn:pulumi:test::test::${KINDO_MODEL_TYPE}::llama-kindo`,
          message:
            'KindoModel "llama-kindo" must set contextWindow to the server\'s max-model-len; it sets 200,000 tokens, but Deployment "llama" runs with 131,072, so long conversations fail with HTTP 400 instead of being trimmed. Set contextWindow to 131072.',
        },
      ],
    });
  });
});
