import assert from "node:assert/strict";
import { runCli } from "../../../cli/main";
import {
  buildCloudListingHeader,
  buildCloudListingRows,
  buildCloudModelRow,
} from "../../../cli/cloud-listing";
import { CLOUD_CATALOG_INFO, CLOUD_MODELS, CLOUD_PROVIDERS } from "../../../knowledge/catalog";

interface Row {
  provider: string;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  source: { url: string; checked: string };
}

describe("kindo-models models --cloud", () => {
  it("lists at least 100 models across the six providers, each with a window, a maximum output and a source", async () => {
    const r = await runCli(["models", "--cloud", "--json"]);
    const doc = JSON.parse(r.stdout) as { catalog: { checked: string }; models: Row[] };
    const complete = doc.models.filter(
      (m) => m.contextWindow !== null && m.maxOutputTokens !== null && /^https:/.test(m.source.url),
    );
    assert.deepStrictEqual(
      [
        r.exitCode,
        doc.catalog.checked,
        complete.length >= 100,
        [...new Set(complete.map((m) => m.provider))].sort(),
      ],
      [0, CLOUD_CATALOG_INFO.checked, true, [...CLOUD_PROVIDERS].sort()],
    );
  });

  it("keeps one provider with --provider", async () => {
    const r = await runCli(["models", "--cloud", "--provider", "groq", "--json"]);
    const doc = JSON.parse(r.stdout) as { models: Row[] };
    assert.deepStrictEqual([...new Set(doc.models.map((m) => m.provider))], ["groq"]);
  });

  it("refuses a provider that is not one, exit 2", async () => {
    const r = await runCli(["models", "--cloud", "--provider", "mistral", "--json"]);
    assert.deepStrictEqual(
      [r.exitCode, JSON.parse(r.stdout)],
      [
        2,
        {
          error: "invalid-arguments",
          issues: [
            {
              path: "--provider",
              message:
                '"mistral" is not valid. Use "openai", "anthropic", "gemini", "azure", "groq", "bedrock".',
            },
          ],
        },
      ],
    );
  });

  it("refuses --provider without --cloud", async () => {
    const r = await runCli(["models", "--provider", "groq"]);
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        "kindo-models models has 1 invalid argument:\n  - --provider: applies to the cloud catalog only. Add --cloud.",
      ],
    );
  });

  it("prints the date the data was checked above the table", async () => {
    const r = await runCli(["models", "--cloud", "--provider", "anthropic"]);
    assert.equal(r.stdout.split("\n")[0], buildCloudListingHeader(CLOUD_CATALOG_INFO, 17));
  });
});

describe("buildCloudModelRow", () => {
  it("prints a Bedrock entry's profiles by geography and its status on the day", () => {
    const row = buildCloudModelRow(CLOUD_MODELS["bedrock-claude-sonnet-4"], "2026-12-06");
    assert.deepStrictEqual(
      [row.id, row.contextWindow, row.bedrockProfiles, row.lifecycle.status, row.source],
      [
        "anthropic.claude-sonnet-4-20250514-v1:0",
        200_000,
        {
          us: "us.anthropic.claude-sonnet-4-20250514-v1:0",
          eu: "eu.anthropic.claude-sonnet-4-20250514-v1:0",
          apac: "apac.anthropic.claude-sonnet-4-20250514-v1:0",
          global: "global.anthropic.claude-sonnet-4-20250514-v1:0",
        },
        "listed",
        { url: "https://docs.kindo.ai/deploy/model-deployment", checked: "2026-11-26" },
      ],
    );
  });
});

describe("buildCloudListingRows", () => {
  it("renders a retired model with its shutdown date and unknown capabilities as ?", () => {
    const row = buildCloudModelRow(CLOUD_MODELS["claude-sonnet-4-5"], "2026-12-06");
    const unknown = buildCloudModelRow(CLOUD_MODELS["claude-opus-5-5"], "2026-12-06");
    assert.deepStrictEqual(buildCloudListingRows([row, unknown]).rows, [
      [
        "anthropic",
        "claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929",
        "chat",
        "200,000",
        "64,000",
        "yes",
        "yes",
        "yes",
        "yes",
        "retired 2026-11-30",
      ],
      [
        "anthropic",
        "claude-opus-5-5",
        "claude-opus-5-5",
        "chat",
        "1,000,000",
        "128,000",
        "yes",
        "yes",
        "?",
        "yes",
        "active",
      ],
    ]);
  });
});
