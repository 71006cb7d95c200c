/** The JSON client of Kindo, Unleash and the cloud APIs, on an injected fetch (no network). */
import assert from "node:assert/strict";
import {
  HttpError,
  requestJson,
  type HttpRequest,
  type Remote,
} from "../../../../verification/transport";

const KEY = "kindo-admin-0123456789";

function remote(res: () => Response | Promise<Response>, calls: RequestInit[] = []): Remote {
  return {
    fetch: (async (_url: string, init: RequestInit) => (
      calls.push(init),
      res()
    )) as unknown as typeof fetch,
    maxBodyBytes: 1024,
  };
}

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: "POST",
    url: "http://kindo.test/v1/admin/models",
    headers: { authorization: `Bearer ${KEY}` },
    body: { api_key: KEY },
    secrets: [KEY],
    what: "create the Kindo model",
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<{ message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof HttpError, String(e));
    return { message: e.message, ...(e.status === undefined ? {} : { status: e.status }) };
  }
  throw new Error("expected a rejection");
}

describe("requestJson", () => {
  it("returns an expected status with its parsed body, and never follows redirects", async () => {
    const calls: RequestInit[] = [];
    const r = await requestJson(
      remote(() => Response.json({ id: "m1" }, { status: 201 }), calls),
      request(),
      [201],
    );
    assert.deepEqual([r.status, r.body, calls[0]?.redirect], [201, { id: "m1" }, "manual"]);
  });

  it("refuses a redirect and names its Location", async () => {
    const res = () =>
      new Response("moved", {
        status: 307,
        headers: { location: "http://elsewhere.test/collect" },
      });
    assert.deepEqual(await rejection(requestJson(remote(res), request(), [201])), {
      message:
        "Could not create the Kindo model: POST http://kindo.test/v1/admin/models answered 307, a redirect to http://elsewhere.test/collect. Redirects are never followed with credentials: use the final URL.",
      status: 307,
    });
  });

  it("quotes an error body's message with the key redacted", async () => {
    const res = () =>
      Response.json({ error: { message: `bad header Bearer ${KEY}` } }, { status: 500 });
    assert.deepEqual(await rejection(requestJson(remote(res), request(), [201])), {
      message:
        "Could not create the Kindo model: POST http://kindo.test/v1/admin/models answered 500: bad header Bearer [secret]",
      status: 500,
    });
  });

  it("refuses a body over the cap instead of reading it", async () => {
    const res = () => new Response("x".repeat(5000), { status: 200 });
    assert.deepEqual(await rejection(requestJson(remote(res), request(), [200])), {
      message:
        "Could not create the Kindo model: POST http://kindo.test/v1/admin/models answered 200 with a body over 1024 bytes; nothing this library asks for is that large.",
      status: 200,
    });
  });

  it("says a 200 is not JSON without echoing the key", async () => {
    const res = () => new Response(`Bearer ${KEY}`, { status: 200 });
    assert.deepEqual(await rejection(requestJson(remote(res), request(), [200])), {
      message:
        'Could not create the Kindo model: POST http://kindo.test/v1/admin/models answered 200 with a body that is not JSON ("Bearer [secret]").',
      status: 200,
    });
  });

  it("names the URL without its credentials when the connection fails", async () => {
    const res = () =>
      Promise.reject(
        Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
      );
    assert.deepEqual(
      await rejection(
        requestJson(remote(res), request({ url: "http://admin:hunter22@kindo.test/v1" }), [200]),
      ),
      {
        message:
          "Could not create the Kindo model: POST http://kindo.test/v1 failed (ECONNREFUSED).",
      },
    );
  });
});
