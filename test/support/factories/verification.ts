/**
 * Happy-path factories for the vLLM simulator and the probe suite: a Llama 3.1 8B server with a
 * 2,048-token window (small, so long-context prompts stay cheap), the matching tool parser and an
 * API key, and the expectations and short budgets that verify it.
 */
import { defaultSimConfig, type VllmSimConfig } from "../../../sim/vllm/config";
import type { VerificationInputs } from "../../../components/dynamic/model-verification/args";
import type { ProbeBudgets, ProbeExpectations, ProbeTarget } from "../../../verification/types";

/** The API key of the factory server. */
export const SIM_API_KEY = "sk-sim-7d1e0c5a";

export const SIM_MODEL = "llama-3.1-8b";

export function validSimConfig(overrides: Partial<VllmSimConfig> = {}): Partial<VllmSimConfig> {
  return {
    ...defaultSimConfig({ servedModelNames: [SIM_MODEL], maxModelLen: 2048, apiKey: SIM_API_KEY }),
    ...overrides,
  };
}

export function validTarget(baseUrl: string, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    baseUrl,
    model: SIM_MODEL,
    authHeader: { name: "authorization", value: `Bearer ${SIM_API_KEY}` },
    ...overrides,
  };
}

export function validExpectations(overrides: Partial<ProbeExpectations> = {}): ProbeExpectations {
  return {
    maxModelLenTokens: 2048,
    toolCalling: true,
    toolCallParser: "llama3_json",
    toolParserHint: { modelName: "Llama 3.1 8B Instruct", parsers: ["llama3_json"] },
    ...overrides,
  };
}

/** Budgets short enough that a stalled or silent server fails in a fraction of a second. */
export function fastBudgets(overrides: Partial<ProbeBudgets> = {}): ProbeBudgets {
  return { readyTimeoutMs: 300, requestTimeoutMs: 300, longContextTimeoutMs: 300, ...overrides };
}

/** Provider inputs for the factory server. */
export function validVerificationInputs(
  baseUrl: string,
  overrides: Partial<VerificationInputs> = {},
): VerificationInputs {
  return {
    baseUrl,
    model: SIM_MODEL,
    apiKey: SIM_API_KEY,
    maxModelLen: 2048,
    toolCalling: true,
    toolCallParser: "llama3_json",
    reasoning: false,
    readyTimeoutSeconds: 1,
    requestTimeoutSeconds: 1,
    longContextTimeoutSeconds: 1,
    ...overrides,
  };
}
