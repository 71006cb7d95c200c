/**
 * Exact weight bytes from safetensors metadata: the header of each file (an 8-byte little-endian
 * length, then a JSON table of tensors with dtype, shape and data_offsets;
 * https://huggingface.co/docs/safetensors/index#format) or model.safetensors.index.json's
 * `metadata.total_size`. Pure: the bytes are read elsewhere.
 */

/** One tensor entry of a safetensors header. */
export interface SafetensorsTensor {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data_offsets: readonly [number, number];
}

/** What the safetensors metadata says about the weights. */
export interface WeightFacts {
  /** Bytes of every tensor in the checkpoint. */
  readonly totalBytes: number;
  /** Bytes by safetensors dtype ("BF16", "F8_E4M3", "I32", ...), when the headers were read. */
  readonly bytesByDtype?: Readonly<Record<string, number>>;
  /** Of which: multi-token-prediction layers vLLM does not load unless MTP decoding is on. */
  readonly mtpBytes?: number;
  /** The index names MTP tensors but their bytes are unknown (no headers read). */
  readonly hasMtpTensors?: boolean;
  readonly from: "safetensors headers" | "model.safetensors.index.json";
  /** Weight files (shards) the checkpoint has. */
  readonly files: number;
}

/** Largest header this reads (the format caps it at 100 MB; real ones are under 10 MB). */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

/** The header length stored in a safetensors file's first 8 bytes, or undefined when implausible. */
export function readSafetensorsHeaderLength(first8: Uint8Array): number | undefined {
  if (first8.length < 8) return undefined;
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const n = Number(view.getBigUint64(0, true));
  return n > 1 && n <= MAX_SAFETENSORS_HEADER_BYTES ? n : undefined;
}

function isTensor(v: unknown): v is SafetensorsTensor {
  const t = v as SafetensorsTensor;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof t.dtype === "string" &&
    Array.isArray(t.data_offsets) &&
    t.data_offsets.length === 2 &&
    t.data_offsets.every((o) => Number.isInteger(o) && o >= 0) &&
    t.data_offsets[1] >= t.data_offsets[0]
  );
}

/** Parses a header's JSON text into its tensors; undefined when it is not a safetensors header. */
export function parseSafetensorsHeader(
  json: string,
): Readonly<Record<string, SafetensorsTensor>> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const out: Record<string, SafetensorsTensor> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (name === "__metadata__") continue;
    if (!isTensor(v)) return undefined;
    out[name] = v;
  }
  return out;
}

/**
 * True for a tensor of a multi-token-prediction layer: "mtp.*" (Qwen3-Next, Qwen3.5, GLM) or a
 * decoder layer numbered past the last one (DeepSeek-V3's layer 61 of 61).
 */
export function isMtpTensor(name: string, layers: number): boolean {
  if (/^(model\.)?mtp[._]/.test(name)) return true;
  const m = /(?:^|\.)layers\.(\d+)\./.exec(name);
  return m !== null && !/vision|visual|audio/.test(name) && Number(m[1]) >= layers;
}

/** Sums the tensors of every file's header: bytes in total, by dtype and in MTP layers. */
export function summariseSafetensorsHeaders(
  headers: readonly Readonly<Record<string, SafetensorsTensor>>[],
  layers: number,
): WeightFacts {
  let total = 0;
  let mtp = 0;
  const byDtype: Record<string, number> = {};
  for (const header of headers) {
    for (const [name, t] of Object.entries(header)) {
      const bytes = t.data_offsets[1] - t.data_offsets[0];
      total += bytes;
      byDtype[t.dtype] = (byDtype[t.dtype] ?? 0) + bytes;
      if (isMtpTensor(name, layers)) mtp += bytes;
    }
  }
  return {
    totalBytes: total,
    bytesByDtype: byDtype,
    ...(mtp > 0 ? { mtpBytes: mtp } : {}),
    from: "safetensors headers",
    files: headers.length,
  };
}

/** Reads model.safetensors.index.json: total bytes and shards, or undefined when it has no total. */
export function readSafetensorsIndex(raw: unknown, layers: number): WeightFacts | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const index = raw as { metadata?: { total_size?: unknown }; weight_map?: unknown };
  const total = Number(index.metadata?.total_size);
  if (!Number.isFinite(total) || total <= 0) return undefined;
  const map =
    typeof index.weight_map === "object" && index.weight_map !== null
      ? (index.weight_map as Record<string, unknown>)
      : {};
  const shards = new Set(Object.values(map).filter((f) => typeof f === "string"));
  const mtp = Object.keys(map).some((n) => isMtpTensor(n, layers));
  return {
    totalBytes: total,
    ...(mtp ? { hasMtpTensors: true } : {}),
    from: "model.safetensors.index.json",
    files: Math.max(1, shards.size),
  };
}

/** The shard file names an index lists, each once, in order. */
export function listSafetensorsShards(raw: unknown): string[] {
  const map = (raw as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== "object" || map === null) return [];
  return [
    ...new Set(Object.values(map as Record<string, unknown>).filter((f) => typeof f === "string")),
  ] as string[];
}
