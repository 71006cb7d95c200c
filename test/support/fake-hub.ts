/**
 * A fake Hugging Face Hub on 127.0.0.1, speaking the wire format @huggingface/hub uses:
 * GET /api/models/<org>/<name>[/revision/<rev>] (model info: sha, gated, siblings);
 * GET and HEAD /<org>/<name>/{resolve,raw}/<rev>/<path> with Range support (206 and
 * Content-Range), ETag and X-Repo-Commit; 404 with X-Error-Code RepoNotFound / EntryNotFound;
 * 401 (no token) and 403 (a token without access) for gated repos. Large files (*.safetensors)
 * can be served the way the Hub serves LFS files: a 302 to a second "CDN" origin with a signed
 * URL, which records whether a credential reached it. Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRepo {
  /** File path → content. */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Files need a token that may read this repo. */
  readonly gated?: boolean;
  /** The commit "main" resolves to. @default 40 hex digits derived from the repo id */
  readonly sha?: string;
  /** Answer every file request with this status and an error body echoing the credential sent. */
  readonly failWith?: number;
}

export interface FakeHubRequest {
  readonly server: "hub" | "cdn";
  readonly method: string;
  readonly path: string;
  readonly range?: string;
  /** The authorization header as received (tests assert it is absent where it must be). */
  readonly authorization?: string;
}

export interface FakeHubOptions {
  readonly repos: Readonly<Record<string, FakeRepo>>;
  /** The token that may read gated repos (must start with "hf_"). */
  readonly token?: string;
  /** Serve *.safetensors through a redirect to a second origin, like the Hub's LFS CDN. */
  readonly cdn?: boolean;
  /** Answer /api/models with 404 (mirrors that serve files only). */
  readonly noApi?: boolean;
  /**
   * Serve files like a plain static server: no Range support, no ETag, no X-Error-Code (the
   * simplest stand-in for the Hub a test harness can run).
   */
  readonly staticFiles?: boolean;
}

export interface FakeHub {
  readonly url: string;
  readonly cdnUrl?: string;
  readonly requests: FakeHubRequest[];
  close(): Promise<void>;
}

function shaOf(repo: string, r: FakeRepo): string {
  if (r.sha) return r.sha;
  let h = 0;
  for (const c of repo) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(5);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Sends `data` honouring a Range header (bytes=a-b, a-, -n), as a file server does. */
function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  data: Uint8Array,
  headers: Record<string, string>,
): void {
  const total = data.length;
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
  const base = { "accept-ranges": "bytes", "content-type": "application/octet-stream", ...headers };
  if (!m) {
    res.writeHead(200, { ...base, "content-length": String(total) });
    res.end(req.method === "HEAD" ? undefined : Buffer.from(data));
    return;
  }
  let start = m[1] === "" ? total - Number(m[2]) : Number(m[1]);
  let end = m[1] === "" || m[2] === "" ? total - 1 : Number(m[2]);
  start = Math.max(0, start);
  end = Math.min(total - 1, end);
  if (start > end || start >= total) {
    res.writeHead(416, { ...base, "content-range": `bytes */${total}` });
    res.end();
    return;
  }
  const part = data.subarray(start, end + 1);
  res.writeHead(206, {
    ...base,
    "content-range": `bytes ${start}-${end}/${total}`,
    "content-length": String(part.length),
  });
  res.end(req.method === "HEAD" ? undefined : Buffer.from(part));
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? Buffer.from(content, "utf8") : content;
}

