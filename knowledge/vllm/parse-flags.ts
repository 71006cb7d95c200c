/**
 * Inverse of the flag builder: a container's command + args -> vLLM settings, for policies that
 * judge workloads written by hand. Accepts `--flag value`, `--flag=value`, `vllm serve <model>`,
 * `python -m vllm.entrypoints.openai.api_server`, and vLLM's human-readable integers. Pure.
 */
import type { RopeScalingOverride } from "./flags";

/** What a vLLM command line sets; absent fields were not given. */
export interface VllmSettings {
  model?: string;
  /**
   * A model passed positionally to `python -m vllm.entrypoints.openai.api_server`, which never
   * serves it: releases whose parser has no `model_tag` refuse it as an unrecognized argument;
   * later ones accept it as `model_tag` (vllm/entrypoints/openai/cli_args.py make_arg_parser), but
   * only `vllm serve` copies that to the model, and the api_server module's `__main__` passes its
   * arguments on without doing so, so the engine loads its default model
   * (https://github.com/vllm-project/vllm/pull/22764, reported at v0.10.0 and closed unmerged).
   */
  ignoredModelTag?: string;
  /** Numeric flags whose value is a placeholder, not a number (e.g. "--tensor-parallel-size"). */
  unresolved?: string[];
  servedModelName?: string[];
  port?: number;
  /** --host: the address the server listens on; absent, it listens on every interface. */
  host?: string;
  maxModelLen?: number;
  /** The raw --max-model-len text when it was not a plain integer (e.g. "128k"). */
  maxModelLenText?: string;
  dtype?: string;
  quantization?: string;
  kvCacheDtype?: string;
  tensorParallelSize?: number;
  pipelineParallelSize?: number;
  /** --data-parallel-size: replicas of the model inside one server (with expert parallel, MoE experts are spread across them). */
  dataParallelSize?: number;
  /** --data-parallel-size-local: the data-parallel ranks this node runs (the rest run on other nodes). */
  dataParallelSizeLocal?: number;
  /** --decode-context-parallel-size: tensor-parallel ranks that shard each sequence's KV cache. */
  decodeContextParallelSize?: number;
  enableExpertParallel?: boolean;
  enableAutoToolChoice?: boolean;
  toolCallParser?: string;
  toolChatTemplate?: string;
  reasoningParser?: string;
  enablePrefixCaching?: boolean;
  enableChunkedPrefill?: boolean;
  gpuMemoryUtilization?: number;
  maxNumSeqs?: number;
  maxNumBatchedTokens?: number;
  /** --block-size: tokens per KV-cache block (vLLM allocates whole blocks). */
  blockSize?: number;
  enforceEager?: boolean;
  trustRemoteCode?: boolean;
  ropeScaling?: RopeScalingOverride;
  hfOverrides?: Record<string, unknown>;
  apiKey?: boolean;
  runner?: string;
  /**
   * --config: a YAML file vLLM reads more flags from, below the command line's own
   * ({@link expandConfigFile}); set when the command line names one.
   */
  configFile?: string;
  /**
   * The launcher is vLLM's demo server, `python -m vllm.entrypoints.api_server`: the engine's flags
   * (`AsyncEngineArgs.add_cli_args`) and a `/generate` route, no OpenAI API and so no tool calling
   * ("NOTE: This API server is used only for demonstrating usage of AsyncEngine ... For production
   * use, we recommend using our OpenAI compatible server", vllm/entrypoints/api_server.py at v0.10.0).
   * See {@link DEMO_API_SERVER}.
   */
  demoApiServer?: boolean;
  /**
   * --speculative-config (also `-sc`) as one JSON object, as vLLM ends up with it: the last JSON
   * value, or, when the dotted `--speculative-config.key value` form is given, those keys alone,
   * gathered as vLLM's FlexibleArgumentParser does (vllm/utils/argparse_utils.py `parse_args`,
   * L300-430 at 017e9f44: everything after the first dot is the key path, each value read as JSON,
   * else a human-readable integer, else text; appended after every other value, so it replaces a
   * JSON one); then main's `--spec-method`, `--spec-model`, `--spec-tokens` set their keys
   * (vllm/engine/arg_utils.py `create_speculative_config` at 017e9f44). Keys as given (dashes or
   * underscores).
   */
  speculativeConfig?: Record<string, unknown>;
  /** The --speculative-config text when it is not a JSON object (vLLM refuses to start). */
  speculativeConfigText?: string;
  /** Flags this parser does not interpret, kept in order. */
  unknown: string[];
}

