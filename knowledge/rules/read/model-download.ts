/**
 * Models a script downloads into a directory the server then serves: an init container's, or the
 * server's own `sh -c` script before `vllm serve`, running one of the {@link DOWNLOAD_TOOLS} (the
 * Hub's CLI, `git clone` of a Hub repository, ModelScope, or a copy from S3, Cloud Storage or Azure
 * Blob storage). A `--model` of exactly that directory serves what it names: a Hub repository, or,
 * for a ModelScope id or an object-store path (which names no repository by contract), what the
 * catalog resolves its last one or two segments to. Pure.
 */
import { resolveModelReference } from "../../catalog/resolve";
import { isVllmCommand } from "../../vllm/parse-flags";
import type { ModelStorage } from "../workload";
import { DOWNLOAD_TOOLS, HUB_GIT_URL, type DownloadTool } from "./download-tools";

/** The commands one place runs, and how messages name that place (`init container "fetch"`). */
export interface CommandSource {
  readonly by: string;
  readonly commands: readonly (readonly string[])[];
}

/** What one download command copies where. */
interface Download {
  readonly tool: DownloadTool;
  readonly from: string;
  readonly dir: string;
}

/** The argument after `i` as an option's value: inline (`--x=v`) or the next word. */
function splitOption(w: string): [string, string | undefined] {
  return w.startsWith("-")
    ? (w.split(/=(.*)/s, 2) as [string, string | undefined])
    : [w, undefined];
}

/** The index of the tool's first argument after its command words, or -1 when `argv` is not it. */
function findToolStart(argv: readonly string[], tool: DownloadTool): number {
  const exe = argv.findIndex((w) => tool.executables.includes(w.split("/").pop() ?? ""));
  if (exe < 0) return -1;
  let i = exe + 1;
  // Global options before the command words (gsutil -m, -o <option>).
  while (i < argv.length && (argv[i] as string).startsWith("-")) {
    i += tool.globalValueOptions?.includes(argv[i] as string) ? 2 : 1;
  }
  return tool.words.every((w, k) => argv[i + k] === w) ? i + tool.words.length : -1;
}

/** The source and destination of one command line run by `tool`, if it names both. */
function readToolCommand(argv: readonly string[], tool: DownloadTool): Download | undefined {
  const start = findToolStart(argv, tool);
  if (start < 0) return undefined;
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = start; i < argv.length; i++) {
    const [flag, inline] = splitOption(argv[i] as string);
    if (flag.startsWith("-") && tool.valueOptions.includes(flag))
      options[flag] = inline ?? argv[++i] ?? "";
    else if (!flag.startsWith("-")) positional.push(flag);
  }
  const from =
    "option" in tool.from
      ? options[tool.from.option]
      : positional.find((p) => (tool.from as { pattern: RegExp }).pattern.test(p));
  if (from === undefined) return undefined;
  const dir =
    tool.to === "next-argument"
      ? positional.slice(positional.indexOf(from) + 1).find((p) => !p.includes("://"))
      : options[tool.to.option];
  return dir === undefined || dir === "" ? undefined : { tool, from, dir: dir.replace(/\/+$/, "") };
}

/** A URL without credentials, query or fragment: a SAS token or a user:token@ never reaches a message. */
function cleanUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1").replace(/[?#].*$/, "");
}

/** The path segments after the bucket (or Azure container), without a trailing glob. */
function listObjectSegments(uri: string): string[] {
  const parts = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+\//i, "").split("/");
  if (/\.core\.windows\.net$/.test(/^[a-z]+:\/\/([^/]+)/i.exec(uri)?.[1] ?? "")) parts.shift();
  return parts.filter((p) => p !== "" && p !== "*" && p !== "**");
}

/**
 * What the catalog resolves an object path's last two segments ("org/name") or last segment to,
 * as the reference to serve; undefined when neither resolves.
 */
function resolvePathEnd(segments: readonly string[]): string | undefined {
  const ends = segments.length >= 2 ? [segments.slice(-2).join("/")] : [];
  const last = segments[segments.length - 1];
  if (last !== undefined) ends.push(last);
  return ends.find((e) => resolveModelReference(e) !== undefined);
}

/** The directories a download fills, and what serves from each. */
function describeDownload(d: Download, by: string): ModelStorage[] {
  const tool = d.tool.name;
  if (d.tool.kind === "hub" || d.tool.kind === "hub-git") {
    const repo = d.tool.kind === "hub" ? d.from : HUB_GIT_URL.exec(d.from)?.[1];
    if (repo === undefined) return [];
    const filledBy = `${by} downloads ${repo} from the Hugging Face Hub into "${d.dir}" with ${tool}`;
    return [{ path: d.dir, uri: `hf://${repo}`, reference: repo, filledBy }];
  }
  const uri =
    d.tool.kind === "modelscope" ? `https://modelscope.cn/models/${d.from}` : cleanUrl(d.from);
  const segments = d.tool.kind === "modelscope" ? d.from.split("/") : listObjectSegments(uri);
  const reference = resolvePathEnd(segments);
  if (reference === undefined) return [];
  const fill = (path: string): ModelStorage => ({
    path,
    uri,
    reference,
    filledBy:
      d.tool.kind === "modelscope"
        ? `${by} downloads ${d.from} from ModelScope into "${path}" with ${tool}`
        : `${by} copies ${uri} into "${path}" with ${tool}, a path ending in "${reference}"`,
  });
  const last = segments[segments.length - 1];
  // A source ending in a glob ("<dir>/*") copies the directory's contents, not the directory.
  return d.tool.nestsDirectory && last !== undefined && !/\*$/.test(uri)
    ? [fill(d.dir), fill(`${d.dir}/${last}`)]
    : [fill(d.dir)];
}

/** Every download the commands of `sources` make, in order. */
export function findDownloadedModels(sources: readonly CommandSource[]): ModelStorage[] {
  return sources.flatMap((s) =>
    s.commands.flatMap((argv) =>
      DOWNLOAD_TOOLS.flatMap((tool) => {
        const d = readToolCommand(argv, tool);
        return d === undefined ? [] : describeDownload(d, s.by);
      }),
    ),
  );
}

/** The commands of a server's own script that run before it starts vLLM. */
export function listCommandsBeforeVllm(
  commands: readonly (readonly string[])[],
): (readonly string[])[] {
  const at = commands.findIndex((c) => isVllmCommand(c));
  return at < 0 ? [] : commands.slice(0, at);
}

/** The download a server's `--model` directory holds, if one of `sources` fills it (the last wins). */
export function findServedDownload(
  sources: readonly CommandSource[],
  model: string | undefined,
): ModelStorage | undefined {
  if (model === undefined) return undefined;
  const dir = model.replace(/\/+$/, "");
  return findDownloadedModels(sources)
    .filter((d) => d.path === dir)
    .pop();
}
