/**
 * Container command lines as Kubernetes runs them: `$(VAR)` expansion, `sh -c "<script>"`
 * wrappers (Ray start-up then `vllm serve`, `exec`, env assignments), and the vLLM image's
 * entrypoint when only `args` are given. Produces the argv that `parseVllmFlags` reads. Pure.
 */
import { isVllmCommand } from "../../vllm/parse-flags";

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;
/** vLLM's own images: their entrypoint is the OpenAI server, so bare `args` are its flags. */
const VLLM_IMAGE = /(^|\/)vllm-openai(-rocm|-xpu|-cpu)?(:|@|$)|(^|\/)vllm\/vllm-openai/;

/** Splits one shell script into words per simple command (quotes, `\` line continuations, `#` comments). */
export function splitShellCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] as string;
    if (c === "\\" && script[i + 1] === "\n") {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const end = close < 0 ? script.length : close;
      word = (word ?? "") + script.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === "#" && word === undefined) {
      while (i < script.length && script[i] !== "\n") i++;
      endCommand();
      continue;
    }
    if (c === "\n" || c === ";" || c === "|" || c === "&") {
      endCommand();
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      continue;
    }
    word = (word ?? "") + (c === "\\" ? (script[++i] ?? "") : c);
  }
  endCommand();
  return commands;
}

/** Replaces `$(VAR)` (Kubernetes), `$VAR`, `${VAR}` and `${VAR:-default}` (shell) from `env`. */
export function expandVariables(
  text: string,
  env: Readonly<Record<string, string>>,
  shell: boolean,
): string {
  let out = text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string) => env[name] ?? m);
  if (!shell) return out;
  out = out.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?\}/g,
    (m, name: string, _d, def: string | undefined) => env[name] ?? def ?? m,
  );
  return out.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string) => env[name] ?? m);
}

/** Picks the simple command that starts vLLM, dropping `exec`, `nohup`, `env` and `VAR=value` prefixes. */
function findVllmCommand(commands: readonly string[][]): string[] | undefined {
  const hit = commands.find((c) => isVllmCommand(c));
  if (!hit) return undefined;
  let i = 0;
  while (
    i < hit.length &&
    (/^[A-Za-z_][A-Za-z0-9_]*=/.test(hit[i] as string) ||
      ["exec", "nohup", "env", "uv", "run"].includes(hit[i] as string))
  )
    i++;
  return hit.slice(i);
}

/**
 * The vLLM argv a container runs, or undefined when it does not run vLLM's OpenAI server.
 * `env` holds the container's literal env values for variable expansion.
 */
export function resolveVllmArgv(
  command: readonly string[],
  args: readonly string[],
  image: string | undefined,
  env: Readonly<Record<string, string>>,
): string[] | undefined {
  const tokens = [...command, ...args].map((t) => expandVariables(t, env, false));
  const shellAt = tokens.findIndex(
    (t, i) => t === "-c" && i > 0 && SHELLS.test(tokens[i - 1] ?? ""),
  );
  if (shellAt >= 0) {
    const script = tokens.slice(shellAt + 1).join(" ");
    return findVllmCommand(splitShellCommands(expandVariables(script, env, true)));
  }
  if (command.length === 0 && image !== undefined && VLLM_IMAGE.test(image)) {
    // The image's entrypoint is the server; `args` are its flags (a positional model is dropped by newer images).
    return ["python3", "-m", "vllm.entrypoints.openai.api_server", ...tokens];
  }
  return isVllmCommand(tokens) ? findVllmCommand([tokens]) : undefined;
}