/** The module vLLM's `vllm` console script runs: `python3 -m vllm.entrypoints.cli.main serve ...`. */
const CLI_MAIN = "vllm.entrypoints.cli.main";

/**
 * vLLM's demo server module (see VllmSettings `demoApiServer`): at vllm/entrypoints/api_server.py
 * in every release read up to 0.24.0 (the v0.24.0 tag); vLLM PR #46783 (merged 2026-06-26) moved it
 * to examples/applications/api_server/server.py, so the v0.27.1 tag has no such module; whether
 * 0.25.x-0.27.0 carry it is not read.
 */
export const DEMO_API_SERVER = Object.freeze({
  module: "vllm.entrypoints.api_server",
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.10.0/vllm/entrypoints/api_server.py",
      checked: "2026-12-07",
    },
    { url: "https://github.com/vllm-project/vllm/pull/46783", checked: "2026-12-07" },
  ]),
});

/** The launcher token of a command line: the OpenAI server's module or the demo server's. */
function isApiServerModule(token: string): boolean {
  return token.includes("vllm.entrypoints.openai.api_server") || token === DEMO_API_SERVER.module;
}

/** True when a container command/args run a vLLM server: the OpenAI one, or the demo one (`demoApiServer`). */
export function isVllmCommand(tokens: readonly string[]): boolean {
  const joined = tokens.join(" ");
  return (
    /(^|\s|\/)vllm\s+serve(\s|$)/.test(joined) ||
    joined.includes("vllm.entrypoints.openai.api_server") ||
    tokens.includes(DEMO_API_SERVER.module) ||
    /(^|\s)vllm\.entrypoints\.cli\.main\s+serve(\s|$)/.test(joined)
  );
}

/**
 * vLLM's human-readable integers: lowercase suffix decimal (k=1e3), uppercase binary (K=1024).
 * Returns undefined for anything else.
 */
export function parseHumanReadableInt(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kmgtKMGT]?)$/.exec(text.trim());
  if (!m) return undefined;
  const num = Number(m[1]);
  const suffix = m[2] ?? "";
  const dec: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12 };
  const bin: Record<string, number> = { K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
  if (suffix === "") return Number.isInteger(num) ? num : undefined;
  if (suffix in bin) return Number.isInteger(num) ? num * (bin[suffix] as number) : undefined;
  return Math.round(num * (dec[suffix] as number));
}

/** Flags whose value is a number; a value that is not one is recorded in `unresolved`. */
const NUMERIC_FLAGS = new Set([
  "port",
  "tensor-parallel-size",
  "pipeline-parallel-size",
  "data-parallel-size",
  "data-parallel-size-local",
  "decode-context-parallel-size",
  "gpu-memory-utilization",
  "max-num-seqs",
  "block-size",
]);

/** Settings that a bare flag turns on (and its `--no-` form off). */
type BooleanSetting =
  | "enableAutoToolChoice"
  | "enablePrefixCaching"
  | "enableChunkedPrefill"
  | "enableExpertParallel"
  | "enforceEager"
  | "trustRemoteCode";

const BOOLEAN_FLAGS: Readonly<Record<string, BooleanSetting>> = {
  "enable-auto-tool-choice": "enableAutoToolChoice",
  "enable-prefix-caching": "enablePrefixCaching",
  "enable-chunked-prefill": "enableChunkedPrefill",
  "enable-expert-parallel": "enableExpertParallel",
  "enforce-eager": "enforceEager",
  "trust-remote-code": "trustRemoteCode",
};

