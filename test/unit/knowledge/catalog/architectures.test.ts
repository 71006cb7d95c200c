/** Which vLLM release registers which model architecture, from the release data. */
import assert from "node:assert/strict";
import {
  DEFAULT_VLLM_VERSION,
  findArchitectureSupport,
  findRopeTypeRefusal,
  MODELS,
  type ArchitectureSupport,
} from "../../../../knowledge/catalog";

/** A model as the accessor reads it: a dense text decoder unless a case says otherwise. */
function subject(
  hfArchitecture: string | undefined,
  o: { kind?: "chat" | "embedding" | "transcription"; image?: boolean; moe?: boolean } = {},
) {
  return {
    kind: o.kind ?? "chat",
    modalities: o.image ? (["text", "image"] as const) : (["text"] as const),
    architecture: { hfArchitecture, ...(o.moe ? { experts: { routed: 8, active: 2 } } : {}) },
  } as Parameters<typeof findArchitectureSupport>[0];
}

describe("findArchitectureSupport", () => {
  const cases: [
    string,
    Parameters<typeof findArchitectureSupport>[0],
    string,
    ArchitectureSupport,
  ][] = [
    // registered from the first read (0.6.0 tag)
    ["LlamaForCausalLM", subject("LlamaForCausalLM"), "0.6.0", { status: "registered" }],
    // Qwen3-Next (MoE): absent at the 0.10.1.1 tag; the 0.10.2 cut lacks it, but the branch may
    // have picked it up after the cut, so 0.10.2 is open; registered at the 0.11.0 cut
    [
      "Qwen3-Next on 0.7.1",
      subject("Qwen3NextForCausalLM", { moe: true }),
      "0.7.1",
      { status: "unregistered", since: "0.11.0" },
    ],
    // a mixture of experts may load through the Transformers fallback from 0.7.2 (vllm#21361)
    [
      "Qwen3-Next on 0.9.2",
      subject("Qwen3NextForCausalLM", { moe: true }),
      "0.9.2",
      { status: "fallback", since: "0.11.0", fallbackSince: "0.7.2" },
    ],
    [
      "Qwen3-Next on 0.10.2",
      subject("Qwen3NextForCausalLM", { moe: true }),
      "0.10.2",
      { status: "open" },
    ],
    [
      "Qwen3-Next on 0.11.0",
      subject("Qwen3NextForCausalLM", { moe: true }),
      "0.11.0",
      { status: "registered" },
    ],
    // a release no snapshot holds is open, inside a range too
    [
      "Gemma 4 on 0.17.0",
      subject("Gemma4ForConditionalGeneration", { image: true }),
      "0.17.0",
      { status: "open" },
    ],
    // the Transformers fallback loads a text decoder from 0.7.2: Gemma 3's text model is not
    // refused on 0.7.3, which lacks it, and is refused on 0.7.1
    [
      "Gemma 3 text on 0.7.3",
      subject("Gemma3ForCausalLM"),
      "0.7.3",
      { status: "fallback", since: "0.8.0", fallbackSince: "0.7.2" },
    ],
    [
      "Gemma 3 text on 0.7.1",
      subject("Gemma3ForCausalLM"),
      "0.7.1",
      { status: "unregistered", since: "0.8.0" },
    ],
    // multimodal through it from 0.10.0
    [
      "HunyuanOCR on 0.11.1",
      subject("HunYuanVLForConditionalGeneration", { image: true }),
      "0.11.1",
      { status: "fallback", since: "0.13.0", fallbackSince: "0.10.0" },
    ],
    [
      "HunyuanOCR on 0.9.2",
      subject("HunYuanVLForConditionalGeneration", { image: true }),
      "0.9.2",
      { status: "unregistered", since: "0.13.0" },
    ],
    [
      "DeepSeek-OCR on 0.9.2",
      subject("DeepseekOCRForCausalLM", { image: true, moe: true }),
      "0.9.2",
      { status: "unregistered", since: "0.11.1" },
    ],
    [
      "DeepSeek-OCR on 0.10.1.1",
      subject("DeepseekOCRForCausalLM", { image: true, moe: true }),
      "0.10.1.1",
      { status: "fallback", since: "0.11.1", fallbackSince: "0.10.0" },
    ],
    [
      "DeepSeek-OCR on 0.11.0",
      subject("DeepseekOCRForCausalLM", { image: true, moe: true }),
      "0.11.0",
      { status: "open" },
    ],
    // removed: Mllama last in 0.10.2 (vLLM's _PREVIOUSLY_SUPPORTED_MODELS agrees), gone at the
    // 0.11.1 tag; on 0.27.1 only the multimodal fallback may load it
    [
      "Mllama on 0.27.1",
      subject("MllamaForConditionalGeneration", { image: true }),
      "0.27.1",
      { status: "fallback", lastRegistered: "0.10.2", fallbackSince: "0.10.0" },
    ],
    [
      "Mllama on 0.11.0",
      subject("MllamaForConditionalGeneration", { image: true }),
      "0.11.0",
      { status: "open" },
    ],
    // a transcription model has no fallback
    [
      "Whisper on 0.6.6.post1",
      subject("WhisperForConditionalGeneration", { kind: "transcription" }),
      "0.6.6.post1",
      { status: "unregistered", since: "0.7.0" },
    ],
    // main registers it at 6adad087 (2026-08-14), after 0.27.1's branch was cut (2026-07-31 to 08-03)
    // and not at 68ca6fd02c: no read proves it in 0.27.1
    ["Muse Glimmer on 0.27.1", subject("MuseGlimmerForCausalLM"), "0.27.1", { status: "open" }],
    // no architecture, one no read registers, or a release before the first read: not judged
    ["no architecture", subject(undefined), "0.6.0", { status: "open" }],
    ["an unrecorded architecture", subject("NoSuchForCausalLM"), "0.6.0", { status: "open" }],
    ["before the first read", subject("LlamaForCausalLM"), "0.5.4", { status: "open" }],
  ];
  for (const [what, model, version, expected] of cases) {
    it(`judges ${what} (${version}) ${expected.status}`, () => {
      assert.deepStrictEqual(findArchitectureSupport(model, version), expected);
    });
  }

  it("finds every catalog model's architecture registered at the default pin, but for the ones vLLM removed, MiniMax-M3 and Qwen3.8-Flash-Next", () => {
    const judged = MODELS.map((m) => [
      m.id,
      findArchitectureSupport(m, DEFAULT_VLLM_VERSION).status,
    ]);
    assert.deepStrictEqual(
      judged.filter(([, status]) => status !== "registered"),
      [
        // vLLM removed these (registry.py _PREVIOUSLY_SUPPORTED_MODELS at 0.27.1: Baichuan and
        // MiniMax-Text-01 "0.23.0", Mllama "0.10.2", Phi-3-small "0.9.2"); the Transformers fallback may
        // still load them, so they are not refused
        ["baichuan2-7b-chat", "fallback"],
        ["baichuan2-13b-chat", "fallback"],
        ["llama-3.2-11b-vision", "fallback"],
        ["llama-3.2-11b-vision-instruct", "fallback"],
        ["llama-3.2-90b-vision-instruct", "fallback"],
        // the catalog's config copy (aiconfigurator) says MiniMaxM3ForCausalLM, which no read registers;
        // vLLM registers MiniMaxM3SparseForCausalLM for MiniMaxAI/MiniMax-M3 (tests/models/registry.py at
        // 6adad087), so the name is not judged
        ["minimax-m3", "open"],
        ["minimax-text-01", "fallback"],
        ["phi-3-small-8k-instruct", "fallback"],
        // Qwen4ExpForConditionalGeneration (2026-08-26) is newer than every read (main of 2026-08-17
        // has no qwen4_exp); vLLM's recipe asks 0.29.0, which no read covers, so it is not judged
        ["qwen3.8-flash-next", "open"],
      ],
    );
  });
});

