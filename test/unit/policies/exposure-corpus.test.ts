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

describe("a server published through Envoy AI Gateway (llmaz's example)", () => {
  const entry = loadCorpus().find((e) => e.id === "llmaz-envoy-ai-gateway-qwen3-06b-t4");
  const rule = "vllm-endpoint-public-without-auth";

  it("is reported public without a key by the pack's stack policy and by lint alike", async () => {
    if (entry === undefined)
      throw new Error("corpus entry llmaz-envoy-ai-gateway-qwen3-06b-t4 is missing");
    const pack = (await packViolations(entry))[rule];
    const lint = judgeManifests(corpusObjects(entry))
      .findings.filter((f) => f.rule === rule)
      .map((f) => f.message);
    assert.deepStrictEqual(
      { pack, lint },
      {
        pack: [
          'vLLM container "model-runner" in Playground "qwen3-0--6b" must require an API key when it is reachable from outside the cluster; it is exposed by AIGatewayRoute "default-envoy-ai-gateway" and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.',
        ],
        lint: pack,
      },
    );
  });
});
