/**
 * The one model source for plan, fit and lint: any reference people write becomes a ModelSpec
 * with where its facts came from. In order: --hf-config <config.json>; a local model directory
 * (or a cache snapshot path); the catalog (ids, aliases, derivatives, fine-tunes: no network; a
 * derivative or fine-tune's own files when the Hugging Face cache or kindo-models' cache holds
 * them); then a Hugging Face repo id from the Hugging Face cache, kindo-models' cache, or the
 * Hub itself (unless offline); last, when none of these gave its files, the catalog model its name
 * carries, as that model's fine-tune (resolve-named-base.ts). Nothing touches the network unless
 * the reference needs it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type * as ModelFromHf from "../knowledge/catalog/hf/model-from-hf";
import type { HfModelFiles } from "../knowledge/catalog/hf/model-from-hf";
import {
  buildCatalogFacts,
  type ModelFacts,
  type ModelSource,
} from "../knowledge/catalog/hf/source";
import { suggestModels } from "../knowledge/catalog/model-lookup";
import {
  extractRepoName,
  resolveModelReference,
  resolveNamedFineTuneOffline,
} from "../knowledge/catalog/resolve";
import { failed, issue, joinList, quoteList, type Result } from "../knowledge/core";
import type * as ConfigJson from "./config-json";
import type * as DiskCache from "./disk-cache";
import type * as HubClient from "./hub-client";
import type * as LocalFiles from "./local-files";
import { readHubSettings, type HubSettings } from "./settings";

// Loaded when a reference needs files: a catalog id (what most runs of plan and fit name) reads
// none, and the config reader and safetensors parsers are a third of the CLI's modules.
const hfReader = () => require("../knowledge/catalog/hf/model-from-hf") as typeof ModelFromHf;
const localFiles = () => require("./local-files") as typeof LocalFiles;
const diskCache = () => require("./disk-cache") as typeof DiskCache;
const configJson = () => require("./config-json") as typeof ConfigJson;

export interface LoadModelRequest {
  /** The model argument as written: catalog id, alias, org/name, directory or cache path. */
  readonly reference?: string;
  /** `--hf-config`: size from this config.json. */
  readonly hfConfigPath?: string;
  /** `--params`: total parameters in billions. */
  readonly paramsB?: number;
  /** `--offline`: the caches only (HF_HUB_OFFLINE=1 does the same). */
  readonly offline?: boolean;
  /** Revision of a Hub repo. @default "main" */
  readonly revision?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The fetch the Hub client's guarded fetch wraps (tests count calls). */
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch, for the cache's age. @default Date.now */
  readonly now?: () => number;
  /**
   * Reads the `--hf-config` file as text. The CLI passes its capped reader (16 MiB, pipes
   * allowed), so a path to /dev/zero is an error instead of an exhausted heap.
   * @default readFileSync(path, "utf8")
   */
  readonly readConfigFile?: (path: string) => string;
}

const REPO_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

type Loaded = Result<ModelFacts, "facts">;

function fromFiles(
  files: HfModelFiles,
  source: ModelSource,
  reference: string,
  req: LoadModelRequest,
  hfId?: string,
  gated?: boolean,
): Loaded {
  const r = hfReader().readModelFromHfFiles(files, {
    reference,
    ...(hfId ? { hfId } : {}),
    ...(req.paramsB !== undefined ? { paramsB: req.paramsB } : {}),
    ...(gated !== undefined ? { gated } : {}),
  });
  if (!r.ok)
    return failed(r.issues.map((i) => (i.path === "params" ? { ...i, path: "--params" } : i)));
  return {
    ok: true,
    facts: {
      model: r.reading.model,
      source,
      inferred: r.reading.inferred,
      ...(r.reading.resolution ? { resolution: r.reading.resolution } : {}),
    },
  };
}

function loadConfigFile(path: string, req: LoadModelRequest): Loaded {
  let config: unknown;
  try {
    config = configJson().parseHfJson(req.readConfigFile?.(path) ?? readFileSync(path, "utf8"));
  } catch (e) {
    return failed([
      issue(
        "--hf-config",
        `"${path}" could not be read as JSON (${(e as Error).message}). Pass the path of a Hugging Face config.json.`,
      ),
    ]);
  }
  const name =
    basename(path) === "config.json" ? basename(dirname(resolve(path))) : basename(path, ".json");
  const reference = req.reference ?? name;
  return fromFiles(
    { config },
    { kind: "config-file", location: path, files: [basename(path)] },
    reference,
    req,
    REPO_ID.test(reference) ? reference : undefined,
  );
}

function loadDirectory(dir: string, req: LoadModelRequest): Loaded {
  let files: ReturnType<typeof LocalFiles.readModelDirectory>;
  try {
    files = localFiles().readModelDirectory(dir);
  } catch (e) {
    if (e instanceof localFiles().LocalFileError)
      return failed([
        issue("model", `${e.message} Pass a directory with config.json, or a repo id.`),
      ]);
    throw e;
  }
  const cache = /models--([^/]+?)--([^/]+)\/snapshots\/([^/]+)\/?$/.exec(dir);
  const source: ModelSource = cache
    ? { kind: "hf-cache", location: dir, revision: cache[3] as string, files: files.files }
    : { kind: "local-dir", location: dir, files: files.files };
  const hfId = cache ? `${cache[1]}/${cache[2]}` : undefined;
  return fromFiles(files, source, dir, req, hfId);
}

/**
 * A repo's files from the Hugging Face cache or kindo-models' cache, when either holds them: no
 * network. Undefined when neither does.
 */
