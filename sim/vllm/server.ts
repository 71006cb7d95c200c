/**
 * The vLLM simulator's HTTP server: vLLM's routes, its API-key guard on /v1/* only, and a start-up
 * delay during which nothing listens (vLLM binds its port only after loading the weights, so
 * clients see "connection refused"). Start it with {@link startVllmSim}.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer } from "node:net";
import { defaultSimConfig, type RequestKind, type VllmSimConfig } from "./config";
import { deliver, takeFault, type Reply } from "./delivery";
import { routeRequest, type SimState } from "./routes";

/** A running simulator. */
export interface VllmSim {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Resolves when the server listens (after the start-up delay). */
  readonly ready: Promise<void>;
  /** `performance.now()` when the server started listening; undefined before. */
  listeningAt(): number | undefined;
  /** The configuration in effect. */
  config(): VllmSimConfig;
  /** Changes the configuration of the running server (fault counters restart). */
  setConfig(changes: Partial<VllmSimConfig>): void;
  /** Stops listening and destroys every open connection (stalled responses included). */
  close(): Promise<void>;
}

/** Options of {@link startVllmSim} that are about the process, not the simulated server. */
export interface StartOptions {
  /** @default "127.0.0.1" */
  readonly host?: string;
  /** 0 picks a free port. @default 0 */
  readonly port?: number;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function requestKindOf(path: string, body: unknown): RequestKind | undefined {
  if (!path.startsWith("/v1/") || body === null || typeof body !== "object") return undefined;
  const b = body as { stream?: unknown; tools?: unknown };
  if (b.stream === true) return "stream";
  return Array.isArray(b.tools) && b.tools.length > 0 ? "tools" : "plain";
}

async function handle(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "http://sim").pathname;
  const raw = await readBody(req);
  let body: unknown = undefined;
  let invalidJson = false;
  if (raw !== "") {
    try {
      body = JSON.parse(raw);
    } catch {
      invalidJson = true;
    }
  }
  const fault = takeFault(
    state.config.faults,
    state.faultUses,
    path,
    requestKindOf(path, body),
    raw,
  );
  const reply: Reply = routeRequest(
    state,
    req.method ?? "GET",
    path,
    req.headers["authorization"],
    body,
    invalidJson,
  );
  await deliver(req, res, reply, fault);
}

/**
 * Starts a simulator on 127.0.0.1 (a free port unless given). With a start-up delay the port is
 * reserved first and the server listens only when the delay has passed; `ready` says when.
 */
export async function startVllmSim(
  config: Partial<VllmSimConfig> = {},
  options: StartOptions = {},
): Promise<VllmSim> {
  const host = options.host ?? "127.0.0.1";
  const state: SimState = {
    config: defaultSimConfig(config),
    faultUses: [],
    metrics: { promptTokens: 0, generationTokens: 0, requests: 0 },
  };
  const server: Server = createServer((req, res) => {
    handle(state, req, res).catch(() => res.destroy());
  });
  const port =
    options.port !== undefined && options.port !== 0 ? options.port : await freePort(host);
  let listeningAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const ready = new Promise<void>((resolve, reject) => {
    const listen = () => {
      if (closed) return resolve();
      server.once("error", reject);
      server.listen(port, host, () => {
        listeningAt = performance.now();
        resolve();
      });
    };
    if (state.config.startupDelayMs > 0) timer = setTimeout(listen, state.config.startupDelayMs);
    else listen();
  });
  if (state.config.startupDelayMs === 0) await ready;
  return {
    url: `http://${host}:${port}`,
    port,
    ready,
    listeningAt: () => listeningAt,
    config: () => state.config,
    setConfig(changes) {
      state.config = { ...state.config, ...changes };
      state.faultUses = [];
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
