/**
 * Arguments of `SelfHostedModel` and the pure decision of what it builds: which GPU pool (an
 * existing contract, a new EKS or GKE pool from the planner, or none for an endpoint that runs
 * elsewhere), the served name, and what the verification and the Kindo registration expect.
 */
import type * as pulumi from "@pulumi/pulumi";
import { selectGpu, selectModel } from "../../knowledge/catalog";
import type { ModelSpec } from "../../knowledge/catalog";
import { planSelfHosted, type SelfHostedPlan } from "../../knowledge/plan";
import { failed, issue, type Result, type ValidationIssue } from "../../knowledge/core";
import { defaultServedModelName } from "../../knowledge/vllm";
import type { GpuPoolContract } from "../gpu-pool/pool-contract";
import type { EksGpuNodePoolArgs, GkeGpuNodePoolArgs } from "../gpu-pool/args";
import type { VllmDeploymentArgs } from "../vllm/args";
import { findDeploymentRelease } from "../vllm/validate-args";
import type { InferenceDnsRecordArgs } from "../dns/args";
import type { KindoModelArgs } from "../dynamic/kindo-model/resource";

/** A vLLM (or other OpenAI-compatible) server that runs elsewhere: verify and register it only. */
export interface ExistingEndpoint {
  /** Server root without /v1, e.g. "http://10.0.3.7:8000". */
  readonly baseUrl: pulumi.Input<string>;
  /** The server's --max-model-len, when known; verification reads the real one either way. */
  readonly maxModelLen?: number;
  /** The server's --tool-call-parser, for diagnoses. @default the catalog's first parser */
  readonly toolCallParser?: string;
  /** Whether the server was started with tool calling. @default true when the model has a parser */
  readonly enableToolCalling?: boolean;
}

/** Kindo registration of the verified model. */
export interface SelfHostedKindoArgs {
  readonly api: KindoModelArgs["kindo"];
  readonly unleash: KindoModelArgs["unleash"];
  /** Feature keys; TOOL_CALLING_MODELS is honoured only when the tool-call probe passed. */
  readonly features: readonly string[];
  /** @default the served model name */
  readonly litellmModelName?: string;
  /** @default the catalog's display name */
  readonly displayName?: string;
  /** @default "LOW" (self-hosted: no per-token price) */
  readonly costTier?: "LOW" | "MEDIUM" | "HIGH";
  /**
   * A Kindo API key (secret): after registration, verify the model through Kindo's own inference
   * API before assigning any feature (docs/kindo.md, "Verification through Kindo"). @default none (direct verification only)
   */
  readonly inferenceApiKey?: pulumi.Input<string>;
  /** Kindo's inference API root without /v1. @default api.url */
  readonly inferenceUrl?: string;
}

/** VllmDeployment settings a SelfHostedModel forwards (the model, pool and plan are its own). */
export type SelfHostedDeploymentArgs = Omit<
  VllmDeploymentArgs,
  "model" | "customModel" | "pool" | "plan" | "servedModelName" | "apiKey" | "hfToken"
>;

/** Arguments of `SelfHostedModel`. Set exactly one of `pool`, `eksPool`, `gkePool` or `existingEndpoint`. */
export interface SelfHostedModelArgs {
  /** Catalog id or alias, e.g. "llama-3.1-70b-instruct". */
  readonly model: string;
  /** `--served-model-name` and Kindo's serving name. @default the Hugging Face repo name, lower-cased ("qwen3-8b") */
  readonly servedModelName?: string;
  /** Context to plan for, tokens. @default the model's advertised window (capped to what fits) */
  readonly maxModelLen?: number;
  /** An existing GPU pool's contract (e.g. from a pool created in another stack). */
  readonly pool?: GpuPoolContract;
  /** Create an EKS GPU node group sized by the planner (cloud "aws"). */
  readonly eksPool?: Omit<EksGpuNodePoolArgs, "plan" | "instanceType">;
  /** Create a GKE GPU node pool sized by the planner (cloud "gcp"). */
  readonly gkePool?: Omit<GkeGpuNodePoolArgs, "plan" | "machineType">;
  /** GPU to plan on with `eksPool`/`gkePool`, e.g. "h100-80gb". @default the cheapest that fits */
  readonly gpu?: string;
  /** Verify and register a server that runs elsewhere. */
  readonly existingEndpoint?: ExistingEndpoint;
  /** Settings forwarded to VllmDeployment. */
  readonly deployment?: SelfHostedDeploymentArgs;
  /** `/v1/*` API key of the server; pass `pulumi.secret(...)`. */
  readonly apiKey?: pulumi.Input<string>;
  /** Hugging Face token for gated weights; pass `pulumi.secret(...)`. */
  readonly hfToken?: pulumi.Input<string>;
  /**
   * Where `pulumi up` reaches the server to verify it. @default the deployment's in-cluster URL
   * (works when Pulumi runs inside the cluster), or `existingEndpoint.baseUrl`
   */
  readonly verificationBaseUrl?: pulumi.Input<string>;
  /** Per-request timeout of the probes, seconds. @default 60 */
  readonly requestTimeoutSeconds?: number;
  /** Publish the verified endpoint under a DNS name (load-balancer exposures only). */
  readonly dns?: Omit<InferenceDnsRecordArgs, "verifiedEndpoint">;
  /** Register in Kindo after verification passed. Omit to verify only. */
  readonly kindo?: SelfHostedKindoArgs;
}

