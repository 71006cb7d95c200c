/**
 * Container command lines as Kubernetes runs them: `$(VAR)` expansion, `sh -c "<script>"`
 * wrappers (Ray start-up then `vllm serve`, `exec`, env assignments), and the vLLM image's
 * entrypoint when only `args` are given. Produces the argv that `parseVllmFlags` reads. Shell
 * words and quoting are split by shell-quote (a maintained shell-words parser); this file only
 * finds where one simple command ends. Pure.
 */
import { parse, quote, type ParseEntry } from "shell-quote";
import { compareVersions } from "../../core/versions";
import {
  API_SERVER_ARGV,
  VLLM_SERVE_ARGV,
  VLLM_SERVE_IMAGE_ENTRYPOINT,
} from "../../vllm/image-entrypoint";
import { isVllmCommand, type VllmSettings } from "../../vllm/parse-flags";
import { findImageRepository, findImageTag, isMovingTag } from "../image-tags";
import { findImageVllmVersion, isVllmProjectImage } from "../served-model";

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;
/**
 * Images whose entrypoint is vLLM's OpenAI server, so bare `args` are its flags, each by the file
 * or page that says so:
 * - images named vllm-openai: vLLM's own (`-rocm`, `-xpu`, `-cpu`) and rebuilds named after them
 *   (rh-aiservices-bu's `vllm-openai-ubi9`, whose Containerfile ends in `ENTRYPOINT ["python3",
 *   "-m", "vllm.entrypoints.openai.api_server"]`);
 * - OpenShift AI's and Open Data Hub's vLLM (quay.io/modh/vllm, quay.io/opendatahub/vllm), built
 *   from opendatahub-io/vllm's Dockerfile.ubi: its `vllm-openai` target has that same entrypoint,
 *   and its `vllm-grpc-adapter` target runs `python3 -m vllm_tgis_adapter`, which parses its
 *   arguments with vLLM's own OpenAI-server parser (`make_arg_parser`) before adding TGIS's;
 * - Red Hat AI Inference Server's CUDA image, whose documented use is
 *   `podman run … registry.redhat.io/rhaiis/vllm-cuda-rhel9:3.1.0 --model … --tensor-parallel-size 2`.
 */
const OPENAI_SERVER_IMAGES = Object.freeze([
  {
    pattern: /(^|\/)vllm-openai(-[a-z0-9]+)?(:|@|$)|(^|\/)vllm\/vllm-openai/,
    source: {
      url: "https://github.com/rh-aiservices-bu/llm-on-openshift/blob/23326d4cb178f7cea8793277663cd1ec3b7b1a51/llm-servers/vllm/Containerfile",
      checked: "2026-12-06",
    },
  },
  {
    pattern: /(^|\/)(modh|opendatahub)\/vllm(:|@|$)/,
    source: {
      url: "https://github.com/opendatahub-io/vllm/blob/6f2e52410a730739a0f2b9b54b34874af6d5168e/Dockerfile.ubi",
      also: "https://github.com/opendatahub-io/vllm-tgis-adapter/blob/0064080c85b9a03dfb50af6850520f0ad444d2dd/src/vllm_tgis_adapter/__main__.py",
      checked: "2026-12-06",
    },
  },
  {
    pattern: /(^|\/)rhaiis(-preview)?\/vllm-cuda-rhel9(:|@|$)/,
    source: {
      url: "https://docs.redhat.com/en/documentation/red_hat_ai_inference_server/3.1/html-single/vllm_server_arguments/index",
      checked: "2026-12-06",
    },
  },
]);
/**
 * The entrypoint of an image named vllm-openai: vLLM's own image, and registry mirrors of it (a
 * repository named exactly `vllm-openai` under another registry or organisation, as air-gapped
 * clusters copy it), start `vllm serve` from {@link VLLM_SERVE_IMAGE_ENTRYPOINT}'s release; vLLM's
 * own image also at a tag that follows the newest. Older releases, named builds whose release is
 * unknown, and rebuilds under other names (`vllm-openai-ubi9`, `vllm-openai-rocm`) start the
 * api_server.
 */
