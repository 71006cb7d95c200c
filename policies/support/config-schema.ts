/**
 * The config every guardrail policy accepts (`--policy-pack-config`, or the org's policy group
 * config): the same properties as `kindo-models lint --config`, with defaults from the rule
 * catalog, so a rule judges the same way in both.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_RULE_CONFIG, resolveRuleConfig } from "../../knowledge/rules";
import type { RuleConfig } from "../../knowledge/rules";

/** JSON schema of the shared properties; defaults are merged in by the policy server. */
export function ruleConfigSchema(): PolicyConfigSchema {
  return {
    properties: {
      vllmVersion: {
        type: "string",
        pattern: "^\\d+\\.\\d+(\\.\\d+){0,2}$",
        default: DEFAULT_RULE_CONFIG.vllmVersion,
        description: "vLLM release judged when an image tag does not name one.",
      },
      minVllmVersion: {
        type: "string",
        pattern: "^\\d+\\.\\d+(\\.\\d+){0,2}$",
        description: "Oldest vLLM release an image may pin.",
      },
      extraParsers: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Tool-call parser names registered by plugins.",
      },
      gpuMemoryUtilization: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 1,
        description:
          "--gpu-memory-utilization assumed when a server does not set it; unset: vLLM's own default in the release judged (0.92 from 0.20.2, 0.9 before).",
      },
      defaultGpu: {
        type: "string",
        description: 'GPU model assumed when a workload names none, e.g. "H100".',
      },
      minShmGiB: { type: "number", exclusiveMinimum: 0, default: DEFAULT_RULE_CONFIG.minShmGiB },
      contextTolerance: {
        type: "number",
        exclusiveMinimum: 0,
        maximum: 1,
        default: DEFAULT_RULE_CONFIG.contextTolerance,
      },
      fitTolerance: {
        type: "number",
        minimum: 0,
        maximum: 1,
        default: DEFAULT_RULE_CONFIG.fitTolerance,
        description:
          "A window at most this fraction beyond the largest that fits is a close call, not a failure.",
      },
      exceptions: {
        type: "array",
        default: [],
        description:
          "Recorded exceptions: the rule does not apply to this resource, for this reason.",
        items: {
          type: "object",
          required: ["resource", "reason"],
          properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 10 },
            maxModelLen: { type: "integer", minimum: 1 },
          },
        },
      },
    },
  };
}

/** The rule config from a policy's `getConfig()` result. */
export function readRuleConfig(raw: Partial<RuleConfig> | undefined): RuleConfig {
  return resolveRuleConfig(raw ?? {});
}
