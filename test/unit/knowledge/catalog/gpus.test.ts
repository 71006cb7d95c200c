import assert from "node:assert/strict";
import {
  GPU_SPECS,
  INSTANCES,
  GPU_MODELS,
  findGpu,
  findSizingGpu,
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

describe("findSizingGpu", () => {
  // GPU Feature Discovery's nvidia.com/gpu.product values: the nvidia-smi name with spaces as '-',
  // "-MIG-<profile>" under the single MIG strategy, and "-SHARED" when time-slicing or MPS
  // replicas are handed out without renaming the resource (k8s-device-plugin internal/lm/resource.go).
  const cases: [string, { model: string; shared?: boolean }][] = [
    ["NVIDIA-A100-SXM4-40GB", { model: "a100-40gb" }],
    ["NVIDIA-H100-80GB-HBM3", { model: "h100-80gb-sxm" }],
    ["NVIDIA-A100-SXM4-40GB-SHARED", { model: "a100-40gb", shared: true }],
    ["NVIDIA-H100-80GB-HBM3-SHARED", { model: "h100-80gb-sxm", shared: true }],
    ["NVIDIA-A10G-SHARED", { model: "a10g-24gb", shared: true }],
    ["Tesla-T4-SHARED", { model: "t4-16gb", shared: true }],
    ["NVIDIA-A100-SXM4-40GB-MIG-1g.5gb", { model: "mig-1g.5gb" }],
    ["NVIDIA-A100-SXM4-40GB-MIG-1g.5gb-SHARED", { model: "mig-1g.5gb", shared: true }],
  ];
  for (const [label, expected] of cases) {
    it(`reads "${label}" as ${expected.model}${expected.shared ? ", shared" : ""}`, () => {
      const g = findSizingGpu(label);
      assert.deepStrictEqual(
        { model: g?.model, shared: g?.shared },
        { model: expected.model, shared: expected.shared },
      );
    });
  }

  it("gives a shared GPU the whole device's facts, marked shared", () => {
    const whole = findSizingGpu("NVIDIA-A10G");
    assert.deepStrictEqual(findSizingGpu("NVIDIA-A10G-SHARED"), { ...whole, shared: true });
  });

  it("knows no GPU by the suffix alone", () => {
    assert.equal(findSizingGpu("SHARED"), undefined);
  });
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
