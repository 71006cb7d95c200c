/** VllmDeployment options and bad inputs under Pulumi mocks. */
import assert from "node:assert/strict";
import { VllmDeployment, VLLM_DEPLOYMENT_TYPE } from "../../../../components/vllm/vllm-deployment";
import type { VllmDeploymentArgs } from "../../../../components/vllm/args";
import {
  installMocks,
  recordedRegistrations,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle } from "../../../support/outputs";
import { validPoolContract, validVllmDeploymentArgs } from "../../../support/factories/components";
import { validateKubernetesObjects } from "../k8s-schema";

async function deploy(args: VllmDeploymentArgs): Promise<void> {
  await settle(new VllmDeployment("llama-8b", args));
  validateKubernetesObjects(recordedRegistrations());
}

function inputsOf(type: string): Record<string, any> {
  return registrationsOfType(type)[0]?.inputs as Record<string, any>;
}

async function childrenAfterFailure(
  args: VllmDeploymentArgs,
): Promise<{ message: string; children: string[] }> {
  let message = "";
  try {
    new VllmDeployment("llama-8b", args);
  } catch (e) {
    message = (e as Error).message;
  }
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return {
    message,
    children: recordedRegistrations()
      .filter((r) => r.type !== VLLM_DEPLOYMENT_TYPE)
      .map((r) => r.type),
  };
}

