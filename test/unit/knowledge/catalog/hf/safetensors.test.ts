import assert from "node:assert/strict";
import {
  isMtpTensor,
  parseSafetensorsHeader,
  readSafetensorsHeaderLength,
  readSafetensorsIndex,
  summariseSafetensorsHeaders,
} from "../../../../../knowledge/catalog";
import { buildSafetensors } from "../../../../support/safetensors";

const tensor = (dtype: string, start: number, end: number) => ({
  dtype,
  shape: [end - start],
  data_offsets: [start, end] as [number, number],
});

describe("safetensors metadata", () => {
  it("reads the header length from a file's first 8 bytes", () => {
    const file = buildSafetensors({ w: { dtype: "BF16", shape: [4, 4] } });
    const json = JSON.stringify({
      __metadata__: { format: "pt" },
      w: { dtype: "BF16", shape: [4, 4], data_offsets: [0, 32] },
    });
    assert.equal(readSafetensorsHeaderLength(file.subarray(0, 8)), Buffer.byteLength(json));
  });

  it("refuses a header length past the format's 100 MB cap", () => {
    const first8 = Buffer.alloc(8);
    first8.writeBigUInt64LE(BigInt(200_000_000));
    assert.equal(readSafetensorsHeaderLength(first8), undefined);
  });

  it("parses the tensors and drops __metadata__", () => {
    assert.deepEqual(
      parseSafetensorsHeader(
        '{"__metadata__":{"format":"pt"},"a":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}',
      ),
      { a: { dtype: "F8_E4M3", shape: [2], data_offsets: [0, 2] } },
    );
  });

  it("refuses a header whose offsets run backwards", () => {
    assert.equal(
      parseSafetensorsHeader('{"a":{"dtype":"BF16","shape":[2],"data_offsets":[4,0]}}'),
      undefined,
    );
  });

  it("sums bytes by dtype across shards and sets the MTP layer apart", () => {
    const shard1 = {
      "model.layers.0.mlp.weight": tensor("F8_E4M3", 0, 1000),
      "model.layers.0.scale": tensor("F32", 1000, 1016),
    };
    const shard2 = {
      "model.layers.2.mlp.weight": tensor("F8_E4M3", 0, 500),
      "model.embed_tokens.weight": tensor("BF16", 500, 900),
    };
    assert.deepEqual(summariseSafetensorsHeaders([shard1, shard2], 2), {
      totalBytes: 1916,
      bytesByDtype: { F8_E4M3: 1500, F32: 16, BF16: 400 },
      mtpBytes: 500,
      from: "safetensors headers",
      files: 2,
    });
  });

  it("reads the index's total and shard count, and notes MTP tensors it names", () => {
    const index = {
      metadata: { total_size: 16_060_522_496 },
      weight_map: {
        "model.layers.0.self_attn.q_proj.weight": "model-00001-of-00002.safetensors",
        "mtp.fc.weight": "model-00002-of-00002.safetensors",
      },
    };
    assert.deepEqual(readSafetensorsIndex(index, 32), {
      totalBytes: 16_060_522_496,
      hasMtpTensors: true,
      from: "model.safetensors.index.json",
      files: 2,
    });
  });

  const mtp: readonly [name: string, layers: number, expected: boolean][] = [
    ["model.layers.61.eh_proj.weight", 61, true],
    ["model.layers.60.mlp.gate.weight", 61, false],
    ["mtp.layers.0.self_attn.q_proj.weight", 48, true],
    ["model.visual.blocks.40.attn.qkv.weight", 36, false],
  ];
  for (const [name, layers, expected] of mtp) {
    it(`${expected ? "counts" : "does not count"} ${name} as an MTP tensor of a ${layers}-layer model`, () => {
      assert.equal(isMtpTensor(name, layers), expected);
    });
  }
});
