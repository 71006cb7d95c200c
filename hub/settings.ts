/**
 * Where Hugging Face files come from, read from the environment the way huggingface_hub reads it:
 * HF_ENDPOINT (mirrors), HF_TOKEN (gated repos), HF_HOME / HF_HUB_CACHE (the local cache),
 * HF_HUB_OFFLINE; plus kindo-models' own cache of Hub answers (KINDO_MODELS_CACHE_DIR).
 * https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables
 */
import { homedir } from "node:os";
import { join } from "node:path";

export interface HubSettings {
  /** The Hub's root URL, without a trailing slash. @default "https://huggingface.co" */
  readonly endpoint: string;
  /** The access token for gated and private repos; a secret (never logged, stored or shown). */
  readonly token?: string;
  /** The Hugging Face cache: <hubCache>/models--org--name/snapshots/<revision>/. */
  readonly hubCache: string;
  /** kindo-models' cache of what the Hub answered (config.json, safetensors metadata). */
  readonly cacheDir: string;
  /** No network: the caches only. */
  readonly offline: boolean;
}

export const DEFAULT_HUB_ENDPOINT = "https://huggingface.co";

function isTrue(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/** Reads the settings from `env` (process.env by default); `offline` forces offline mode. */
export function readHubSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
  offline = false,
): HubSettings {
  const home = env["HOME"] ?? homedir();
  const hfHome =
    env["HF_HOME"] ?? join(env["XDG_CACHE_HOME"] ?? join(home, ".cache"), "huggingface");
  const token = (env["HF_TOKEN"] ?? env["HUGGING_FACE_HUB_TOKEN"])?.trim();
  return {
    endpoint: (env["HF_ENDPOINT"]?.trim() || DEFAULT_HUB_ENDPOINT).replace(/\/+$/, ""),
    ...(token ? { token } : {}),
    hubCache: env["HF_HUB_CACHE"] ?? env["HUGGINGFACE_HUB_CACHE"] ?? join(hfHome, "hub"),
    cacheDir:
      env["KINDO_MODELS_CACHE_DIR"] ??
      join(env["XDG_CACHE_HOME"] ?? join(home, ".cache"), "kindo-models"),
    offline: offline || isTrue(env["HF_HUB_OFFLINE"]),
  };
}
