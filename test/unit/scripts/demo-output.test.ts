import assert from "node:assert/strict";
import { createLineFilter, isProgressNoise } from "../../../scripts/demo-output";

describe("createLineFilter", () => {
  it("writes whole engine lines, indented, without progress dots or @-progress lines", () => {
    const out: string[] = [];
    const filter = createLineFilter("    │ ", (t) => out.push(t));
    for (const chunk of [
      "Previewing update (local):\n",
      ".",
      ".",
      "\n",
      "@ previewing update....",
      "..\n",
      " +  pulumi:pulumi:Stack kindo-models-local create \n",
      " +  kindo-models:index:SelfHostedModel llama-8b ",
      "create \n",
      "Resources:\n    + 5 to create",
    ])
      filter.push(chunk);
    filter.flush();
    assert.deepStrictEqual(out, [
      "    │ Previewing update (local):\n",
      "    │  +  pulumi:pulumi:Stack kindo-models-local create\n",
      "    │  +  kindo-models:index:SelfHostedModel llama-8b create\n",
      "    │ Resources:\n",
      "    │     + 5 to create\n",
    ]);
  });
});

describe("isProgressNoise", () => {
  it("keeps a resource line that ends in dots of its own", () => {
    assert.equal(
      isProgressNoise(" ~  pulumi:pulumi:Stack kindo-models-local refreshing..."),
      false,
    );
  });
});
