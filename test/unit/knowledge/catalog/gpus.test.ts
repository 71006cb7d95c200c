import assert from "node:assert/strict";
import {
  GPU_SPECS,
  listPlannableInstances,
  listInstanceRecords,
  GPU_MODELS,
  findGpu,
  findGpuInterconnect,
  findInstanceFamilyGpu,
  findInstanceGpus,
  findSizingGpu,
  listAssumableGpus,
  listInstances,
  selectGpu,
  selectSizingGpu,
  withGpuMemory,
} from "../../../../knowledge/catalog";
import type { GpuSpec } from "../../../../knowledge/catalog/gpu-types";

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
    // Jetson modules by their product names (CUDA names every Orin module "Orin")
    ["Jetson Orin Nano", "jetson-orin-nano-8gb"],
    ["Jetson Orin NX", "jetson-orin-nx-16gb"],
    // a memory size written with "G" for "GB", as Chinese clouds and issue reports write it
    ["A100-80G", "a100-80gb"],
    ["A800 80G", "a800-80gb"],
    ["GH200 144G HBM3e", "gh200-144gb"],
    // and the A10G keeps its G
    ["A10G", "a10g-24gb"],
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
    // Turing workstation cards: nvidia-smi keeps the Quadro brand, TITAN gains "NVIDIA " on newer drivers
    ["Quadro-RTX-8000", { model: "quadro-rtx-8000-48gb" }],
    ["Quadro-RTX-6000", { model: "quadro-rtx-6000-24gb" }],
    ["NVIDIA-TITAN-RTX", { model: "titan-rtx-24gb" }],
    ["TITAN-RTX", { model: "titan-rtx-24gb" }],
    // the A100's export variant
    ["NVIDIA-A800-SXM4-80GB", { model: "a800-80gb" }],
    ["NVIDIA-A800-80GB-PCIe", { model: "a800-80gb-pcie" }],
    ["NVIDIA-A800-SXM4-80GB-MIG-1g.10gb", { model: "mig-1g.10gb" }],
    // Blackwell Ultra as nvidia-smi names it on p6-b300
    ["NVIDIA-B300-SXM6-AC", { model: "b300-288gb" }],
    // GeForce: GFD keeps "GeForce" in the label
    ["NVIDIA-GeForce-RTX-3060", { model: "rtx-3060-12gb" }],
    ["NVIDIA-GeForce-RTX-3080", { model: "rtx-3080-10gb" }],
    ["NVIDIA-GeForce-RTX-3080-Ti", { model: "rtx-3080-ti-12gb" }],
    ["NVIDIA-GeForce-RTX-4060-Ti", { model: "rtx-4060-ti-16gb" }],
    ["NVIDIA-GeForce-RTX-4070-Ti", { model: "rtx-4070-ti-12gb" }],
    ["NVIDIA-GeForce-RTX-4080", { model: "rtx-4080-16gb" }],
    ["NVIDIA-GeForce-RTX-4080-SUPER", { model: "rtx-4080-super-16gb" }],
    ["NVIDIA-GeForce-RTX-5080", { model: "rtx-5080-16gb" }],
    ["NVIDIA-RTX-2000-Ada-Generation", { model: "rtx-2000-ada-16gb" }],
    ["NVIDIA-GeForce-RTX-2080-Ti", { model: "rtx-2080-ti-11gb" }],
    ["NVIDIA-GeForce-RTX-3070", { model: "rtx-3070-8gb" }],
    ["NVIDIA-GeForce-RTX-3060-Ti", { model: "rtx-3060-ti-8gb" }],
    ["NVIDIA-GeForce-RTX-3090-Ti", { model: "rtx-3090-ti-24gb" }],
    ["NVIDIA-GeForce-RTX-4090-D", { model: "rtx-4090-d-24gb" }],
    ["NVIDIA-GeForce-RTX-5060-Ti", { model: "rtx-5060-ti-16gb" }],
    ["NVIDIA-GeForce-RTX-5070-Ti", { model: "rtx-5070-ti-16gb" }],
    ["NVIDIA-RTX-A4500", { model: "rtx-a4500-20gb" }],
    ["NVIDIA-H20-3e", { model: "h20-3e-141gb" }],
    // small data-centre Ampere
    ["NVIDIA-A2", { model: "a2-16gb" }],
    ["NVIDIA-A16", { model: "a16-64gb" }],
    ["NVIDIA-A16-SHARED", { model: "a16-64gb", shared: true }],
    // below vLLM's compute capability 7.0, by GFD label and GKE accelerator
    ["Tesla-P100-PCIE-16GB", { model: "p100-16gb" }],
    ["nvidia-tesla-p100", { model: "p100-16gb" }],
    ["Tesla-P40", { model: "p40-24gb" }],
    ["Tesla-P4", { model: "p4-8gb" }],
    ["nvidia-tesla-k80", { model: "k80-12gb" }],
    // issue 17's held-out set: product labels as GFD publishes them on common nodes
    ["NVIDIA-A100-SXM4-80GB", { model: "a100-80gb" }],
    ["NVIDIA-A100-PCIE-40GB", { model: "a100-40gb-pcie" }],
    ["NVIDIA-A100-80GB-PCIe", { model: "a100-80gb-pcie" }],
    ["Tesla-T4", { model: "t4-16gb" }],
    ["NVIDIA-A10G", { model: "a10g-24gb" }],
    ["NVIDIA-L4", { model: "l4-24gb" }],
    ["NVIDIA-L40S", { model: "l40s-48gb" }],
    ["NVIDIA-GeForce-RTX-4090", { model: "rtx-4090-24gb" }],
    ["NVIDIA-RTX-A6000", { model: "rtx-a6000-48gb" }],
    ["NVIDIA-H200", { model: "h200-141gb" }],
    ["NVIDIA-H100-PCIe", { model: "h100-80gb-pcie" }],
    ["NVIDIA-H100-NVL", { model: "h100-nvl-94gb" }],
    ["Tesla-V100-SXM2-16GB", { model: "v100-16gb" }],
    ["NVIDIA-B200", { model: "b200-180gb" }],
    ["NVIDIA-GH200-480GB", { model: "gh200-96gb" }],
    ["NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition", { model: "rtx-pro-6000-server-96gb" }],
    // DGX-2's 32 GB V100 on its SXM3 board
    ["Tesla-V100-SXM3-32GB", { model: "v100-32gb" }],
    // issue 17's held-out set: product labels the catalog lacked
    ["NVIDIA-GH200-96GB-HBM3", { model: "gh200-96gb" }],
    ["NVIDIA-H100-SXM5-94GB", { model: "h100-94gb-sxm" }],
    ["NVIDIA-GB300", { model: "gb300-288gb" }],
    ["NVIDIA-GB300-SHARED", { model: "gb300-288gb", shared: true }],
    ["NVIDIA-H800-PCIe", { model: "h800-80gb-pcie" }],
    ["NVIDIA-H800-PCIe-MIG-1g.10gb", { model: "mig-1g.10gb" }],
    ["NVIDIA-GH200-144G-HBM3e", { model: "gh200-144gb" }],
    // Karpenter's karpenter.k8s.aws/instance-gpu-name on AWS g3
    ["m60", { model: "m60-8gb" }],
    // ... and on AWS g7
    ["rtx-pro-4500", { model: "rtx-pro-4500-32gb" }],
    // GPUs the vLLM corpus names: KubeAI's nvidia-gpu-rtx4070-8gb profile is the 8 GB laptop card
    // (kubeai-project/kubeai#326), the desktop RTX 4070 has 12 GB; SkyPilot's B100; the R9700 as the
    // corpus and rocminfo name it
    ["rtx4070-8gb", { model: "rtx-4070-laptop-8gb" }],
    ["NVIDIA-GeForce-RTX-4070-Laptop-GPU", { model: "rtx-4070-laptop-8gb" }],
    ["NVIDIA-GeForce-RTX-4070", { model: "rtx-4070-12gb" }],
    ["B100", { model: "b100-180gb" }],
    ["AMD Radeon AI PRO R9700", { model: "r9700-32gb" }],
    // GeForce cards people run vLLM on, as GFD labels them (SUPER upper-case as nvidia-smi prints it)
    ["NVIDIA-GeForce-RTX-4070-SUPER", { model: "rtx-4070-super-12gb" }],
    ["NVIDIA-GeForce-RTX-4070-Ti-SUPER", { model: "rtx-4070-ti-super-16gb" }],
    ["NVIDIA-GeForce-RTX-4060", { model: "rtx-4060-8gb" }],
    ["NVIDIA-GeForce-RTX-5070", { model: "rtx-5070-12gb" }],
    ["NVIDIA-GeForce-RTX-5060", { model: "rtx-5060-8gb" }],
    ["NVIDIA-GeForce-RTX-5090-D", { model: "rtx-5090-d-32gb" }],
    ["NVIDIA-GeForce-RTX-5090-Laptop-GPU", { model: "rtx-5090-laptop-24gb" }],
    // Cards below 8 GB and the Turing/Ampere cards small servers run on (issue 17's held-out
    // corpus: a GTX 1660 Ti, a laptop RTX 3050 Ti), laptop parts by their "Laptop GPU" names
    ["NVIDIA-GeForce-GTX-1650", { model: "gtx-1650-4gb" }],
    ["NVIDIA-GeForce-GTX-1660-Ti", { model: "gtx-1660-ti-6gb" }],
    ["NVIDIA-GeForce-GTX-1660-SUPER", { model: "gtx-1660-super-6gb" }],
    ["NVIDIA-GeForce-RTX-2060", { model: "rtx-2060-6gb" }],
    ["NVIDIA-GeForce-RTX-2070", { model: "rtx-2070-8gb" }],
    ["NVIDIA-GeForce-RTX-2080", { model: "rtx-2080-8gb" }],
    ["NVIDIA-GeForce-RTX-3050", { model: "rtx-3050-8gb" }],
    ["NVIDIA-GeForce-RTX-3050-Laptop-GPU", { model: "rtx-3050-laptop-4gb" }],
    ["NVIDIA-GeForce-RTX-3050-Ti-Laptop-GPU", { model: "rtx-3050-ti-laptop-4gb" }],
    ["NVIDIA-GeForce-RTX-3060-Laptop-GPU", { model: "rtx-3060-laptop-6gb" }],
    ["NVIDIA-GeForce-RTX-4050-Laptop-GPU", { model: "rtx-4050-laptop-6gb" }],
    ["NVIDIA-GeForce-RTX-4060-Laptop-GPU", { model: "rtx-4060-laptop-8gb" }],
    ["NVIDIA-GeForce-RTX-5060-Laptop-GPU", { model: "rtx-5060-laptop-8gb" }],
    // small workstation cards: the RTX A2000's two sizes have two names
    ["NVIDIA-RTX-A2000", { model: "rtx-a2000-6gb" }],
    ["NVIDIA-RTX-A2000-12GB", { model: "rtx-a2000-12gb" }],
    ["NVIDIA-T1000", { model: "t1000-4gb" }],
    ["NVIDIA-T600", { model: "t600-4gb" }],
    ["Quadro-RTX-4000", { model: "quadro-rtx-4000-8gb" }],
    // Blackwell workstation and server cards below the RTX PRO 6000
    ["NVIDIA-RTX-PRO-4000-Blackwell", { model: "rtx-pro-4000-24gb" }],
    ["NVIDIA-RTX-PRO-4500-Blackwell-Server-Edition", { model: "rtx-pro-4500-32gb" }],
    ["NVIDIA-RTX-PRO-5000-Blackwell", { model: "rtx-pro-5000-48gb" }],
    // AMD workstation cards as the ROCm node labeller writes amd.com/gpu.product-name (spaces as '_')
    ["AMD_Radeon_PRO_W7900", { model: "w7900-48gb" }],
    // unified-memory Jetson modules, as GB10 (DGX Spark)
    ["Jetson AGX Orin", { model: "jetson-agx-orin-64gb" }],
    ["Jetson Thor", { model: "jetson-thor-128gb" }],
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

  // A media-extension MIG slice (nvidia-smi "1g.5gb+me", "1g.24gb+me.all", "1g.24gb-me") has its
  // base profile's memory; the device plugin writes "+" as "." in the product label and the resource
  // name (internal/resource/nvml-mig-device.go, internal/rm/rm.go), so GFD labels it "...-MIG-1g.5gb.me".
  const mediaExtension: [string, string, string][] = [
    ["NVIDIA-A100-SXM4-40GB-MIG-1g.5gb.me", "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb", "1g.5gb+me"],
    ["NVIDIA-A100-SXM4-40GB-MIG-1g.5gb+me", "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb", "1g.5gb+me"],
    ["nvidia.com/mig-1g.10gb.me", "nvidia.com/mig-1g.10gb", "1g.10gb+me"],
    [
      "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition-MIG-1g.24gb.me.all",
      "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition-MIG-1g.24gb",
      "1g.24gb+me.all",
    ],
    [
      "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition-MIG-2g.48gb-me",
      "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition-MIG-2g.48gb",
      "2g.48gb-me",
    ],
  ];
  for (const [label, base, profile] of mediaExtension) {
    it(`reads "${label}" as the ${profile} slice, with its base profile's facts`, () => {
      const g = findSizingGpu(base);
      assert.ok(g);
      assert.deepStrictEqual(findSizingGpu(label), {
        ...g,
        model: `mig-${profile}`,
        displayName: `${g.displayName.replace(/ MIG .*$/, "")} MIG ${profile}`,
      });
    });
  }

  it("keeps a media-extension slice shared when GFD marks it so", () => {
    assert.deepStrictEqual(findSizingGpu("NVIDIA-A100-SXM4-40GB-MIG-1g.5gb.me-SHARED"), {
      ...findSizingGpu("NVIDIA-A100-SXM4-40GB-MIG-1g.5gb.me"),
      shared: true,
    });
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

  it("refuses a GPU vLLM cannot run on, saying why", () => {
    const r = selectGpu("P100", "--gpu");
    assert.deepStrictEqual(
      r.ok ? [] : r.issues.map((i) => [i.path, i.message.replace(/ Use one of .*$/, "")]),
      [
        [
          "--gpu",
          '"P100" is the Tesla P100-PCIE-16GB, which vLLM cannot run on (compute capability 6.0; vLLM needs 7.0 or higher).',
        ],
      ],
    );
  });

  it("reads an instance type as the GPU it carries", () => {
    const r = selectGpu("g5.xlarge", "--gpu");
    assert.equal(r.ok ? r.gpu.model : r.issues[0]?.message, "a10g-24gb");
  });

  it("offers --gpu-memory-gib for a GPU it does not know, on the command line only", () => {
    const message = (path: string) => {
      const r = selectGpu("H1000", path);
      return r.ok ? "" : (r.issues[0]?.message ?? "");
    };
    assert.deepEqual(
      [
        message("--gpu").endsWith(", or give its memory with --gpu-memory-gib."),
        message("gpu").includes("--gpu-memory-gib"),
      ],
      [true, false],
    );
  });

  it("suggests and lists only GPUs vLLM runs on", () => {
    const r = selectGpu("P10", "--gpu");
    const message = r.ok ? "" : (r.issues[0]?.message ?? "");
    assert.deepEqual(
      ["p100-16gb", "p40-24gb", "p4-8gb", "k80-12gb"].filter((k) => message.includes(k)),
      [],
    );
  });
});

