#!/usr/bin/env bash
# action.yml, step "preview": runs `pulumi preview` of KINDO_STACK in KINDO_WORK_DIR with the pack
# KINDO_POLICY_PACK and an event log, renders the pull-request comment from the log with this
# action's `kindo-models preview-comment`, adds it to the job summary, and deletes the log (its
# debug diagnostics can hold secret values in plaintext: docs/preview-comments.md). Step outputs:
# `outcome` (success or failure: the preview's, not this script's) and `comment-file`. Exits 0 when
# it rendered a comment, so the comment is posted before the action fails the job.
set -uo pipefail
action="${GITHUB_ACTION_PATH:?}"
tmp="${RUNNER_TEMP:?}"
events="$tmp/kindo-models-preview-events.jsonl"
comment="$tmp/kindo-models-preview-comment.md"
rm -f "$events"
(
  cd "${GITHUB_WORKSPACE:?}/${KINDO_WORK_DIR:-.}" &&
    pulumi preview --stack "${KINDO_STACK:?}" --policy-pack "${KINDO_POLICY_PACK:?}" \
      --event-log "$events" --non-interactive
)
status=$?
if [ "$status" -eq 0 ]; then outcome=success; else outcome=failure; fi
if [ ! -s "$events" ]; then
  echo "::error::pulumi preview wrote no event log (exit $status); nothing to comment on."
  exit 1
fi
node "$action/bin/kindo-models.js" preview-comment --events "$events" >"$comment"
rendered=$?
rm -f "$events"
[ "$rendered" -eq 0 ] || { echo "::error::could not render the preview comment"; exit 1; }
cat "$comment" >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
{
  echo "outcome=$outcome"
  echo "comment-file=$comment"
} >>"${GITHUB_OUTPUT:?}"
