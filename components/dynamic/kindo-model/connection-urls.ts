/**
 * KindoModel sends credentials to every URL it is given (Kindo, Unleash, the model's api_base
 * through Kindo), so none may carry `user:password@`: `check` refuses them before any call. Pure.
 */
import type { KindoModelInputs } from "./args";
import { isPreviewUnknown, issue, type ValidationIssue } from "../../../knowledge/core";
import { credentialUrlMessage, hasUrlCredentials } from "../../../verification/transport/redact";

/** Every URL the resource sends credentials to; none may carry `user:password@`. */
export function validateConnectionUrls(inputs: KindoModelInputs): ValidationIssue[] {
  const urls: [string, unknown][] = [
    ["kindo.url", inputs.kindo?.url],
    ["unleash.url", inputs.unleash?.url],
    [
      "litellmParams.api_base",
      isPreviewUnknown(inputs.litellmParams) ? undefined : inputs.litellmParams.api_base,
    ],
    ["kindoInference.url", inputs.kindoInference?.url],
  ];
  return urls.flatMap(([path, url]) =>
    typeof url === "string" && hasUrlCredentials(url)
      ? [issue(path, credentialUrlMessage(url))]
      : [],
  );
}