function loadCachedRepo(repo: string, req: LoadModelRequest, s: HubSettings): Loaded | undefined {
  const revision = req.revision ?? "main";
  const snapshot = localFiles().findCachedSnapshot(s.hubCache, repo, revision);
  if (snapshot) {
    let files: ReturnType<typeof LocalFiles.readModelDirectory>;
    try {
      files = localFiles().readModelDirectory(snapshot);
    } catch (e) {
      if (e instanceof localFiles().LocalFileError)
        return failed([issue("model", `"${repo}" in the Hugging Face cache: ${e.message}`)]);
      throw e;
    }
    return fromFiles(
      files,
      { kind: "hf-cache", location: snapshot, revision: basename(snapshot), files: files.files },
      repo,
      req,
      repo,
    );
  }
  const cached = diskCache().readCachedModel(
    s.cacheDir,
    s.endpoint,
    repo,
    revision,
    (req.now ?? Date.now)(),
    s.offline,
  );
  if (cached)
    return fromFiles(
      cached,
      {
        kind: "hub",
        location: `${s.endpoint}/${repo}`,
        revision: cached.sha ?? revision,
        files: cached.files,
        cached: true,
      },
      repo,
      req,
      repo,
      cached.gated,
    );
  return undefined;
}

async function loadRepo(repo: string, req: LoadModelRequest, s: HubSettings): Promise<Loaded> {
  const local = loadCachedRepo(repo, req, s);
  if (local) return local;
  const revision = req.revision ?? "main";
  const now = (req.now ?? Date.now)();
  const location = `${s.endpoint}/${repo}`;
  if (s.offline)
    return byNameOr(
      repo,
      `offline mode (--offline or HF_HUB_OFFLINE): ${s.endpoint} was not asked for its config.json`,
      `"${repo}" is not in the catalog, the Hugging Face cache (${s.hubCache}) or kindo-models' cache (${s.cacheDir}), and offline mode (--offline or HF_HUB_OFFLINE) forbids asking ${s.endpoint}. Run once without --offline, or pass --hf-config <config.json>.`,
    );
  // Loaded only when the Hub is asked: @huggingface/hub and the guarded transport are not needed
  // for catalog ids, local files or the caches.
  const { HubError, fetchHubModel } = require("./hub-client") as typeof HubClient;
  try {
    const hub = await fetchHubModel(repo, revision, s, req.fetch);
    diskCache().writeCachedModel(s.cacheDir, {
      version: 1,
      endpoint: s.endpoint,
      repo,
      revision,
      fetchedAt: now,
      ...hub,
    });
    return fromFiles(
      hub,
      { kind: "hub", location, revision: hub.sha ?? revision, files: hub.files },
      repo,
      req,
      repo,
      hub.gated,
    );
  } catch (e) {
    if (!(e instanceof HubError)) throw e;
    // A config.json the Hub gave but that could not be read is the model's own word: no guessing.
    return e.kind === "invalid"
      ? failed([issue("model", e.message)])
      : byNameOr(repo, `the Hub gave no config.json: ${e.message}`, e.message);
  }
}

/**
 * When the Hub could not give a repo's files: the catalog model its name carries as a fine-tune's
 * base (resolve-named-base.ts), saying why its files were not read; else the refusal.
 */
function byNameOr(repo: string, whyNotRead: string, refusal: string): Loaded {
  const r = resolveNamedFineTuneOffline(repo);
  const bases = r?.candidates?.flatMap((c) => (c.base ? [c.base.hfId] : []));
  if (bases !== undefined && bases.length > 0)
    return failed([
      issue(
        "model",
        `${refusal} Its name fits ${joinList(bases)}, which differ in architecture or context window, so it is taken as none of them.`,
      ),
    ]);
  if (r?.model === undefined) return failed([issue("model", refusal)]);
  const facts = buildCatalogFacts({ ...r, model: r.model });
  return { ok: true, facts: { ...facts, inferred: [...facts.inferred, whyNotRead] } };
}

function unknownReference(reference: string): Loaded {
  return failed([
    issue(
      "model",
      `"${reference}" is not in the model catalog, not a local model directory and not a Hugging Face repo id (org/name). Did you mean ${quoteList(suggestModels(reference))}? Run "kindo-models models" for the catalog, or pass --hf-config <config.json>.`,
    ),
  ]);
}

/** Loads a model from wherever the reference points, saying where its facts came from. */
export async function loadModelFacts(req: LoadModelRequest): Promise<Loaded> {
  const s = readHubSettings(req.env, req.offline === true);
  if (req.hfConfigPath !== undefined) return loadConfigFile(req.hfConfigPath, req);
  const reference = req.reference;
  if (reference === undefined)
    return failed([
      issue(
        "model",
        `no model given. Pass a catalog id (see "kindo-models models"), a Hugging Face repo id (org/name), a local model directory or --hf-config <config.json>.`,
      ),
    ]);
  if (existsSync(reference)) {
    return statSync(reference).isDirectory()
      ? loadDirectory(reference, req)
      : loadConfigFile(reference, req);
  }
  const r = resolveModelReference(reference);
  const repo = REPO_ID.test(reference) ? reference : undefined;
  // A derivative or fine-tune the catalog knows by name is sized from its own files when a cache
  // holds them (its quantization config, ignore list and exact weight bytes); no network.
  const inferred = r?.route === "derivative" || r?.route === "fine-tune";
  const local = inferred && repo ? loadCachedRepo(repo, req, s) : undefined;
  if (local?.ok) return local;
  if (r?.model) {
    const facts = buildCatalogFacts({ ...r, model: r.model });
    if (local === undefined) return { ok: true, facts };
    const why = `its cached files were not read (${local.issues.map((i) => i.message).join("; ")})`;
    return { ok: true, facts: { ...facts, inferred: [...facts.inferred, why] } };
  }
  return repo ? loadRepo(repo, req, s) : unknownReference(extractRepoName(reference));
}
