import assert from "node:assert/strict";
import { type CloudFake, startCloudFake } from "../../../../sim/cloud/fake-server";

describe("startCloudFake", () => {
  let fake: CloudFake;
  before(async () => (fake = await startCloudFake({ models: ["m.x"] })));
  after(() => fake.close());

  it("refuses an unsigned Bedrock request the way AWS does", async () => {
    const res = await fetch(`${fake.url}/model/m.x/converse`, { method: "POST", body: "{}" });
    assert.deepStrictEqual(
      [res.status, res.headers.get("x-amzn-errortype"), await res.json()],
      [
        403,
        "UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        { message: "The security token included in the request is invalid." },
      ],
    );
  });

  it("answers Anthropic without an anthropic-version header with authentication_error", async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k" },
      body: "{}",
    });
    assert.deepStrictEqual(
      [res.status, await res.json()],
      [
        401,
        { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } },
      ],
    );
  });
});