const VALUE_FLAGS = new Set([
  "model",
  "served-model-name",
  "port",
  "max-model-len",
  "dtype",
  "quantization",
  "kv-cache-dtype",
  "tensor-parallel-size",
  "pipeline-parallel-size",
  "data-parallel-size",
  "data-parallel-size-local",
  "decode-context-parallel-size",
  "tool-call-parser",
  "chat-template",
  "reasoning-parser",
  "gpu-memory-utilization",
  "max-num-seqs",
  "max-num-batched-tokens",
  "block-size",
  "hf-overrides",
  "api-key",
  "runner",
  "task",
  "host",
  "config",
  "speculative-config",
  "spec-method",
  "spec-model",
  "spec-tokens",
]);

const ALIASES: Readonly<Record<string, string>> = {
  tp: "tensor-parallel-size",
  pp: "pipeline-parallel-size",
  dp: "data-parallel-size",
  dpl: "data-parallel-size-local",
  dcp: "decode-context-parallel-size",
  q: "quantization",
  sc: "speculative-config",
};

/** Every long flag this parser interprets, `--no-` forms of the booleans included. */
const KNOWN_FLAGS: readonly string[] = [
  ...VALUE_FLAGS,
  ...Object.keys(BOOLEAN_FLAGS).flatMap((b) => [b, `no-${b}`]),
];

/**
 * The flag a long option names: itself when known, else the one known flag it abbreviates. vLLM's
 * FlexibleArgumentParser is an argparse.ArgumentParser with `allow_abbrev` left at its default
 * (vllm/utils FlexibleArgumentParser.__init__), so argparse takes a unique prefix of a long
 * option as that option (`--max-num-batched-token=16384` sets --max-num-batched-tokens) and
 * refuses one shared by several as ambiguous; such a prefix is left unread here. A prefix that
 * also begins a vLLM flag outside this parser's set is read as ours, where vLLM would refuse it.
 */
function expandAbbreviation(name: string): string {
  if (KNOWN_FLAGS.includes(name) || name.length === 0) return name;
  const matches = KNOWN_FLAGS.filter((f) => f.startsWith(name));
  return matches.length === 1 ? (matches[0] as string) : name;
}

/** Known value flags and unknown flags take the next bare token; known booleans never do. */
function takesValue(name: string): boolean {
  if (VALUE_FLAGS.has(name)) return true;
  const bare = name.startsWith("no-") ? name.slice(3) : name;
  return !(bare in BOOLEAN_FLAGS);
}

/** Splits argv into (flag, values) pairs; positional tokens after `serve` are the model. */
function tokenize(tokens: readonly string[]): {
  positional: string[];
  flags: [string, string[]][];
} {
  const positional: string[] = [];
  const flags: [string, string[]][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!t.startsWith("-") || /^-\d/.test(t)) {
      const last = flags[flags.length - 1];
      if (last && takesValue(last[0]) && (last[1].length === 0 || last[0] === "served-model-name"))
        last[1].push(t);
      else positional.push(t);
      continue;
    }
    const body = t.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const flag = rawName.replace(/_/g, "-");
    const name = ALIASES[rawName] ?? (t.startsWith("--") ? expandAbbreviation(flag) : flag);
    flags.push([name, eq >= 0 ? [body.slice(eq + 1)] : []]);
  }
  return { positional, flags };
}

/** Where `vllm serve` (or the CLI module's `serve`) puts its subcommand; -1 when it is not there. */
function findServeAt(tokens: readonly string[]): number {
  return tokens.findIndex(
    (t, i) =>
      t === "serve" &&
      i > 0 &&
      (/(^|\/)vllm$/.test(tokens[i - 1] ?? "") || tokens[i - 1] === CLI_MAIN),
  );
}

