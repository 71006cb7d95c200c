/** `allPolicies`: every policy of the pack, in report order. Adding a rule means adding it here. */
import type { Policy } from "@pulumi/policy";
import { bedrockMarketplacePermissionsMissing } from "./bedrock/marketplace-permissions-missing";
import { kindoContextMismatch } from "./kindo/context-mismatch";
import { kindoServedNameMismatch } from "./kindo/served-name-mismatch";
import { vllmAutoToolChoiceWithoutParser } from "./vllm/auto-tool-choice-without-parser";
import { vllmContextWindowTooLow } from "./vllm/context-window-too-low";
import { vllmEndpointPublicWithoutAuth } from "./vllm/endpoint-public-without-auth";
import { vllmImageNotPinned } from "./vllm/image-not-pinned";
import { vllmModelDoesNotFit } from "./vllm/model-does-not-fit";
import { vllmParserWithoutAutoToolChoice } from "./vllm/parser-without-auto-tool-choice";
import { vllmQwenLongContextWithoutRopeScaling } from "./vllm/qwen-long-context-without-rope-scaling";
import { vllmShmTooSmall } from "./vllm/shm-too-small";
import { vllmTensorParallelInvalid } from "./vllm/tensor-parallel-invalid";
import { vllmToolParserMismatch } from "./vllm/tool-parser-mismatch";
import { vllmToolParserMissing } from "./vllm/tool-parser-missing";
import { vllmToolParserUnknown } from "./vllm/tool-parser-unknown";

export const allPolicies: readonly Policy[] = Object.freeze([
  vllmContextWindowTooLow,
  vllmToolParserMissing,
  vllmToolParserUnknown,
  vllmToolParserMismatch,
  vllmAutoToolChoiceWithoutParser,
  vllmParserWithoutAutoToolChoice,
  vllmModelDoesNotFit,
  vllmTensorParallelInvalid,
  vllmShmTooSmall,
  vllmImageNotPinned,
  vllmEndpointPublicWithoutAuth,
  vllmQwenLongContextWithoutRopeScaling,
  kindoServedNameMismatch,
  kindoContextMismatch,
  bedrockMarketplacePermissionsMissing,
]);