describe("findRopeTypeRefusal", () => {
  // Each type at the edges of its refusal span, as the tags read; unknown or unread releases pass.
  const cases: [Parameters<typeof findRopeTypeRefusal>[0], string, string | undefined][] = [
    ["llama3", "0.5.0", "0.5.3.post1"],
    ["llama3", "0.2.0", "0.5.3.post1"],
    ["llama3", "0.5.3", "0.5.3.post1"],
    ["llama3", "0.5.3.post1", undefined],
    ["llama3", "0.27.1", undefined],
    // before 0.2.0 vLLM reads no rope_scaling: not judged
    ["llama3", "0.1.7", undefined],
    ["yarn", "0.2.1.post1", "0.2.2"],
    ["yarn", "0.2.2", undefined],
    ["longrope", "0.5.0.post1", "0.5.1"],
    ["longrope", "0.5.1", undefined],
    ["su", "0.4.1", "0.4.2"],
    ["mrope", "0.6.0", "0.6.1"],
    ["default", "0.6.3", "0.6.3.post1"],
    ["default", "0.6.3.post1", undefined],
    // read by every release that reads rope_scaling
    ["linear", "0.2.0", undefined],
    ["dynamic", "0.5.0", undefined],
  ];
  for (const [ropeType, version, since] of cases) {
    it(`${since === undefined ? "passes" : "refuses"} ${ropeType} at ${version}`, () => {
      assert.deepStrictEqual(
        findRopeTypeRefusal(ropeType, version),
        since === undefined ? undefined : { since },
      );
    });
  }
});
