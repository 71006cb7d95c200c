import assert from "node:assert/strict";
import { createGuardedFetch } from "../../../../verification/transport";

interface Sent {
  readonly url: string;
  readonly authorization: string | null;
  readonly redirect: string | undefined;
}

/** A fetch that answers from a table by URL and records what it was sent. */
function fakeFetch(answers: Record<string, () => Response>): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    sent.push({
      url,
      authorization: new Headers(init?.headers).get("authorization"),
      redirect: init?.redirect,
    });
    const answer = answers[url];
    if (!answer) throw new Error(`unexpected ${url}`);
    return answer();
  };
  return { fetch: f as typeof fetch, sent };
}

const redirect = (location: string) => () =>
  new Response(null, { status: 302, headers: { location } });
const ok =
  (body = "ok") =>
  () =>
    new Response(body, { status: 200 });

describe("createGuardedFetch", () => {
  const options = {
    credentialOrigin: "https://hub.example",
    authorization: "Bearer hf_secret0123456789",
  };

  it("sends the credential to its own origin and follows no redirect on its own", async () => {
    const f = fakeFetch({ "https://hub.example/a": ok() });
    await createGuardedFetch({ ...options, fetch: f.fetch })("https://hub.example/a");
    assert.deepEqual(f.sent, [
      {
        url: "https://hub.example/a",
        authorization: "Bearer hf_secret0123456789",
        redirect: "manual",
      },
    ]);
  });

  it("drops the credential when a redirect leaves the origin", async () => {
    const f = fakeFetch({
      "https://hub.example/a": redirect("https://cdn.example/blob?sig=1"),
      "https://cdn.example/blob?sig=1": ok(),
    });
    await createGuardedFetch({ ...options, fetch: f.fetch })("https://hub.example/a");
    assert.deepEqual(
      f.sent.map((s) => [s.url, s.authorization]),
      [
        ["https://hub.example/a", "Bearer hf_secret0123456789"],
        ["https://cdn.example/blob?sig=1", null],
      ],
    );
  });

  it("keeps the credential on a relative redirect within the origin (a renamed repo)", async () => {
    const f = fakeFetch({
      "https://hub.example/old": redirect("/new"),
      "https://hub.example/new": ok(),
    });
    await createGuardedFetch({ ...options, fetch: f.fetch })("https://hub.example/old");
    assert.deepEqual(
      f.sent.map((s) => s.authorization),
      ["Bearer hf_secret0123456789", "Bearer hf_secret0123456789"],
    );
  });

  it("strips an Authorization header a caller set for another origin", async () => {
    const f = fakeFetch({ "https://elsewhere.example/x": ok() });
    await createGuardedFetch({ ...options, fetch: f.fetch })("https://elsewhere.example/x", {
      headers: { Authorization: "Bearer hf_secret0123456789" },
    });
    assert.equal(f.sent[0]?.authorization, null);
  });

  it("stops after the redirect limit", async () => {
    const f = fakeFetch({ "https://hub.example/loop": redirect("/loop") });
    await assert.rejects(
      createGuardedFetch({ ...options, fetch: f.fetch, maxRedirects: 2 })(
        "https://hub.example/loop",
      ),
      {
        message: "https://hub.example/loop redirected more than 2 times.",
      },
    );
  });

  it("fails a body larger than the cap while it is read", async () => {
    const f = fakeFetch({ "https://hub.example/big": ok("x".repeat(100)) });
    const res = await createGuardedFetch({ ...options, fetch: f.fetch, maxBodyBytes: 10 })(
      "https://hub.example/big",
    );
    await assert.rejects(res.text(), {
      message:
        "https://hub.example/big sent more than 10 bytes; nothing this library reads is that large.",
    });
  });
});
