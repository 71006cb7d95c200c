/** The one redaction: every form of a secret a server can echo, removed before any cut. */
import assert from "node:assert/strict";
import {
  excerptRedacted,
  hasUrlCredentials,
  redactSecrets,
  stripUrlCredentials,
} from "../../../../verification/transport";

const KEY = 'sk-live/"abc"+123=';

describe("redactSecrets", () => {
  // One row per form a server can echo the key in.
  const forms: [string, string][] = [
    ["raw", KEY],
    ["JSON-escaped", JSON.stringify(KEY).slice(1, -1)],
    ["URL-encoded", encodeURIComponent(KEY)],
    ["base64", Buffer.from(KEY).toString("base64").replace(/=+$/, "")],
    ["JSON-escaped twice", JSON.stringify(JSON.stringify(KEY).slice(1, -1)).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    it(`removes the ${name} form`, () => {
      assert.equal(redactSecrets(`echo: ${form}.`, [KEY]), "echo: [secret].");
    });
  }

  it("leaves text alone when there is no secret, and ignores values too short to be secrets", () => {
    assert.equal(redactSecrets("a key", [undefined, "key"]), "a key");
  });
});

describe("excerptRedacted", () => {
  it("redacts before it cuts, so a key across the cut leaves no prefix", () => {
    const text = `${"x".repeat(195)}${KEY} and more`;
    assert.equal(excerptRedacted(text, [KEY], 200), `${"x".repeat(195)}[secr…`);
  });
});

describe("URL credentials", () => {
  it("finds and strips user:password@", () => {
    assert.deepEqual(
      [
        hasUrlCredentials("http://u:k3y@host:8000/v1"),
        stripUrlCredentials("http://u:k3y@host:8000/v1"),
      ],
      [true, "http://host:8000/v1"],
    );
  });

  it("finds none in a plain URL", () => {
    assert.equal(hasUrlCredentials("http://host:8000"), false);
  });
});
