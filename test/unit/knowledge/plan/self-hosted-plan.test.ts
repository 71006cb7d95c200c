import assert from "node:assert/strict";
import fc from "fast-check";
import { MODELS, gpuSpec } from "../../../../knowledge/catalog";
import { planSelfHosted, type SelfHostedPlan } from "../../../../knowledge/plan";
import { computeFit, isValidTensorParallel, type KvCacheDtype } from "../../../../knowledge/sizing";
import { validPlanRequest, validSizingModel } from "../../../support/factories/sizing";

function plan(r = validPlanRequest()): SelfHostedPlan {
  const p = planSelfHosted(r);
  if (!p.ok) assert.fail(JSON.stringify(p.issues));
  return p.plan;
}

describe("planSelfHosted", () => {
  it("plans the fixture 8B model at its full window on the cheapest AWS instance that fits", () => {
    const p = plan();
    const cheaperThatFit = p.alternatives.filter((a) => a.costPerHourUsd < p.costPerHourUsd);
    assert.deepEqual(
      [p.limitedBy, p.maxModelLen, p.fit.fits, p.instance.cloud, cheaperThatFit.length],
      ["target", 131072, true, "aws", 0],
    );
  });

  it("sizes the KV cache with the model's required --kv-cache-dtype and --block-size, which its flags pass", () => {
    // DeepSeek-V4-Flash requires --kv-cache-dtype fp8 --block-size 256 (catalog requiredFlags).
    const model = MODELS.find((m) => m.id === "deepseek-v4-flash") ?? assert.fail("no model");
    const p = plan(validPlanRequest({ model, gpu: "l40s-48gb" }));
    assert.deepEqual([p.fit.kvCacheDtype, p.fit.kvCacheTokens % 256], ["fp8", 0]);
  });

  it("computes Gemma 3 in float32 on a T4, as vLLM's --dtype auto does where float16 is refused and bfloat16 missing", () => {
    const model = MODELS.find((m) => m.id === "gemma-3-1b-it") ?? assert.fail("no model");
    const p = plan(validPlanRequest({ model, gpu: "t4-16gb", vllmVersion: "0.27.1" }));
    assert.deepEqual([p.instance.gpu, p.fit.activationDtype], ["t4-16gb", "fp32"]);
  });

  it("keeps to the requested GPU model", () => {
    assert.equal(plan(validPlanRequest({ gpu: "l4-24gb", cloud: "gcp" })).instance.gpu, "l4-24gb");
  });

  it("plans the largest context that fits, and says why, when the target fits nowhere", () => {
    const m = validSizingModel({
      context: {
        maxPositionEmbeddings: 100_000_000,
        advertisedTokens: 100_000_000,
        reachedBy: "native",
      },
    });
    const p = plan(validPlanRequest({ model: m }));
    assert.deepEqual(
      [
        p.limitedBy,
        p.fit.fits,
        p.maxModelLen < 100_000_000,
        /do not fit any instance of aws/.test(p.shortfall ?? ""),
      ],
      ["kv-cache", true, true, true],
    );
  });

  it("rejects a negative target context naming the argument", () => {
    const r = planSelfHosted(validPlanRequest({ maxModelLen: -1 }));
    assert.deepEqual(r.ok ? [] : r.issues, [
      {
        path: "context",
        message:
          "-1 is not a valid context length. Use a whole number of tokens of 1 or more, e.g. 131072.",
      },
    ]);
  });

  it("reports a model that cannot start anywhere as an issue on the model", () => {
    const m = validSizingModel({
      architecture: { ...validSizingModel().architecture, totalParamsB: 100_000 },
    });
    const r = planSelfHosted(validPlanRequest({ model: m, maxNodes: 1 }));
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => i.path), ["model"]);
  });
});

describe("planSelfHosted properties", () => {
  const chat = MODELS.filter((m) => m.kind === "chat");
  const arb = fc.record({
    model: fc.constantFrom(...chat),
    ctx: fc.integer({ min: 1024, max: 262144 }),
    cloud: fc.constantFrom("aws" as const, "gcp" as const),
  });

  it("always returns a plan that fits when re-judged, with TP dividing the heads", () => {
    fc.assert(
      fc.property(arb, ({ model, ctx, cloud }) => {
        const r = planSelfHosted({
          model,
          maxModelLen: Math.min(ctx, model.context.advertisedTokens),
          cloud,
        });
        if (!r.ok) return true; // nothing in the catalog can start it: reported as an issue
        const p = r.plan;
        // As vLLM runs the plan's command line: the model's required flags come last.
        const required = model.requiredFlags ?? [];
        const valueOf = (flag: string) => {
          const i = required.lastIndexOf(flag);
          return i >= 0 ? required[i + 1] : undefined;
        };
        const kv = valueOf("--kv-cache-dtype");
        const blockSize = valueOf("--block-size");
        const again = computeFit({
          model,
          ...(kv !== undefined ? { kvCacheDtype: kv as KvCacheDtype } : {}),
          ...(blockSize !== undefined ? { blockSize: Number(blockSize) } : {}),
          gpu: gpuSpec(p.instance.gpu),
          gpuCount: p.instance.gpuCount * p.nodes,
          tensorParallelSize: p.tensorParallelSize,
          pipelineParallelSize: p.pipelineParallelSize,
          quantization: p.quantization,
          // The command line carries the plan's --gpu-memory-utilization.
          gpuMemoryUtilization: p.gpuMemoryUtilization,
          maxModelLen: p.maxModelLen,
          ropeScaling: p.ropeScaling,
        });
        return (
          again.ok &&
          again.report.fits &&
          isValidTensorParallel(model, p.tensorParallelSize) &&
          p.maxModelLen <= model.context.advertisedTokens
        );
      }),
      { numRuns: 60 },
    );
  });
});
