/**
 * A model's files from the Hugging Face Hub (or a mirror at HF_ENDPOINT) through @huggingface/hub:
 * the repo's metadata (/api/models/<repo>: commit, gated flag, file list), config.json and the
 * quantization side files, and the safetensors metadata (the index's total, or a single file's
 * header by HTTP range request). Every request goes through the transport's guarded fetch: the
 * token only to the Hub's own origin, never along a redirect to the CDN, and redacted from every
 * error.
 */
import type { HubApiError as HubApiErrorType } from "@huggingface/hub";
import {
  LAYER_COUNT,
  findTextConfig,
  parseSafetensorsHeader,
  readInt,
  readSafetensorsHeaderLength,
  readSafetensorsIndex,
  summariseSafetensorsHeaders,
  type HfConfig,
  type HfModelFiles,
  type WeightFacts,
} from "../knowledge/catalog/hf";
import { createGuardedFetch, redactSecrets } from "../verification/transport";
import { parseHfJson } from "./config-json";
import type { HubSettings } from "./settings";

/** Why the Hub could not give a model's files. The message is redacted and names the repo. */
export class HubError extends Error {
  override readonly name = "HubError";
  constructor(
    message: string,
    readonly kind: "not-found" | "gated" | "unauthorized" | "unreachable" | "invalid",
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What the Hub gave for one repo. */
export interface HubModelFiles extends HfModelFiles {
  readonly sha?: string;
  readonly gated?: boolean;
  readonly files: readonly string[];
}

const TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 64 * 2 ** 20;

type HubLib = typeof import("@huggingface/hub");

function statusOf(e: unknown, lib: HubLib): number | undefined {
  return e instanceof lib.HubApiError ? (e as HubApiErrorType).statusCode : undefined;
}

/** The error a user can act on, for a failed request about `repo`. */
export function explainHubFailure(
  e: unknown,
  status: number | undefined,
  repo: string,
  what: string,
  s: HubSettings,
): HubError {
  const page = `${s.endpoint}/${repo}`;
  const say = (msg: string, kind: HubError["kind"]) =>
    new HubError(redactSecrets(msg, [s.token]), kind, status);
  if (status === 401 && s.token === undefined)
    return say(
      `"${repo}" on ${s.endpoint} is gated or private (HTTP 401 for ${what}): accept the license on the model page (${page}) and set HF_TOKEN to a token of that account.`,
      "gated",
    );
  if (status === 401)
    return say(
      `${s.endpoint} refused the token in HF_TOKEN for "${repo}" (HTTP 401 for ${what}): check that the token is valid and not expired, and that the license on the model page (${page}) is accepted.`,
      "unauthorized",
    );
  if (status === 403)
    return say(
      `"${repo}" on ${s.endpoint} is gated (HTTP 403 for ${what}): accept the license on the model page (${page}) with the account HF_TOKEN belongs to, and use a token that may read gated repos.`,
      "gated",
    );
  if (status === 404)
    return say(
      `"${repo}" was not found on ${s.endpoint} (HTTP 404 for ${what}): check the repo id (org/name)${s.token ? "" : ", or set HF_TOKEN if the repo is private"}.`,
      "not-found",
    );
  if (status !== undefined)
    return say(
      `${s.endpoint} answered HTTP ${status} for ${what} of "${repo}": ${(e as Error).message.split(". URL:")[0] ?? ""}. Try again, or pass --offline to use the local caches.`,
      "unreachable",
    );
  const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
  return say(
    `could not reach ${s.endpoint} for ${what} of "${repo}" (${cause}). Check the network or HF_ENDPOINT, or pass --offline to use the local caches.`,
    "unreachable",
  );
}

interface Session {
  readonly lib: HubLib;
  readonly repo: string;
  readonly revision: string;
  readonly s: HubSettings;
  readonly fetch: typeof fetch;
}

/**
 * A small file by one plain GET, for endpoints that answer without the Range and ETag headers
 * @huggingface/hub's download probe needs (static mirrors, simple fake Hubs).
 */
async function getWhole(x: Session, path: string): Promise<Blob | null> {
  const url = `${x.s.endpoint}/${x.repo}/resolve/${encodeURIComponent(x.revision)}/${path}`;
  let res: Response;
  try {
    res = await x.fetch(url);
  } catch (e) {
    throw explainHubFailure(e, undefined, x.repo, path, x.s);
  }
  if (res.status === 404) return null;
  if (!res.ok) throw explainHubFailure(new Error(res.statusText), res.status, x.repo, path, x.s);
  return res.blob();
}

/**
 * A file's bytes as a Blob (ranges are fetched as they are read); null when the repo has no such
 * file (404). `small` files fall back to one plain GET when the endpoint cannot serve ranges.
 */
async function openFile(
  x: Session,
  path: string,
  required: boolean,
  small: boolean,
): Promise<Blob | null> {
  try {
    return await x.lib.downloadFile({
      repo: x.repo,
      path,
      revision: x.revision,
      hubUrl: x.s.endpoint,
      fetch: x.fetch,
      xet: false,
    });
  } catch (e) {
    if (e instanceof x.lib.InvalidApiResponseFormatError) return small ? getWhole(x, path) : null;
    const status = statusOf(e, x.lib);
    if (status === 404 && !required) return null;
    throw explainHubFailure(e, status, x.repo, path, x.s);
  }
}

async function readJson(x: Session, path: string, required: boolean): Promise<unknown> {
  const blob = await openFile(x, path, required, true);
  if (blob === null) {
    if (required) throw explainHubFailure(undefined, 404, x.repo, path, x.s);
    return undefined;
  }
  try {
    return parseHfJson(await blob.text());
  } catch (e) {
    if (e instanceof HubError) throw e;
    throw new HubError(
      redactSecrets(`${path} of "${x.repo}" is not valid JSON (${(e as Error).message}).`, [
        x.s.token,
      ]),
      "invalid",
    );
  }
}

/** The header of a single-file checkpoint, read by two range requests. */
async function readHeader(
  x: Session,
  path: string,
  layers: number,
): Promise<WeightFacts | undefined> {
  const blob = await openFile(x, path, false, false);
  if (blob === null) return undefined;
  const length = readSafetensorsHeaderLength(new Uint8Array(await blob.slice(0, 8).arrayBuffer()));
  if (length === undefined) return undefined;
  const header = parseSafetensorsHeader(await blob.slice(8, 8 + length).text());
  return header ? summariseSafetensorsHeaders([header], layers) : undefined;
}

/** The repo's commit, gated flag and file list; {} when the endpoint has no model API (some mirrors). */
async function readInfo(x: Session): Promise<{ sha?: string; gated?: boolean; files?: string[] }> {
  try {
    const info = await x.lib.modelInfo({
      name: x.repo,
      hubUrl: x.s.endpoint,
      revision: x.revision,
      additionalFields: ["sha", "filePaths"],
      fetch: x.fetch,
    });
    return {
      ...(typeof info.sha === "string" ? { sha: info.sha } : {}),
      gated: info.gated !== false && info.gated !== undefined,
      ...(Array.isArray(info.filePaths) ? { files: info.filePaths } : {}),
    };
  } catch (e) {
    const status = statusOf(e, x.lib);
    if (status === 401 || status === 403)
      throw explainHubFailure(e, status, x.repo, "the model info", x.s);
    if (status === undefined && !(e instanceof SyntaxError))
      throw explainHubFailure(e, status, x.repo, "the model info", x.s);
    return {};
  }
}

/** Fetches what sizing needs of `repo` at `revision` from the Hub. */
export async function fetchHubModel(
  repo: string,
  revision: string,
  s: HubSettings,
  baseFetch?: typeof fetch,
): Promise<HubModelFiles> {
  const lib = await import("@huggingface/hub");
  const guarded = createGuardedFetch({
    credentialOrigin: new URL(s.endpoint).origin,
    ...(s.token ? { authorization: `Bearer ${s.token}` } : {}),
    timeoutMs: TIMEOUT_MS,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(baseFetch ? { fetch: baseFetch } : {}),
  });
  const first: Session = { lib, repo, revision, s, fetch: guarded };
  const info = await readInfo(first);
  const x: Session = { ...first, revision: info.sha ?? revision };
  const config = await readJson(x, "config.json", true);
  const layers =
    typeof config === "object" && config !== null
      ? (readInt(findTextConfig(config as HfConfig).text, LAYER_COUNT) ?? 0)
      : 0;
  const has = (f: string) => info.files === undefined || info.files.includes(f);
  const hfQuantConfig = info.files?.includes("hf_quant_config.json")
    ? await readJson(x, "hf_quant_config.json", false)
    : undefined;
  const quantizeConfig = info.files?.includes("quantize_config.json")
    ? await readJson(x, "quantize_config.json", false)
    : undefined;
  const index = has("model.safetensors.index.json")
    ? await readJson(x, "model.safetensors.index.json", false)
    : undefined;
  const weights =
    (index !== undefined ? readSafetensorsIndex(index, layers) : undefined) ??
    (has("model.safetensors") ? await readHeader(x, "model.safetensors", layers) : undefined);
  const files = [
    "config.json",
    ...(hfQuantConfig !== undefined ? ["hf_quant_config.json"] : []),
    ...(quantizeConfig !== undefined ? ["quantize_config.json"] : []),
    ...(weights?.from === "model.safetensors.index.json" ? ["model.safetensors.index.json"] : []),
    ...(weights?.from === "safetensors headers" ? ["model.safetensors header"] : []),
  ];
  return {
    config,
    ...(hfQuantConfig !== undefined ? { hfQuantConfig } : {}),
    ...(quantizeConfig !== undefined ? { quantizeConfig } : {}),
    ...(weights ? { weights } : {}),
    ...(info.sha ? { sha: info.sha } : {}),
    ...(info.gated !== undefined ? { gated: info.gated } : {}),
    files,
  };
}
