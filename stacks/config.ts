/**
 * The stack config: which models to serve, where, and how Kindo is reached. Validated with zod so a
 * mistake in a config file fails preview with its path (`models[1].maxModelLen`). Secrets are
 * never written in the file: each names an environment variable or a Pulumi secret config key.
 * Pure: no Pulumi runtime import.
 */
import { z } from "zod";
import { bedrockModelAccessArgsSchema } from "../components/bedrock/args";
import { failed, type Result, validateWithSchema } from "../knowledge/core";
import { gpuPoolContractSchema } from "../components/gpu-pool/pool-contract";

/** Where a secret comes from: an environment variable or a Pulumi secret config key. */
export type SecretSource = { readonly env: string } | { readonly config: string };

const secretSource = () =>
  z.union(
    [
      z.strictObject({
        env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
          error: "is not an environment variable name. Use upper case, digits and _.",
        }),
      }),
      z.strictObject({ config: z.string().min(1) }),
    ],
    {
      error:
        'must name where the secret comes from: { env: "VAR" } or { config: "key" } (a `pulumi config set --secret` key).',
    },
  );

/** Where self-hosted models run. */
const target = () =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("existing-endpoints") }),
    z.strictObject({
      kind: z.literal("existing-cluster"),
      namespace: z.string().min(1).default("models"),
      pool: gpuPoolContractSchema(),
    }),
    z.strictObject({
      kind: z.literal("eks"),
      namespace: z.string().min(1).default("models"),
      clusterName: z.string().min(1),
      nodeRoleArn: z.string().startsWith("arn:aws:iam::"),
      subnetIds: z.array(z.string().startsWith("subnet-")).min(1),
    }),
    z.strictObject({
      kind: z.literal("gke"),
      namespace: z.string().min(1).default("models"),
      cluster: z.string().min(1),
      location: z.string().min(1),
      zones: z.array(z.string()).min(1),
      project: z.string().optional(),
    }),
  ]);

const features = () => z.array(z.string().min(1)).default([]);

const selfHostedModel = () =>
  z.strictObject({
    /** Resource name prefix for this model's resources. */
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
      error: 'is not a resource name. Use lower-case letters, digits and "-".',
    }),
    model: z.string().min(1),
    servedModelName: z.string().optional(),
    maxModelLen: z.number().int().positive().optional(),
    gpu: z.string().optional(),
    features: features(),
    /** An endpoint that runs elsewhere (target "existing-endpoints"). */
    endpoint: z
      .strictObject({
        baseUrl: z.url(),
        maxModelLen: z.number().int().positive().optional(),
        toolCallParser: z.string().optional(),
        enableToolCalling: z.boolean().optional(),
      })
      .optional(),
    apiKey: secretSource().optional(),
    hfToken: secretSource().optional(),
    verificationBaseUrl: z.url().optional(),
    requestTimeoutSeconds: z.number().positive().optional(),
    deployment: z.record(z.string(), z.unknown()).optional(),
  });

const cloudModel = () =>
  z.strictObject({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
      error: 'is not a resource name. Use lower-case letters, digits and "-".',
    }),
    model: z.string().min(1),
    litellmModelName: z.string().min(1),
    contextWindow: z.number().int().positive().optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    rateLimits: z
      .strictObject({
        tpm: z.number().int().positive().optional(),
        rpm: z.number().int().positive().optional(),
      })
      .optional(),
    features: features(),
    apiKey: secretSource().optional(),
    azure: z
      .strictObject({ deploymentName: z.string(), apiBase: z.url(), apiVersion: z.string() })
      .optional(),
    bedrock: bedrockModelAccessArgsSchema().omit({ model: true }).optional(),
    verificationBaseUrl: z.url().optional(),
  });

/** zod schema of the whole stack config. */
export function stackConfigSchema() {
  return z.strictObject({
    target: target(),
    kindo: z
      .strictObject({
        url: z.url(),
        adminKey: secretSource(),
        modelsPath: z.string().startsWith("/").optional(),
        authStyle: z.enum(["bearer", "x-api-key"]).optional(),
        /** A Kindo API key: verify each model through Kindo's inference API before assigning features. */
        apiKey: secretSource().optional(),
        inferenceUrl: z.url().optional(),
        unleash: z.strictObject({
          url: z.url(),
          adminToken: secretSource(),
          project: z.string().optional(),
          environment: z.string().optional(),
        }),
      })
      .optional(),
    models: z.array(selfHostedModel()).default([]),
    cloudModels: z.array(cloudModel()).default([]),
  });
}

export type StackConfig = z.output<ReturnType<typeof stackConfigSchema>>;
export type SelfHostedModelConfig = StackConfig["models"][number];
export type CloudModelConfig = StackConfig["cloudModels"][number];

/** Parses a stack config, reporting every problem with its path. */
export function parseStackConfig(raw: unknown): Result<StackConfig, "config"> {
  const schema = stackConfigSchema();
  const shapeIssues = validateWithSchema(schema, raw);
  if (shapeIssues.length > 0) return failed(shapeIssues);
  const c = schema.parse(raw);
  const names = [...c.models, ...c.cloudModels].map((m) => m.name);
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length > 0)
    return failed([
      {
        path: "models",
        message: `names must be unique; ${[...new Set(dup)].map((d) => `"${d}"`).join(", ")} appear more than once.`,
      },
    ]);
  const needsEndpoint = c.target.kind === "existing-endpoints";
  const endpointIssues = c.models.flatMap((m, i) =>
    needsEndpoint === (m.endpoint !== undefined)
      ? []
      : [
          {
            path: `models[${i}].endpoint`,
            message: needsEndpoint
              ? 'is required with target "existing-endpoints". Give the server root, e.g. { baseUrl: "http://10.0.0.7:8000" }.'
              : `applies only with target "existing-endpoints"; the target is "${c.target.kind}". Remove it.`,
          },
        ],
  );
  return endpointIssues.length > 0 ? failed(endpointIssues) : { ok: true, config: c };
}
