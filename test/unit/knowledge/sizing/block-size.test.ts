import assert from "node:assert/strict";
import { findAcceptedBlockSizes } from "../../../../knowledge/sizing";

describe("findAcceptedBlockSizes", () => {
  const cases: [string, readonly number[] | "any"][] = [
    // argparse choices before 0.6.4
    ["0.4.3", [8, 16, 32]],
    ["0.6.3", [8, 16, 32]],
    // 0.6.4 widened them, 0.6.5 narrowed them again, 0.6.6 widened them for good
    ["0.6.4.post1", [8, 16, 32, 64, 128]],
    ["0.6.5", [8, 16, 32]],
    ["0.7.0", [8, 16, 32, 64, 128]],
    // the BlockSize Literal
    ["0.8.5", [1, 8, 16, 32, 64, 128]],
    ["0.11.0", [1, 8, 16, 32, 64, 128]],
    ["0.11.1", [1, 8, 16, 32, 64, 128, 256]],
    ["0.17.1", [1, 8, 16, 32, 64, 128, 256]],
    // any positive integer
    ["0.18.0", "any"],
    ["0.27.1", "any"],
  ];
  for (const [version, want] of cases) {
    it(`gives vLLM ${version} its block sizes`, () =>
      assert.deepStrictEqual(findAcceptedBlockSizes(version), want));
  }
});
