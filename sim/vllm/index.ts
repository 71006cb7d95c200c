/** The vLLM OpenAI-compatible server simulator: start it with {@link startVllmSim}. */
export { startVllmSim, type VllmSim, type StartOptions } from "./server";
export {
  defaultSimConfig,
  FAULT_KINDS,
  type FaultKind,
  type FaultRule,
  type RequestKind,
  type ToolCallFormat,
  type VllmSimConfig,
} from "./config";
export { countTokens, renderChatPrompt, tokenizeText } from "./tokenizer";
export {
  AUTO_TOOL_CHOICE_MESSAGE,
  contextLengthMessage,
  contextWordingOf,
  type ContextWording,
} from "./wire";
