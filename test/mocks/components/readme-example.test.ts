/**
 * The README's "Components" example, verbatim between the markers, run under Pulumi mocks so the
 * documented program is known to work.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, resetRegistrations } from "../../support/mocks";
import { settle, unwrap } from "../../support/outputs";
import { EksGpuNodePool, VllmDeployment } from "../../../components";

describe("the README components example", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  it("builds a GPU pool and a vLLM server whose endpoint Kindo can call", async () => {
    // --- README example start
    const pool = new EksGpuNodePool("h100", {
      clusterName: "kindo",
      nodeRoleArn: "arn:aws:iam::123456789012:role/gpu-nodes",
      subnetIds: ["subnet-a", "subnet-b"],
      instanceType: "p5.48xlarge",
      maxNodes: 2,
    });
    const llama = new VllmDeployment("llama-70b", {
      model: "llama-3.3-70b-instruct",
      pool: pool.contract,
      namespace: "models",
      apiKey: pulumi.secret("change-me"),
    });
    // --- README example end
    await settle(pool, llama);
    const plan = await unwrap(llama.servingPlan);
    assert.deepStrictEqual(
      [
        await unwrap(llama.endpointUrl),
        await unwrap(llama.servedModelName),
        await unwrap(llama.toolCallParser),
        plan.tensorParallelSize,
        await unwrap(llama.maxModelLen),
      ],
      [
        "http://llama-70b.models.svc.cluster.local:8000",
        "llama-3.3-70b-instruct",
        "llama3_json",
        8,
        131072,
      ],
    );
  });
});
