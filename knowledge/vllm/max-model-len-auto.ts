/**
 * `--max-model-len auto` (or -1): vLLM chooses the window itself. After profiling it takes the
 * largest window the KV cache left holds, capped at the model's own, and refuses to start only
 * when none fits ("Cannot auto-fit max_model_len: not enough GPU memory"). Releases before it
 * reject the value. KAITO passes `--max-model-len=auto` for every preset. Pure.
 */
import { compareVersions } from "../core/versions";
import type { VllmSettings } from "./parse-flags";

/** Where vLLM's auto-fit window is read, and from which release it exists. */
export const MAX_MODEL_LEN_AUTO = Object.freeze({
  /** The values vLLM's `human_readable_int_or_auto` reads as auto. */
  values: Object.freeze(["auto", "-1"]),
  since: "0.14.0",
  basis:
    "vLLM PR #29431 (commit 8ee90c8, merged 2025-12-23) is in the 0.14.0 release-branch cut 11b6af52 and not in 0.13.0's 7d80c73d",
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/blob/11b6af528/vllm/config/model.py",
      checked: "2026-12-06",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/11b6af528/vllm/v1/core/kv_cache_utils.py",
      checked: "2026-12-06",
    },
  ]),
});

/** True when `s` asks vLLM `version` to fit the window to memory itself. */
export function fitsMaxModelLenItself(s: VllmSettings, version: string): boolean {
  return (
    s.maxModelLenText !== undefined &&
    MAX_MODEL_LEN_AUTO.values.includes(s.maxModelLenText.trim().toLowerCase()) &&
    compareVersions(version, MAX_MODEL_LEN_AUTO.since) >= 0
  );
}
