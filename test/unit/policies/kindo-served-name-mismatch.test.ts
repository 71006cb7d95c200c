/** `kindo-served-name-mismatch` (stack policy): A KindoModel must route with a name its vLLM server serves. Compliant stack first, then one changed field. */
import assert from "node:assert/strict";
import { runStackPolicy } from "./support/policy-harness";
import { KINDO_MODEL_TYPE } from "../../../components/dynamic/kindo-model/resource";
import { UNKNOWN } from "./support/policy-harness";
import { kindoModel, policy, stack } from "./support/stack-case";

describe("kindo-served-name-mismatch", () => {
  it("passes a registration that routes with the served name", async () => {
    assert.deepStrictEqual(
      await runStackPolicy(policy("kindo-served-name-mismatch"), stack(kindoModel())),
      { violations: [] },
    );
  });

  it("reports a serving name the server does not serve", async () => {
    const r = await runStackPolicy(
      policy("kindo-served-name-mismatch"),
      stack(
        kindoModel({
          litellmParams: { model: "openai/llama-8b", api_base: "http://llama.models:8000/v1" },
        }),
      ),
    );
    assert.deepStrictEqual(r, {
      violations: [
        {
          urn: `urn:pulumi:test::test::${KINDO_MODEL_TYPE}::llama-kindo`,
          message:
            'KindoModel "llama-kindo" must route with a name the server serves; it sends "llama-8b", but Deployment "llama" serves "llama-3-1-8b", so every request fails with HTTP 404. Set the Kindo serving name to "llama-3-1-8b" or add it to --served-model-name.',
        },
      ],
    });
  });

  it("reports nothing while the registration's parameters are unknown", async () => {
    const r = await runStackPolicy(
      policy("kindo-served-name-mismatch"),
      stack(kindoModel({ litellmParams: UNKNOWN })),
    );
    assert.deepStrictEqual(r, { violations: [] });
  });
});
