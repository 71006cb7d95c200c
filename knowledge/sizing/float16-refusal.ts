/**
 * Model types vLLM refuses to serve in float16 ("Numerical instability. Please use bfloat16 or
 * float32 instead."), and the release that began refusing: `_FLOAT16_NOT_SUPPORTED_MODELS` and
 * `_check_valid_dtype` appear in vllm/config.py at v0.9.1 and not at v0.9.0 (PR #18751); main
 * (vllm/config/model.py, 2026-08-17) still has gemma2, gemma3, gemma3_text and glm4. Pure.
 */
import { compareVersions } from "../core/versions";

export const FLOAT16_REFUSAL = Object.freeze({
  since: "0.9.1",
  modelTypes: Object.freeze(["gemma2", "gemma3", "gemma3_text", "glm4"]),
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.9.1/vllm/config.py",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/main/vllm/config/model.py",
      checked: "2026-12-07",
    },
  ]),
});

/**
 * Whether vLLM `vllmVersion` refuses float16 for this model: the catalog says the model does not
 * support it, or its config.json model_type is one vLLM lists; releases before 0.9.1 serve it.
 */
export function refusesFloat16(
  model: {
    readonly unsupportedDtypes?: readonly string[];
    readonly architecture: { readonly modelType?: string };
  },
  vllmVersion: string,
): boolean {
  if (compareVersions(vllmVersion, FLOAT16_REFUSAL.since) < 0) return false;
  const type = model.architecture.modelType;
  return (
    model.unsupportedDtypes?.includes("fp16") === true ||
    (type !== undefined && FLOAT16_REFUSAL.modelTypes.includes(type))
  );
}
