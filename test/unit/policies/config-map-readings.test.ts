/**
 * The pack reads ConfigMaps as lint does: env values a server takes from one in the same stack,
 * and a Ray Serve config held in one, so pack and lint never disagree.
 */
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../policies/all";
import { runResourcePolicy, runStackPolicy } from "./support/policy-harness";
import { DEPLOYMENT_TYPE, validDeploymentProps } from "./support/factories";
import { DEP_URN, policy, service } from "./support/stack-case";

const CONFIG_MAP_TYPE = "kubernetes:core/v1:ConfigMap";

/** The factory Deployment with VLLM_API_KEY taken from ConfigMap "keys". */
function keyFromConfigMap(): Record<string, unknown> {
  const props = validDeploymentProps();
  const template = (props["spec"] as { template: { spec: { containers: object[] } } }).template;
  const [server] = template.spec.containers;
  template.spec.containers = [
    {
      ...server,
      env: [
        {
          name: "VLLM_API_KEY",
          valueFrom: { configMapKeyRef: { name: "keys", key: "api-key" } },
        },
      ],
    },
  ];
  return props;
}

describe("policies: ConfigMaps", () => {
  it("reads an empty VLLM_API_KEY from a ConfigMap of the stack, as lint does", async () => {
    const resources = [
      { type: DEPLOYMENT_TYPE, name: "llama", props: keyFromConfigMap() },
      service("LoadBalancer"),
      {
        type: CONFIG_MAP_TYPE,
        name: "keys",
        props: { metadata: { name: "keys", namespace: "models" }, data: { "api-key": "" } },
      },
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

  it("judges the Ray Serve LLM config a ConfigMap holds", async () => {
    const serveConfig = `applications:
  - name: llm
    import_path: ray.serve.llm:build_openai_app
    args:
      llm_configs:
        - model_loading_config: { model_id: Qwen/Qwen2.5-7B-Instruct }
          engine_kwargs: { enable_auto_tool_choice: true }
`;
    const rule = allPolicies.find(
      (p) => p.name === "vllm-auto-tool-choice-without-parser",
    ) as ResourceValidationPolicy;
    assert.deepStrictEqual(
      await runResourcePolicy(rule, {
        type: CONFIG_MAP_TYPE,
        name: "serve",
        props: { metadata: { name: "serve" }, data: { "serve.yaml": serveConfig } },
      }),
      {
        violations: [
          {
            message:
              'vLLM container "Qwen/Qwen2.5-7B-Instruct" in ConfigMap "serve" key "serve.yaml" (model "Qwen/Qwen2.5-7B-Instruct") must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser hermes.',
          },
        ],
      },
    );
  });
});