describe("selectSizingGpu", () => {
  it("takes a MIG slice by the memory its runtime reports", () => {
    const r = selectSizingGpu("A100-SXM4-80GB-MIG-3g.40gb", "--gpu");
    assert.deepEqual(r.ok ? [r.gpu.model, r.gpu.displayName] : r.issues, [
      "mig-3g.40gb",
      "NVIDIA A100-SXM4-80GB MIG 3g.40gb",
    ]);
  });

  it("takes a catalog GPU as selectGpu does", () => {
    const r = selectSizingGpu("L40S", "--gpu");
    assert.equal(r.ok ? r.gpu.model : undefined, "l40s-48gb");
  });

  it("refuses a MIG profile no GPU has, naming the flag", () => {
    const r = selectSizingGpu("mig-9g.999gb", "--gpu");
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => i.path), ["--gpu"]);
  });
});

describe("withGpuMemory", () => {
  const rtx4090 = () => findGpu("RTX 4090") as GpuSpec;

  it("gives a named card the memory asked for", () => {
    assert.equal(withGpuMemory(rtx4090(), 47.5).cudaTotalBytes, 47.5 * 2 ** 30);
  });

  it("keeps the named card's key, so its interconnect and capabilities stay", () => {
    const g = withGpuMemory(rtx4090(), 47.5);
    assert.deepEqual([g.model, g.computeCapability], ["rtx-4090-24gb", 8.9]);
  });

  it("says the memory in the card's name", () => {
    assert.equal(withGpuMemory(rtx4090(), 48).displayName, "NVIDIA GeForce RTX 4090 with 48 GiB");
  });

  it("describes a GPU known only by its memory without a named card", () => {
    const g = withGpuMemory(undefined, 40);
    assert.deepEqual(
      [g.model, g.displayName, g.supportsFp8],
      ["custom-40gib", "a GPU with 40 GiB", false],
    );
  });
});

