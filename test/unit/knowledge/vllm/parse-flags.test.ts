import assert from "node:assert/strict";
import {
  expandConfigFile,
  isVllmCommand,
  parseHumanReadableInt,
  parseVllmFlags,
  readConfigFileArgs,
} from "../../../../knowledge/vllm";

describe("parseHumanReadableInt", () => {
  const cases: [string, number | undefined][] = [
    // lowercase suffixes are decimal: the guide's "128k" is 128,000, not 131,072
    ["128k", 128000],
    ["25.6k", 25600],
    ["1m", 1000000],
    // uppercase suffixes are binary
    ["128K", 131072],
    ["1M", 1048576],
    // plain integers and rejects
    ["131072", 131072],
    ["1.5K", undefined],
    ["abc", undefined],
  ];
  for (const [text, want] of cases) {
    it(`reads "${text}" as ${String(want)}`, () => assert.equal(parseHumanReadableInt(text), want));
  }
});

describe("parseVllmFlags", () => {
  // The Qwen3.5 card's override (vllm-project/recipes 8959cf6, Qwen/Qwen3.5.md "Processing Ultra-Long Texts").
  it("reads a YaRN override nested under text_config.rope_parameters with its extra rope fields", () => {
    const s = parseVllmFlags([
      "vllm",
      "serve",
      "Qwen/Qwen3.5-9B",
      "--hf-overrides",
      `{"text_config": {"rope_parameters": {"mrope_interleaved": true, "mrope_section": [11, 11, 10], "rope_type": "yarn", "rope_theta": 10000000, "partial_rotary_factor": 0.25, "factor": 4.0, "original_max_position_embeddings": 262144}}}`,
    ]);
    assert.deepEqual(s.ropeScaling, {
      ropeType: "yarn",
      factor: 4,
      originalMaxPositionEmbeddings: 262144,
      overrideKey: "text_config.rope_parameters",
      extraFields: {
        mrope_interleaved: true,
        mrope_section: [11, 11, 10],
        rope_theta: 10000000,
        partial_rotary_factor: 0.25,
      },
    });
  });

  it("reads the guide's Llama 4 Scout command", () => {
    const s = parseVllmFlags(
      "vllm serve meta-llama/Llama-4-Scout-17B-16E-Instruct --served-model-name llama-4-scout --port 8000 --max-model-len 1048576 --dtype bfloat16 --tensor-parallel-size 1 --tool-call-parser llama4 --enable-auto-tool-choice --enable-prefix-caching --enable-chunked-prefill".split(
        " ",
      ),
    );
    assert.deepEqual(s, {
      model: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
      servedModelName: ["llama-4-scout"],
      port: 8000,
      maxModelLen: 1048576,
      dtype: "bfloat16",
      tensorParallelSize: 1,
      toolCallParser: "llama4",
      enableAutoToolChoice: true,
      enablePrefixCaching: true,
      enableChunkedPrefill: true,
      unknown: [],
    });
  });

  it("reads --flag=value and short aliases", () => {
    const s = parseVllmFlags([
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--model=org/m",
      "-tp",
      "4",
      "--max-model-len=128k",
    ]);
    assert.deepEqual(
      [s.model, s.tensorParallelSize, s.maxModelLen, s.maxModelLenText],
      ["org/m", 4, 128000, "128k"],
    );
  });

  it("reads the data-parallel size in long and short form", () => {
    assert.deepEqual(
      [
        parseVllmFlags(["--data-parallel-size", "8"]).dataParallelSize,
        parseVllmFlags(["-dp", "4"]).dataParallelSize,
      ],
      [8, 4],
    );
  });

  it("reads the ranks this node runs of data parallelism in long and short form", () => {
    assert.deepEqual(
      [
        parseVllmFlags(["--data-parallel-size-local", "8"]).dataParallelSizeLocal,
        parseVllmFlags(["-dpl", "4"]).dataParallelSizeLocal,
      ],
      [8, 4],
    );
  });

  it("reads --max-num-batched-tokens in vLLM's human-readable form, not as a placeholder", () => {
    const s = parseVllmFlags(["--max-num-batched-tokens", "8K"]);
    assert.deepEqual([s.maxNumBatchedTokens, s.unresolved], [8192, undefined]);
  });

  it("reads the decode context parallel size in long and short form", () => {
    assert.deepEqual(
      [
        parseVllmFlags(["--decode-context-parallel-size", "8"]).decodeContextParallelSize,
        parseVllmFlags(["-dcp", "4"]).decodeContextParallelSize,
      ],
      [8, 4],
    );
  });

  it("reads a long flag abbreviated to an unambiguous prefix, as vLLM's argparse parser does", () => {
    const s = parseVllmFlags([
      "--max-num-batched-token=16384",
      "--gpu-memory-util",
      "0.95",
      "--enable-auto-tool",
      "--no-enable-prefix",
    ]);
    assert.deepEqual(
      [
        s.maxNumBatchedTokens,
        s.gpuMemoryUtilization,
        s.enableAutoToolChoice,
        s.enablePrefixCaching,
        s.unknown,
      ],
      [16384, 0.95, true, false, []],
    );
  });

  it("keeps a prefix of several flags unread, as vLLM refuses it as ambiguous", () => {
    const s = parseVllmFlags(["--max-num", "64"]);
    assert.deepEqual(
      [s.maxNumSeqs, s.maxNumBatchedTokens, s.unknown],
      [undefined, undefined, ["--max-num", "64"]],
    );
  });

  it("reads an exact flag that is also a prefix of another as itself", () => {
    const s = parseVllmFlags(["--data-parallel-size", "2"]);
    assert.deepEqual([s.dataParallelSize, s.dataParallelSizeLocal], [2, undefined]);
  });

  it("reads --block-size as the KV cache block size in tokens", () => {
    assert.deepEqual(parseVllmFlags(["vllm", "serve", "org/m", "--block-size", "32"]), {
      model: "org/m",
      blockSize: 32,
      unknown: [],
    });
  });

  it("records a --block-size placeholder as unresolved", () => {
    assert.deepEqual(parseVllmFlags(["--block-size", "${BLOCK_SIZE}"]), {
      unresolved: ["--block-size"],
      unknown: [],
    });
  });

  it("reads --no- booleans as false", () => {
    assert.equal(parseVllmFlags(["--no-enable-prefix-caching"]).enablePrefixCaching, false);
  });

  it("keeps flags it does not interpret in order", () => {
    assert.deepEqual(parseVllmFlags(["--swap-space", "4", "--disable-log-requests"]).unknown, [
      "--swap-space",
      "4",
      "--disable-log-requests",
    ]);
  });

  it("reads several served model names", () => {
    assert.deepEqual(
      parseVllmFlags(["--served-model-name", "a", "b", "--port", "80"]).servedModelName,
      ["a", "b"],
    );
  });
});

