/**
 * `npm run sim:vllm -- [options] [config.json]`: runs the vLLM simulator until interrupted. A JSON
 * config file (fields of VllmSimConfig) is read first; flags override it.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ToolCallFormat, VllmSimConfig } from "./config";
import { startVllmSim } from "./server";

const HELP = `Usage: npm run sim:vllm -- [config.json] [options]

Options (flags mirror vllm serve where one exists):
  --port N                    port to listen on (default 8000; 0 picks a free one)
  --host H                    default 127.0.0.1
  --model ID                  --model, reported as root on /v1/models
  --served-model-name NAME    repeat for aliases
  --max-model-len N           tokens
  --api-key KEY               guard /v1/* (or set VLLM_API_KEY)
  --enable-auto-tool-choice   with --tool-call-parser P: tool calls work when P matches --model-tool-format
  --tool-call-parser P
  --model-tool-format F       llama3_json | hermes | mistral | pythonic (how the model writes calls)
  --reasoning-parser P        reasoning goes to the reasoning field instead of <think> in content
  --reasoning-tokens N        tokens the model reasons before answering (0: not a reasoning model)
  --vllm-version V            /version, error envelope and context-length wording (default 0.11.0)
  --startup-delay-ms N        nothing listens until then
  --first-token-ms N, --token-ms N   latency`;

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      model: { type: "string" },
      "served-model-name": { type: "string", multiple: true },
      "max-model-len": { type: "string" },
      "api-key": { type: "string" },
      "enable-auto-tool-choice": { type: "boolean" },
      "tool-call-parser": { type: "string" },
      "model-tool-format": { type: "string" },
      "reasoning-parser": { type: "string" },
      "reasoning-tokens": { type: "string" },
      "vllm-version": { type: "string" },
      "startup-delay-ms": { type: "string" },
      "first-token-ms": { type: "string" },
      "token-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP + "\n");
    return;
  }
  const file =
    positionals[0] === undefined
      ? {}
      : (JSON.parse(readFileSync(positionals[0], "utf8")) as Partial<VllmSimConfig>);
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const flags: Partial<Record<keyof VllmSimConfig, unknown>> = {
    model: values.model,
    servedModelNames: values["served-model-name"],
    maxModelLen: num(values["max-model-len"]),
    apiKey: values["api-key"] ?? process.env["VLLM_API_KEY"],
    enableAutoToolChoice:
      values["enable-auto-tool-choice"] ??
      (values["tool-call-parser"] !== undefined ? false : undefined),
    toolCallParser: values["tool-call-parser"],
    modelToolFormat: values["model-tool-format"] as ToolCallFormat | undefined,
    reasoningParser: values["reasoning-parser"],
    reasoningTokens: num(values["reasoning-tokens"]),
    version: values["vllm-version"],
    startupDelayMs: num(values["startup-delay-ms"]),
  };
  const config: { -readonly [K in keyof VllmSimConfig]?: VllmSimConfig[K] } = { ...file };
  for (const [k, v] of Object.entries(flags))
    if (v !== undefined) (config as Record<string, unknown>)[k] = v;
  if (values["first-token-ms"] !== undefined || values["token-ms"] !== undefined) {
    config.latency = {
      firstTokenMs: num(values["first-token-ms"]) ?? 0,
      tokenMs: num(values["token-ms"]) ?? 0,
    };
  }
  void startVllmSim(config, {
    host: values.host ?? "127.0.0.1",
    port: num(values.port) ?? 8000,
  }).then(async (sim) => {
    process.stderr.write(
      `vLLM simulator: ${sim.url} (serving ${sim.config().servedModelNames.join(", ")}, max_model_len ${sim.config().maxModelLen})\n`,
    );
    await sim.ready;
    process.stderr.write(`listening on ${sim.url}\n`);
    const stop = () => void sim.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

main();
