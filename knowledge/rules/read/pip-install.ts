/**
 * The vLLM release a launch script installs with pip before it starts the server, as people
 * publish them: a python or CUDA base image whose script runs `pip install vllm==0.6.2 && vllm
 * serve ...`, a SkyPilot task's `setup`, a dstack run's `commands`. What pip then installs is the
 * server's release, whatever the image's tag says. Pure.
 *
 * Read from the simple commands before the one that starts vLLM: `pip`, `pip3`, `python -m pip`
 * and `uv pip` `install`, each requirement as pip reads it
 * (https://pip.pypa.io/en/stable/reference/requirement-specifiers/): `vllm==X` (or `===X`) pins X;
 * any other specifier, or none, leaves pip to install the newest release that satisfies it when the
 * script runs; `git+https://.../vllm...` builds vLLM from a commit, of no release; a wheel URL or
 * file names its version (https://packaging.python.org/en/latest/specifications/binary-distribution-format/).
 * Versions are normalised as PEP 440 does (https://peps.python.org/pep-0440/#normalization:
 * "0.5.3post1" is "0.5.3.post1"); a local version label ("0.10.1+gptoss", a build published on
 * wheels.vllm.ai) is a build of the public release before the "+".
 */
import { isVllmCommand } from "../../vllm/parse-flags";
import { skipCommandPrefixes } from "./command-line";

/** What a script's pip installs say about the vLLM that runs. */
export interface PipInstalledVllm {
  /** The install as written, for notes: `pip install vllm==0.6.2`. */
  readonly command: string;
  /**
   * "exact": one release (`version`); "unpinned": the newest release on the index that satisfies
   * the requirement when the script runs; "source": built from a git commit, of no release.
   */
  readonly pin: "exact" | "unpinned" | "source";
  /** The release pinned (normalised, local label dropped); only when `pin` is "exact". */
  readonly version?: string;
  /**
   * True when the same script installs FlashInfer (`flashinfer-python`, or vLLM's `flashinfer`
   * extra): which sampler the start-up profile runs depends on it in 0.8-0.10 (sizing/vllm-profile.ts).
   */
  readonly flashInfer: boolean;
}

const PYTHON = /^(.*\/)?python(\d+(\.\d+)?)?$/;
const PIP = /^(.*\/)?pip(\d+(\.\d+)?)?$/;
/** Options of pip and uv pip install that take a value as the next word. */
const OPTIONS_WITH_VALUE = new Set([
  "-i",
  "--index-url",
  "--extra-index-url",
  "-f",
  "--find-links",
  "-c",
  "--constraint",
  "-r",
  "--requirement",
  "-e",
  "--editable",
  "-t",
  "--target",
  "--prefix",
  "--root",
  "--src",
  "--python",
  "-p",
  "--index-strategy",
  "--torch-backend",
  "--platform",
  "--python-version",
  "--implementation",
  "--abi",
  "--trusted-host",
  "--cache-dir",
  "--upgrade-strategy",
  "--config-settings",
  "-C",
  "--extra",
  "--group",
  "--override",
  "--resolution",
  "--prerelease",
  "--exclude-newer",
  "--only-binary",
  "--no-binary",
  "--progress-bar",
  "--log",
  "--proxy",
  "--timeout",
  "--retries",
]);
/** A requirement on vLLM: the name, its extras, then what follows (a specifier, a marker, or nothing). */
const VLLM_REQUIREMENT = /^vllm(\[([^\]]*)\])?(.*)$/i;
/** One exact pin (`==0.6.2`, `===0.6.2`), optionally followed by an environment marker. */
const EXACT_PIN = /^(===|==)\s*([^\s,;*]+)\s*(;.*)?$/;
const FLASHINFER = /^flashinfer(-python)?(\[[^\]]*\])?\s*([=<>!~].*)?$/i;
/** A wheel of vLLM by URL or file: `vllm-0.10.1-cp38-abi3-manylinux1_x86_64.whl`. */
const VLLM_WHEEL = /(^|\/)vllm-(\d[^-]*)-[^/]*\.whl$/i;

/** The package names of one `pip install`, or undefined when the command installs nothing with pip. */
function findInstallArguments(words: readonly string[]): readonly string[] | undefined {
  const w = skipCommandPrefixes(words, ["sudo", "env", "exec", "nohup", "time"]);
  let at: number;
  if (PIP.test(w[0] ?? "")) at = 1;
  else if (w[0] === "uv" && w[1] === "pip") at = 2;
  else if (PYTHON.test(w[0] ?? "") && w[1] === "-m" && w[2] === "pip") at = 3;
  else return undefined;
  if (w[at] !== "install") return undefined;
  const out: string[] = [];
  for (let j = at + 1; j < w.length; j++) {
    const word = w[j] as string;
    if (OPTIONS_WITH_VALUE.has(word)) j++;
    else if (!word.startsWith("-")) out.push(word);
  }
  return out;
}

/** PEP 440 normal form of a release pin ("0.5.3post1" → "0.5.3.post1", "v0.6.2" → "0.6.2"), local label dropped. */
export function normalisePipVersion(version: string): string {
  return version
    .trim()
    .replace(/^v/i, "")
    .replace(/\+.*$/, "")
    .replace(/[._-]?(post|rev|r)[._-]?(\d*)$/i, (_m, _p, n: string) => `.post${n || "0"}`);
}

/** What one requirement says of vLLM, or undefined when it is not vLLM. */
function readRequirement(
  word: string,
): (Pick<PipInstalledVllm, "pin" | "version"> & { extras: string }) | undefined {
  if (/^git\+/i.test(word))
    return /\/vllm(\.git)?(@|#|$)/i.test(word) ? { pin: "source", extras: "" } : undefined;
  const wheel = VLLM_WHEEL.exec(word);
  if (wheel) return { pin: "exact", version: normalisePipVersion(wheel[2] as string), extras: "" };
  const m = VLLM_REQUIREMENT.exec(word);
  if (!m) return undefined;
  const extras = m[2] ?? "";
  const rest = (m[3] ?? "").trim();
  const exact = EXACT_PIN.exec(rest);
  if (exact) return { pin: "exact", version: normalisePipVersion(exact[2] as string), extras };
  // Any other specifier or a marker: pip picks the newest release that satisfies it. Anything
  // else continues the name ("vllm-flash-attn"): another package.
  return rest === "" || /^(===|==|>=|<=|~=|!=|>|<|;)/.test(rest)
    ? { pin: "unpinned", extras }
    : undefined;
}

/**
 * The vLLM the pip installs of `commands` (a script's simple commands, in order) leave before the
 * first command that starts vLLM; the last install of vLLM wins. Undefined when none installs vLLM.
 */
export function findPipInstalledVllm(
  commands: readonly (readonly string[])[],
): PipInstalledVllm | undefined {
  let found: Omit<PipInstalledVllm, "flashInfer"> | undefined;
  let flashInfer = false;
  for (const words of commands) {
    if (isVllmCommand([...words])) break;
    const names = findInstallArguments(words);
    if (names === undefined) continue;
    for (const name of names) {
      if (FLASHINFER.test(name)) flashInfer = true;
      const r = readRequirement(name);
      if (r === undefined) continue;
      if (/(^|,)\s*flashinfer\s*(,|$)/i.test(r.extras)) flashInfer = true;
      found = {
        command: words.join(" "),
        pin: r.pin,
        ...(r.version === undefined ? {} : { version: r.version }),
      };
    }
  }
  return found === undefined ? undefined : { ...found, flashInfer };
}