/** Starts the fake Hub (and its CDN when asked); close() stops both. */
export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const requests: FakeHubRequest[] = [];
  const record = (server: "hub" | "cdn", req: IncomingMessage) =>
    requests.push({
      server,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
  const find = (path: string) => {
    const repo = Object.keys(options.repos).find((r) => path === r || path.startsWith(`${r}/`));
    return repo === undefined ? undefined : { repo, r: options.repos[repo] as FakeRepo };
  };
  const access = (req: IncomingMessage, r: FakeRepo): 200 | 401 | 403 => {
    if (!r.gated) return 200;
    const auth = req.headers.authorization;
    if (auth === undefined) return 401;
    return auth === `Bearer ${options.token}` ? 200 : 403;
  };
  let cdnUrl: string | undefined;
  const cdn = options.cdn
    ? createServer((req, res) => {
        record("cdn", req);
        const u = new URL(req.url ?? "/", "http://cdn");
        const [repo, file] = [u.searchParams.get("repo") ?? "", u.searchParams.get("file") ?? ""];
        const content = options.repos[repo]?.files[file];
        if (content === undefined || u.searchParams.get("sig") !== "signed")
          return sendJson(res, 403, { error: "bad signature" });
        sendFile(req, res, bytesOf(content), { etag: `"cdn-${file}"` });
      })
    : undefined;
  if (cdn) cdnUrl = await listen(cdn);

  const hub = createServer((req, res) => {
    record("hub", req);
    const url = new URL(req.url ?? "/", "http://hub");
    const path = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    if (path.startsWith("api/models/")) {
      if (options.noApi) return sendJson(res, 404, { error: "Not found" });
      const rest = path.slice("api/models/".length).replace(/\/revision\/[^/]+$/, "");
      const found = find(rest);
      if (!found || found.repo !== rest)
        return sendJson(
          res,
          404,
          { error: "Repository not found" },
          { "x-error-code": "RepoNotFound" },
        );
      const sha = shaOf(found.repo, found.r);
      return sendJson(res, 200, {
        _id: `id-${found.repo}`,
        id: found.repo,
        modelId: found.repo,
        sha,
        gated: found.r.gated ? "manual" : false,
        private: false,
        downloads: 0,
        likes: 0,
        lastModified: "2026-01-01T00:00:00.000Z",
        siblings: Object.keys(found.r.files).map((rfilename) => ({ rfilename })),
      });
    }
    const m = /^(.+?)\/(resolve|raw)\/([^/]+)\/(.+)$/.exec(path);
    const found = m ? find(m[1] as string) : undefined;
    if (!m || !found || found.repo !== m[1])
      return sendJson(
        res,
        404,
        { error: "Repository not found" },
        { "x-error-code": "RepoNotFound" },
      );
    const sha = shaOf(found.repo, found.r);
    if (m[3] !== "main" && m[3] !== sha)
      return sendJson(
        res,
        404,
        { error: "Invalid rev id" },
        { "x-error-code": "RevisionNotFound" },
      );
    if (found.r.failWith !== undefined)
      return sendJson(res, found.r.failWith, {
        error: `Internal error while serving ${found.repo} for ${req.headers.authorization ?? "anonymous"}`,
      });
    const allowed = access(req, found.r);
    if (allowed !== 200)
      return sendJson(
        res,
        allowed,
        {
          error: `Access to model ${found.repo} is restricted. You must have access to it and be authenticated to access it. Please log in.`,
        },
        { "x-error-code": "GatedRepo" },
      );
    const file = m[4] as string;
    const content = found.r.files[file];
    if (content === undefined)
      return sendJson(
        res,
        404,
        { error: "Entry not found" },
        options.staticFiles ? {} : { "x-error-code": "EntryNotFound" },
      );
    const data = bytesOf(content);
    if (options.staticFiles) {
      res.writeHead(200, {
        "content-type": "application/octet-stream",
        "content-length": String(data.length),
      });
      return res.end(req.method === "HEAD" ? undefined : Buffer.from(data));
    }
    const headers = { etag: `"${file}-${data.length}"`, "x-repo-commit": sha };
    if (cdnUrl && file.endsWith(".safetensors") && m[2] === "resolve") {
      const target = `${cdnUrl}/blob?repo=${encodeURIComponent(found.repo)}&file=${encodeURIComponent(file)}&sig=signed`;
      res.writeHead(302, {
        location: target,
        "x-linked-size": String(data.length),
        "x-linked-etag": headers.etag,
        ...headers,
      });
      return res.end();
    }
    sendFile(req, res, data, headers);
  });
  const url = await listen(hub);
  const closeOne = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));
  return {
    url,
    ...(cdnUrl ? { cdnUrl } : {}),
    requests,
    close: async () => {
      hub.closeAllConnections();
      cdn?.closeAllConnections();
      await Promise.all([closeOne(hub), ...(cdn ? [closeOne(cdn)] : [])]);
    },
  };
}
