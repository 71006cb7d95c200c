# Sourced by scripts that run long steps (npm ci, building the Pulumi CLI).
#
# with_progress LABEL COMMAND...: runs COMMAND in the foreground, so Ctrl-C reaches it as usual,
# and prints "… LABEL: N s" to stderr every 10 s while it runs. The ticker is a background
# subshell; a non-interactive shell's background jobs ignore SIGINT, so the ticker does not rely
# on being killed: it also stops by itself within 2 s once the shell that started it is gone.
with_progress() {
  local label="$1"
  shift
  local shell_pid=$$ started
  started="$(date +%s)"
  (
    next=10
    while sleep 2; do
      kill -0 "$shell_pid" 2>/dev/null || exit 0
      elapsed=$(($(date +%s) - started))
      if [ "$elapsed" -ge "$next" ]; then
        echo "  … $label: $elapsed s" >&2
        next=$((next + 10))
      fi
    done
  ) &
  local ticker=$! status=0
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$status"
}
