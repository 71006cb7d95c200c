/**
 * A model's files on disk: a model directory (what `vllm serve /models/x` points at) or a
 * Hugging Face cache snapshot. Reads config.json, the quantization side files, and for the exact
 * weight size the safetensors index or the headers of the safetensors files (first bytes only).
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";
import { join } from "node:path";
import { parseHfJson } from "./config-json";
import {
  parseSafetensorsHeader,
  readSafetensorsHeaderLength,
  readSafetensorsIndex,
  summariseSafetensorsHeaders,
  LAYER_COUNT,
  findTextConfig,
  readInt,
  type HfModelFiles,
  type HfConfig,
  type SafetensorsTensor,
} from "../knowledge/catalog/hf";

/** A file that exists but could not be read as what it should be. */
export class LocalFileError extends Error {
  override readonly name = "LocalFileError";
}

/** Parses a JSON file; undefined when it does not exist; LocalFileError when it is not JSON. */
export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) return undefined;
  try {
    return parseHfJson(readFileSync(path, "utf8"));
  } catch (e) {
    throw new LocalFileError(`${path} is not valid JSON (${(e as Error).message}).`);
  }
}

function readBytes(fd: number, position: number, length: number): Uint8Array {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

/** The tensors of one safetensors file, from its header; undefined when it is not one. */
export function readSafetensorsFileHeader(
  path: string,
): Readonly<Record<string, SafetensorsTensor>> | undefined {
  const fd = openSync(path, "r");
  try {
    const length = readSafetensorsHeaderLength(readBytes(fd, 0, 8));
    if (length === undefined) return undefined;
    const header = readBytes(fd, 8, length);
    if (header.length < length) return undefined;
    return parseSafetensorsHeader(Buffer.from(header).toString("utf8"));
  } finally {
    closeSync(fd);
  }
}

function layerCount(config: unknown): number {
  if (typeof config !== "object" || config === null) return 0;
  return readInt(findTextConfig(config as HfConfig).text, LAYER_COUNT) ?? 0;
}

/** Weight bytes from the headers of every *.safetensors file present, else from the index. */
function readWeights(
  dir: string,
  config: unknown,
  names: readonly string[],
): HfModelFiles["weights"] {
  const layers = layerCount(config);
  const shards = names.filter((n) => n.endsWith(".safetensors"));
  // A cache snapshot may hold only some shards (or symlinks whose blobs were never fetched): the
  // headers are exact only when every shard the index lists is readable.
  const index = readJsonFile(join(dir, "model.safetensors.index.json"));
  const listed = index
    ? new Set(Object.values((index as { weight_map?: Record<string, string> }).weight_map ?? {}))
    : new Set(shards);
  const readable = shards.filter((n) => listed.has(n) && existsSync(join(dir, n)));
  if (readable.length > 0 && readable.length === listed.size) {
    const headers = readable.map((n) => readSafetensorsFileHeader(join(dir, n)));
    if (headers.every((h) => h !== undefined))
      return summariseSafetensorsHeaders(
        headers as Readonly<Record<string, SafetensorsTensor>>[],
        layers,
      );
  }
  return index ? readSafetensorsIndex(index, layers) : undefined;
}

/** The model files of a directory; LocalFileError when it holds no config.json. */
export function readModelDirectory(dir: string): HfModelFiles & { readonly files: string[] } {
  if (!statSync(dir).isDirectory()) throw new LocalFileError(`${dir} is not a directory.`);
  const names = readdirSync(dir).sort();
  const config = readJsonFile(join(dir, "config.json"));
  if (config === undefined)
    throw new LocalFileError(
      `${dir} has no config.json, so it is not a Hugging Face model directory (files: ${names.slice(0, 8).join(", ") || "none"}).`,
    );
  const hfQuantConfig = readJsonFile(join(dir, "hf_quant_config.json"));
  const quantizeConfig = readJsonFile(join(dir, "quantize_config.json"));
  const weights = readWeights(dir, config, names);
  const read = [
    "config.json",
    ...["generation_config.json", "hf_quant_config.json", "quantize_config.json"].filter((n) =>
      names.includes(n),
    ),
    ...(weights?.from === "safetensors headers"
      ? [`${weights.files} safetensors header(s)`]
      : weights
        ? ["model.safetensors.index.json"]
        : []),
  ];
  return {
    config,
    ...(hfQuantConfig !== undefined ? { hfQuantConfig } : {}),
    ...(quantizeConfig !== undefined ? { quantizeConfig } : {}),
    ...(weights ? { weights } : {}),
    files: read,
  };
}

/**
 * The snapshot directory of `repo` in the Hugging Face cache: the one refs/<revision> names,
 * else the newest snapshot holding a config.json; undefined when the repo is not cached.
 */
export function findCachedSnapshot(
  hubCache: string,
  repo: string,
  revision = "main",
): string | undefined {
  const root = join(hubCache, `models--${repo.replace("/", "--")}`);
  const snapshots = join(root, "snapshots");
  if (!existsSync(snapshots)) return undefined;
  const refPath = join(root, "refs", revision);
  const ref = existsSync(refPath) ? readFileSync(refPath, "utf8").trim() : revision;
  const named = join(snapshots, ref);
  if (existsSync(join(named, "config.json"))) return named;
  const candidates = readdirSync(snapshots)
    .map((n) => join(snapshots, n))
    .filter((p) => existsSync(join(p, "config.json")))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0];
}
