/**
 * Rules judged under every model an ambiguous reference may name: "/models/3.1-8b-instruct" ends
 * the names of both Llama-3.1-8B-Instruct and granite-3.1-8b-instruct.
 */
import assert from "node:assert/strict";
import {
  checkAutoToolChoiceWithoutParser,
  checkContextWindowTooLow,
  checkModelDoesNotFit,
  checkToolParserMismatch,
  checkToolParserMissing,
} from "../../../../knowledge/rules";
import { C, config, validWorkload } from "./workload-factory";

const DIRECTORY = "/models/3.1-8b-instruct";

/** The factory's server, serving the ambiguous directory with `flags`. */
function ambiguous(...flags: string[]) {
  return validWorkload(["vllm", "serve", DIRECTORY, ...flags]);
}

const LLAMA = `Llama 3.1 8B Instruct (treated as meta-llama/Llama-3.1-8B-Instruct, one of the models whose repository names the directory "3.1-8b-instruct" ends)`;
const GRANITE = `Granite 3.1 8B Instruct (treated as ibm-granite/granite-3.1-8b-instruct, one of the models whose repository names the directory "3.1-8b-instruct" ends)`;
const EITHER = `"${DIRECTORY}" may be Granite 3.1 8B Instruct or Llama 3.1 8B Instruct (one of ibm-granite/granite-3.1-8b-instruct or meta-llama/Llama-3.1-8B-Instruct: the directory "3.1-8b-instruct" ends each of their repositories' names, and nothing in the reference tells which)`;

describe("rules under every candidate of an ambiguous model reference", () => {
  it("find nothing when no candidate breaks the rule", () => {
    const w = ambiguous("--max-model-len", "131072");
    assert.deepStrictEqual(
      [checkModelDoesNotFit(w, config()), checkContextWindowTooLow(w, config())],
      [undefined, undefined],
    );
  });

  it("report a finding every candidate gives, naming them all, with each one's fix", () => {
    assert.deepStrictEqual(checkToolParserMissing(ambiguous(), config()), {
      kind: "violation",
      message: `Whichever of Granite 3.1 8B Instruct or Llama 3.1 8B Instruct "${DIRECTORY}" is: ${C} must enable tool calling for ${GRANITE}; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser granite. ${C} must enable tool calling for ${LLAMA}; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.`,
    });
  });

  it("note, without a finding, a rule the candidates disagree on", () => {
    const w = ambiguous("--enable-auto-tool-choice", "--tool-call-parser", "llama3_json");
    assert.deepStrictEqual(checkToolParserMismatch(w, config()), {
      kind: "skipped",
      reason: `${EITHER}, and they disagree: judged as Granite 3.1 8B Instruct it breaks this rule, judged as Llama 3.1 8B Instruct it does not`,
    });
  });

  it("suggest each candidate's parser when --enable-auto-tool-choice has none", () => {
    assert.deepStrictEqual(
      checkAutoToolChoiceWithoutParser(ambiguous("--enable-auto-tool-choice")),
      {
        kind: "violation",
        message: `${C} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser granite (Granite 3.1 8B Instruct) or llama3_json (Llama 3.1 8B Instruct), whichever model it is.`,
      },
    );
  });
});

describe("rules under every base a fine-tune's name may carry", () => {
  // Mistral 7B v0.1 (8,192-token card window), v0.3 (a larger vocabulary), Instruct v0.2.
  const FINE_TUNE = "acme/support-mistral-7b";

  it("report what every base agrees on once, naming the reference: 16-bit weights do not fit a T4", () => {
    const w = validWorkload(["vllm", "serve", FINE_TUNE, "--max-model-len", "2048"], {
      gpuName: "Tesla-T4",
    });
    assert.deepStrictEqual(checkModelDoesNotFit(w, config()), {
      kind: "violation",
      message: `Whichever of Mistral 7B v0.1, Mistral 7B v0.3 or Mistral 7B Instruct v0.2 "${FINE_TUNE}" is: ${C} must fit the GPUs it requests (1 × Tesla T4); FP16 weights of ${FINE_TUNE} need 13.5 GiB per GPU, but 1 × Tesla T4 at gpu-memory-utilization 0.9 leaves 13.1 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 4 × Tesla T4 with --tensor-parallel-size 4, which serves 2,048 tokens.`,
    });
  });

  it("note, without a finding, 8,192 tokens on an H100: v0.1's whole window, a quarter of v0.3's", () => {
    const w = validWorkload(["vllm", "serve", FINE_TUNE, "--max-model-len", "8192"]);
    assert.deepStrictEqual(checkContextWindowTooLow(w, config()), {
      kind: "skipped",
      reason: `"${FINE_TUNE}" may be Mistral 7B v0.1, Mistral 7B v0.3 or Mistral 7B Instruct v0.2 (a fine-tune of mistralai/Mistral-7B-v0.1, mistralai/Mistral-7B-v0.3 or mistralai/Mistral-7B-Instruct-v0.2 by its name, which carries the family, version and size words of each; they differ in architecture or context window, and nothing in the name tells which), and they disagree: judged as Mistral 7B v0.3 or Mistral 7B Instruct v0.2 it breaks this rule, judged as Mistral 7B v0.1 it does not`,
    });
  });
});
