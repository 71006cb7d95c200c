/**
 * Happy-path VllmWorkload for the pure rule tests: Llama 3.1 8B on one H100 at its full
 * 131,072-token window with llama3_json tool calling, a pinned v0.11.0 image, no /dev/shm volume.
 * Each call returns a fresh object; `argv` replaces the command line, other fields override.
 */
import { parseVllmFlags } from "../../../../knowledge/vllm";
import { DEFAULT_RULE_CONFIG } from "../../../../knowledge/rules";
import type { RuleConfig, VllmWorkload } from "../../../../knowledge/rules";

/** The factory's command line. */
export function baseArgv(): string[] {
  return [
    "vllm",
    "serve",
    "meta-llama/Llama-3.1-8B-Instruct",
    "--max-model-len",
    "131072",
    "--enable-auto-tool-choice",
    "--tool-call-parser",
    "llama3_json",
  ];
}

export function validWorkload(
  argv: readonly string[] = baseArgv(),
  overrides: Partial<VllmWorkload> = {},
): VllmWorkload {
  return {
    resource: 'Deployment "llama"',
    resourceKey: "Deployment/models/llama",
    container: "server",
    image: "vllm/vllm-openai:v0.11.0",
    settings: parseVllmFlags(argv),
    apiKeyFromEnv: false,
    allowLongMaxModelLen: false,
    gpuCount: 1,
    gpuName: "NVIDIA-H100-80GB-HBM3",
    shm: { kind: "none" },
    podLabels: { app: "llama" },
    namespace: "models",
    unknownPaths: [],
    ...overrides,
  };
}

/** The default rule config with `overrides`. */
export function config(overrides: Partial<RuleConfig> = {}): RuleConfig {
  return { ...DEFAULT_RULE_CONFIG, ...overrides };
}

/** `argv` with `flag` removed, or set to `value`. */
export function withFlag(argv: readonly string[], flag: string, value?: string): string[] {
  const out = [...argv];
  const i = out.indexOf(flag);
  const isBool = i >= 0 && (out[i + 1] === undefined || out[i + 1]!.startsWith("--"));
  if (i >= 0) out.splice(i, isBool ? 1 : 2);
  if (value !== undefined) out.push(flag, value);
  return out;
}

/** How violations name the factory's container. */
export const C = 'vLLM container "server" in Deployment "llama"';
