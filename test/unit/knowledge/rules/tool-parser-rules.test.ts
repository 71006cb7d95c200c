/** The tool-calling rules as pure functions over a normalised workload. */
import assert from "node:assert/strict";
import {
  checkAutoToolChoiceWithoutParser,
  checkParserWithoutAutoToolChoice,
  checkToolParserMismatch,
  checkToolParserMissing,
  checkToolParserUnknown,
  findImageVllmVersion,
  resolveWorkloadModel,
} from "../../../../knowledge/rules";
import { baseArgv, C, config, validWorkload, withFlag } from "./workload-factory";

describe("findImageVllmVersion", () => {
  // Release tags with and without "v", registries with ports, digests and non-release tags.
  const cases: [string | undefined, string | undefined][] = [
    ["vllm/vllm-openai:v0.10.1.1", "0.10.1.1"],
    ["vllm/vllm-openai:0.4.1", "0.4.1"],
    ["registry.local:5000/vllm/vllm-openai:v0.11.0", "0.11.0"],
    ["vllm/vllm-openai:v0.5.3.post1", "0.5.3.post1"],
    ["vllm/vllm-openai:v0.9.0-cu126", "0.9.0"],
    ["vllm/vllm-openai:v0.19.1-x86_64-cu130", "0.19.1"],
    ["vllm/vllm-openai:latest", undefined],
    ["vllm/vllm-openai:nightly-2025-01-01", undefined],
    ["vllm/vllm-openai@sha256:4f40", undefined],
    ["gpustack/runner:cuda12.9-vllm0.11.2", undefined],
    // LMCache's image is tagged with LMCache's release, on Docker Hub or a mirror.
    ["lmcache/vllm-openai:v0.3.7", undefined],
    ["docker.io/lmcache/vllm-openai:v0.3.7", undefined],
    // Red Hat OpenShift AI's build of vLLM is tagged with the product's branch, whose vLLM release
    // the catalog records (vllm-releases.yaml downstreamImages); a branch it does not record names none.
    ["quay.io/modh/vllm:rhoai-2.20-cuda", "0.8.4"],
    ["quay.io/modh/vllm:rhoai-2.22-cuda", "0.9.1"],
    ["quay.io/modh/vllm:rhoai-2.23-cuda", "0.9.2"],
    ["quay.io/modh/vllm:rhoai-2.19-cuda", undefined],
    [undefined, undefined],
  ];
  for (const [image, expected] of cases) {
    it(`reads ${String(expected)} from ${String(image)}`, () => {
      assert.equal(findImageVllmVersion(image), expected);
    });
  }
});