/** Parses a vLLM command line (command and args concatenated). */
export function parseVllmFlags(tokens: readonly string[]): VllmSettings {
  const s: VllmSettings = { unknown: [] };
  const speculative: SpeculativeParts = {};
  // Skip the launcher ("python3 -m vllm.entrypoints.openai.api_server", "vllm serve <model>").
  let start = tokens.findIndex(isApiServerModule) + 1;
  if (tokens.includes(DEMO_API_SERVER.module)) s.demoApiServer = true;
  const serveAt = findServeAt(tokens);
  if (serveAt >= 0) {
    start = serveAt + 1;
    const next = tokens[start];
    if (next !== undefined && !next.startsWith("-")) {
      s.model = next;
      start += 1;
    }
  } else if (start > 0) {
    const next = tokens[start];
    if (next !== undefined && !next.startsWith("-")) {
      s.ignoredModelTag = next;
      start += 1;
    }
  }
  const { positional, flags } = tokenize(tokens.slice(start));
  // `vllm serve`'s model is the argparse positional `model_tag` (vllm/entrypoints/cli/serve.py),
  // which argparse reads wherever it stands among the options: `vllm serve --port 80 org/m` serves
  // org/m. A later --model still overrides it below, as before.
  if (serveAt >= 0 && s.model === undefined && positional[0] !== undefined) s.model = positional[0];
  for (const [name, values] of flags) {
    const v = values[0];
    // A placeholder ("${TP}", "{{ .Values.tp }}") is not a number: the value is unknown, never NaN.
    const num = v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v);
    if (v !== undefined && num === undefined && NUMERIC_FLAGS.has(name))
      (s.unresolved ??= []).push(`--${name}`);
    if (name in BOOLEAN_FLAGS) {
      s[BOOLEAN_FLAGS[name] as BooleanSetting] = true;
      continue;
    }
    if (name.startsWith("no-") && name.slice(3) in BOOLEAN_FLAGS) {
      s[BOOLEAN_FLAGS[name.slice(3)] as BooleanSetting] = false;
      continue;
    }
    switch (name) {
      case "model":
        s.model = v;
        break;
      case "served-model-name":
        s.servedModelName = values;
        break;
      case "port":
        s.port = num;
        break;
      case "host":
        s.host = v;
        break;
      case "max-model-len": {
        const n = v === undefined ? undefined : parseHumanReadableInt(v);
        if (n !== undefined) s.maxModelLen = n;
        else if (v !== undefined && v !== "auto" && v !== "-1")
          (s.unresolved ??= []).push("--max-model-len");
        if (v !== undefined && !/^\d+$/.test(v)) s.maxModelLenText = v;
        break;
      }
      case "dtype":
        s.dtype = v;
        break;
      case "quantization":
        s.quantization = v;
        break;
      case "kv-cache-dtype":
        s.kvCacheDtype = v;
        break;
      case "tensor-parallel-size":
        s.tensorParallelSize = num;
        break;
      case "pipeline-parallel-size":
        s.pipelineParallelSize = num;
        break;
      case "data-parallel-size":
        s.dataParallelSize = num;
        break;
      case "data-parallel-size-local":
        s.dataParallelSizeLocal = num;
        break;
      case "decode-context-parallel-size":
        s.decodeContextParallelSize = num;
        break;
      case "tool-call-parser":
        s.toolCallParser = v;
        break;
      case "chat-template":
        s.toolChatTemplate = v;
        break;
      case "reasoning-parser":
        s.reasoningParser = v;
        break;
      case "gpu-memory-utilization":
        s.gpuMemoryUtilization = num;
        break;
      case "max-num-seqs":
        s.maxNumSeqs = num;
        break;
      case "max-num-batched-tokens": {
        // vLLM's human-readable integers ("8K"), as for --max-model-len: vllm/engine/arg_utils.py
        // types it `human_readable_int` (PR #18968, 2025-06-01; read at v0.10.0 and 017e9f44).
        const n = v === undefined ? undefined : parseHumanReadableInt(v);
        s.maxNumBatchedTokens = n;
        if (v !== undefined && n === undefined) (s.unresolved ??= []).push(`--${name}`);
        break;
      }
      case "block-size":
        if (num !== undefined) s.blockSize = num;
        break;
      case "api-key":
        // vLLM installs its auth middleware only for a non-empty key: `--api-key=` leaves it open.
        s.apiKey = values.some((k) => k.trim() !== "");
        break;
      case "runner":
        s.runner = v;
        break;
      case "task":
        s.runner = v === "embed" ? "pooling" : v;
        break;
      case "hf-overrides":
        applyHfOverrides(s, v);
        break;
      case "config":
        s.configFile = v;
        break;
      case "speculative-config":
        if (v !== undefined) speculative.json = v;
        break;
      case "spec-method":
        if (v !== undefined) speculative.flags = setKey(speculative.flags, ["method"], v);
        break;
      case "spec-model":
        if (v !== undefined) speculative.flags = setKey(speculative.flags, ["model"], v);
        break;
      case "spec-tokens": {
        const n = v === undefined ? undefined : parseHumanReadableInt(v);
        if (v !== undefined)
          speculative.flags = setKey(speculative.flags, ["num_speculative_tokens"], n ?? v);
        break;
      }
      default:
        if (name.startsWith("speculative-config.") && v !== undefined) {
          speculative.dotted = setKey(
            speculative.dotted,
            name.split(".").slice(1),
            readDottedValue(v),
          );
          break;
        }
        s.unknown.push(`--${name}`, ...values);
    }
  }
  applySpeculativeConfig(s, speculative);
  return s;
}

