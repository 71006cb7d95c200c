/** `vllm-endpoint-public-without-auth` (stack policy): A server reachable from outside the cluster must require an API key. Compliant stack first, then one changed field. */
import assert from "node:assert/strict";
import { runStackPolicy } from "./support/policy-harness";
import { DEPLOYMENT_TYPE, validDeploymentProps } from "./support/factories";
import { DEP_URN, policy, service, stack } from "./support/stack-case";

describe("vllm-endpoint-public-without-auth", () => {
  it("passes a server behind a ClusterIP Service", async () => {
    assert.deepStrictEqual(
      await runStackPolicy(policy("vllm-endpoint-public-without-auth"), stack()),
      { violations: [] },
    );
  });

  it("reports a server exposed by a LoadBalancer without an API key", async () => {
    const resources = [
      { type: DEPLOYMENT_TYPE, name: "llama", props: validDeploymentProps() },
      service("LoadBalancer"),
    ];
    assert.deepStrictEqual(
      await runStackPolicy(policy("vllm-endpoint-public-without-auth"), resources),
      {
        violations: [
          {
            urn: DEP_URN,
            message:
              'vLLM container "server" in Deployment "llama" must require an API key when it is reachable from outside the cluster; it is exposed by Service "llama" of type LoadBalancer and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.',
          },
        ],
      },
    );
  });
});
