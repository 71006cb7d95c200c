/**
 * `vllm-endpoint-public-without-auth`: the ways around it found in issue 19 (item 11), each one
 * change to the compliant stack of a Deployment "llama" behind a public LoadBalancer, judged by
 * the pack's stack policy; and its one false positive, a key from `envFrom: secretRef`.
 */
import assert from "node:assert/strict";
import { runStackPolicy } from "./support/policy-harness";
import { baseArgs, DEPLOYMENT_TYPE, validDeploymentProps } from "./support/factories";
import { DEP_URN, policy, service, SERVICE_TYPE } from "./support/stack-case";

type Props = Record<string, unknown>;

const RULE = "vllm-endpoint-public-without-auth";

/** The rule's message for `container` in `resource`, exposed by `exposure`. */
function message(resource: string, exposure: string, container = "server"): string {
  return `vLLM container "${container}" in ${resource} must require an API key when it is reachable from outside the cluster; it is exposed by ${exposure} and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.`;
}

/** The factory Deployment's first container, changed by `edit`. */
function withContainer(edit: (c: Props) => Props, props = validDeploymentProps()): Props {
  const template = (props["spec"] as Props)["template"] as Props;
  const spec = template["spec"] as Props;
  const [first] = spec["containers"] as Props[];
  return {
    ...props,
    spec: {
      ...(props["spec"] as Props),
      template: { ...template, spec: { ...spec, containers: [edit(first as Props)] } },
    },
  };
}

function deployment(props: Props) {
  return { type: DEPLOYMENT_TYPE, name: "llama", props };
}

const LB = 'Service "llama" of type LoadBalancer';