describe("parseVllmFlags --speculative-config", () => {
  const MTP = { method: "mtp", num_speculative_tokens: 1 };
  /** `vllm serve Qwen/Qwen3.5-27B` with `flags` after it. */
  const read = (...flags: string[]) =>
    parseVllmFlags(["vllm", "serve", "Qwen/Qwen3.5-27B", ...flags]).speculativeConfig;

  it("reads the JSON value", () => {
    assert.deepStrictEqual(read("--speculative-config", JSON.stringify(MTP)), MTP);
  });

  it("reads the =-joined form", () => {
    assert.deepStrictEqual(read(`--speculative-config=${JSON.stringify(MTP)}`), MTP);
  });

  it("reads dotted keys as one object, underscores kept", () => {
    assert.deepStrictEqual(
      read(
        "--speculative-config.method",
        "mtp",
        "--speculative-config.num_speculative_tokens",
        "1",
      ),
      MTP,
    );
  });

  it("reads the -sc short form", () => {
    assert.deepStrictEqual(read("-sc", JSON.stringify(MTP)), MTP);
  });

  it("reads main's --spec-method and --spec-tokens", () => {
    assert.deepStrictEqual(read("--spec-method", "mtp", "--spec-tokens", "1"), MTP);
  });

  it("keeps the last of two JSON values, as argparse does", () => {
    const three = { method: "mtp", num_speculative_tokens: 3 };
    assert.deepStrictEqual(
      read(
        "--speculative-config",
        JSON.stringify(MTP),
        "--speculative-config",
        JSON.stringify(three),
      ),
      three,
    );
  });

  it("lets dotted keys replace a JSON value, in either order (vLLM appends them last)", () => {
    const dotted = ["--speculative-config.num_speculative_tokens", "3"];
    const json = ["--speculative-config", JSON.stringify(MTP)];
    assert.deepStrictEqual(
      [read(...json, ...dotted), read(...dotted, ...json)],
      [{ num_speculative_tokens: 3 }, { num_speculative_tokens: 3 }],
    );
  });

  it("sets --spec-tokens over the JSON value's count", () => {
    assert.deepStrictEqual(
      read("--speculative-config", JSON.stringify(MTP), "--spec-tokens", "2"),
      { method: "mtp", num_speculative_tokens: 2 },
    );
  });

  it("keeps a value that is not a JSON object as text", () => {
    const s = parseVllmFlags(["vllm", "serve", "m", "--speculative-config", "{method: mtp}"]);
    assert.deepStrictEqual(
      [s.speculativeConfig, s.speculativeConfigText],
      [undefined, "{method: mtp}"],
    );
  });
});

describe("isVllmCommand", () => {
  it("recognises vllm serve and the api_server module", () => {
    assert.deepEqual(
      [
        isVllmCommand(["vllm", "serve", "m"]),
        isVllmCommand(["python3", "-m", "vllm.entrypoints.openai.api_server"]),
        isVllmCommand(["nginx"]),
      ],
      [true, true, false],
    );
  });

  it("recognises vLLM's demo server module", () => {
    assert.equal(isVllmCommand(["python3", "-m", "vllm.entrypoints.api_server"]), true);
  });

  it("does not take a module that only ends like the demo server's for it", () => {
    assert.equal(isVllmCommand(["python3", "-m", "acme.vllm.entrypoints.api_server"]), false);
  });
});