describe("checkToolParserMissing", () => {
  it("passes a server with tool calling", () => {
    assert.equal(checkToolParserMissing(validWorkload(), config()), undefined);
  });

  it("reports a tool-capable model served without tool flags", () => {
    const argv = withFlag(withFlag(baseArgv(), "--tool-call-parser"), "--enable-auto-tool-choice");
    assert.deepStrictEqual(checkToolParserMissing(validWorkload(argv), config()), {
      kind: "violation",
      message: `${C} must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.`,
    });
  });

  it("says the demo server has no OpenAI API when it serves a tool-capable model", () => {
    const argv = [
      "python3",
      "-m",
      "vllm.entrypoints.api_server",
      "--model",
      "meta-llama/Llama-3.1-8B-Instruct",
    ];
    assert.deepStrictEqual(checkToolParserMissing(validWorkload(argv), config()), {
      kind: "violation",
      message: `${C} must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. It runs vllm.entrypoints.api_server, vLLM's demo server, which serves only /generate (no OpenAI API, so no tool calls): run the OpenAI-compatible server (vllm serve) with --enable-auto-tool-choice --tool-call-parser llama3_json.`,
    });
  });

  it("judges the release a reader knows the image installs (a custom tag names none)", () => {
    const argv = withFlag(withFlag(baseArgv(), "--tool-call-parser"), "--enable-auto-tool-choice");
    const w = validWorkload(argv, { image: "acme/ray-vllm:v1", vllmVersion: "0.4.3" });
    assert.deepStrictEqual(checkToolParserMissing(w, config()), {
      kind: "skipped",
      reason: "vLLM 0.4.3 predates tool calling (--tool-call-parser arrived in 0.6.0)",
    });
  });

  it("passes a model outside the catalog", () => {
    assert.equal(
      checkToolParserMissing(validWorkload(["vllm", "serve", "acme/unknown-7b"]), config()),
      undefined,
    );
  });

  // Nicolas-Richard/vllm-on-eks serves /models/qwen25-7b as Qwen/Qwen2.5-7B-Instruct: the
  // directory's shorthand reads as the base model, the served name says which checkpoint it is.
  const localQwen = ["vllm", "serve", "/models/qwen25-7b", "--max-model-len", "8192"];

  it("takes the served name that names a catalog model of the directory's family exactly", () => {
    const w = validWorkload([...localQwen, "--served-model-name", "Qwen/Qwen2.5-7B-Instruct"]);
    assert.deepStrictEqual(checkToolParserMissing(w, config()), {
      kind: "violation",
      message: `${C} must enable tool calling for Qwen2.5 7B Instruct (served as "Qwen/Qwen2.5-7B-Instruct" from the local directory "/models/qwen25-7b"); it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser hermes.`,
    });
  });

  it("keeps the weights the directory's name says when the served name picks the checkpoint", () => {
    const w = validWorkload([
      "vllm",
      "serve",
      "/models/qwen25-7b-awq",
      "--served-model-name",
      "Qwen/Qwen2.5-7B-Instruct",
    ]);
    const served = resolveWorkloadModel(w);
    assert.deepStrictEqual(
      [served?.spec?.hfId, served?.spec?.checkpoint.dtype, served?.knownByServedName],
      ["Qwen/Qwen2.5-7B-Instruct", "int4", undefined],
    );
  });

  // shape27-baseten: Deployment "gemma-3-27b-it" serves /cache/model/gemma under "gemma".
  const namedAfter = (name: string) =>
    validWorkload(["vllm", "serve", "/cache/model/gemma", "--served-model-name", "gemma"], {
      resource: `Deployment "${name}"`,
      resourceKey: `Deployment/models/${name}`,
    });

  it("reads a nameless directory as the model its Deployment is named after exactly", () => {
    const served = resolveWorkloadModel(namedAfter("gemma-3-27b-it"));
    assert.deepStrictEqual(
      [served?.spec?.hfId, served?.knownByServedName?.resource, served?.resolution.resolvedFrom],
      [
        "google/gemma-3-27b-it",
        'Deployment "gemma-3-27b-it"',
        'the local directory "/cache/model/gemma", run by Deployment "gemma-3-27b-it", named after google/gemma-3-27b-it',
      ],
    );
  });

  it("expects no tool calling of a model known only by its Deployment's name", () => {
    // Qwen3-8B expects tool calling when named by --model; by its Deployment's name it does not.
    const w = namedAfter("qwen3-8b");
    assert.deepStrictEqual(
      [resolveWorkloadModel(w)?.spec?.hfId, checkToolParserMissing(w, config())],
      ["Qwen/Qwen3-8B", undefined],
    );
  });

  it("does not read a Deployment named by an alias, which names a line of models, not one", () => {
    assert.equal(resolveWorkloadModel(namedAfter("qwen3-coder")), undefined);
  });

  it("keeps a directory's model over a served alias of its family that names another size", () => {
    // shape30-paola: the R1 distill's directory served as "deepseek-r1", DeepSeek-R1's alias.
    const w = validWorkload([
      ...["vllm", "serve", "/scratch/LLM/DeepSeek-R1-Distill-Llama-70B"],
      ...["--served-model-name", "deepseek-r1"],
    ]);
    assert.equal(resolveWorkloadModel(w)?.spec?.hfId, "deepseek-ai/DeepSeek-R1-Distill-Llama-70B");
  });

  it("keeps the directory's model when the served name is another size of its family", () => {
    const w = validWorkload([...localQwen, "--served-model-name", "Qwen/Qwen2.5-72B-Instruct"]);
    assert.equal(resolveWorkloadModel(w)?.spec?.hfId, "Qwen/Qwen2.5-7B");
  });

  it("keeps the directory's model when the served name is another family's", () => {
    const w = validWorkload([
      ...localQwen,
      "--served-model-name",
      "meta-llama/Llama-3.1-8B-Instruct",
    ]);
    assert.equal(checkToolParserMissing(w, config()), undefined);
  });
});

