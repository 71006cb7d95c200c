/** The parser vLLM documents for a catalog model, for tool-call diagnoses (ModelVerification and `verify`). */
import { findModel } from "../knowledge/catalog/model-lookup";
import type { ModelSpec } from "../knowledge/catalog/model-types";
import type { ToolParserHint } from "./types";

/** The documented parsers of a resolved model, for tool-call diagnoses. */
export function buildToolParserHint(m: ModelSpec): ToolParserHint | undefined {
  return m.toolCalling.parsers.length === 0
    ? undefined
    : { modelName: m.displayName, parsers: [...m.toolCalling.parsers] };
}

/** The documented parsers for a catalog model, for tool-call diagnoses. */
export function findToolParserHint(modelId: string): ToolParserHint | undefined {
  const m = findModel(modelId);
  return m === undefined ? undefined : buildToolParserHint(m);
}
