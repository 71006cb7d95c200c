import assert from "node:assert/strict";
import {
  diffKindoModel,
  editIds,
  findDrift,
  formatPayloadIds,
  hasDrift,
  keepRecordedOrder,
  parsePayloadIds,
} from "../../../../../components/dynamic/kindo-model/diff";
import { planKindoModel } from "../../../../../components/dynamic/kindo-model/args";
import { validKindoModelInputs } from "../../../../support/factories/kindo";

function fields() {
  const p = planKindoModel(validKindoModelInputs());
  if (!p.ok) throw new Error("factory invalid");
  return p.plan.fields;
}

describe("editIds", () => {
  it("appends an id once and keeps the others in order", () => {
    assert.deepStrictEqual(editIds(["a", "m", "b"], "m", true), ["a", "b", "m"]);
  });
  it("removes every copy of an id", () => {
    assert.deepStrictEqual(editIds(["m", "a", "m"], "m", false), ["a"]);
  });
});

describe("payload formats", () => {
  it("round-trips a JSON list", () => {
    assert.deepStrictEqual(
      parsePayloadIds(formatPayloadIds(["a", "b"], "json-list"), "json-list"),
      ["a", "b"],
    );
  });
  it("reads a csv payload", () => {
    assert.deepStrictEqual(parsePayloadIds("a, b,,c", "csv"), ["a", "b", "c"]);
  });
  it("rejects a JSON payload that is not a list of ids", () => {
    assert.throws(() => parsePayloadIds('{"a":1}', "json-list"), {
      message: 'The variant payload "{\\"a\\":1}" is not a JSON list of model ids.',
    });
  });
});

describe("diffKindoModel", () => {
  const state = { kindoUrl: "http://k", unleashUrl: "http://u", fields: fields(), features: ["A"] };
  it("reports no change for the same state", () => {
    assert.deepStrictEqual(diffKindoModel(state, { ...state }), {
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
  it("updates in place when a field changes", () => {
    assert.deepStrictEqual(
      diffKindoModel(state, { ...state, fields: { ...state.fields, displayName: "x" } }),
      { changes: true, replaces: [], deleteBeforeReplace: false },
    );
  });
  it("replaces, deleting first, when the Kindo URL changes", () => {
    assert.deepStrictEqual(diffKindoModel(state, { ...state, kindoUrl: "http://k2" }), {
      changes: true,
      replaces: ["kindo"],
      deleteBeforeReplace: true,
    });
  });
});

describe("findDrift", () => {
  it("reports fields and features that differ, ignoring write-only credentials", () => {
    const f = fields();
    const observed = {
      fields: {
        ...f,
        displayName: "Renamed",
        litellmParams: { model: f.litellmParams.model, api_base: f.litellmParams.api_base },
      },
      features: ["B"],
    };
    assert.deepStrictEqual(findDrift({ fields: f, features: ["A"] }, observed), {
      deleted: false,
      changedFields: ["displayName"],
      missingFeatures: ["A"],
      extraFeatures: ["B"],
    });
  });
});

describe("hasDrift", () => {
  const none = { deleted: false, changedFields: [], missingFeatures: [], extraFeatures: [] };
  it("reports no drift when nothing differs", () => {
    assert.equal(hasDrift(none), false);
  });
  it("reports drift when one feature is missing", () => {
    assert.equal(hasDrift({ ...none, missingFeatures: ["TOOL_CALLING_MODELS"] }), true);
  });
});

describe("keepRecordedOrder", () => {
  it("keeps the recorded order of the observed features and appends extra ones sorted", () => {
    assert.deepStrictEqual(
      keepRecordedOrder(
        ["TOOL_CALLING_MODELS", "GENERAL_PURPOSE_MODELS", "INGESTION_WORKERS"],
        [
          "MULTIMODAL_MODELS",
          "GENERAL_PURPOSE_MODELS",
          "DEFAULT_WORKFLOW_STEP_MODEL",
          "TOOL_CALLING_MODELS",
        ],
      ),
      [
        "TOOL_CALLING_MODELS",
        "GENERAL_PURPOSE_MODELS",
        "DEFAULT_WORKFLOW_STEP_MODEL",
        "MULTIMODAL_MODELS",
      ],
    );
  });
});
