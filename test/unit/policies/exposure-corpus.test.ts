/**
 * The exposure cases of the policy corpus (source "issue-19": the bypasses of
 * vllm-endpoint-public-without-auth and its false positive): the pack and `kindo-models lint`
 * each report exactly the labelled rules, with the same messages.
 */
import assert from "node:assert/strict";
import { judgeManifests } from "../../../knowledge/rules";
import { corpusObjects, loadCorpus } from "../../support/vllm-corpus";
import { packViolations } from "./support/corpus-pack";

const CASES = loadCorpus().filter((e) => e.source === "issue-19");

describe("the exposure cases of the policy corpus", () => {
  it("covers the seven bypasses and the envFrom false positive", () => {
    assert.deepStrictEqual(
      CASES.map((e) => e.id),
      [
        "exposure-empty-api-key",
        "exposure-gateway-httproute",
        "exposure-namespace-omitted",
        "exposure-external-ips",
        "exposure-daemonset",
        "exposure-native-sidecar",
        "exposure-cli-main-launcher",
        "exposure-key-from-envfrom-secret",
      ],
    );
  });

  for (const e of CASES) {
    const verdict =
      e.expected.length === 0 ? "reports nothing" : `reports exactly ${e.expected.join(", ")}`;
    it(`${verdict} on ${e.id} through the pack and through lint`, async () => {
      const pack = await packViolations(e);
      const lint: Record<string, string[]> = {};
      for (const f of judgeManifests(corpusObjects(e)).findings)
        (lint[f.rule] ??= []).push(f.message);
      assert.deepStrictEqual(
        { pack: Object.keys(pack).sort(), lint },
        { pack: [...e.expected].sort(), lint: pack },
      );
    });
  }
});