describe("VllmDeployment options", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  it("makes Pulumi wait for the server and its Service as long as the startup budget", async () => {
    // The factory's Llama 3.1 8B: 15 GiB of weights -> a 460 s probe budget + 900 s for the node and image -> 23 minutes.
    await deploy(validVllmDeploymentArgs());
    const waits = { create: "23m", update: "23m", delete: "" };
    const probe = inputsOf("kubernetes:apps/v1:Deployment").spec.template.spec.containers[0]
      .startupProbe;
    assert.deepStrictEqual(
      [
        registrationsOfType("kubernetes:apps/v1:Deployment")[0]?.customTimeouts,
        registrationsOfType("kubernetes:core/v1:Service")[0]?.customTimeouts,
        probe.failureThreshold * probe.periodSeconds,
      ],
      [waits, waits, 460],
    );
  });

  it("lengthens the startup probe and Pulumi's wait together for a slower weight load", async () => {
    await deploy(validVllmDeploymentArgs({ weightLoadMiBPerSecond: 25 }));
    const probe = inputsOf("kubernetes:apps/v1:Deployment").spec.template.spec.containers[0]
      .startupProbe;
    assert.deepStrictEqual(
      [
        registrationsOfType("kubernetes:apps/v1:Deployment")[0]?.customTimeouts?.create,
        probe.failureThreshold * probe.periodSeconds,
      ],
      ["31m", 920],
    );
  });

  it("leaves the fast-settling children on Pulumi's default timeouts", async () => {
    await deploy(validVllmDeploymentArgs());
    assert.deepStrictEqual(
      [
        "kubernetes:core/v1:Secret",
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "kubernetes:policy/v1:PodDisruptionBudget",
      ].map((t) => registrationsOfType(t)[0]?.customTimeouts),
      [undefined, undefined, undefined],
    );
  });

  it("sets the AWS Load Balancer Controller annotations for an internal load balancer", async () => {
    await deploy(
      validVllmDeploymentArgs({
        serviceExposure: "internal-load-balancer",
        allowIngressFrom: [{ cidr: "10.0.0.0/16" }],
      }),
    );
    const svc = inputsOf("kubernetes:core/v1:Service");
    assert.deepStrictEqual(
      [svc.spec.type, svc.metadata.annotations],
      [
        "LoadBalancer",
        {
          "service.beta.kubernetes.io/aws-load-balancer-type": "external",
          "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
          "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
        },
      ],
    );
  });

  it("sets GKE's internal load balancer annotation on a GCP pool", async () => {
    const pool = validPoolContract({ cloud: "gcp", instanceType: "a3-highgpu-8g" });
    await deploy(
      validVllmDeploymentArgs({
        pool,
        serviceExposure: "internal-load-balancer",
        allowIngressFrom: [{ cidr: "10.0.0.0/16" }],
      }),
    );
    assert.deepStrictEqual(inputsOf("kubernetes:core/v1:Service").metadata.annotations, {
      "networking.gke.io/load-balancer-type": "Internal",
    });
  });

  it("terminates TLS on port 443 of the NLB with the certificate", async () => {
    await deploy(
      validVllmDeploymentArgs({
        serviceExposure: "public-load-balancer",
        allowIngressFrom: [{ cidr: "0.0.0.0/0" }],
        tlsCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      }),
    );
    const svc = inputsOf("kubernetes:core/v1:Service");
    assert.deepStrictEqual(
      [
        svc.spec.ports,
        svc.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"],
        svc.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-ports"],
      ],
      [
        [{ name: "https", port: 443, targetPort: "http", protocol: "TCP" }],
        "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        "443",
      ],
    );
  });

  it("keeps weights in an emptyDir of the asked size instead of a PVC", async () => {
    await deploy(validVllmDeploymentArgs({ cache: { type: "emptyDir", sizeGiB: 50 } }));
    const pod = inputsOf("kubernetes:apps/v1:Deployment").spec.template.spec;
    assert.deepStrictEqual(
      [pod.volumes, registrationsOfType("kubernetes:core/v1:PersistentVolumeClaim").length],
      [[{ name: "cache", emptyDir: { sizeLimit: "50Gi" } }], 0],
    );
  });

  it("sizes the cache PVC from the weights with the given storage class", async () => {
    await deploy(validVllmDeploymentArgs({ cache: { type: "pvc", storageClassName: "gp3" } }));
    assert.deepStrictEqual(inputsOf("kubernetes:core/v1:PersistentVolumeClaim").spec, {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "20Gi" } },
      storageClassName: "gp3",
    });
  });

  it("budgets the startup probe from the weights and the load throughput", async () => {
    await deploy(
      validVllmDeploymentArgs({ weightLoadMiBPerSecond: 50, compileAllowanceSeconds: 100 }),
    );
    const probe = inputsOf("kubernetes:apps/v1:Deployment").spec.template.spec.containers[0]
      .startupProbe;
    // 14.96 GiB / 50 MiB/s = 307 s, + 100 s compile = 407 s -> 41 periods of 10 s.
    assert.deepStrictEqual(probe, {
      httpGet: { path: "/health", port: "http" },
      periodSeconds: 10,
      failureThreshold: 41,
      timeoutSeconds: 5,
    });
  });

  it("takes tolerations, node selector and runtime class from the pool", async () => {
    await deploy(
      validVllmDeploymentArgs({ pool: validPoolContract({ runtimeClassName: "nvidia" }) }),
    );
    const pod = inputsOf("kubernetes:apps/v1:Deployment").spec.template.spec;
    assert.deepStrictEqual(
      [pod.tolerations, pod.nodeSelector, pod.runtimeClassName],
      [
        [{ key: "nvidia.com/gpu", operator: "Equal", value: "present", effect: "NoSchedule" }],
        { "kindo-models/gpu-pool": "h100-pool" },
        "nvidia",
      ],
    );
  });

  it("admits only the given peers on the server port", async () => {
    await deploy(
      validVllmDeploymentArgs({
        allowIngressFrom: [{ namespaceLabels: { team: "kindo" }, podLabels: { app: "litellm" } }],
      }),
    );
    assert.deepStrictEqual(inputsOf("kubernetes:networking.k8s.io/v1:NetworkPolicy").spec.ingress, [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { team: "kindo" } },
            podSelector: { matchLabels: { app: "litellm" } },
          },
        ],
        ports: [{ port: 8000, protocol: "TCP" }],
      },
    ]);
  });

  // A public load balancer with TLS, open to every address: compliant as long as it has a key.
  const PUBLIC_TLS = {
    serviceExposure: "public-load-balancer",
    allowIngressFrom: [{ cidr: "0.0.0.0/0" }],
    tlsCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
  } as const;

  // Bad inputs: each fails at construction, names the field, and creates no child.
  const BAD: { what: string; args: VllmDeploymentArgs; message: string }[] = [
    {
      what: "a tensor-parallel size the pool cannot host",
      args: validVllmDeploymentArgs({
        tensorParallelSize: 8,
        pool: validPoolContract({ instanceType: "p5.4xlarge", gpusPerNode: 1 }),
      }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - tensorParallelSize: tensor-parallel size 8 needs 8 GPUs on one node, but pool "h100-pool" (p5.4xlarge) has 1 × NVIDIA H100 80GB HBM3 per node. Use a tensor-parallel size of 1 or less, or a pool with 8 GPUs per node.`,
    },
    {
      what: "a served name with spaces",
      args: validVllmDeploymentArgs({ servedModelName: "llama 8b" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - servedModelName: "llama 8b" is not a usable served model name. Use letters, digits, ".", "_", "-", ":" or "/", e.g. "llama-3-1-70b".`,
    },
    {
      what: "a zero-size cache",
      args: validVllmDeploymentArgs({ cache: { type: "pvc", sizeGiB: 0 } }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - cache.sizeGiB: 0 GiB cannot hold the 15.0 GiB of weights. Use at least 20 GiB, or leave cache.sizeGiB unset to size it from the weights.`,
    },
    {
      what: "an unpinned image",
      args: validVllmDeploymentArgs({ image: "vllm/vllm-openai:latest" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - image: "vllm/vllm-openai:latest" uses the moving tag "latest"; a moving tag changes vLLM and its parsers under you. Pin a version such as "vllm/vllm-openai:v0.11.0" or a digest (@sha256:...).`,
    },
    {
      what: "vLLM's own image at a named build that names no release",
      args: validVllmDeploymentArgs({ image: "vllm/vllm-openai:gptoss" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - image: "vllm/vllm-openai:gptoss" uses the tag "gptoss", which names no vLLM release; so which vLLM and parsers it runs is not in the program. Pin a version such as "vllm/vllm-openai:v0.11.0" or a digest (@sha256:...).`,
    },
    {
      what: "a channel tag of another project's vLLM build",
      args: validVllmDeploymentArgs({ image: "rocm/vllm:rocm-latest" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - image: "rocm/vllm:rocm-latest" uses the moving tag "rocm-latest"; a moving tag changes vLLM and its parsers under you. Pin a version such as "vllm/vllm-openai:v0.11.0" or a digest (@sha256:...).`,
    },
    {
      what: "a release that cannot load the model's architecture",
      args: validVllmDeploymentArgs({ model: "hunyuanocr", vllmVersion: "0.9.2" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - vllmVersion: vLLM 0.9.2 cannot load hunyuanocr's architecture "HunYuanVLForConditionalGeneration": its registry lacks it (the first release read that registers it is 0.13.0), and its Transformers fallback loads no multimodal model there. Use 0.13.0 or newer.`,
    },
    {
      what: "an image whose release cannot load the model's architecture",
      args: validVllmDeploymentArgs({
        model: "hunyuanocr",
        image: "vllm/vllm-openai:v0.9.2",
      }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - image: vLLM 0.9.2 cannot load hunyuanocr's architecture "HunYuanVLForConditionalGeneration": its registry lacks it (the first release read that registers it is 0.13.0), and its Transformers fallback loads no multimodal model there. Use 0.13.0 or newer.`,
    },
    {
      what: "a parser that does not parse the model's tool calls",
      args: validVllmDeploymentArgs({ toolCallParser: "hermes" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - toolCallParser: "hermes" does not parse llama-3.1-8b-instruct's tool calls. Use "llama3_json".`,
    },
    {
      what: "no API key",
      args: validVllmDeploymentArgs({ apiKey: undefined }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - apiKey: no API key is set, so anyone who reaches the Service could call /v1. Pass apiKey as pulumi.secret(...), or set requireApiKey to false.`,
    },
    {
      what: "an empty API key (vLLM would run without auth)",
      args: validVllmDeploymentArgs({ apiKey: "" }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - apiKey: apiKey is empty: vLLM turns authentication on only for a non-empty key, so /v1 would be open while the deployment reports auth on. Pass a non-empty key as pulumi.secret(...), or leave apiKey unset with requireApiKey: false to serve without auth deliberately.`,
    },
    {
      what: "a keyless public load balancer open to 0.0.0.0/0",
      args: validVllmDeploymentArgs({ ...PUBLIC_TLS, apiKey: undefined, requireApiKey: false }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - requireApiKey: a public load balancer admits 0.0.0.0/0 and no API key is set, so anyone on the internet can call /v1 and spend the GPUs. Pass apiKey, narrow allowIngressFrom to your clients' ranges, or set allowUnauthenticatedPublicAccess: true to publish it open deliberately.`,
    },
    {
      what: "a public load balancer without TLS",
      args: validVllmDeploymentArgs({ ...PUBLIC_TLS, tlsCertificateArn: undefined }),
      message: `VllmDeployment "llama-8b" has 1 invalid argument:\n  - tlsCertificateArn: a public load balancer without TLS sends the API key and every prompt in cleartext across the internet. Set tlsCertificateArn (an ACM certificate, e.g. from createValidatedCertificate), or set allowPlaintextPublicAccess: true to accept cleartext deliberately.`,
    },
  ];
  for (const b of BAD) {
    it(`refuses ${b.what} at construction and creates nothing`, async () => {
      assert.deepStrictEqual(await childrenAfterFailure(b.args), {
        message: b.message,
        children: [],
      });
    });
  }

  it("publishes a keyless public load balancer open to 0.0.0.0/0 with allowUnauthenticatedPublicAccess", async () => {
    await deploy(
      validVllmDeploymentArgs({
        ...PUBLIC_TLS,
        apiKey: undefined,
        requireApiKey: false,
        allowUnauthenticatedPublicAccess: true,
      }),
    );
    assert.equal(inputsOf("kubernetes:core/v1:Service").spec.type, "LoadBalancer");
  });

  it("publishes a plain-HTTP public load balancer with allowPlaintextPublicAccess", async () => {
    await deploy(
      validVllmDeploymentArgs({
        ...PUBLIC_TLS,
        tlsCertificateArn: undefined,
        allowPlaintextPublicAccess: true,
      }),
    );
    assert.deepStrictEqual(inputsOf("kubernetes:core/v1:Service").spec.ports, [
      { name: "http", port: 8000, targetPort: "http", protocol: "TCP" },
    ]);
  });

  it("reports every invalid argument at once", async () => {
    const r = await childrenAfterFailure(
      validVllmDeploymentArgs({
        servedModelName: "llama 8b",
        image: "vllm/vllm-openai",
        apiKey: undefined,
      }),
    );
    assert.deepStrictEqual(
      r.message.split("\n").map((l) => l.split(":")[0]),
      [
        `VllmDeployment "llama-8b" has 3 invalid arguments`,
        "  - apiKey",
        "  - image",
        "  - servedModelName",
      ],
    );
  });
});
