/**
 * Kindo simulator: the model management (admin) endpoints at the defaults the KindoModel client
 * uses (`/v1/admin/models`, Bearer or `x-api-key` auth, `id` field), persistent to a JSON file,
 * and the OpenAI-compatible inference API that forwards to each model's `api_base` like LiteLLM
 * (`inference.ts`).
 * Answers like a strict API: 400 with field errors, 401 on a bad key, 404 on an unknown id, 409
 * on a duplicate serving name. The real paths are not public (see docs/kindo.md).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  handleInference,
  isInferencePath,
  normaliseApiBase,
  type NetworkFault,
  type NetworkFaults,
} from "./inference";
import { openModelStore, type ModelStore } from "./store";
import { publicModel, validateModelBody } from "./validate";

/** Where the models live and the key that admin calls must carry. */
export interface KindoSimOptions {
  /** JSON file the models persist to; created when missing. */
  readonly file: string;
  readonly adminKey: string;
  /** @default 0 (an ephemeral port) */
  readonly port?: number;
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** Key of the inference API (`/v1/models`, `/v1/chat/completions`). @default adminKey */
  readonly apiKey?: string;
  /** Network failures between Kindo and an `api_base`, from the start. @default none */
  readonly networkFaults?: Readonly<Record<string, NetworkFault>>;
}

/** A running simulator. */
export interface KindoSim {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Makes Kindo fail to reach this `api_base` (split DNS, a firewall), or reach it again with `undefined`. */
  setNetworkFault(apiBase: string, fault: NetworkFault | undefined): void;
  close(): Promise<void>;
}

/** The models collection path the simulator serves. */
export const KINDO_SIM_MODELS_PATH = "/v1/admin/models";

/** Starts the simulator on 127.0.0.1 (port 0 unless given). */
export async function startKindoSim(options: KindoSimOptions): Promise<KindoSim> {
  const store = openModelStore(options.file);
  const faults: NetworkFaults = new Map(
    Object.entries(options.networkFaults ?? {}).map(([base, f]) => [normaliseApiBase(base), f]),
  );
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://sim").pathname;
    const done = isInferencePath(pathname)
      ? handleInference(store, options.apiKey ?? options.adminKey, faults, req, res)
      : handle(store, options.adminKey, req, res);
    done.catch((err: unknown) => {
      // A stream cut after the headers can only be passed on as a cut.
      if (res.headersSent) res.destroy();
      else send(res, 500, { error: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    setNetworkFault(apiBase, fault) {
      if (fault === undefined) faults.delete(normaliseApiBase(apiBase));
      else faults.set(normaliseApiBase(apiBase), fault);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function authorised(req: IncomingMessage, adminKey: string): boolean {
  const bearer = req.headers.authorization;
  return bearer === `Bearer ${adminKey}` || req.headers["x-api-key"] === adminKey;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol.for("invalid-json");
  }
}

async function handle(
  store: ModelStore,
  adminKey: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sim");
  if (url.pathname === "/health") return send(res, 200, { status: "ok" });
  if (
    url.pathname !== KINDO_SIM_MODELS_PATH &&
    !url.pathname.startsWith(`${KINDO_SIM_MODELS_PATH}/`)
  )
    return send(res, 404, { error: "Not found" });
  if (!authorised(req, adminKey))
    return send(res, 401, { error: "Invalid or missing admin API key" });
  const id = decodeURIComponent(url.pathname.slice(KINDO_SIM_MODELS_PATH.length + 1));
  if (id === "") return handleCollection(store, req, res);
  const model = store.get(id);
  if (model === undefined) return send(res, 404, { error: `Model ${id} not found` });
  if (req.method === "GET") return send(res, 200, publicModel(model));
  if (req.method === "DELETE") {
    store.remove(id);
    return send(res, 204);
  }
  if (req.method !== "PATCH") return send(res, 405, { error: `${req.method} is not allowed here` });
  const body = await readBody(req);
  if (typeof body === "symbol") return send(res, 400, { error: "Body is not JSON" });
  const errors = validateModelBody(body, true);
  if (errors.length > 0) return send(res, 400, { error: "Validation failed", fields: errors });
  const patch = body as Record<string, unknown>;
  const other =
    typeof patch["litellmModelName"] === "string"
      ? store.findByName(patch["litellmModelName"])
      : undefined;
  if (other !== undefined && other.id !== id)
    return send(res, 409, {
      error: `A model named "${String(patch["litellmModelName"])}" already exists`,
      id: other.id,
    });
  const { id: _id, ...stored } = model;
  const params =
    patch["litellmParams"] === undefined
      ? stored["litellmParams"]
      : { ...(stored["litellmParams"] as object), ...(patch["litellmParams"] as object) };
  return send(
    res,
    200,
    publicModel(store.replace(id, { ...stored, ...patch, litellmParams: params })),
  );
}

async function handleCollection(
  store: ModelStore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method === "GET") return send(res, 200, { data: store.list().map(publicModel) });
  if (req.method !== "POST") return send(res, 405, { error: `${req.method} is not allowed here` });
  const body = await readBody(req);
  if (typeof body === "symbol") return send(res, 400, { error: "Body is not JSON" });
  const errors = validateModelBody(body, false);
  if (errors.length > 0) return send(res, 400, { error: "Validation failed", fields: errors });
  const fields = body as Record<string, unknown>;
  const existing = store.findByName(fields["litellmModelName"] as string);
  if (existing !== undefined)
    return send(res, 409, {
      error: `A model named "${String(fields["litellmModelName"])}" already exists`,
      id: existing.id,
    });
  return send(res, 201, publicModel(store.insert(fields)));
}