/** The spellings of --speculative-config as the command line gives them. */
interface SpeculativeParts {
  /** The last `--speculative-config <json>` value (argparse keeps the last). */
  json?: string;
  /** Every `--speculative-config.key value`, gathered into one object. */
  dotted?: Record<string, unknown>;
  /** `--spec-method`, `--spec-model`, `--spec-tokens`. */
  flags?: Record<string, unknown>;
}

/**
 * --speculative-config as vLLM ends up with it: the last JSON value, unless dotted keys were
 * given, which vLLM's FlexibleArgumentParser gathers into one JSON value appended after every
 * other, so it replaces the JSON (vllm/utils/argparse_utils.py L300-430 at 017e9f44; the flag is
 * `type=json.loads`, arg_utils.py L1621-1623); then the `--spec-*` flags set their keys
 * (arg_utils.py L1845-1858, which refuses a key given both ways: taken as the flag's value here).
 * A value that is not a JSON object is kept as text (vLLM refuses to start).
 */
function applySpeculativeConfig(s: VllmSettings, parts: SpeculativeParts): void {
  let base: Record<string, unknown> | undefined = parts.dotted;
  if (base === undefined && parts.json !== undefined) {
    try {
      const o: unknown = JSON.parse(parts.json);
      if (typeof o === "object" && o !== null && !Array.isArray(o))
        base = o as Record<string, unknown>;
      else s.speculativeConfigText = parts.json;
    } catch {
      s.speculativeConfigText = parts.json;
    }
  }
  if (base === undefined && parts.flags === undefined) return;
  s.speculativeConfig = { ...base, ...parts.flags };
}

/**
 * `object` with one key set (`--speculative-config.num_speculative_tokens 3`). The tokenizer has
 * turned the key's underscores into dashes; vLLM takes either spelling (`k.replace("-", "_")`),
 * so they are turned back. Nested keys nest.
 */
function setKey(
  object: Record<string, unknown> | undefined,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const keys = path.map((k) => k.replace(/-/g, "_"));
  const root: Record<string, unknown> = { ...object };
  let at = root;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) at[k] = value;
    else {
      const next = at[k];
      at[k] = typeof next === "object" && next !== null ? { ...next } : {};
      at = at[k] as Record<string, unknown>;
    }
  });
  return root;
}

/** A dotted key's value as vLLM reads it: JSON, else a human-readable integer, else the text. */
function readDottedValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return parseHumanReadableInt(text) ?? text;
  }
}