describe("tool-parser rules of a model read from its reasoning parser", () => {
  // A local directory that names no model: only --reasoning-parser says which family it is.
  const local = ["vllm", "serve", "/models"];
  const readBy = (parser: string, models: string, tools: string) =>
    `model "/models" (treated as a model whose output --reasoning-parser ${parser} reads: every catalog model it reads, ${models}, takes the ${tools} tool-call parser)`;

  it("reports a server without tool flags whose reasoning parser only one tool-call parser's models use", () => {
    const w = validWorkload([...local, "--reasoning-parser", "kimi_k2"]);
    const kimi = readBy(
      "kimi_k2",
      "Kimi K2 Thinking, Kimi K2.5, Kimi K2.6 and Kimi K2.7 Code",
      "kimi_k2",
    );
    assert.deepStrictEqual(checkToolParserMissing(w, config()), {
      kind: "violation",
      message: `${C} must enable tool calling for ${kimi}; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser kimi_k2.`,
    });
  });

  it("reads a reasoning parser by the name it had before vLLM renamed it (GptOss)", () => {
    const argv = [...local, "--reasoning-parser", "GptOss", "--enable-auto-tool-choice"];
    const gptOss = readBy(
      "GptOss (openai_gptoss from vLLM 0.10.2)",
      "gpt-oss-120b, gpt-oss-20b, gpt-oss-safeguard-120b and gpt-oss-safeguard-20b",
      "openai",
    );
    assert.deepStrictEqual(
      checkToolParserMismatch(validWorkload([...argv, "--tool-call-parser", "pythonic"]), config()),
      {
        kind: "violation",
        message: `${C} must use the tool-call parser of ${gptOss}; it sets "pythonic", which does not read that model's tool-call format, so tool calls come back as plain text. Use "openai".`,
      },
    );
  });

  it("passes a server without tool flags when a model its reasoning parser reads need not call tools (gpt-oss-safeguard)", () => {
    const w = validWorkload([...local, "--reasoning-parser", "openai_gptoss"]);
    assert.equal(checkToolParserMissing(w, config()), undefined);
  });

  it("passes a reasoning parser whose models take different tool-call parsers (qwen3)", () => {
    const argv = [...local, "--reasoning-parser", "qwen3", "--enable-auto-tool-choice"];
    const w = validWorkload([...argv, "--tool-call-parser", "pythonic"]);
    assert.equal(checkToolParserMismatch(w, config()), undefined);
  });
});

describe("checkToolParserUnknown", () => {
  it("passes a registered parser", () => {
    assert.equal(checkToolParserUnknown(validWorkload(), config()), undefined);
  });

  it("reports a parser name no release registers", () => {
    assert.deepStrictEqual(
      checkToolParserUnknown(
        validWorkload(withFlag(baseArgv(), "--tool-call-parser", "llama3")),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must use a --tool-call-parser that vLLM 0.11.0 registers; "llama3" is not a vLLM parser, so vLLM will not start. Use "llama3_json".`,
      },
    );
  });

  it("accepts a parser listed in extraParsers", () => {
    assert.equal(
      checkToolParserUnknown(
        validWorkload(withFlag(baseArgv(), "--tool-call-parser", "acme_json")),
        config({ extraParsers: ["acme_json"] }),
      ),
      undefined,
    );
  });
});

describe("checkToolParserMismatch", () => {
  it("passes the model family's parser", () => {
    assert.equal(checkToolParserMismatch(validWorkload(), config()), undefined);
  });

  it("reports another family's parser", () => {
    assert.deepStrictEqual(
      checkToolParserMismatch(
        validWorkload(withFlag(baseArgv(), "--tool-call-parser", "hermes")),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must use the tool-call parser of Llama 3.1 8B Instruct; it sets "hermes", which does not read that model's tool-call format, so tool calls come back as plain text. Use "llama3_json".`,
      },
    );
  });
});

