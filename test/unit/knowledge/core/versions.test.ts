import { strict as assert } from "node:assert";
import { compareVersions } from "../../../../knowledge/core";

describe("compareVersions", () => {
  // Each pair is in release order.
  const ordered: [string, string][] = [
    ["0.10.1.1", "0.11.0"],
    ["0.6.1", "0.6.1.post1"],
    ["0.6.1.post1", "0.6.1.post2"],
    ["0.6.1.post2", "0.6.2"],
    ["v0.9.0", "0.10.0"],
  ];
  for (const [older, newer] of ordered) {
    it(`orders ${older} before ${newer}`, () => {
      assert.ok(compareVersions(older, newer) < 0);
      assert.ok(compareVersions(newer, older) > 0);
    });
  }

  it("treats a leading v and a missing patch as the same release", () => {
    assert.equal(compareVersions("v0.11", "0.11.0"), 0);
  });
});