function imageEntrypoint(image: string): readonly string[] {
  const repository = findImageRepository(image);
  if (!/(^|\/)vllm-openai$/.test(repository)) return API_SERVER_ARGV;
  const version = findImageVllmVersion(image);
  if (version === undefined) {
    // No tag or a moving one ("latest", "nightly", "latest-x86_64") follows the newest release.
    const tag = findImageTag(image);
    return isVllmProjectImage(image) && (tag === undefined || isMovingTag(tag))
      ? VLLM_SERVE_ARGV
      : API_SERVER_ARGV;
  }
  return compareVersions(version, VLLM_SERVE_IMAGE_ENTRYPOINT.firstRelease) >= 0
    ? VLLM_SERVE_ARGV
    : API_SERVER_ARGV;
}

/**
 * Why the model of a container that gives vLLM's own image only `args` is unknown, when the args
 * pass the model positionally and the image's tag names no release and does not move (a launch-day
 * build such as "gemma4", a nightly build, a digest): from {@link VLLM_SERVE_IMAGE_ENTRYPOINT}'s
 * release the image starts `vllm serve`, which serves the positional model, and before it the
 * api_server module, which ignores it (only `vllm serve` copies `model_tag` to the model); which
 * of the two such a build has is not in the manifest. Undefined otherwise.
 */
export function describeUnknownEntrypoint(
  image: string | undefined,
  settings: Pick<VllmSettings, "model" | "ignoredModelTag"> | undefined,
): string | undefined {
  const positional = settings?.ignoredModelTag;
  if (image === undefined || positional === undefined || settings?.model !== undefined)
    return undefined;
  if (!isVllmProjectImage(image) || findImageVllmVersion(image) !== undefined) return undefined;
  const tag = findImageTag(image);
  if (tag === undefined || (tag !== "@digest" && isMovingTag(tag))) return undefined;
  return `image "${image}" is a build of vLLM's own image whose tag names no release, so its entrypoint is unknown: vllm serve, the image's entrypoint from vLLM ${VLLM_SERVE_IMAGE_ENTRYPOINT.firstRelease} (PR #25967), serves the positional "${positional}", and the api_server module before it ignores it, so which model runs is unknown`;
}

/** Operators that end a simple command. */
const SEPARATORS = new Set([";", "&&", "||", "|", "|&", "&", ";;", "(", ")"]);
/** Redirections: the operator and the word after it are not arguments. */
const REDIRECTIONS = new Set([">", ">>", "<", ">&", "<&", "<>", ">|", "<<<", "<<"]);
/** Keeps `$NAME` words that were not expanded as they are, instead of shell-quote's empty string. */
const keepVariable = (name: string) => `$${name}`;

/**
 * True when `text` ends inside a quote. shell-quote reads an unclosed quote as if it were closed,
 * so it cannot tell; this only tracks quote state (the words are still split by shell-quote).
 */
function endsInsideQuote(text: string): boolean {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === "\\") i++;
    else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const eol = text.indexOf("\n", i);
      if (eol < 0) return false;
      i = eol;
    }
  }
  return quote !== undefined;
}

/**
 * Joins physical lines into logical ones: a line ending in `\` continues, and so does a line whose
 * quotes are still open. Unquoted newlines end commands; shell-quote itself treats them as blanks.
 */
function joinLogicalLines(script: string): string[] {
  const lines: string[] = [];
  let pending = "";
  for (const line of script.split(/\r?\n/)) {
    const text = pending === "" ? line : `${pending}\n${line}`;
    if (!endsInsideQuote(text) && /(^|[^\\])(\\\\)*\\$/.test(line)) {
      pending = text.slice(0, -1);
      continue;
    }
    if (endsInsideQuote(text)) pending = text;
    else {
      lines.push(text);
      pending = "";
    }
  }
  if (pending !== "") lines.push(pending);
  return lines;
}

