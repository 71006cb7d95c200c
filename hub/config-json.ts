/**
 * Parses a Hugging Face JSON file (config.json, hf_quant_config.json, ...) the way transformers
 * reads it: with Python's `json.loads` (transformers/configuration_utils.py
 * `_dict_from_json_file`), which accepts the literals `NaN`, `Infinity` and `-Infinity` that
 * Python's `json.dumps` writes for float fields. Nemotron-H's published config.json holds
 * `"time_step_limit": [0.0, Infinity]`, so a strict JSON parser refuses a file vLLM loads.
 */
import type JSON5 from "json5";

/** The parsed file; throws the strict parser's SyntaxError when the text is not JSON either way. */
export function parseHfJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (strictError) {
    // JSON5 reads those literals. It is loaded only for the rare file that needs it: fit and plan
    // start-up stays free of it (test/integration/cli/start-up.test.ts).
    const json5 = require("json5") as typeof JSON5;
    try {
      return json5.parse(text) as unknown;
    } catch {
      throw strictError;
    }
  }
}