/** Which resources a SelfHostedModel creates, decided before any of them exists. */
export interface SelfHostedModelPlan {
  readonly model: ModelSpec;
  readonly servedModelName: string;
  readonly mode: "pool" | "eks" | "gke" | "existing-endpoint";
  /** The planner's choice for a new pool. */
  readonly plan?: SelfHostedPlan;
  readonly toolCalling: boolean;
  readonly toolCallParser?: string;
  readonly reasoning: boolean;
}

const SERVED_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

/** Every issue with the arguments at once, then the plan. */
export function planSelfHostedModel(
  args: SelfHostedModelArgs,
): Result<SelfHostedModelPlan, "plan"> {
  const selected = selectModel(args.model, "model");
  if (!selected.ok) return failed(selected.issues);
  const model = selected.model;
  const issues: ValidationIssue[] = [];
  const modes = (["pool", "eksPool", "gkePool", "existingEndpoint"] as const).filter(
    (k) => args[k] !== undefined,
  );
  if (modes.length !== 1) {
    const got = modes.length === 0 ? "none is set" : `${modes.join(" and ")} are set`;
    issues.push(
      issue("pool", `Set exactly one of pool, eksPool, gkePool or existingEndpoint; ${got}.`),
    );
  }
  const servedModelName = args.servedModelName ?? defaultServedModelName(model);
  if (!SERVED_NAME.test(servedModelName)) {
    issues.push(
      issue(
        "servedModelName",
        `"${servedModelName}" is not a usable served model name. Use letters, digits and . _ : / - without spaces, e.g. "${defaultServedModelName(model)}".`,
      ),
    );
  }
  if (args.existingEndpoint && args.deployment)
    issues.push(
      issue(
        "deployment",
        "applies only when this component deploys vLLM; remove it with existingEndpoint.",
      ),
    );
  if (args.gpu !== undefined && !(args.eksPool || args.gkePool))
    issues.push(
      issue(
        "gpu",
        `"${args.gpu}" applies only with eksPool or gkePool; an existing pool fixes the GPU.`,
      ),
    );
  const mode = args.pool
    ? "pool"
    : args.eksPool
      ? "eks"
      : args.gkePool
        ? "gke"
        : "existing-endpoint";
  let plan: SelfHostedPlan | undefined;
  const gpu = args.gpu === undefined ? undefined : selectGpu(args.gpu, "gpu");
  if (gpu && !gpu.ok) issues.push(...gpu.issues);
  if ((mode === "eks" || mode === "gke") && modes.length === 1 && (gpu === undefined || gpu.ok)) {
    // Sized as the release the deployment runs (its vllmVersion or pinned image), not the default.
    const release = args.deployment ? findDeploymentRelease(args.deployment) : undefined;
    const planned = planSelfHosted({
      model,
      cloud: mode === "eks" ? "aws" : "gcp",
      ...(gpu?.ok ? { gpu: gpu.gpu.model } : {}),
      ...(args.maxModelLen ? { maxModelLen: args.maxModelLen } : {}),
      ...(release !== undefined ? { vllmVersion: release } : {}),
    });
    if (planned.ok) plan = planned.plan;
    else
      issues.push(
        ...planned.issues.map((i) =>
          i.path === "vllmVersion" ? { ...i, path: "deployment.vllmVersion" } : i,
        ),
      );
  }
  if (issues.length > 0) return failed(issues);
  const enableToolCalling =
    args.existingEndpoint?.enableToolCalling ??
    args.deployment?.enableToolCalling ??
    model.toolCalling.parsers.length > 0;
  const toolCallParser =
    args.existingEndpoint?.toolCallParser ??
    args.deployment?.toolCallParser ??
    model.toolCalling.parsers[0];
  return {
    ok: true,
    plan: {
      model,
      servedModelName,
      mode,
      ...(plan ? { plan } : {}),
      toolCalling: enableToolCalling && toolCallParser !== undefined,
      ...(toolCallParser !== undefined && enableToolCalling ? { toolCallParser } : {}),
      reasoning: model.reasoning?.parser !== undefined,
    },
  };
}
