/**
 * The stack policies: public endpoints without auth, Kindo registrations against their server,
 * and Bedrock Marketplace permissions. Compliant stack first, then one changed field each.
 */
import assert from "node:assert/strict";
import type { StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policies/all";
import { KINDO_MODEL_TYPE } from "../../components/dynamic/kindo-model/resource";
import { runStackPolicy, UNKNOWN } from "./support/policy-harness";
import { DEPLOYMENT_TYPE, validDeploymentProps } from "./support/factories";

const SERVICE_TYPE = "kubernetes:core/v1:Service";
const DEP_URN = `urn:pulumi:test::test::${DEPLOYMENT_TYPE}::llama`;

function policy(name: string): StackValidationPolicy {
  return allPolicies.find((p) => p.name === name) as StackValidationPolicy;
}

function service(type = "ClusterIP") {
  return { type: SERVICE_TYPE, name: "llama", props: { metadata: { name: "llama", namespace: "models" }, spec: { type, selector: { app: "llama" } } } };
}

function kindoModel(overrides: Record<string, unknown> = {}) {
  return { type: KINDO_MODEL_TYPE, name: "llama-kindo", props: { litellmModelName: "llama-3-1-8b", contextWindow: 131072, litellmParams: { model: "openai/llama-3-1-8b", api_base: "http://llama.models.svc.cluster.local:8000/v1" }, ...overrides } };
}

function stack(...extra: { type: string; name: string; props: Record<string, unknown> }[]) {
  return [{ type: DEPLOYMENT_TYPE, name: "llama", props: validDeploymentProps() }, service(), ...extra];
}

describe("vllm-endpoint-public-without-auth", () => {
  it("passes a server behind a ClusterIP Service", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy("vllm-endpoint-public-without-auth"), stack()), { violations: [] });
  });

  it("reports a server exposed by a LoadBalancer without an API key", async () => {
    const resources = [{ type: DEPLOYMENT_TYPE, name: "llama", props: validDeploymentProps() }, service("LoadBalancer")];
    assert.deepStrictEqual(await runStackPolicy(policy("vllm-endpoint-public-without-auth"), resources), {
      violations: [{ urn: DEP_URN, message: 'vLLM container "server" in Deployment "llama" must require an API key when it is reachable from outside the cluster; it is exposed by Service "llama" of type LoadBalancer and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.' }],
    });
  });
});

describe("kindo-served-name-mismatch", () => {
  it("passes a registration that routes with the served name", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy("kindo-served-name-mismatch"), stack(kindoModel())), { violations: [] });
  });

  it("reports a serving name the server does not serve", async () => {
    const r = await runStackPolicy(policy("kindo-served-name-mismatch"), stack(kindoModel({ litellmParams: { model: "openai/llama-8b", api_base: "http://llama.models:8000/v1" } })));
    assert.deepStrictEqual(r, {
      violations: [{ urn: `urn:pulumi:test::test::${KINDO_MODEL_TYPE}::llama-kindo`, message: 'KindoModel "llama-kindo" must route with a name the server serves; it sends "llama-8b", but Deployment "llama" serves "llama-3-1-8b", so every request fails with HTTP 404. Set the Kindo serving name to "llama-3-1-8b" or add it to --served-model-name.' }],
    });
  });

  it("reports nothing while the registration's parameters are unknown", async () => {
    const r = await runStackPolicy(policy("kindo-served-name-mismatch"), stack(kindoModel({ litellmParams: UNKNOWN })));
    assert.deepStrictEqual(r, { violations: [] });
  });
});

describe("kindo-context-mismatch", () => {
  it("passes a contextWindow equal to the server's max-model-len", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy("kindo-context-mismatch"), stack(kindoModel())), { violations: [] });
  });

  it("reports a contextWindow larger than the server's max-model-len", async () => {
    const r = await runStackPolicy(policy("kindo-context-mismatch"), stack(kindoModel({ contextWindow: 200000 })));
    assert.deepStrictEqual(r, {
      violations: [{ urn: `urn:pulumi:test::test::${KINDO_MODEL_TYPE}::llama-kindo`, message: 'KindoModel "llama-kindo" must set contextWindow to the server\'s max-model-len; it sets 200,000 tokens, but Deployment "llama" runs with 131,072, so long conversations fail with HTTP 400 instead of being trimmed. Set contextWindow to 131072.' }],
    });
  });
});

describe("bedrock-marketplace-permissions-missing", () => {
  const invoke = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], Resource: ["arn:aws:bedrock:*::foundation-model/anthropic.*", "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.*"] }] };
  const marketplace = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["aws-marketplace:Subscribe", "aws-marketplace:Unsubscribe", "aws-marketplace:ViewSubscriptions"], Resource: "*" }] };
  const doc = (name: string, d: unknown) => ({ type: "aws:iam/rolePolicy:RolePolicy", name, props: { role: "kindo", policy: JSON.stringify(d) } });

  it("passes a stack that grants the Marketplace actions beside InvokeModel", async () => {
    assert.deepStrictEqual(await runStackPolicy(policy("bedrock-marketplace-permissions-missing"), [doc("invoke", invoke), doc("marketplace", marketplace)]), { violations: [] });
  });

  it("reports InvokeModel on third-party models without the Marketplace actions", async () => {
    const r = await runStackPolicy(policy("bedrock-marketplace-permissions-missing"), [doc("invoke", invoke)]);
    assert.deepStrictEqual(r, {
      violations: [{ urn: "urn:pulumi:test::test::aws:iam/rolePolicy:RolePolicy::invoke", message: 'IAM RolePolicy "invoke" must come with the AWS Marketplace actions Bedrock needs to subscribe on the first invoke of a third-party model; it grants bedrock:InvokeModel, but nothing in the stack grants aws-marketplace:Subscribe, aws-marketplace:Unsubscribe, aws-marketplace:ViewSubscriptions, so the subscription fails and calls return AccessDeniedException. Add aws-marketplace:Subscribe, aws-marketplace:Unsubscribe, aws-marketplace:ViewSubscriptions to the role, or attach AmazonBedrockMarketplaceAccess.' }],
    });
  });
});