describe("checkToolParserMismatch on a release that registers none of the model's parsers", () => {
  it("names the first release that registers the model's parser", () => {
    const argv = ["vllm", "serve", "openai/gpt-oss-20b", "--enable-auto-tool-choice"];
    const w = validWorkload([...argv, "--tool-call-parser", "pythonic"], {
      image: "vllm/vllm-openai:v0.10.1",
    });
    assert.deepStrictEqual(checkToolParserMismatch(w, config()), {
      kind: "violation",
      message: `${C} must use the tool-call parser of gpt-oss-20b; it sets "pythonic", which does not read that model's tool-call format, so tool calls come back as plain text. vLLM 0.10.1 registers none of its parsers (openai arrives in 0.10.2): pin vLLM 0.10.2 or later and use "openai".`,
    });
  });
});

describe("checkToolParserMismatch of a parser registered under two names", () => {
  // qwen3_coder and qwen3_xml read the same <tool_call><function=...><parameter=...> format.
  const serve = (model: string, parser: string): string[] => [
    "vllm",
    "serve",
    model,
    "--enable-auto-tool-choice",
    "--tool-call-parser",
    parser,
  ];

  it("passes qwen3_xml for a model whose parser is qwen3_coder", () => {
    const w = validWorkload(serve("Qwen/Qwen3.6-35B-A3B", "qwen3_xml"));
    assert.equal(checkToolParserMismatch(w, config()), undefined);
  });

  it("passes qwen3_coder for a model whose parser is qwen3_xml", () => {
    const w = validWorkload(serve("nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16", "qwen3_coder"));
    assert.equal(checkToolParserMismatch(w, config()), undefined);
  });
});

describe("checkToolParserMismatch of a model whose tool-call format no vLLM parser reads", () => {
  it("reports any parser for it", () => {
    const argv = ["vllm", "serve", "zai-org/GLM-4-9B-0414", "--enable-auto-tool-choice"];
    const w = validWorkload([...argv, "--tool-call-parser", "pythonic"]);
    assert.deepStrictEqual(checkToolParserMismatch(w, config()), {
      kind: "violation",
      message: `${C} must not set a --tool-call-parser for GLM-4 9B 0414, whose tool calls (the function name on one line, then its arguments as JSON) no vLLM parser reads; it sets "pythonic", which does not read that format, so tool calls come back as plain text. Remove --enable-auto-tool-choice and --tool-call-parser, and parse its tool calls in the client.`,
    });
  });
});

