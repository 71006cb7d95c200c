/**
 * The `--block-size` values vLLM's command line accepts, by release. vLLM allocates the KV cache
 * in whole blocks of this many tokens (kv-cache.ts); the engine itself takes any positive size
 * it is given in code (AsyncEngineArgs(block_size=...)), only the command line restricts it. Pure.
 */
import { compareVersions } from "../core/versions";

/** One range of releases and the block sizes their command line accepts ("any" positive integer). */
export interface BlockSizeChoices {
  /** The first release of the range (it lasts until the next entry's). */
  readonly from: string;
  readonly choices: readonly number[] | "any";
  readonly source: string;
  /** Why the first release of the range is not certain, when it is not. */
  readonly unverified?: string;
}

const AT = "https://github.com/vllm-project/vllm/blob";

/** Oldest first. */
export const BLOCK_SIZE_CHOICES: readonly BlockSizeChoices[] = Object.freeze([
  // argparse `choices=[8, 16, 32]` at v0.4.3 through v0.6.3.
  { from: "0.0.0", choices: [8, 16, 32], source: `${AT}/v0.4.3/vllm/engine/arg_utils.py` },
  { from: "0.6.4", choices: [8, 16, 32, 64, 128], source: `${AT}/v0.6.4/vllm/engine/arg_utils.py` },
  // 0.6.5 went back to three choices; 0.6.6 has five again.
  { from: "0.6.5", choices: [8, 16, 32], source: `${AT}/v0.6.5/vllm/engine/arg_utils.py` },
  { from: "0.6.6", choices: [8, 16, 32, 64, 128], source: `${AT}/v0.6.6/vllm/engine/arg_utils.py` },
  // `BlockSize = Literal[1, 8, 16, 32, 64, 128]` in vllm/config.py; argparse takes its choices.
  { from: "0.8.5", choices: [1, 8, 16, 32, 64, 128], source: `${AT}/v0.8.5/vllm/config.py` },
  {
    from: "0.11.1",
    choices: [1, 8, 16, 32, 64, 128, 256],
    source: `${AT}/ac3ed5a815/vllm/config/cache.py`,
    unverified:
      "256 was added by #26883 (merged 2025-10-16, after 0.11.0's tag); 0.11.1 is the first release tagged after it",
  },
  {
    from: "0.18.0",
    choices: "any",
    source: `${AT}/77a73458e3/vllm/config/cache.py`,
    unverified:
      "#35122 (merged 2026-03-09) made block_size a plain int (Field gt=0); 0.17.1 (2026-03-11) is a patch release assumed not to carry it",
  },
]);

/** The block sizes `vllm serve --block-size` accepts in this release. */
export function findAcceptedBlockSizes(vllmVersion: string): readonly number[] | "any" {
  let found: BlockSizeChoices = BLOCK_SIZE_CHOICES[0] as BlockSizeChoices;
  for (const c of BLOCK_SIZE_CHOICES) if (compareVersions(c.from, vllmVersion) <= 0) found = c;
  return found.choices;
}