/** The words of one logical line, split into simple commands. */
function splitLine(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let skipNext = false;
  const end = () => {
    if (words.length > 0) commands.push(words);
    words = [];
  };
  // A file descriptor written against a redirection ("2>&1") is not an argument either.
  const entries: ParseEntry[] = parse(line.replace(/(^|\s)\d+(?=[<>])/g, "$1"), keepVariable);
  for (const e of entries) {
    if (typeof e === "string") {
      if (skipNext) skipNext = false;
      else words.push(e);
    } else if ("comment" in e) break;
    else if (e.op === "glob") words.push(e.pattern);
    else if (REDIRECTIONS.has(e.op)) skipNext = true;
    else if (SEPARATORS.has(e.op)) end();
  }
  end();
  return commands;
}

/** Splits a shell script into the words of each simple command (quotes, `\` continuations, comments). */
export function splitShellCommands(script: string): string[][] {
  return joinLogicalLines(script).flatMap(splitLine);
}

/** The container's environment as `$(VAR)` expansion sees it. */
export interface ExpansionEnv {
  /** Literal values. */
  readonly values: Readonly<Record<string, string>>;
}

/**
 * An env value, command or argument with `$(VAR)` references to variables defined before it
 * expanded, as the kubelet does: `$$` escapes a `$`, and a reference to a variable not (yet)
 * defined stays as written
 * (https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/).
 */
export function expandEnvReferences(
  value: string,
  defined: Readonly<Record<string, string>>,
): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) =>
    name === undefined ? "$" : (defined[name] ?? m),
  );
}

/**
 * Replaces `$(VAR)` (Kubernetes, {@link expandEnvReferences}); with `shell`, also `$VAR`, `${VAR}`
 * and `${VAR:-default}` from `env`. Kubernetes expands a container's command and args before any
 * shell sees them; `shell` is the second pass, over the script it runs.
 */
export function expandVariables(
  text: string,
  env: Readonly<Record<string, string>>,
  shell: boolean,
): string {
  if (!shell) return expandEnvReferences(text, env);
  let out = text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
  // Kubernetes leaves `$(VAR)` of a variable it cannot resolve here (a Secret's value, set when
  // the pod starts) as it is; to the shell it is then `${VAR}`, a word, not a subshell.
  out = out.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_m, name: string) => `\${${name}}`);
  out = out.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?\}/g,
    (m, name: string, _d, def: string | undefined) => env[name] ?? def ?? m,
  );
  return out.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string) => env[name] ?? m);
}

const VLLM_COMMAND_PREFIXES = ["exec", "nohup", "env", "uv", "run"];

/** Picks the simple command that starts vLLM, dropping `exec`, `nohup`, `env` and `VAR=value` prefixes. */
function findVllmCommand(commands: readonly string[][]): string[] | undefined {
  const hit = commands.find((c) => isVllmCommand(c));
  return hit ? skipCommandPrefixes(hit, VLLM_COMMAND_PREFIXES) : undefined;
}

/**
 * The variables a script puts in the environment of the command that starts vLLM: `export
 * NAME=value` before it, and its own leading `NAME=value` words ("the value of the variable is
 * added to the environment of the executed command", bash(1), SIMPLE COMMAND EXPANSION), as the
 * Qwen3.5 card's `VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 vllm serve ...`. Plain assignments on their own
 * stay shell variables and are not passed on.
 */
export function findVllmCommandEnv(commands: readonly string[][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of commands) {
    if (isVllmCommand(c)) {
      for (const w of c) {
        const m = ASSIGNMENT.exec(w);
        if (m) out[m[1] ?? ""] = m[2] ?? "";
        else if (!VLLM_COMMAND_PREFIXES.includes(w)) break;
      }
      return out;
    }
    if (c[0] === "export") for (const [name, value] of findScriptAssignments(c)) out[name] = value;
  }
  return out;
}

/** A simple command without its leading `VAR=value` assignments and the `prefixes` words before it. */
export function skipCommandPrefixes(
  words: readonly string[],
  prefixes: readonly string[],
): string[] {
  let i = 0;
  while (
    i < words.length &&
    (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string) || prefixes.includes(words[i] as string))
  )
    i++;
  return words.slice(i);
}

