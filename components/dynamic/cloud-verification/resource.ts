/**
 * `CloudModelVerification`: proves a provider API answers for one model (completion, and tool
 * calling when the catalog says it is supported) before Kindo registers it. Type
 * `pulumi-nodejs:dynamic/kindo-models:CloudModelVerification`.
 */
import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE } from "../../shared/names";
import type { CloudVerificationInputs } from "./provider";
import { cloudVerificationProvider } from "./provider";

export const CLOUD_MODEL_VERIFICATION_TYPE = `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:CloudModelVerification`;

type Inputs<T> = { readonly [K in keyof T]: pulumi.Input<T[K]> };

/** Arguments: the probe target; `apiKey` and `awsCredentials` are made secret. */
export type CloudModelVerificationArgs = Inputs<CloudVerificationInputs>;

export class CloudModelVerification extends pulumi.dynamic.Resource {
  declare public readonly maxModelLen: pulumi.Output<number>;
  declare public readonly toolCallingPassed: pulumi.Output<boolean>;
  declare public readonly servedModelName: pulumi.Output<string>;
  declare public readonly verifiedAt: pulumi.Output<string>;
  /** Where the provider's model listing disagrees with the registration (refresh updates it). */
  declare public readonly drift: pulumi.Output<string[]>;

  constructor(name: string, args: CloudModelVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      apiKey: args.apiKey === undefined ? undefined : pulumi.secret(args.apiKey),
      awsCredentials:
        args.awsCredentials === undefined ? undefined : pulumi.secret(args.awsCredentials),
      report: undefined,
      maxModelLen: undefined,
      toolCallingPassed: undefined,
      servedModelName: undefined,
      verifiedAt: undefined,
      drift: undefined,
    };
    super(
      cloudVerificationProvider,
      name,
      props,
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["apiKey", "awsCredentials"] }),
      DYNAMIC_MODULE,
      "CloudModelVerification",
    );
  }
}
