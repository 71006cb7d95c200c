/**
 * `KindoModel`: registers a verified model as a Kindo global model and puts its id into the
 * Unleash feature variants that pick models per feature; `pulumi destroy` takes the id out of
 * every variant before deleting the model. Type `pulumi-nodejs:dynamic/kindo-models:KindoModel`.
 */
import * as pulumi from "@pulumi/pulumi";
import { findModel } from "../../../knowledge/catalog";
import { DYNAMIC_MODULE } from "../../shared/names";
import type {
  KindoApiConnection,
  KindoLitellmParams,
  KindoModelFields,
  KindoModelKind,
  KindoVerificationEvidence,
  UnleashConnection,
} from "./args";
import type { KindoInferenceConnection } from "./inference-args";
import { kindoModelProvider } from "./provider";
import { KINDO_MODEL_TYPE } from "./type-token";

export { KINDO_MODEL_TYPE };

type Inputs<T> = { readonly [K in keyof T]: pulumi.Input<T[K]> };

/** Arguments of {@link KindoModel}. */
export interface KindoModelArgs extends Omit<KindoModelFields, "contextWindow" | "litellmParams"> {
  /** The Kindo admin API; `adminKey` is made secret. */
  readonly kindo: pulumi.Input<Inputs<KindoApiConnection>>;
  /** The Unleash that holds Kindo's feature flags; `adminToken` is made secret. */
  readonly unleash: pulumi.Input<Inputs<UnleashConnection>>;
  /** Where the model is served; checked against the `litellmParams.model` prefix. */
  readonly kind: KindoModelKind;
  /** LiteLLM parameters; made secret as a whole because they carry credentials. */
  readonly litellmParams: pulumi.Input<Inputs<KindoLitellmParams>>;
  /** Tokens. @default verification.maxModelLen; anything else is refused. */
  readonly contextWindow?: number;
  /** Kindo feature keys (e.g. "TOOL_CALLING_MODELS") whose variants get this model's id. */
  readonly features: readonly string[];
  /** Evidence of a passed verification (e.g. from ModelVerification's outputs). */
  readonly verification: pulumi.Input<Inputs<KindoVerificationEvidence>>;
  /** Catalog id of a self-hosted model; MULTIMODAL_MODELS needs an entry that takes images. @default none */
  readonly catalogModel?: string;
  /**
   * Whether the model takes images, when the caller already resolved it (SelfHostedModel does);
   * `catalogModel` is then not looked up again. @default from `catalogModel`'s catalog entry
   */
  readonly takesImages?: boolean;
  /**
   * Verify the model through Kindo's own OpenAI-compatible API after registering it and before
   * assigning any feature; made secret (it holds a Kindo API key). @default none (no Kindo-path stage)
   */
  readonly kindoInference?: pulumi.Input<Inputs<KindoInferenceConnection>>;
  /**
   * Take over the Kindo model with this id although another stack (or nobody) owns it: the error
   * that refused the serving name names the id. Remove the model from the other stack's program
   * first. @default none (only a model this resource owns is adopted)
   */
  readonly adoptModelId?: string;
}

/** A model registered in Kindo and assigned to Unleash feature variants. */
export class KindoModel extends pulumi.dynamic.Resource {
  /** The model's id in Kindo (what Unleash variant payloads list). */
  declare public readonly modelId: pulumi.Output<string>;
  declare public readonly litellmModelName: pulumi.Output<string>;
  declare public readonly contextWindow: pulumi.Output<number>;
  declare public readonly features: pulumi.Output<string[]>;
  /** When the model last passed verification through Kindo's API; undefined without `kindoInference`. */
  declare public readonly kindoPathVerifiedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: KindoModelArgs, opts?: pulumi.CustomResourceOptions) {
    const { catalogModel, takesImages, kindoInference, ...rest } = args;
    const props = {
      ...rest,
      ...(kindoInference === undefined ? {} : { kindoInference: pulumi.secret(kindoInference) }),
      kindo: pulumi.secret(args.kindo),
      unleash: pulumi.secret(args.unleash),
      litellmParams: pulumi.secret(args.litellmParams),
      // Recorded in Kindo as the model's owner, so another stack never adopts it by accident.
      owner: pulumi.createUrn(name, KINDO_MODEL_TYPE, opts?.parent),
      catalogTakesImages:
        takesImages ??
        (catalogModel === undefined
          ? false
          : (findModel(catalogModel)?.modalities.includes("image") ?? false)),
      modelId: undefined,
      kindoPathVerifiedAt: undefined,
    };
    const secretOpts = pulumi.mergeOptions(opts, {
      additionalSecretOutputs: ["kindo", "unleash", "litellmParams", "kindoInference"],
    });
    super(kindoModelProvider, name, props, secretOpts, DYNAMIC_MODULE, "KindoModel");
  }
}
