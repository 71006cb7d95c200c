#!/usr/bin/env bash
# `npm run demo`: the whole flow, locally. Installs what is missing (Node 22, npm packages, the
# Pulumi CLI built from Go modules, PostgreSQL and Unleash), then
#   1. runs the planner on the vendor guide's three "Complete Example" commands: each is judged as
#      written (it does not fit) and gets a plan that does;
#   2. runs scripts/demo.ts: the `local` stack through preview (policy pack), up (verification
#      catches the broken endpoint, the healthy one is registered in Kindo and Unleash), a report,
#      and destroy.
# Long steps print progress; Ctrl-C at any step leaves no process and no temporary folder behind
# (test/engine/demo-interrupt.test.ts interrupts each step).
set -euo pipefail
# Ctrl-C: bash runs this once the step in progress has stopped. Without it, a step that handles
# SIGINT itself and exits with a status (npm, tsc) would let the demo go on to the next step.
trap 'echo "demo: interrupted" >&2; exit 130' INT
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install.sh
echo "== building the Pulumi CLI when missing (first time: a few minutes)"
bash scripts/setup-pulumi.sh
echo "== compiling the kindo-models CLI when its sources changed (first time: about a minute)"
bash scripts/with-node.sh node scripts/build-if-stale.js
run() {
  echo
  echo "================================================================================"
  echo "Guide example: $1"
  echo "================================================================================"
  shift
  set +e
  bash scripts/with-node.sh node bin/kindo-models.js plan "$@"
  local code=$?
  set -e
  # 1 = the guide's setup does not fit (expected); anything else is a failure of the demo.
  if [ "$code" -ne 1 ]; then echo "demo: plan exited $code, expected 1 (the guide's setup does not fit)" >&2; exit 1; fi
}
run "Llama 4 Scout on 1x H100, BF16, --max-model-len 1048576" \
  meta-llama/Llama-4-Scout-17B-16E-Instruct --context 1048576 --gpu H100 --gpus 1 --tp 1 --dtype bfloat16 --served-model-name llama-4-scout
run "DeepSeek-V3 on 8x H100, BF16, --max-model-len 128000" \
  deepseek-ai/DeepSeek-V3 --context 128000 --gpu H100 --gpus 8 --tp 8 --dtype bfloat16 --served-model-name deepseek-v3
run "Mistral Large 2411 on 2x H100, BF16, --max-model-len 128000" \
  mistralai/Mistral-Large-Instruct-2411 --context 128000 --gpu H100 --gpus 2 --tp 2 --dtype bfloat16 --served-model-name mistral-large
echo
echo "demo: all three guide examples were judged and each got a plan that fits."
echo
echo "================================================================================"
echo "The local stack: preview with the policy pack, up, report, destroy"
echo "================================================================================"
# node loads the TypeScript itself (tsx/cjs), so Ctrl-C reaches the demo's own handler, which
# stops pulumi and the simulators and removes its temporary folders (scripts/demo.ts).
bash scripts/with-unleash.sh bash scripts/with-node.sh node --require tsx/cjs scripts/demo.ts