describe("GPU_SPECS", () => {
  it("has one entry per GPU model, keyed by its own model", () => {
    assert.deepEqual(
      GPU_MODELS.filter((m) => GPU_SPECS[m].model !== m),
      [],
    );
  });

  it("lists each GPU model once", () => {
    assert.deepEqual(
      GPU_MODELS.filter((m, i) => GPU_MODELS.indexOf(m) !== i),
      [],
    );
  });

  it("assumes no GPU smaller than the Tesla T4 for a server that names none", () => {
    // The window rule judges such a server on the smallest assumable GPU that holds its weights,
    // and the corpus labels follow the T4 there (docs/catalog.md "Add a GPU"): a smaller card
    // enters that set only when the convention is decided for it.
    const t4 = GPU_SPECS["t4-16gb"].cudaTotalBytes;
    assert.deepEqual(
      listAssumableGpus().filter((m) => GPU_SPECS[m].cudaTotalBytes < t4),
      [],
    );
  });

  it("assumes no Jetson module for a server that names none", () => {
    // An embedded board whose one GPU shares its memory with the CPU, every total an estimate.
    assert.deepEqual(
      listAssumableGpus().filter((m) => GPU_SPECS[m].displayName.includes("Jetson")),
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

describe("listPlannableInstances", () => {
  it("covers the AWS and GCP families the planner needs", () => {
    const families = new Set(listPlannableInstances().map((i) => i.type.split(/[.-]/)[0]));
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
    const bad = listPlannableInstances().filter(
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
    const before = listPlannableInstances().map((i) => i.type);
    const aws = listInstances("aws");
    assert.deepEqual(
      [
        aws.every(
          (x, k) => k === 0 || (aws[k - 1]?.onDemandUsdPerHour ?? 0) <= x.onDemandUsdPerHour,
        ),
        aws.every((i) => i.cloud === "aws"),
        listPlannableInstances().map((i) => i.type),
      ],
      [true, true, before],
    );
  });
});

describe("findInstanceGpus", () => {
  const cases: [string, { gpu: string; gpuCount: number } | undefined][] = [
    // Azure VM sizes as KAITO and AKS node labels write them, in any case
    ["Standard_NC24ads_A100_v4", { gpu: "a100-80gb-pcie", gpuCount: 1 }],
    ["standard_nc96ads_a100_v4", { gpu: "a100-80gb-pcie", gpuCount: 4 }],
    // AWS and GCP types too
    ["p4d.24xlarge", { gpu: "a100-40gb", gpuCount: 8 }],
    // a fraction of a GPU (NVadsA10 v5 partitions) and an unknown type have no whole GPUs
    ["Standard_NV6ads_A10_v5", undefined],
    ["Standard_XX1", undefined],
  ];
  for (const [type, expected] of cases)
    it(`finds ${expected === undefined ? "no whole GPUs" : `${expected.gpuCount} x ${expected.gpu}`} for "${type}"`, () => {
      assert.deepStrictEqual(findInstanceGpus(type), expected);
    });
});

describe("findInstanceFamilyGpu", () => {
  const cases: [string, string | undefined][] = [
    // every type of the family carries the same GPU, in any case
    ["g5", "a10g-24gb"],
    ["P4D", "a100-40gb"],
    // fractions of a GPU (g6f) and a family the data does not list
    ["g6f", undefined],
    ["x9z", undefined],
  ];
  for (const [family, expected] of cases)
    it(`finds ${expected ?? "no one GPU"} for the "${family}" family`, () => {
      assert.equal(findInstanceFamilyGpu(family), expected);
    });
});

describe("findGpuInterconnect", () => {
  const cases: [string, string | undefined][] = [
    // every multi-GPU instance of it puts it on the PCIe bus (g6, g2) or an NVLink switch (p5, a3)
    ["l4-24gb", "pcie"],
    ["rtx-pro-6000-server-96gb", "pcie"],
    ["h100-80gb-sxm", "nvlink"],
    ["a10g-24gb", "pcie"],
    // its one multi-GPU instance marks the interconnect unverified (Standard_NC80adis_H100_v5,
    // Standard_ND96isr_MI300X_v5)
    ["h100-nvl-94gb", undefined],
    ["mi300x-192gb", undefined],
    // its own record: Ada Lovelace cards have no NVLink
    ["rtx-4090-24gb", "pcie"],
    ["rtx-6000-ada-48gb", "pcie"],
    // its own record: its NVLink bridge joins two cards, and vLLM runs four as PCIe-only
    ["rtx-3090-24gb", "pcie"],
    // no record and no instance says it (the RTX A6000 takes an NVLink bridge)
    ["rtx-a6000-48gb", undefined],
  ];
  for (const [gpu, expected] of cases)
    it(`finds ${expected ?? "no interconnect"} for ${gpu}`, () => {
      assert.equal(findGpuInterconnect(gpu), expected);
    });

  it("records an interconnect on a GPU only with its source, and never against its instances", () => {
    const problems = GPU_MODELS.flatMap((m) => {
      const own = GPU_SPECS[m].interconnect;
      if (own === undefined) return [];
      const joined = listInstanceRecords()
        .filter(
          (r) => r.gpu === m && (r.gpuCount ?? 1) > 1 && !r.unverified.includes("interconnect"),
        )
        .map((r) => r.interconnect);
      return [
        ...(GPU_SPECS[m].sources["interconnect"] === undefined ? [`${m}: no source`] : []),
        ...joined.filter((i) => i !== undefined && i !== own).map((i) => `${m}: ${own} vs ${i}`),
      ];
    });
    assert.deepStrictEqual(problems, []);
  });
});
