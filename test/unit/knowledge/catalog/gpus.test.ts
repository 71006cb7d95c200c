import assert from "node:assert/strict";
import {
  GPU_SPECS,
  INSTANCES,
  GPU_MODELS,
  findGpu,
  listInstances,
  selectGpu,
} from "../../../../knowledge/catalog";

describe("findGpu", () => {
  const cases: [string, string][] = [
    // the spellings the issue names
    ["H100", "h100-80gb-sxm"],
    ["h100-80gb", "h100-80gb-sxm"],
    ["NVIDIA A100-SXM4-40GB", "a100-40gb"],
    ["A100-40GB", "a100-40gb"],
    ["L4", "l4-24gb"],
    ["RTX-4090", "rtx-4090-24gb"],
    ["NVIDIA GeForce RTX 4090", "rtx-4090-24gb"],
    // nvidia-smi names
    ["NVIDIA H100 80GB HBM3", "h100-80gb-sxm"],
    ["Tesla T4", "t4-16gb"],
  ];
  for (const [spelling, model] of cases) {
    it(`reads "${spelling}" as ${model}`, () => assert.equal(findGpu(spelling)?.model, model));
  }
});

describe("selectGpu", () => {
  it("names the argument and suggests GPUs for an unknown spelling", () => {
    const r = selectGpu("H1000", "--gpu");
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => i.path), ["--gpu"]);
  });
});

describe("GPU_SPECS", () => {
  it("has one entry per GPU model, keyed by its own model", () => {
    assert.deepEqual(
      GPU_MODELS.filter((m) => GPU_SPECS[m].model !== m),
      [],
    );
  });

  it("reports CUDA totals within 10% of the marketing size of one device", () => {
    const deviceGB = (m: (typeof GPU_MODELS)[number]) =>
      GPU_SPECS[m].perDevice?.memoryGBPerDevice ?? GPU_SPECS[m].memoryGB;
    assert.deepEqual(
      GPU_MODELS.filter(
        (m) => Math.abs(GPU_SPECS[m].cudaTotalBytes / (deviceGB(m) * 1e9) - 1) > 0.1,
      ),
      [],
    );
  });

  it("has no alias shared by two GPUs", () => {
    const seen = new Map<string, string>();
    const clash: string[] = [];
    for (const m of GPU_MODELS)
      for (const a of GPU_SPECS[m].aliases) {
        const k = a.toLowerCase();
        if (seen.has(k) && seen.get(k) !== m) clash.push(a);
        seen.set(k, m);
      }
    assert.deepEqual(clash, []);
  });
});

describe("INSTANCES", () => {
  it("covers the AWS and GCP families the planner needs", () => {
    const families = new Set(INSTANCES.map((i) => i.type.split(/[.-]/)[0]));
    assert.deepEqual(
      [
        "g4dn",
        "g5",
        "g6",
        "g6e",
        "p4d",
        "p4de",
        "p5",
        "p5e",
        "p5en",
        "p6",
        "g2",
        "a2",
        "a3",
        "a4",
      ].filter((f) => !families.has(f)),
      [],
    );
  });

  it("dates every price and cites a URL for it, or lists it as unverified", () => {
    const bad = INSTANCES.filter(
      (i) =>
        !(
          i.onDemandUsdPerHour > 0 &&
          /^\d{4}-\d{2}-\d{2}$/.test(i.priceChecked) &&
          (/https:\/\//.test(i.priceSource ?? "") || i.unverified.includes("onDemandUsdPerHour"))
        ),
    );
    assert.deepEqual(
      bad.map((i) => i.type),
      [],
    );
  });

  it("lists a cloud's instances cheapest first without reordering the catalog", () => {
    const before = INSTANCES.map((i) => i.type);
    const aws = listInstances("aws");
    assert.deepEqual(
      [
        aws.every(
          (x, k) => k === 0 || (aws[k - 1]?.onDemandUsdPerHour ?? 0) <= x.onDemandUsdPerHour,
        ),
        aws.every((i) => i.cloud === "aws"),
        INSTANCES.map((i) => i.type),
      ],
      [true, true, before],
    );
  });
});
