/**
 * /v1/models: the served name is listed and max_model_len is the expected one. Pure.
 */
import { quoteList } from "../../knowledge/core";
import { describeFailure, excerpt, parseJsonBody } from "../diagnose";
import type { Exchange, ProbeVerdict } from "../types";
import { PASS, fail } from "./verdict";

/** What /v1/models says about the served model. */
export interface ModelsFacts {
  readonly servedModelNames: readonly string[];
  readonly maxModelLenTokens?: number;
  readonly root?: string;
}

/** /v1/models: the served name is listed and its max_model_len equals the expected one. */
export function judgeModels(
  ex: Exchange,
  baseUrl: string,
  model: string,
  expectedMaxModelLen: number | undefined,
): { verdict: ProbeVerdict; facts?: ModelsFacts } {
  const failure = describeFailure(ex, baseUrl, model);
  if (failure !== undefined || ex.kind !== "response")
    return { verdict: fail(failure ?? "no response") };
  const parsed = parseJsonBody(ex);
  if (!parsed.ok) return { verdict: fail(parsed.diagnosis) };
  const data = parsed.body["data"];
  if (!Array.isArray(data))
    return {
      verdict: fail(
        `GET /v1/models: the response has no "data" list ("${excerpt(ex.bodyText, 60)}")`,
      ),
    };
  const cards = data.filter(
    (c): c is Record<string, unknown> => c !== null && typeof c === "object",
  );
  const names = cards.map((c) => String(c["id"]));
  const card = cards.find((c) => c["id"] === model);
  if (card === undefined) {
    const listed = names.length === 0 ? "no models" : quoteList(names);
    return {
      verdict: fail(
        `the server does not serve "${model}": /v1/models lists ${listed}; set --served-model-name ${model} or verify one of the listed names`,
      ),
      facts: { servedModelNames: names },
    };
  }
  const len = typeof card["max_model_len"] === "number" ? card["max_model_len"] : undefined;
  const facts: ModelsFacts = {
    servedModelNames: names,
    ...(len === undefined ? {} : { maxModelLenTokens: len }),
    ...(typeof card["root"] === "string" ? { root: card["root"] } : {}),
  };
  if (expectedMaxModelLen !== undefined && len !== undefined && len !== expectedMaxModelLen) {
    return {
      verdict: fail(
        `max_model_len is ${len} but ${expectedMaxModelLen} was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len ${expectedMaxModelLen} or expect ${len}`,
      ),
      facts,
    };
  }
  return { verdict: PASS, facts };
}
