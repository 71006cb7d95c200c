/**
 * The vendor guide's three "Complete Example" commands, as written, on the hardware they name.
 * None of them can start; each gets a plan on H100s that does.
 */
import assert from "node:assert/strict";
import { findGpu, findModel } from "../../../../knowledge/catalog";
import { planSelfHosted } from "../../../../knowledge/plan";
import { computeFit, type FitReport } from "../../../../knowledge/sizing";
import type { ServingDtype } from "../../../../knowledge/sizing";
import { parseVllmFlags } from "../../../../knowledge/vllm";

const EXAMPLES = [
  {
    name: "Llama 4 Scout on 1x H100",
    command:
      "vllm serve meta-llama/Llama-4-Scout-17B-16E-Instruct --served-model-name llama-4-scout --port 8000 --max-model-len 1048576 --dtype bfloat16 --tensor-parallel-size 1 --tool-call-parser llama4 --enable-auto-tool-choice --enable-prefix-caching --enable-chunked-prefill",
    gpus: 1,
    // 109B parameters x 2 bytes = 203.0 GiB of BF16 weights on one GPU with 71.3 GiB usable.
    expected: { limitedBy: "weights", weightsGiBPerGpu: "203.0" },
  },
  {
    name: "DeepSeek-V3 on 8x H100",
    command:
      "vllm serve deepseek-ai/DeepSeek-V3 --served-model-name deepseek-v3 --port 8000 --max-model-len 128000 --dtype bfloat16 --tensor-parallel-size 8 --tool-call-parser hermes --enable-auto-tool-choice --enable-prefix-caching --enable-chunked-prefill",
    gpus: 8,
    // The checkpoint is FP8 (--dtype only sets activations): 626.6 GiB / 8 = 78.3 GiB per GPU > 71.3.
    expected: { limitedBy: "weights", weightsGiBPerGpu: "78.3" },
  },
  {
    name: "Mistral Large 2411 on 2x H100",
    command:
      "vllm serve mistralai/Mistral-Large-Instruct-2411 --served-model-name mistral-large --port 8000 --max-model-len 128000 --dtype bfloat16 --tensor-parallel-size 2 --tool-call-parser mistral --enable-auto-tool-choice --enable-prefix-caching --enable-chunked-prefill",
    gpus: 2,
    // 123B x 2 bytes = 229.1 GiB; 114.6 GiB per GPU over two GPUs.
    expected: { limitedBy: "weights", weightsGiBPerGpu: "114.6" },
  },
] as const;

function judge(command: string, gpus: number): FitReport {
  const s = parseVllmFlags(command.split(" "));
  const model = findModel(s.model ?? "");
  const gpu = findGpu("H100");
  assert.ok(model && gpu);
  const r = computeFit({
    model,
    gpu,
    gpuCount: gpus,
    tensorParallelSize: s.tensorParallelSize ?? 1,
    dtype: s.dtype as ServingDtype,
    maxModelLen: s.maxModelLen,
  });
  assert.ok(r.ok);
  return r.report;
}

describe("the guide's complete examples", () => {
  for (const ex of EXAMPLES) {
    it(`reports that ${ex.name} as written does not fit, with the numbers`, () => {
      const r = judge(ex.command, ex.gpus);
      assert.deepEqual(
        { fits: r.fits, limitedBy: r.limitedBy, weightsGiBPerGpu: r.weightsGiBPerGpu.toFixed(1) },
        { fits: false, ...ex.expected },
      );
    });

    it(`proposes a setup on H100s that serves ${ex.name}'s context`, () => {
      const s = parseVllmFlags(ex.command.split(" "));
      const model = findModel(s.model ?? "");
      assert.ok(model);
      const r = planSelfHosted({ model, maxModelLen: s.maxModelLen, gpu: "h100-80gb-sxm" });
      assert.ok(r.ok);
      const check = computeFit({
        model,
        gpu: findGpu("H100")!,
        gpuCount: r.plan.instance.gpuCount * r.plan.nodes,
        tensorParallelSize: r.plan.tensorParallelSize,
        pipelineParallelSize: r.plan.pipelineParallelSize,
        quantization: r.plan.quantization,
        maxModelLen: r.plan.maxModelLen,
      });
      assert.ok(check.ok);
      assert.deepEqual(
        [check.report.fits, r.plan.maxModelLen, r.plan.limitedBy],
        [true, s.maxModelLen, "target"],
      );
    });
  }
});
