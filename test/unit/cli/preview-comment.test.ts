import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { runPreviewComment } from "../../../cli/commands/preview-comment";
import { SILENT } from "../../../cli/errors";
import { parseEventLog, readEvents } from "../../../cli/preview-comment/read-preview";
import {
  renderPreviewComment,
  renderViolation,
  splitRemediation,
} from "../../../cli/preview-comment/render";
import { summarizePreview } from "../../../cli/preview-comment/summarize";
import { runCli } from "../../../cli/main";

// Real event logs of our stacks on the real engine with the policy pack (scripts/capture-preview-fixture.ts).
const FIXTURES = path.resolve(__dirname, "..", "..", "data", "preview");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, `${name}.jsonl`), "utf8");
const comment = (name: string) =>
  renderPreviewComment(summarizePreview(readEvents(parseEventLog(fixture(name)))));
/** The Markdown section that starts with `heading`, up to the next heading or the end. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  assert.notEqual(start, -1, `no section "${heading}" in:\n${markdown}`);
  const next = markdown.indexOf("\n#", start + heading.length);
  return markdown.slice(start, next === -1 ? undefined : next).trim();
}
const HEADER = "| | before | after |\n| --- | --- | --- |";
const L40S =
  "| Hardware | — | 1 × l40s-48gb on 1 × g6e.xlarge (TP 1, PP 1, 1 replica) |\n| Price per hour | — | $1.86/h (1 × g6e.xlarge on demand, us-east-1, list price of 2026-07-20) |";

describe("preview comment on the local stack (existing endpoints)", () => {
  it("summarises a first preview: two models to create, nothing violated", () => {
    assert.equal(
      section(comment("local-create"), "## Model preview of stack `local`"),
      "## Model preview of stack `local`\n\n✅ preview passed · 2 models, 2 changing · 0 policy violations",
    );
  });

  it("shows an existing endpoint's context window, parser and Kindo window known after up", () => {
    assert.equal(
      section(comment("local-create"), "### `qwen3-8b` (qwen3-8b): create"),
      [
        "### `qwen3-8b` (qwen3-8b): create",
        "",
        HEADER,
        "| Server max_model_len | — | 32,768 tokens |",
        "| Kindo contextWindow | — | _known after up_ |",
        "| Tool-call parser | — | `hermes` |",
        "| Hardware | — | existing endpoint (not deployed by this stack) |",
      ].join("\n"),
    );
  });

  it("shows a context and parser change with the server and Kindo windows changing together", () => {
    assert.equal(
      section(comment("local-context-change"), "### `llama-8b` (llama-3.1-8b-instruct): update"),
      [
        "### `llama-8b` (llama-3.1-8b-instruct): update",
        "",
        HEADER,
        "| Server max_model_len | 131,072 tokens | **65,536 tokens** |",
        "| Kindo contextWindow | 131,072 tokens | **_known after up_** |",
        "| Tool-call parser | `llama3_json` | **`pythonic`** |",
        "| Hardware | existing endpoint (not deployed by this stack) | existing endpoint (not deployed by this stack) |",
      ].join("\n"),
    );
  });
});

describe("preview comment on an existing-cluster stack (VllmDeployment)", () => {
  it("shows hardware, price per hour and the plan's fit numbers", () => {
    assert.equal(
      section(comment("cluster-create"), "### `llama-8b` (llama-3.1-8b-instruct): create"),
      [
        "### `llama-8b` (llama-3.1-8b-instruct): create",
        "",
        HEADER,
        "| Server max_model_len | — | 131,072 tokens |",
        "| Kindo contextWindow | — | _known after up_ |",
        "| Tool-call parser | — | `llama3_json` |",
        L40S,
        "",
        "Fit: weights 15 GiB, KV cache 195,216 tokens, max_model_len 131,072 tokens, limited by target.",
      ].join("\n"),
    );
  });

  it("marks a preview the pack blocked as failed and counts the mandatory violation", () => {
    assert.equal(
      section(comment("cluster-violation"), "## Model preview of stack `cluster-low`"),
      "## Model preview of stack `cluster-low`\n\n❌ preview failed · 1 model, 1 changing · 1 policy violation (1 mandatory)",
    );
  });

  it("lists the violation under its model with the remediation split off", () => {
    const model = section(
      comment("cluster-violation"),
      "### `llama-8b` (llama-3.1-8b-instruct): create",
    );
    assert.equal(
      model.slice(model.indexOf("Policy violations:")),
      [
        "Policy violations:",
        "",
        '- **vllm-context-window-too-low** (mandatory, high) on `llama-8b-vllm`: vLLM container "server" in VllmDeployment "llama-8b-vllm" must set --max-model-len to the model\'s full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA L40S can hold 131,072.',
        "  - **Fix:** Set --max-model-len 131072, or record an exception with its reason in the policy config.",
      ].join("\n"),
    );
  });

  it("shows the engine's error diagnostics", () => {
    assert.equal(
      section(comment("cluster-violation"), "### Errors"),
      "### Errors\n\n```\npreview failed\n```",
    );
  });
});

describe("readEvents", () => {
  it("never reads debug diagnostics, which can hold plaintext secrets", () => {
    const log = [
      {
        diagnosticEvent: {
          severity: "debug",
          message: "RegisterResource RPC finished: api_key sk-plaintext",
        },
      },
      { diagnosticEvent: { severity: "error", message: "boom\n" } },
    ]
      .map((e) => JSON.stringify(e))
      .join("\n");
    assert.deepStrictEqual(readEvents(parseEventLog(log)), {
      steps: [],
      violations: [],
      errors: ["boom"],
    });
  });
});

describe("splitRemediation", () => {
  it("keeps a message without a fix sentence whole", () => {
    assert.deepStrictEqual(splitRemediation("Something must hold; it does not."), {
      finding: "Something must hold; it does not.",
    });
  });

  it("renders a violation without a resource", () => {
    assert.equal(
      renderViolation({
        policyName: "x-rule",
        enforcementLevel: "advisory",
        message: "A must b. Do c.",
      }),
      "- **x-rule** (advisory): A must b.\n  - **Fix:** Do c.",
    );
  });
});

describe("preview-comment command", () => {
  it("renders the comment from an event log file", async () => {
    const out = await runCli([
      "preview-comment",
      "--events",
      path.join(FIXTURES, "cluster-create.jsonl"),
    ]);
    assert.deepStrictEqual(out, {
      exitCode: 0,
      stdout: comment("cluster-create").trimEnd(),
      stderr: "",
    });
  });

  it("reads models from pulumi preview --json steps", () => {
    const json = JSON.stringify({
      steps: [
        {
          op: "create",
          urn: "urn:pulumi:ci::kindo-models::kindo-models:index:CloudModel::gpt",
          newState: {
            type: "kindo-models:index:CloudModel",
            inputs: { model: "gpt-4o", contextWindow: 128000 },
          },
        },
      ],
    });
    const out = runPreviewComment(["--preview-json", "p.json"], SILENT, () => json);
    assert.equal(
      out.stdout,
      [
        "<!-- kindo-models-preview -->",
        "",
        "## Model preview of stack `ci`",
        "",
        "✅ preview passed · 1 model, 1 changing · 0 policy violations",
        "",
        "### `gpt` (gpt-4o): create",
        "",
        HEADER,
        "| Kindo contextWindow | — | 128,000 tokens |",
        "| Hardware | — | provider API |",
      ].join("\n"),
    );
  });

  it("rejects a call without an input, naming both flags", async () => {
    const out = await runCli(["preview-comment"]);
    assert.deepStrictEqual(out, {
      exitCode: 2,
      stdout: "",
      stderr:
        "kindo-models preview-comment has 1 invalid argument:\n  - arguments: Give --events FILE, --preview-json FILE or both.",
    });
  });

  it("names the line of an event log that is not JSON", () => {
    assert.throws(
      () => runPreviewComment(["--events", "e.jsonl"], SILENT, () => '{"a":1}\nnot json\n'),
      {
        message:
          'kindo-models preview-comment has 1 invalid argument:\n  - --events: "e.jsonl" is not valid: line 2 is not a JSON event. Give the file pulumi preview wrote.',
      },
    );
  });
});
