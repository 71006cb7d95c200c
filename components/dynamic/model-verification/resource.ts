/**
 * `ModelVerification`: proves an OpenAI-compatible endpoint works inside `pulumi up` by running the
 * guide's verification steps (readiness, models, completion, tool call, context length) plus
 * streaming and reasoning. Resources that publish or register the endpoint take its outputs as
 * inputs, so nothing downstream is created until it passed.
 */
import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE } from "../../shared/names";
import { modelVerificationProvider } from "./provider";
import type { ToolParserHint } from "../../../verification/types";
import { findToolParserHint } from "../../../verification/tool-parser-hint";

/** Type token: `pulumi-nodejs:dynamic/kindo-models:ModelVerification`. */
export const MODEL_VERIFICATION_TYPE = `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:ModelVerification`;

/** Arguments of {@link ModelVerification}. */
export interface ModelVerificationArgs {
  /** Server root without /v1, e.g. `http://llama.models.svc:8000`. */
  readonly baseUrl: pulumi.Input<string>;
  /** The served model name (vLLM's --served-model-name). */
  readonly model: pulumi.Input<string>;
  /** Catalog id or Hugging Face id of the weights (vLLM's --model); names the right parser in diagnoses. */
  readonly modelId?: string;
  /**
   * The documented parsers of the served model, when the caller already resolved it
   * (SelfHostedModel does); `modelId` is then not looked up again. @default from `modelId`
   */
  readonly toolParserHint?: ToolParserHint;
  /** Expected max_model_len in tokens; the long-context probes use the server's reported one. */
  readonly maxModelLen?: pulumi.Input<number>;
  /** Run the guide's get_weather tool-call probe. @default false */
  readonly toolCalling?: boolean;
  /** The --tool-call-parser the server was started with, for diagnoses. */
  readonly toolCallParser?: pulumi.Input<string>;
  /** The model reasons: larger output budgets and the reasoning probe. @default false */
  readonly reasoning?: boolean;
  /** API key; stored only as a secret. */
  readonly apiKey?: pulumi.Input<string>;
  /** Wait for readiness, from the deployment's start-up budget. @default 1200 */
  readonly readyTimeoutSeconds?: number;
  /** Per request. @default 60 */
  readonly requestTimeoutSeconds?: number;
  /** Per long-context request. @default 600 */
  readonly longContextTimeoutSeconds?: number;
  /** Readiness path polled without the key; `/v1/models` for endpoints without /health. @default "/health" */
  readonly readinessPath?: string;
}

// The hint lives with the probe library, so `kindo-models verify` needs no Pulumi SDK for it.
export { buildToolParserHint, findToolParserHint } from "../../../verification/tool-parser-hint";

/** A verified endpoint: its outputs are evidence of what the server really does. */
export class ModelVerification extends pulumi.dynamic.Resource {
  declare public readonly passed: pulumi.Output<boolean>;
  declare public readonly probesPassed: pulumi.Output<string[]>;
  /** Failed probes found by the last refresh ("probe: diagnosis"); a secret output, since it quotes the server. */
  declare public readonly drift: pulumi.Output<string[]>;
  declare public readonly servedMaxModelLen: pulumi.Output<number | undefined>;
  declare public readonly servedModelRoot: pulumi.Output<string | undefined>;
  declare public readonly vllmVersion: pulumi.Output<string | undefined>;
  declare public readonly ttftMs: pulumi.Output<number | undefined>;
  declare public readonly tokensPerSecond: pulumi.Output<number | undefined>;
  declare public readonly verifiedAt: pulumi.Output<string>;
  declare public readonly baseUrl: pulumi.Output<string>;
  declare public readonly model: pulumi.Output<string>;

  constructor(name: string, args: ModelVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    const hint =
      args.toolParserHint ??
      (args.modelId === undefined ? undefined : findToolParserHint(args.modelId));
    const props = {
      baseUrl: args.baseUrl,
      model: args.model,
      apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey),
      maxModelLen: args.maxModelLen,
      toolCalling: args.toolCalling ?? false,
      toolCallParser: args.toolCallParser,
      toolParserHint: hint,
      reasoning: args.reasoning ?? false,
      readyTimeoutSeconds: args.readyTimeoutSeconds ?? 1200,
      requestTimeoutSeconds: args.requestTimeoutSeconds ?? 60,
      longContextTimeoutSeconds: args.longContextTimeoutSeconds ?? 600,
      readinessPath: args.readinessPath,
      passed: undefined,
      probesPassed: undefined,
      drift: undefined,
      servedMaxModelLen: undefined,
      servedModelRoot: undefined,
      vllmVersion: undefined,
      ttftMs: undefined,
      tokensPerSecond: undefined,
      verifiedAt: undefined,
    };
    // `drift` quotes what the server said; a server can echo anything, so it is kept secret too.
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["apiKey", "drift"] });
    super(modelVerificationProvider, name, props, secretOpts, DYNAMIC_MODULE, "ModelVerification");
  }
}