describe("parseVllmFlags launchers", () => {
  it("reads the demo server's engine flags and says it is the demo server", () => {
    assert.deepEqual(
      parseVllmFlags([
        "python3",
        "-m",
        "vllm.entrypoints.api_server",
        "--model=google/gemma-2-2b-it",
        "--tensor-parallel-size=1",
      ]),
      { model: "google/gemma-2-2b-it", tensorParallelSize: 1, demoApiServer: true, unknown: [] },
    );
  });

  it("reads the address the server listens on", () => {
    assert.deepEqual(parseVllmFlags(["vllm", "serve", "m", "--host", "127.0.0.1"]), {
      model: "m",
      host: "127.0.0.1",
      unknown: [],
    });
  });

  it("reads vllm serve's positional model after options, as argparse places it", () => {
    assert.deepEqual(
      parseVllmFlags(["vllm", "serve", "--uvicorn-log-level=info", "org/m", "--port", "8000"]),
      { model: "org/m", port: 8000, unknown: ["--uvicorn-log-level", "info"] },
    );
  });

  it("reads vllm serve's positional model after an option's separate value", () => {
    assert.deepEqual(
      parseVllmFlags(["vllm", "serve", "--uvicorn-log-level", "error", "org/m", "--host", "::"]),
      { model: "org/m", host: "::", unknown: ["--uvicorn-log-level", "error"] },
    );
  });

  it("skips the python module launcher", () => {
    assert.deepEqual(
      parseVllmFlags(["python3", "-m", "vllm.entrypoints.openai.api_server", "--model", "m"]),
      { model: "m", unknown: [] },
    );
  });

  it("keeps a model passed positionally to the api_server module apart, as the module never serves it", () => {
    assert.deepEqual(
      parseVllmFlags([
        "python",
        "-m",
        "vllm.entrypoints.openai.api_server",
        "MiniMaxAI/MiniMax-M2",
        "--tensor-parallel-size",
        "4",
      ]),
      { ignoredModelTag: "MiniMaxAI/MiniMax-M2", tensorParallelSize: 4, unknown: [] },
    );
  });
});

describe("a --config file's flags (vLLM's FlexibleArgumentParser)", () => {
  it("reads the file's keys as flags: true as the flag, false as its negation, lists and mappings", () => {
    assert.deepStrictEqual(
      readConfigFileArgs({
        "max-model-len": 8192,
        "enable-auto-tool-choice": true,
        "enable-prefix-caching": false,
        "served-model-name": ["a", "b"],
        "hf-overrides": { rope_scaling: { factor: 4 } },
      }),
      [
        "--max-model-len",
        "8192",
        "--enable-auto-tool-choice",
        "--no-enable-prefix-caching",
        "--served-model-name",
        "a",
        "b",
        "--hf-overrides",
        '{"rope_scaling":{"factor":4}}',
      ],
    );
  });

  it("reads nothing from a file that is not a mapping", () => {
    assert.equal(readConfigFileArgs(["--port", "80"]), undefined);
  });

  it("puts the file's flags after serve and its model, so the command line wins", () => {
    const tokens = ["vllm", "serve", "org/m", "--max-model-len", "4096", "--config", "c.yaml"];
    const expanded = expandConfigFile(tokens, [
      "--max-model-len",
      "8192",
      "--tensor-parallel-size",
      "2",
    ]);
    assert.deepStrictEqual(
      [expanded, parseVllmFlags(expanded).maxModelLen, parseVllmFlags(expanded).tensorParallelSize],
      [
        [
          "vllm",
          "serve",
          "org/m",
          "--max-model-len",
          "8192",
          "--tensor-parallel-size",
          "2",
          "--max-model-len",
          "4096",
        ],
        4096,
        2,
      ],
    );
  });

  it("puts them after the api_server module when no subcommand is given", () => {
    const tokens = [
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--config=c.yaml",
      "--port",
      "80",
    ];
    assert.deepStrictEqual(expandConfigFile(tokens, ["--model", "org/m"]), [
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--model",
      "org/m",
      "--port",
      "80",
    ]);
  });

  it("serves serve's positional model over the file's", () => {
    const expanded = expandConfigFile(
      ["vllm", "serve", "org/m", "--config", "c.yaml"],
      ["--model", "org/other"],
    );
    assert.equal(parseVllmFlags(expanded).model, "org/m");
  });

  it("records the file the command line names", () => {
    assert.equal(
      parseVllmFlags(["vllm", "serve", "--config", "/etc/vllm/c.yaml"]).configFile,
      "/etc/vllm/c.yaml",
    );
  });
});
