import assert from "node:assert/strict";
import { judgeCase } from "../../support/adversarial/outcome";
import { listServerCases } from "../../support/adversarial/server-cases";

// Each case: a hostile server on loopback (echoing the credentials, redirecting to a collector,
// sending a gigabyte, an endless stream, a 20 MB error or malformed JSON) against one client of
// this library. The same table is `npm run bench:adversarial`'s, with the CLI cases added there.
describe("clients of this library against hostile servers", function () {
  this.timeout(180000);
  for (const c of listServerCases()) {
    it(`${c.name}: leaks no secret, follows no redirect, reports instead of crashing, reads within bounds`, async () => {
      const v = await judgeCase(c);
      assert.deepStrictEqual(
        { secretLeak: v.secretLeak, crash: v.crash, unbounded: v.unbounded, handled: v.handled },
        { secretLeak: false, crash: false, unbounded: false, handled: true },
        v.excerpt,
      );
    });
  }
});
