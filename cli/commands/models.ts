/** `kindo-models models`: the model catalog with its facts. */
import { MODELS } from "../../knowledge/catalog/models";
import type { ModelSpec } from "../../knowledge/catalog/model-types";
import { computeKvLayout } from "../../knowledge/sizing/kv-cache";
import { parseCommandArgs } from "../args";
import { EXIT, type CommandOutput } from "../errors";
import { renderTable, tokens } from "../format";

export const MODELS_HELP = `Usage: kindo-models models [--json]

Lists the self-hosted model catalog: id, Hugging Face repo, parameters, advertised context and
how it is reached, KV bytes per token (BF16, TP 1), tool-call and reasoning parsers, gating.
--json prints the full catalog entries (array), including sources and unverified facts.`;

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
    {},
    {
      positionals: [],
      positionalsHint: "models takes no arguments",
    },
  );
  if (values.help) return { exitCode: EXIT.ok, stdout: MODELS_HELP };
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
