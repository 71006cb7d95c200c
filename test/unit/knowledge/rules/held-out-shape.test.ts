/**
 * Issue 17's held-out shape as a property: a Deployment with `nvidia.com/gpu` limits and a GPU
 * Feature Discovery `nvidia.com/gpu.product` node selector, serving a tool-calling catalog model on
 * vLLM's own image at any release tag or latest, started by `command: [vllm, serve, ...]` or by bare
 * `args`. Lint must judge every such server (a rule may only step aside for another rule that
 * reports the server, or for a close call) and must agree with `fit` on whether it fits.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { compareVersions } from "../../../../knowledge/core/versions";
import { listVllmGpus, gpuSpec, findSizingGpu } from "../../../../knowledge/catalog/gpu-lookup";
import { MODELS } from "../../../../knowledge/catalog/models";
import { VLLM_RELEASES, DEFAULT_VLLM_VERSION } from "../../../../knowledge/catalog/vllm-releases";
import type { ModelSpec } from "../../../../knowledge/catalog/model-types";
import { judgeManifests, type Judgement } from "../../../../knowledge/rules";
import { computeFit, type KvCacheDtype } from "../../../../knowledge/sizing";
import { VLLM_SERVE_IMAGE_ENTRYPOINT } from "../../../../knowledge/vllm/image-entrypoint";
import { describeUnloadableArchitecture } from "../../../../knowledge/vllm/from-plan";

const TOOL_MODELS = MODELS.filter((m) => m.kind === "chat" && m.toolCalling.parsers.length > 0);
/** GFD's product label: the NVML name with spaces as dashes ("NVIDIA-H100-80GB-HBM3"). */
const GFD_PRODUCTS = listVllmGpus()
  .map((g) => gpuSpec(g))
  .filter((g) => g.vendor === "nvidia")
  .map((g) => g.displayName.replace(/\s+/g, "-"));
const TAGS = [...VLLM_RELEASES.map((r) => r.version), "latest"];
type Form = "command" | "args --model" | "args positional";

interface Case {
  readonly model: ModelSpec;
  readonly product: string;
  readonly gpus: number;
  readonly tag: string;
  readonly form: Form;
}

/** The value a model's required flags give `flag`, if any (--kv-cache-dtype fp8 for DeepSeek-V4). */
function requiredFlag(model: ModelSpec, flag: string): string | undefined {
  const flags = model.requiredFlags ?? [];
  const i = flags.indexOf(flag);
  return i >= 0 ? flags[i + 1] : undefined;
}

function buildDeployment(c: Case): Record<string, unknown> {
  const flags = [
    "--tensor-parallel-size",
    String(c.gpus),
    "--enable-auto-tool-choice",
    "--tool-call-parser",
    c.model.toolCalling.parsers[0] ?? "",
    ...(c.model.requiredFlags ?? []),
  ];
  const start =
    c.form === "command"
      ? { command: ["vllm", "serve", c.model.hfId, ...flags] }
      : {
          args:
            c.form === "args --model"
              ? ["--model", c.model.hfId, ...flags]
              : [c.model.hfId, ...flags],
        };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "vllm", namespace: "ai" },
    spec: {
      selector: { matchLabels: { app: "vllm" } },
      template: {
        metadata: { labels: { app: "vllm" } },
        spec: {
          nodeSelector: { "nvidia.com/gpu.product": c.product },
          containers: [
            {
              name: "vllm",
              image: `vllm/vllm-openai:${c.tag === "latest" ? "latest" : `v${c.tag}`}`,
              ...start,
              resources: { limits: { "nvidia.com/gpu": String(c.gpus) } },
            },
          ],
        },
      },
    },
  };
}

/** Bare args name a model positionally only where the image's entrypoint is `vllm serve`. */
function runsVllmServe(tag: string): boolean {
  return tag === "latest" || compareVersions(tag, VLLM_SERVE_IMAGE_ENTRYPOINT.firstRelease) >= 0;
}

const cases = fc
  .record({
    model: fc.constantFrom(...TOOL_MODELS),
    product: fc.constantFrom(...GFD_PRODUCTS),
    gpus: fc.constantFrom(1, 2, 4, 8),
    tag: fc.constantFrom(...TAGS),
    form: fc.constantFrom<Form>("command", "args --model", "args positional"),
  })
  .filter((c) => c.form !== "args positional" || runsVllmServe(c.tag));

/**
 * Notes a rule may leave: another rule reports the server, a close call, an unread registry, or a
 * release that cannot load the model's architecture (no rule reports that; the sizing says so).
 */
function unexplainedNotes(j: Judgement): string[] {
  return j.notes
    .filter((n) => {
      const by = /\((vllm-[a-z-]+) reports it\)$/.exec(n.reason)?.[1];
      if (by !== undefined) return !j.findings.some((f) => f.rule === by);
      return !/^a close call: |its registry is not known to this library|^not applicable: vLLM \S+ cannot load /.test(
        n.reason,
      );
    })
    .map((n) => `${n.rule}: ${n.reason}`);
}

describe("the held-out shape (Deployment, nvidia.com/gpu limits, nvidia.com/gpu.product selector)", () => {
  it("judges every server: a rule steps aside only for another rule that reports it, or a close call", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const j = judgeManifests([buildDeployment(c)]);
        assert.equal(j.workloads, 1);
        assert.deepStrictEqual(unexplainedNotes(j), []);
      }),
      { numRuns: 300 },
    );
  });

  it("reports vllm-model-does-not-fit exactly when fit says the setup does not fit", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const j = judgeManifests([buildDeployment(c)]);
        if (j.notes.some((n) => n.rule === "vllm-model-does-not-fit")) return;
        const kvCacheDtype = requiredFlag(c.model, "--kv-cache-dtype") as KvCacheDtype | undefined;
        const blockSize = requiredFlag(c.model, "--block-size");
        // A release that cannot load the architecture is sized at the first that registers it.
        const tagged = c.tag === "latest" ? DEFAULT_VLLM_VERSION : c.tag;
        const vllmVersion = describeUnloadableArchitecture(c.model, tagged)?.since ?? tagged;
        const fit = computeFit({
          model: c.model,
          gpu: findSizingGpu(c.product) ?? assert.fail(c.product),
          gpuCount: c.gpus,
          tensorParallelSize: c.gpus,
          vllmVersion,
          vllmImage: true,
          ...(kvCacheDtype !== undefined ? { kvCacheDtype } : {}),
          ...(blockSize !== undefined ? { blockSize: Number(blockSize) } : {}),
        });
        const reported = j.findings.some((f) => f.rule === "vllm-model-does-not-fit");
        // A setup vLLM refuses before sizing is reported by another rule (first property).
        if (!fit.ok) return;
        assert.equal(reported, !fit.report.fits);
      }),
      { numRuns: 300 },
    );
  });
});
