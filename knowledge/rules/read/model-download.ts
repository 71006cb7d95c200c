/**
 * Models an init container downloads from the Hugging Face Hub into a directory the server then
 * serves: `hf download <repo> --local-dir <dir>` or `huggingface-cli download <repo> --local-dir
 * <dir>` (the Hub's CLI, https://huggingface.co/docs/huggingface_hub/guides/cli). A `--model` of
 * exactly that directory serves that repository. Pure.
 */
import type { ModelStorage } from "../workload";
import { splitShellCommands } from "./command-line";

type Obj = Readonly<Record<string, unknown>>;

const HUB_CLIS = new Set(["hf", "huggingface-cli"]);

/** Flags of `download` that take a value (the repository is the first word that is not one). */
const VALUE_FLAGS = new Set([
  "--local-dir",
  "--cache-dir",
  "--revision",
  "--repo-type",
  "--include",
  "--exclude",
  "--token",
  "--max-workers",
]);

function words(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The repository and directory of one `download` command line, if it names both. */
function readDownload(argv: readonly string[]): ModelStorage | undefined {
  const cli = argv.findIndex((w) => HUB_CLIS.has(w.split("/").pop() ?? ""));
  if (cli < 0 || argv[cli + 1] !== "download") return undefined;
  let repo: string | undefined;
  let dir: string | undefined;
  for (let i = cli + 2; i < argv.length; i++) {
    const w = argv[i] as string;
    const [flag, inline] = w.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === "--local-dir") dir = inline ?? argv[++i];
    else if (VALUE_FLAGS.has(flag)) i += inline === undefined ? 1 : 0;
    else if (!w.startsWith("-") && repo === undefined) repo = w;
  }
  if (repo === undefined || dir === undefined || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return undefined;
  return { path: dir.replace(/\/+$/, ""), uri: `hf://${repo}`, reference: repo };
}

/** Every Hub download of the pod's init containers, in order. */
export function findDownloadedModels(podSpec: Obj): ModelStorage[] {
  const inits = Array.isArray(podSpec["initContainers"]) ? podSpec["initContainers"] : [];
  return inits.flatMap((c: unknown) => {
    if (typeof c !== "object" || c === null) return [];
    const o = c as Obj;
    const script = [...words(o["command"]), ...words(o["args"])];
    // A `sh -c` script is one word holding many commands; a plain command line is its own words.
    const commands = [script, ...script.flatMap((w) => splitShellCommands(w))];
    return commands.flatMap((argv) => readDownload(argv) ?? []);
  });
}

/** The download a server's `--model` directory holds, if an init container fills it. */
export function findServedDownload(
  podSpec: Obj,
  model: string | undefined,
): ModelStorage | undefined {
  if (model === undefined) return undefined;
  const dir = model.replace(/\/+$/, "");
  return findDownloadedModels(podSpec).find((d) => d.path === dir);
}
