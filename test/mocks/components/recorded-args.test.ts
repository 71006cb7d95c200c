/** recordedArgs: the copy of a component's arguments that goes to state keeps credentials secret. */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { recordedArgs } from "../../../components/shared/recorded-args";
import { unwrap } from "../../support/outputs";

/** Whether a recorded value is a secret Output (plain values never are). */
async function isSecret(value: unknown): Promise<boolean> {
  return pulumi.Output.isInstance(value) ? pulumi.isSecret(value as pulumi.Output<unknown>) : false;
}

describe("recordedArgs", () => {
  it("records a plain admin key nested in the Kindo connection as a secret with its value", async () => {
    const r = recordedArgs({
      kindo: { api: { url: "https://kindo.example", adminKey: "kindo-admin-plain" } },
    }) as { kindo: { api: { url: unknown; adminKey: pulumi.Output<string> } } };
    assert.deepStrictEqual(
      [
        await isSecret(r.kindo.api.adminKey),
        await unwrap(r.kindo.api.adminKey),
        await isSecret(r.kindo.api.url),
      ],
      [true, "kindo-admin-plain", false],
    );
  });

  it("records LiteLLM's api_key and AWS credentials as secrets", async () => {
    const r = recordedArgs({
      litellmParams: { model: "openai/x", api_key: "sk-plain" },
      bedrock: { awsCredentials: { accessKeyId: "AKIA", secretAccessKey: "s" } },
    }) as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(
      [
        await isSecret(r.litellmParams!.api_key),
        await isSecret(r.litellmParams!.model),
        await isSecret(r.bedrock!.awsCredentials),
      ],
      [true, false, true],
    );
  });

  it("copies other arguments so later changes by the caller do not reach the record", () => {
    const features = ["TOOL_CALLING_MODELS"];
    const r = recordedArgs({ features, maxModelLen: 8192 }) as {
      features: string[];
      maxModelLen: number;
    };
    features.push("MULTIMODAL_MODELS");
    assert.deepStrictEqual(r, { features: ["TOOL_CALLING_MODELS"], maxModelLen: 8192 });
  });
});
