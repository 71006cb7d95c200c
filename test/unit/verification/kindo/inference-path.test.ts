import assert from "node:assert/strict";
import {
  buildKindoAuthHeader,
  diagnoseKindoPath,
  type KindoPathContext,
} from "../../../../verification/kindo/inference-path";
import type { ProbeVerdict, SuiteReport } from "../../../../verification/types";

const PASS: ProbeVerdict = { passed: true };
const fail = (diagnosis: string): ProbeVerdict => ({ passed: false, diagnosis });
const CONNECTION =
  "POST /v1/chat/completions: endpoint answered 500: litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.";

function report(probes: SuiteReport["probes"]): SuiteReport {
  return {
    passed: Object.values(probes).every((v) => v?.passed === true),
    probes,
    evidence: { verifiedAt: "2026-11-25T04:00:00Z" },
  };
}

function validContext(overrides: Partial<KindoPathContext> = {}): KindoPathContext {
  return {
    kindoUrl: "http://kindo:8080",
    servingName: "llama4-scout",
    apiBase: "http://vllm.models.svc:8000/v1",
    routedModel: "llama4-scout",
    direct: { passed: true, servedModelNames: ["llama4-scout"] },
    ...overrides,
  };
}

const UNREACHABLE =
  "Kindo cannot reach http://vllm.models.svc:8000/v1: check DNS resolution from inside the cluster and firewall rules between the Kindo namespace and the endpoint (the guide's checks: kubectl run -it --rm dns-test --image=busybox -- nslookup vllm.models.svc; kubectl run -it --rm net-test --image=busybox -- wget -qO- http://vllm.models.svc:8000/v1/models)";

describe("diagnoseKindoPath", () => {
  it("passes a run where every probe passed", () => {
    assert.deepStrictEqual(
      diagnoseKindoPath(
        report({ health: PASS, models: PASS, completion: PASS, streaming: PASS }),
        validContext(),
      ),
      { passed: true, diagnoses: [] },
    );
  });

  it("gives one networking diagnosis for every probe that failed to reach the endpoint", () => {
    const r = report({
      health: PASS,
      models: PASS,
      completion: fail(CONNECTION),
      streaming: fail(CONNECTION),
    });
    assert.deepStrictEqual(diagnoseKindoPath(r, validContext()).diagnoses, [
      {
        kind: "endpoint-unreachable",
        message: `the endpoint passed direct verification but fails through Kindo: ${UNREACHABLE}`,
        probes: ["completion", "streaming"],
      },
    ]);
  });

  it("does not claim a passed direct stage that did not run", () => {
    const r = report({ health: PASS, models: PASS, completion: fail(CONNECTION) });
    assert.equal(
      diagnoseKindoPath(r, validContext({ direct: undefined })).diagnoses[0]?.message,
      `the model fails through Kindo: ${UNREACHABLE}`,
    );
  });

  it("names the served name as unknown when the direct stage did not list it", () => {
    const r = report({
      health: PASS,
      models: PASS,
      completion: fail(
        'the server does not serve "llama4-scout" (404: litellm.NotFoundError: NotFoundError: OpenAIException - The model `llama-4-scout` does not exist.); use a name from --served-model-name',
      ),
    });
    assert.equal(
      diagnoseKindoPath(r, validContext({ direct: undefined })).diagnoses[0]?.message,
      "Kindo routes `llama-4-scout` but the server does not serve it: served-model-name mismatch; set litellmParams.model to openai/<the --served-model-name>",
    );
  });

  it("says Kindo does not list the serving name", () => {
    const r = report({
      health: PASS,
      models: fail(
        'the server does not serve "llama4-scout": /v1/models lists "gpt-4o"; set --served-model-name llama4-scout or verify one of the listed names',
      ),
      completion: fail("not run: the models probe failed"),
    });
    assert.deepStrictEqual(diagnoseKindoPath(r, validContext()).diagnoses, [
      {
        kind: "not-listed",
        message:
          'Kindo does not list "llama4-scout" at /v1/models (it lists "gpt-4o"): the model is not registered under this serving name, or the API key\'s user cannot see it',
        probes: ["models"],
      },
    ]);
  });

  it("says Kindo itself does not answer", () => {
    const r = report({
      health: fail(
        "nothing listened at http://kindo:8080 within 30 s: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models",
      ),
    });
    assert.equal(diagnoseKindoPath(r, validContext()).diagnoses[0]?.kind, "kindo-unreachable");
  });

  it("passes any other failure on, marked as seen through Kindo", () => {
    const r = report({
      health: PASS,
      models: PASS,
      "tool-call": fail(
        "tool call came back as plain text: the server's --tool-call-parser does not match this model's output format",
      ),
    });
    assert.deepStrictEqual(diagnoseKindoPath(r, validContext()).diagnoses, [
      {
        kind: "probe",
        message:
          "through Kindo: tool call came back as plain text: the server's --tool-call-parser does not match this model's output format",
        probes: ["tool-call"],
      },
    ]);
  });
});

describe("buildKindoAuthHeader", () => {
  it("sends a Bearer token by default", () => {
    assert.deepStrictEqual(buildKindoAuthHeader("k-1"), {
      name: "authorization",
      value: "Bearer k-1",
    });
  });

  it("sends the api-key header in the older style", () => {
    assert.deepStrictEqual(buildKindoAuthHeader("k-1", "api-key"), {
      name: "api-key",
      value: "k-1",
    });
  });
});
