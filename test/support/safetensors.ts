/** Builds safetensors files for tests (https://huggingface.co/docs/safetensors/index#format). */

/** A safetensors file: the 8-byte header length, the JSON header, then zeroed tensor data. */
export function buildSafetensors(
  tensors: Readonly<Record<string, { dtype: string; shape: number[] }>>,
): Uint8Array {
  const size: Record<string, number> = {
    BF16: 2,
    F16: 2,
    F32: 4,
    F8_E4M3: 1,
    I32: 4,
    U8: 1,
    I8: 1,
  };
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * (size[t.dtype] ?? 2);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const out = Buffer.alloc(8 + json.length + offset);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  return out;
}
