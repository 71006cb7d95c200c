/** `kindo-models models`: the model catalog with its facts; `--cloud` the cloud catalog. */
import { MODELS } from "../../knowledge/catalog/models";
import type { ModelSpec } from "../../knowledge/catalog/model-types";
import { CLOUD_PROVIDERS } from "../../knowledge/catalog/vocabulary";
import type { ValidationIssue } from "../../knowledge/core";
import { computeKvLayout } from "../../knowledge/sizing/kv-cache";
import { parseCommandArgs, readChoice } from "../args";
import { CliInputError, EXIT, type CommandOutput } from "../errors";
import { renderTable, tokens } from "../format";

export const MODELS_HELP = `Usage: kindo-models models [--json]
       kindo-models models --cloud [--provider P] [--json]

Lists the self-hosted model catalog: id, Hugging Face repo, parameters, advertised context and
how it is reached, KV bytes per token (BF16, TP 1), tool-call and reasoning parsers, gating.
--json prints the full catalog entries (array), including sources and unverified facts.

--cloud lists the cloud catalog instead (OpenAI, Anthropic, Gemini, Azure OpenAI, Groq, Bedrock):
key, provider id, kind, context window, maximum output, tool calling, image and file input,
reasoning and lifecycle, with the date the data was checked. --provider keeps one provider
(${CLOUD_PROVIDERS.join(", ")}). --json prints { catalog, models } with every fact's source.`;

function runCloudModels(values: Record<string, string | boolean | undefined>): CommandOutput {
  const issues: ValidationIssue[] = [];
  const provider = readChoice(values, "provider", CLOUD_PROVIDERS, issues);
  if (issues.length > 0) throw new CliInputError("models", issues);
  // Loaded only for --cloud: the cloud catalog's schemas load zod, which `models` alone does not need.
  const catalog = require("../../knowledge/catalog") as typeof import("../../knowledge/catalog");
  const listing = require("../cloud-listing") as typeof import("../cloud-listing");
  const today = new Date().toISOString().slice(0, 10);
  const doc = listing.buildCloudListingJson(
    catalog.listCloudModels(),
    catalog.CLOUD_CATALOG_INFO,
    today,
    provider,
  );
  if (values.json) return { exitCode: EXIT.ok, stdout: JSON.stringify(doc, null, 2) };
  const { columns, rows } = listing.buildCloudListingRows(doc.models);
  return {
    exitCode: EXIT.ok,
    stdout: `${listing.buildCloudListingHeader(catalog.CLOUD_CATALOG_INFO, doc.models.length)}\n\n${renderTable(columns, rows)}`,
  };
}

function kvPerToken(m: ModelSpec): number {
  return computeKvLayout(m, 1, 1, "bf16").kvBytesPerToken;
}

/**
 * One catalog entry as `models --json` prints it: every field the command has printed since its
 * first release (toolCallParsers, toolChatTemplate, reasoningParser, gated, license as a name,
 * sources as URLs), then the fields added since (instruct, toolCalling, reasoning, and the
 * provenance inside each fact group).
 */
export function buildModelJson(m: ModelSpec): Record<string, unknown> {
  return {
    ...m,
    toolCallParsers: m.toolCalling.parsers,
    ...(m.toolCalling.chatTemplate ? { toolChatTemplate: m.toolCalling.chatTemplate } : {}),
    ...(m.reasoning ? { reasoningParser: m.reasoning.parser } : {}),
    gated: m.license.gated,
    license: m.license.name,
    licenseSource: m.license.source,
    sources: {
      architecture: m.architecture.source?.url,
      context: m.context.source?.url,
      toolCalling: m.toolCalling.source?.url,
      license: m.license.source?.url,
    },
  };
}

export function runModels(argv: readonly string[]): CommandOutput {
  const { values } = parseCommandArgs(
    "models",
    argv,
    { cloud: { type: "boolean" }, provider: { type: "string" } },
    { positionals: [], positionalsHint: "models takes no arguments" },
  );
  if (values.help) return { exitCode: EXIT.ok, stdout: MODELS_HELP };
  if (values.cloud) return runCloudModels(values);
  if (values.provider !== undefined)
    throw new CliInputError("models", [
      { path: "--provider", message: "applies to the cloud catalog only. Add --cloud." },
    ]);
  if (values.json) {
    return {
      exitCode: EXIT.ok,
      stdout: JSON.stringify(
        MODELS.map((m) => ({ ...buildModelJson(m), kvBytesPerTokenBf16: kvPerToken(m) })),
        null,
        2,
      ),
    };
  }
  const rows = MODELS.map((m) => [
    m.id,
    m.kind,
    `${m.architecture.totalParamsB}B/${m.architecture.activeParamsB}B`,
    tokens(m.context.advertisedTokens),
    m.context.reachedBy === "native" ? "native" : `yarn x${m.context.ropeScaling?.factor}`,
    tokens(kvPerToken(m)),
    m.toolCalling.parsers.join(",") || "-",
    m.reasoning?.parser ?? "-",
    m.license.gated === true ? "yes" : m.license.gated === false ? "no" : "?",
  ]);
  return {
    exitCode: EXIT.ok,
    stdout: renderTable(
      [
        "id",
        "kind",
        "params",
        "context",
        "reached",
        "KV B/token",
        "tool parser",
        "reasoning",
        "gated",
      ],
      rows,
    ),
  };
}