/**
 * The script a container runs through a shell (`sh -c "<script>"`, and bash's combined options
 * "-lc", "-ec", "-xc"; a "--" after them ends the options), as written; undefined when the
 * container runs no shell. `tokens` are its command and args, `$(VAR)` expanded.
 */
function findShellScriptText(tokens: readonly string[]): string | undefined {
  const shellAt = tokens.findIndex(
    (t, i) => /^-[a-z]*c$/.test(t) && i > 0 && SHELLS.test(tokens[i - 1] ?? ""),
  );
  if (shellAt < 0) return undefined;
  const rest = tokens.slice(shellAt + 1);
  const operands = rest[0] === "--" ? rest.slice(1) : rest;
  // `sh -c 'exec vllm serve "$@"' -- --model M ...`: the words after the script are $0 and then
  // the positional parameters "$@" and $* expand to (sh(1): "-c ... Read commands from the
  // command_string operand. Set the value of special parameter 0 ... from the value of the
  // command_name operand and the positional parameters ($1, $2, and so on) in sequence from the
  // remaining argument operands", https://pubs.opengroup.org/onlinepubs/9799919799/utilities/sh.html).
  const [script, , ...positional] = operands;
  if (script !== undefined && /"\$@"|\$@|\$\*|"\$\*"/.test(script)) {
    const words = quote(positional);
    return script.replace(/"\$@"|\$@|"\$\*"|\$\*/g, () => words);
  }
  return operands.join(" ");
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/**
 * The shell variables a simple command sets for the rest of the script: one made only of
 * `NAME=value` words, since "if no command name results, the variable assignments affect the
 * current shell environment" (bash(1), SIMPLE COMMAND EXPANSION,
 * https://www.gnu.org/software/bash/manual/bash.html#Simple-Command-Expansion), or `export` with
 * them; none for a command that runs something (its assignments are that command's environment).
 */
function findScriptAssignments(words: readonly string[]): (readonly [string, string])[] {
  const rest = words[0] === "export" ? words.slice(1) : words;
  const pairs = rest.map((w) => ASSIGNMENT.exec(w));
  if (pairs.length === 0 || pairs.some((m) => m === null)) return [];
  return pairs.map((m) => [m?.[1] ?? "", m?.[2] ?? ""] as const);
}

/**
 * The simple commands of the script a container runs through a shell, its variables expanded as
 * the shell would: from `env` (the container's), and, for a variable the script assigns itself,
 * from the last assignment before each command (`model=Qwen/Qwen3-8B` then `vllm serve $model`);
 * undefined when the container runs no shell.
 */
export function findScriptCommands(
  tokens: readonly string[],
  env: ExpansionEnv,
): string[][] | undefined {
  const script = findShellScriptText(tokens);
  if (script === undefined) return undefined;
  const assigned = new Set(
    splitShellCommands(script).flatMap((c) => findScriptAssignments(c).map(([name]) => name)),
  );
  const outside = Object.fromEntries(
    Object.entries(env.values).filter(([name]) => !assigned.has(name)),
  );
  const values: Record<string, string> = Object.fromEntries(
    Object.entries(env.values).filter(([name]) => assigned.has(name)),
  );
  return splitShellCommands(expandVariables(script, outside, true)).map((words) => {
    const expanded = words.map((w) => expandVariables(w, values, true));
    for (const [name, value] of findScriptAssignments(expanded)) values[name] = value;
    return expanded;
  });
}

/**
 * The vLLM argv a container runs, or undefined when it does not run vLLM's OpenAI server.
 * `env.values` holds the container's literal env values for variable expansion.
 */
export function resolveVllmArgv(
  command: readonly string[],
  args: readonly string[],
  image: string | undefined,
  env: ExpansionEnv,
): string[] | undefined {
  const tokens = [...command, ...args].map((t) => expandVariables(t, env.values, false));
  const commands = findScriptCommands(tokens, env);
  if (commands !== undefined) return findVllmCommand(commands);
  if (
    command.length === 0 &&
    image !== undefined &&
    OPENAI_SERVER_IMAGES.some((i) => i.pattern.test(image))
  ) {
    // The image's entrypoint is the server; `args` are its flags and, under `vllm serve`, a
    // positional model is the model.
    return [...imageEntrypoint(image), ...tokens];
  }
  if (command.length === 0 && image !== undefined && isOwnVllmServerImage(image, tokens))
    return [...API_SERVER_ARGV, ...tokens];
  return isVllmCommand(tokens) ? findVllmCommand([tokens]) : undefined;
}

/** Engine flags of vLLM's server that no router, proxy or other tool named for vLLM takes together with --model. */
const ENGINE_FLAGS = new Set([
  "--max-model-len",
  "--tensor-parallel-size",
  "--gpu-memory-utilization",
  "--tool-call-parser",
  "--enable-auto-tool-choice",
  "--served-model-name",
  "--max-num-seqs",
  "--kv-cache-dtype",
  "--quantization",
]);

/**
 * A team's own image named for vLLM (`vllm-gemma4:local`, `…/vllm-images/vllm-zephyr@sha256:…`,
 * built FROM vllm/vllm-openai), started with `args` only: when the args set an engine flag only
 * vLLM's server takes, they are that server's flags. Read as api_server reads them. Args that
 * name the model only positionally are not read (whether the build's entrypoint serves a
 * positional model is not in the manifest); args that name none leave the model to the build
 * ({@link describeBuildChosenModel}). Images named for vLLM's routers, proxies and sidecars are
 * not servers.
 */
function isOwnVllmServerImage(image: string, tokens: readonly string[]): boolean {
  const repository = findImageRepository(image);
  const name = repository.split("/").pop() ?? "";
  if (!/vllm/i.test(name) || /router|proxy|sidecar|gateway|scheduler|operator/i.test(name))
    return false;
  const flags = tokens.map((t) => t.split("=")[0] ?? "");
  const positional = tokens[0] !== undefined && !tokens[0].startsWith("-");
  return (flags.includes("--model") || !positional) && flags.some((f) => ENGINE_FLAGS.has(f));
}

/**
 * Why the flags of a container are unknown when it runs a build named `vllm` (`ghcr.io/acme/vllm`,
 * the last part of its repository exactly that) with no command and no args: its entrypoint starts
 * vLLM's server with a model and flags the manifest does not hold. Undefined for any other
 * container, and for vLLM's own images, whose entrypoint without args serves the default model.
 */
export function describeEntrypointOnlyServer(
  command: readonly string[],
  args: readonly string[],
  image: string | undefined,
): string | undefined {
  if (command.length > 0 || args.length > 0 || image === undefined) return undefined;
  if (OPENAI_SERVER_IMAGES.some((i) => i.pattern.test(image))) return undefined;
  if (findImageRepository(image).split("/").pop() !== "vllm") return undefined;
  return `image "${image}" is a build named vllm started without command or args: its entrypoint starts the server with a model and flags the manifest does not hold`;
}

/**
 * Why the model of a container is unknown when it runs a team's own image named for vLLM with
 * args that name no model ({@link isOwnVllmServerImage}): the build serves the model its
 * entrypoint or files name, not the release's default. Undefined for any other container.
 */
export function describeBuildChosenModel(
  command: readonly string[],
  args: readonly string[],
  image: string | undefined,
): string | undefined {
  if (command.length > 0 || image === undefined) return undefined;
  if (OPENAI_SERVER_IMAGES.some((i) => i.pattern.test(image))) return undefined;
  const flags = args.map((t) => t.split("=")[0] ?? "");
  if (flags.includes("--model") || !isOwnVllmServerImage(image, args)) return undefined;
  return `image "${image}" is a build named for vLLM whose args name no model, so the model is the one the build serves (its entrypoint or files), which the manifest does not hold`;
}