describe("vllm-endpoint-public-without-auth: bypasses", () => {
  it("reports --api-key= with an empty value, which vLLM ignores", async () => {
    const props = validDeploymentProps({ args: [...baseArgs(), "--api-key="] });
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(props), service("LoadBalancer")]),
      { violations: [{ urn: DEP_URN, message: message('Deployment "llama"', LB) }] },
    );
  });

  it("reports a Gateway API HTTPRoute to a ClusterIP Service", async () => {
    const route = {
      type: "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
      name: "llama",
      props: {
        metadata: { name: "llama", namespace: "models" },
        spec: {
          parentRefs: [{ name: "public", namespace: "gateways" }],
          rules: [{ backendRefs: [{ name: "llama", port: 8000 }] }],
        },
      },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [
        deployment(validDeploymentProps()),
        service("ClusterIP"),
        route,
      ]),
      {
        violations: [{ urn: DEP_URN, message: message('Deployment "llama"', 'HTTPRoute "llama"') }],
      },
    );
  });

  it("reports an OpenShift Route to a ClusterIP Service", async () => {
    const route = {
      type: "kubernetes:route.openshift.io/v1:Route",
      name: "llama",
      props: {
        metadata: { name: "llama", namespace: "models" },
        spec: { to: { kind: "Service", name: "llama" }, tls: { termination: "edge" } },
      },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [
        deployment(validDeploymentProps()),
        service("ClusterIP"),
        route,
      ]),
      {
        violations: [
          { urn: DEP_URN, message: message('Deployment "llama"', 'OpenShift Route "llama"') },
        ],
      },
    );
  });

  it("reports a Traefik IngressRoute to a ClusterIP Service", async () => {
    const ingressRoute = {
      type: "kubernetes:traefik.io/v1alpha1:IngressRoute",
      name: "llama",
      props: {
        metadata: { name: "llama", namespace: "models" },
        spec: {
          entryPoints: ["websecure"],
          routes: [
            {
              match: "Host(`llama.example.com`)",
              kind: "Rule",
              services: [{ name: "llama", port: 8000 }],
            },
          ],
        },
      },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [
        deployment(validDeploymentProps()),
        service("ClusterIP"),
        ingressRoute,
      ]),
      {
        violations: [
          {
            urn: DEP_URN,
            message: message('Deployment "llama"', 'Traefik IngressRoute "llama"'),
          },
        ],
      },
    );
  });

  it("reports a pod on the host network without any Service", async () => {
    const props = validDeploymentProps();
    const template = (props["spec"] as Props)["template"] as Props;
    const onHost = {
      ...props,
      spec: {
        ...(props["spec"] as Props),
        template: { ...template, spec: { ...(template["spec"] as Props), hostNetwork: true } },
      },
    };
    assert.deepStrictEqual(await runStackPolicy(policy(RULE), [deployment(onHost)]), {
      violations: [
        {
          urn: DEP_URN,
          message: message(
            'Deployment "llama"',
            "the pod's host network (port 8000 on the node's addresses)",
          ),
        },
      ],
    });
  });

  it("passes a pod on the host network whose server listens on 127.0.0.1 only", async () => {
    const props = validDeploymentProps({ args: [...baseArgs(), "--host", "127.0.0.1"] });
    const template = (props["spec"] as Props)["template"] as Props;
    const onHost = {
      ...props,
      spec: {
        ...(props["spec"] as Props),
        template: { ...template, spec: { ...(template["spec"] as Props), hostNetwork: true } },
      },
    };
    assert.deepStrictEqual(await runStackPolicy(policy(RULE), [deployment(onHost)]), {
      violations: [],
    });
  });

  it("reports a LoadBalancer in a namespace when the workload omits its namespace", async () => {
    const props = validDeploymentProps();
    const meta = props["metadata"] as Props;
    const bare = { ...props, metadata: { name: meta["name"] } };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(bare), service("LoadBalancer")]),
      { violations: [{ urn: DEP_URN, message: message('Deployment "llama"', LB) }] },
    );
  });

  it("reports a LoadBalancer that omits its namespace in front of a workload in one", async () => {
    const lb = service("LoadBalancer");
    const bare = {
      ...lb,
      props: { ...lb.props, metadata: { name: "llama" } },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(validDeploymentProps()), bare]),
      { violations: [{ urn: DEP_URN, message: message('Deployment "llama"', LB) }] },
    );
  });

  it("reports a ClusterIP Service with externalIPs", async () => {
    const external = {
      type: SERVICE_TYPE,
      name: "llama",
      props: {
        metadata: { name: "llama", namespace: "models" },
        spec: { type: "ClusterIP", selector: { app: "llama" }, externalIPs: ["203.0.113.7"] },
      },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(validDeploymentProps()), external]),
      {
        violations: [
          {
            urn: DEP_URN,
            message: message('Deployment "llama"', 'Service "llama" with externalIPs 203.0.113.7'),
          },
        ],
      },
    );
  });

  it("reports a LoadBalancer in front of a DaemonSet", async () => {
    const type = "kubernetes:apps/v1:DaemonSet";
    const props = { ...validDeploymentProps(), kind: "DaemonSet" };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [{ type, name: "llama", props }, service("LoadBalancer")]),
      {
        violations: [
          {
            urn: `urn:pulumi:test::test::${type}::llama`,
            message: message('DaemonSet "llama"', LB),
          },
        ],
      },
    );
  });

  it("reports vLLM run as a native sidecar (an init container that restarts always)", async () => {
    const props = withContainer((c) => c);
    const spec = ((props["spec"] as Props)["template"] as Props)["spec"] as Props;
    const [server] = spec["containers"] as Props[];
    const sidecar = {
      ...props,
      spec: {
        ...(props["spec"] as Props),
        template: {
          ...((props["spec"] as Props)["template"] as Props),
          spec: {
            ...spec,
            initContainers: [{ ...server, restartPolicy: "Always" }],
            containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "inf"] }],
          },
        },
      },
    };
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(sidecar), service("LoadBalancer")]),
      { violations: [{ urn: DEP_URN, message: message('Deployment "llama"', LB) }] },
    );
  });

  it("reports vLLM started as python3 -m vllm.entrypoints.cli.main serve", async () => {
    const props = withContainer((c) => ({
      ...c,
      command: ["python3", "-m", "vllm.entrypoints.cli.main", "serve"],
    }));
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(props), service("LoadBalancer")]),
      { violations: [{ urn: DEP_URN, message: message('Deployment "llama"', LB) }] },
    );
  });

  it("passes a server whose VLLM_API_KEY comes from envFrom: secretRef", async () => {
    const props = withContainer((c) => ({ ...c, envFrom: [{ secretRef: { name: "vllm-key" } }] }));
    assert.deepStrictEqual(
      await runStackPolicy(policy(RULE), [deployment(props), service("LoadBalancer")]),
      { violations: [] },
    );
  });
});