describe("checkToolParserMismatch of a parser that reads one family's own tokens", () => {
  const gemma = ["vllm", "serve", "google/gemma-3-27b-it", "--enable-auto-tool-choice"];

  it("reports openai, which reads only gpt-oss's harmony messages, on a model with no parser of its own", () => {
    const w = validWorkload([...gemma, "--tool-call-parser", "openai"]);
    assert.deepStrictEqual(checkToolParserMismatch(w, config()), {
      kind: "violation",
      message: `${C} must use a tool-call parser that reads Gemma 3 27B IT's tool calls; it sets "openai", which reads only gpt-oss's harmony messages (from their token ids), so tool calls come back as plain text. Remove --enable-auto-tool-choice and --tool-call-parser openai, or set the parser of the format the model's chat template writes.`,
    });
  });

  it("reports gemma4, which reads only Gemma 4's own control tokens, on Gemma 3", () => {
    const w = validWorkload([...gemma, "--tool-call-parser", "gemma4"], {
      image: "vllm/vllm-openai:v0.27.1",
    });
    assert.deepStrictEqual(checkToolParserMismatch(w, config()), {
      kind: "violation",
      message: `${C} must use a tool-call parser that reads Gemma 3 27B IT's tool calls; it sets "gemma4", which reads only Gemma 4's <|tool_call>call:NAME{ARGS}<tool_call|> control tokens, so tool calls come back as plain text. Remove --enable-auto-tool-choice and --tool-call-parser gemma4, or set the parser of the format the model's chat template writes.`,
    });
  });

  it("passes gemma4 on Gemma 4, whose parser it is", () => {
    const argv = ["vllm", "serve", "google/gemma-4-31b-it", "--enable-auto-tool-choice"];
    const w = validWorkload([...argv, "--tool-call-parser", "gemma4"], {
      image: "vllm/vllm-openai:v0.27.1",
    });
    assert.equal(checkToolParserMismatch(w, config()), undefined);
  });

  it("passes another parser on a model with no parser of its own, which a chat template may serve", () => {
    const w = validWorkload([...gemma, "--tool-call-parser", "pythonic"]);
    assert.equal(checkToolParserMismatch(w, config()), undefined);
  });
});

describe("checkToolParserMismatch of a server that names no model", () => {
  it("judges a command line that names no model as its release's default model", () => {
    const argv = [
      "vllm",
      "serve",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "llama3_json",
    ];
    assert.deepStrictEqual(checkToolParserMismatch(validWorkload(argv), config()), {
      kind: "violation",
      message: `${C} must use the tool-call parser of Qwen3 0.6B (vLLM 0.11.0 serves its default model, Qwen/Qwen3-0.6B, since the command line names none); it sets "llama3_json", which does not read that model's tool-call format, so tool calls come back as plain text. Use "hermes".`,
    });
  });

  it("judges a model passed positionally to the api_server module as the default model it serves", () => {
    const argv = [
      "python",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "MiniMaxAI/MiniMax-M2",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "minimax_m2",
    ];
    assert.deepStrictEqual(checkToolParserMismatch(validWorkload(argv), config()), {
      kind: "violation",
      message: `${C} must use the tool-call parser of Qwen3 0.6B (vLLM 0.11.0 serves its default model, Qwen/Qwen3-0.6B; the positional MiniMaxAI/MiniMax-M2 is ignored by api_server); it sets "minimax_m2", which does not read that model's tool-call format, so tool calls come back as plain text. Use "hermes".`,
    });
  });
});

describe("checkAutoToolChoiceWithoutParser", () => {
  it("passes auto tool choice with a parser", () => {
    assert.equal(checkAutoToolChoiceWithoutParser(validWorkload()), undefined);
  });

  it("reports auto tool choice without a parser", () => {
    assert.deepStrictEqual(
      checkAutoToolChoiceWithoutParser(validWorkload(withFlag(baseArgv(), "--tool-call-parser"))),
      {
        kind: "violation",
        message: `${C} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser llama3_json.`,
      },
    );
  });
});

describe("checkParserWithoutAutoToolChoice", () => {
  it("passes a parser with auto tool choice", () => {
    assert.equal(checkParserWithoutAutoToolChoice(validWorkload()), undefined);
  });

  it("reports a parser without auto tool choice", () => {
    assert.deepStrictEqual(
      checkParserWithoutAutoToolChoice(
        validWorkload(withFlag(baseArgv(), "--enable-auto-tool-choice")),
      ),
      {
        kind: "violation",
        message: `${C} must set --enable-auto-tool-choice with --tool-call-parser llama3_json; without it every request with tools and tool_choice "auto" fails with HTTP 400. Add --enable-auto-tool-choice.`,
      },
    );
  });
});
