import assert from "node:assert/strict";
import {
  planKindoModel,
  validateKindoModelInputs,
} from "../../../../../components/dynamic/kindo-model/args";
import { validKindoModelInputs } from "../../../../support/factories/kindo";

describe("validateKindoModelInputs", () => {
  it("accepts the factory inputs and takes the context window from verification", () => {
    const planned = planKindoModel(validKindoModelInputs());
    assert.deepStrictEqual(
      planned.ok
        ? { contextWindow: planned.plan.fields.contextWindow, features: planned.plan.features }
        : planned.issues,
      { contextWindow: 131072, features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"] },
    );
  });

  it("rejects a model without its provider prefix", () => {
    const inputs = validKindoModelInputs();
    assert.deepStrictEqual(
      validateKindoModelInputs({
        ...inputs,
        litellmParams: { ...inputs.litellmParams, model: "llama-3.1-8b-instruct" },
      }),
      [
        {
          path: "litellmParams.model",
          message:
            '"llama-3.1-8b-instruct" lacks the "openai/" provider prefix that a vllm model needs. Use "openai/llama-3.1-8b-instruct".',
        },
      ],
    );
  });

  it("rejects a prefix that does not match the kind", () => {
    const inputs = validKindoModelInputs({ kind: "anthropic" });
    assert.deepStrictEqual(validateKindoModelInputs(inputs), [
      {
        path: "litellmParams.model",
        message:
          '"openai/llama-3.1-8b-instruct" lacks the "anthropic/" provider prefix that a anthropic model needs. Use "anthropic/llama-3.1-8b-instruct".',
      },
    ]);
  });

  it("rejects a context window of 0", () => {
    assert.deepStrictEqual(validateKindoModelInputs(validKindoModelInputs({ contextWindow: 0 })), [
      {
        path: "contextWindow",
        message:
          "0 is not a valid context window. Leave it unset to use the verified max_model_len (131072).",
      },
    ]);
  });

  it("rejects a context window typed by hand that differs from the verified one", () => {
    assert.deepStrictEqual(
      validateKindoModelInputs(validKindoModelInputs({ contextWindow: 8096 })),
      [
        {
          path: "contextWindow",
          message:
            "8096 differs from the verified max_model_len 131072; Kindo would send prompts the server rejects or cut conversations short. Leave contextWindow unset.",
        },
      ],
    );
  });

  it("rejects an unknown feature key", () => {
    assert.deepStrictEqual(
      validateKindoModelInputs(validKindoModelInputs({ features: ["TOOL_CALLING_MODEL"] })),
      [
        {
          path: "features[0]",
          message:
            '"TOOL_CALLING_MODEL" is not a Kindo feature key. Use one of "AGENT_MODEL", "API_STEP_GENERATION", "AUDIO_TRANSCRIPTION", ' +
            '"CRON_EXPRESSION_GENERATION", "DEFAULT_WORKFLOW_STEP_MODEL", "DYNAMIC_API_REQUEST_PARSER", "EMBEDDING_MODELS", ' +
            '"GEMINI_CHAT_MODELS", "GENERAL_PURPOSE_MODELS", "INGESTION_WORKERS", "INTERNAL_AUTO_GENERATION", "INTERNAL_LARGE_WORKER", ' +
            '"INTERNAL_SMALL_WORKER", "LOCAL_STORAGE_CHAT_ACTIONS_MODELS", "LOCAL_STORAGE_CHAT_MODELS", "LONG_CONTEXT_MODELS", ' +
            '"MULTIMODAL_MODELS", "REASONING_MODELS", "SLACK_MESSAGE_GENERATION", "STREAMING_UNSUPPORTED_MODELS" or "TOOL_CALLING_MODELS".',
        },
      ],
    );
  });

  it("rejects a serving name with spaces", () => {
    const inputs = validKindoModelInputs({ litellmModelName: "llama 3.1 8b" });
    assert.deepStrictEqual(validateKindoModelInputs(inputs), [
      {
        path: "litellmModelName",
        message:
          '"llama 3.1 8b" is not a valid serving name: it must be non-empty and contain no spaces. Use the vLLM --served-model-name, e.g. "llama-3.1-8b".',
      },
    ]);
  });

  it("rejects a serving name that differs from the served model name", () => {
    assert.deepStrictEqual(
      validateKindoModelInputs(validKindoModelInputs({ litellmModelName: "llama-8b" })),
      [
        {
          path: "litellmModelName",
          message:
            '"llama-8b" does not match the served model name "llama-3.1-8b-instruct" that verification used, so Kindo could not route to it. Set litellmModelName to "llama-3.1-8b-instruct" or change --served-model-name.',
        },
      ],
    );
  });

  it("accepts a Kindo name other than the provider's model id for a provider API", () => {
    const inputs = validKindoModelInputs({
      kind: "bedrock",
      litellmModelName: "claude-sonnet-4",
      litellmParams: {
        model: "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0",
        aws_region_name: "us-east-1",
      },
      verification: {
        maxModelLen: 200_000,
        toolCallingPassed: true,
        servedModelName: "us.anthropic.claude-sonnet-4-20250514-v1:0",
        verifiedAt: "2026-11-25T04:00:00Z",
      },
    });
    assert.deepStrictEqual(validateKindoModelInputs(inputs), []);
  });

  it("refuses TOOL_CALLING_MODELS when the tool-call probe failed", () => {
    const inputs = validKindoModelInputs();
    assert.deepStrictEqual(
      validateKindoModelInputs({
        ...inputs,
        verification: { ...inputs.verification, toolCallingPassed: false },
      }),
      [
        {
          path: "features[0]",
          message:
            "TOOL_CALLING_MODELS needs a passed tool-call probe, and verification reports it failed. Fix the tool-call parser or drop the feature.",
        },
      ],
    );
  });

  it("refuses MULTIMODAL_MODELS for a model whose catalog entry takes no images", () => {
    assert.deepStrictEqual(
      validateKindoModelInputs(validKindoModelInputs({ features: ["MULTIMODAL_MODELS"] })),
      [
        {
          path: "features[0]",
          message:
            "MULTIMODAL_MODELS is only for models whose catalog entry takes images, and this one does not. Drop the feature.",
        },
      ],
    );
  });

  it("reports every issue at once", () => {
    const inputs = validKindoModelInputs({
      contextWindow: 0,
      features: ["NOPE"],
      costTier: "CHEAP" as "LOW",
    });
    assert.deepStrictEqual(
      validateKindoModelInputs(inputs).map((i) => i.path),
      ["contextWindow", "features[0]", "costTier"],
    );
  });
});
