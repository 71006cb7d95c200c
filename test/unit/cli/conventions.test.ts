/**
 * The CLI's conventions (issue 21): --version, unexpected positionals and unknown flags are errors
 * that name what was typed, every numeric flag has an upper bound, exit codes as docs/cli.md says.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runCli } from "../../../cli/main";

async function run(...argv: string[]) {
  const r = await runCli(argv);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

describe("kindo-models conventions", () => {
  it("prints its version", async () => {
    const pkg = JSON.parse(
      readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"),
    ) as { version: string };
    assert.deepStrictEqual(await run("--version"), {
      exitCode: 0,
      stdout: `kindo-models ${pkg.version}`,
      stderr: "",
    });
  });

  it("refuses an unexpected positional argument, naming it", async () => {
    assert.deepStrictEqual(await run("plan", "llama-3.3-70b-instruct", "extra-word"), {
      exitCode: 2,
      stdout: "",
      stderr:
        'kindo-models plan has 1 invalid argument:\n  - "extra-word": is an unexpected argument: plan takes one model (a catalog id, alias, Hugging Face repo id or model directory), or none with --hf-config. Quote a value that contains spaces, or drop the extra words. Run "kindo-models plan --help" for the flags.',
    });
  });

  it("names an unknown flag and suggests the one meant", async () => {
    assert.deepStrictEqual(await run("plan", "llama-3.1-8b-instruct", "--contxt", "5"), {
      exitCode: 2,
      stdout: "",
      stderr:
        'kindo-models plan has 1 invalid argument:\n  - --contxt: is not a flag of "kindo-models plan". Did you mean --context? Run "kindo-models plan --help" for the flags.',
    });
  });

  it("points --api-key at --api-key-env without echoing the key", async () => {
    assert.deepStrictEqual(await run("verify", "http://vllm:8000", "--api-key=sk-secret-1"), {
      exitCode: 2,
      stdout: "",
      stderr:
        "kindo-models verify has 1 invalid argument:\n  - --api-key: is not a flag: a key on the command line shows in ps and in shell history. Export it and pass the variable's name with --api-key-env VAR.",
    });
  });

  it("suggests the command meant", async () => {
    const r = await run("pln");
    assert.deepStrictEqual(
      { exitCode: r.exitCode, first: r.stderr.split("\n")[0] },
      {
        exitCode: 2,
        first:
          'kindo-models: "pln" is not a command. Did you mean "plan"? Use plan, fit, models, lint, verify, preview-comment.',
      },
    );
  });

  it("prints help for every command", async () => {
    const commands = ["plan", "fit", "models", "lint", "verify", "preview-comment"];
    const first = async (c: string) => (await run(c, "--help")).stdout.split(/\s/)[2];
    assert.deepStrictEqual(await Promise.all(commands.map(first)), commands);
  });
});

describe("kindo-models numeric flags", () => {
  // Each numeric flag, with a value above its bound: exit 2 with one issue naming the flag.
  const cases: [string[], string, string][] = [
    [["plan", "llama-3.1-8b-instruct", "--max-nodes", "1000000"], "--max-nodes", "1 to 64"],
    [["plan", "llama-3.1-8b-instruct", "--context", "1000000000"], "--context", "134,217,728"],
    [["plan", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "5000"], "--tp", "1 to 1,024"],
    [
      ["plan", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "1", "--gpus", "5000"],
      "--gpus",
      "1 to 1,024",
    ],
    [
      ["plan", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "1", "--pp", "5000"],
      "--pp",
      "1 to 1,024",
    ],
    [
      ["plan", "llama-3.1-8b-instruct", "--gpu-memory-utilization", "2"],
      "--gpu-memory-utilization",
      "at most 1",
    ],
    [
      ["fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1", "--max-model-len", "9e9"],
      "--max-model-len",
      "134,217,728",
    ],
    [
      ["fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1", "--max-num-seqs", "9999999"],
      "--max-num-seqs",
      "1 to 1,048,576",
    ],
    [
      [
        "fit",
        "llama-3.1-8b-instruct",
        "--gpu",
        "L4",
        "--tp",
        "1",
        "--max-num-batched-tokens",
        "999999999",
      ],
      "--max-num-batched-tokens",
      "134,217,728",
    ],
    [
      ["fit", "--hf-config", "/dev/null", "--gpu", "L4", "--tp", "1", "--params", "1e9"],
      "--params",
      "100,000",
    ],
    [["verify", "http://vllm:8000", "--model", "m", "--wait", "1e9"], "--wait", "86,400"],
    [["verify", "http://vllm:8000", "--model", "m", "--timeout", "1e9"], "--timeout", "86,400"],
    [
      ["verify", "http://vllm:8000", "--model", "m", "--max-model-len", "1e12"],
      "--max-model-len",
      "134,217,728",
    ],
  ];
  for (const [argv, flag, bound] of cases) {
    it(`bounds ${argv[0]} ${flag}`, async () => {
      const r = await runCli([...argv, "--json"]);
      const body = JSON.parse(r.stdout) as { issues: { path: string; message: string }[] };
      const own = body.issues.filter((i) => i.path === flag);
      assert.deepStrictEqual(
        { exitCode: r.exitCode, issues: own.length, bound: own[0]?.message.includes(bound) },
        { exitCode: 2, issues: 1, bound: true },
      );
    });
  }
});

describe("kindo-models plan --context above the model's window", () => {
  it("exits 1 with the shortfall and the model's window as the bound", async () => {
    const r = await runCli(["plan", "llama-3.1-8b-instruct", "--context", "200000", "--json"]);
    const plan = (JSON.parse(r.stdout) as { plan: Record<string, unknown> }).plan;
    assert.deepStrictEqual(
      {
        exitCode: r.exitCode,
        maxModelLen: plan["maxModelLen"],
        limitedBy: plan["limitedBy"],
        shortfall: plan["shortfall"],
      },
      {
        exitCode: 1,
        maxModelLen: 131072,
        limitedBy: "model-max",
        shortfall:
          "200,000 tokens are above the window of llama-3.1-8b-instruct, 131,072 tokens, so the plan serves 131,072. Set --context 131072 or less, or choose a model with a longer window.",
      },
    );
  });
});