/** The YaRN fields a rope override names itself; the rest are the model's own rope fields. */
const YARN_OVERRIDE_FIELDS = ["rope_type", "type", "factor", "original_max_position_embeddings"];

function applyHfOverrides(s: VllmSettings, text: string | undefined): void {
  if (text === undefined) return;
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    s.hfOverrides = o;
    const nested = (o["text_config"] as Record<string, unknown> | undefined)?.["rope_parameters"];
    const r = (o["rope_scaling"] ?? nested) as Record<string, unknown> | undefined;
    if (
      r &&
      typeof r["factor"] === "number" &&
      typeof r["original_max_position_embeddings"] === "number"
    ) {
      const extra = Object.entries(r).filter(([k]) => !YARN_OVERRIDE_FIELDS.includes(k));
      s.ropeScaling = {
        ropeType: "yarn",
        factor: r["factor"],
        originalMaxPositionEmbeddings: r["original_max_position_embeddings"],
        ...(o["rope_scaling"] === undefined
          ? { overrideKey: "text_config.rope_parameters" as const }
          : {}),
        ...(extra.length > 0
          ? { extraFields: Object.fromEntries(extra) as RopeScalingOverride["extraFields"] }
          : {}),
      };
    }
  } catch {
    s.unknown.push("--hf-overrides", text);
  }
}

/**
 * The flags a --config YAML file gives, as vLLM's FlexibleArgumentParser.load_config_file turns
 * its top-level keys into arguments: `true` → `--key`, `false` → `--no-key` (left out where vLLM
 * has no such flag; read here as the boolean's negation), a list → `--key` and each item, a
 * mapping → `--key` and its JSON, anything else → `--key` and its text
 * (vllm/utils/argparse_utils.py L525-L600 at 017e9f44; v0.10.0's vllm/utils/__init__.py L1875-L1915
 * has the flat forms). Undefined when the file is not a YAML mapping.
 */
export function readConfigFileArgs(config: unknown): string[] | undefined {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return undefined;
  return Object.entries(config as Record<string, unknown>).flatMap(([key, value]) => {
    if (typeof value === "boolean") return value ? [`--${key}`] : [`--no-${key}`];
    if (Array.isArray(value)) return value.length > 0 ? [`--${key}`, ...value.map(String)] : [];
    if (value !== null && typeof value === "object") return [`--${key}`, JSON.stringify(value)];
    return [`--${key}`, String(value)];
  });
}

/**
 * A command line with its --config file's flags read in, as vLLM's `_pull_args_from_config` does:
 * the file's flags go right after the launcher (and a positional model after `serve`), ahead of
 * every flag the command line gives itself, so the command line wins over the file and the file
 * over the defaults; `--config <file>` itself is dropped. Same file as above, L443-L523.
 */
export function expandConfigFile(tokens: readonly string[], fileArgs: readonly string[]): string[] {
  const at = tokens.findIndex((t) => t === "--config" || t.startsWith("--config="));
  if (at < 0) return [...tokens];
  const rest = [...tokens.slice(0, at), ...tokens.slice(at + (tokens[at] === "--config" ? 2 : 1))];
  const serveAt = findServeAt(rest);
  const modelInCli = serveAt >= 0 && rest[serveAt + 1]?.startsWith("-") === false;
  const launcherEnd =
    serveAt >= 0 ? serveAt + 1 + (modelInCli ? 1 : 0) : rest.findIndex(isApiServerModule) + 1;
  // `vllm serve` serves a positional model over the file's `model` (serve.py copies model_tag).
  const modelAt = modelInCli ? fileArgs.indexOf("--model") : -1;
  const own =
    modelAt < 0 ? fileArgs : [...fileArgs.slice(0, modelAt), ...fileArgs.slice(modelAt + 2)];
  return [...rest.slice(0, launcherEnd), ...own, ...rest.slice(launcherEnd)];
}
