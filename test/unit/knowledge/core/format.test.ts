/** Formatting shared by every exit: thousands separators without ICU. */
import assert from "node:assert/strict";
import { groupDigits, joinList, quoteList } from "../../../../knowledge/core/format";

describe("groupDigits", () => {
  it("groups thousands the way en-US does", () => {
    assert.deepStrictEqual([0, 999, 1000, 131072, 134217728, -1234567, 1.5].map(groupDigits), [
      "0",
      "999",
      "1,000",
      "131,072",
      "134,217,728",
      "-1,234,567",
      "1.5",
    ]);
  });
});

describe("joinList", () => {
  it("joins one, two and three names as a sentence does", () => {
    assert.deepStrictEqual(
      [[], ["A"], ["A", "B"], ["A", "B", "C"]].map((names) => joinList(names)),
      ["", "A", "A or B", "A, B or C"],
    );
  });

  it("quotes the same way in quoteList, with the conjunction given", () => {
    assert.equal(quoteList(["a", 2, "c"], "and"), '"a", 2 and "c"');
  });
});
