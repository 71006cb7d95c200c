#!/usr/bin/env bash
# A real Unleash for tests and the demo: PostgreSQL from Debian's packages (installed with apt-get
# only when missing) in its own cluster under .cache/unleash/, and the npm unleash-server as its
# own Node 22 process (scripts/unleash-server.mjs), both on 127.0.0.1.
#
#   scripts/unleash.sh start    start both (no-op when already running); writes .cache/unleash/env
#   scripts/unleash.sh stop     stop both
#   scripts/unleash.sh status   exit 0 when Unleash answers /health
#   scripts/unleash.sh env      print KINDO_UNLEASH_URL and KINDO_UNLEASH_ADMIN_TOKEN lines
#
# Its state lives in .cache/unleash/, or in KINDO_UNLEASH_STATE when set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# KINDO_UNLEASH_STATE: another folder for a separate PostgreSQL cluster and Unleash (the demo's
# interruption test runs its own there, leaving the shared one alone).
state="${KINDO_UNLEASH_STATE:-$root/.cache/unleash}"
pgdata="$state/pg"
envfile="$state/env"
log="$state/unleash.log"
pidfile="$state/unleash.pid"

say() { echo "unleash.sh: $*" >&2; }

# The newest PostgreSQL server binaries Debian's packages installed, or nothing.
pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

ensure_postgres() {
  if [ -n "$(pg_bindir)" ]; then return 0; fi
  say "PostgreSQL is not installed; installing Debian's postgresql package"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql
  if [ -z "$(pg_bindir)" ]; then say "apt-get installed postgresql but no initdb was found"; exit 1; fi
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port that was free a moment ago, for PostgreSQL (which cannot bind port 0 and say which it
# got); start_postgres retries with another when pg_ctl finds it taken after all.
free_port() {
  bash scripts/with-node.sh node -e \
    'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# True when `pid` is the unleash-server this script started (not a process that reused the pid).
is_our_server() {
  local pid="$1"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "scripts/unleash-server.mjs"
}

healthy() {
  [ -f "$envfile" ] || return 1
  # shellcheck disable=SC1090
  . "$envfile"
  curl -fsS --max-time 2 "$KINDO_UNLEASH_URL/health" >/dev/null 2>&1
}

start_postgres() {
  local bin; bin="$(pg_bindir)"
  mkdir -p "$state"
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    rm -f "$state/admin-token"
    mkdir -p "$pgdata"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdata"; fi
    as_pg "$bin/initdb" -D "$pgdata" -U unleash --auth=trust -E UTF8 >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then return 0; fi
  local port attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    # Loopback TCP only; the socket goes into the cluster folder, not the system's /var/run.
    if as_pg "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdata" start >/dev/null; then
      break
    fi
    say "PostgreSQL could not start on port $port (attempt $attempt of 5); trying another"
    [ "$attempt" -lt 5 ] || { tail -n 20 "$pgdata/server.log" >&2; exit 1; }
  done
  echo "$port" >"$state/pg.port"
  as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U unleash -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='unleash'" | grep -q 1 ||
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U unleash unleash
}

start() {
  if healthy; then say "already running at $KINDO_UNLEASH_URL"; return 0; fi
  local t0; t0="$(date +%s)"
  ensure_postgres
  start_postgres
  local pgport port token portfile
  pgport="$(cat "$state/pg.port")"
  portfile="$state/unleash.port"
  rm -f "$portfile"
  # Unleash creates init tokens only while its database has none, so the token made for a new
  # cluster is kept beside it and reused on every later start.
  if [ ! -s "$state/admin-token" ]; then
    (umask 077; echo "*:*.$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$state/admin-token")
  fi
  token="$(cat "$state/admin-token")"
  KINDO_UNLEASH_DATABASE_URL="postgres://unleash@127.0.0.1:$pgport/unleash" \
    KINDO_UNLEASH_PORT_FILE="$portfile" KINDO_UNLEASH_ADMIN_TOKEN="$token" \
    SEND_TELEMETRY=false CHECK_VERSION=false \
    nohup bash scripts/with-node.sh node scripts/unleash-server.mjs >"$log" 2>&1 &
  echo $! >"$pidfile"
  say "starting Unleash (the first start creates its database: up to a minute)"
  for i in $(seq 1 240); do
    # The server binds port 0 and writes the port the kernel gave it.
    port="$(cat "$portfile" 2>/dev/null || true)"
    local url="http://127.0.0.1:$port"
    if [ -n "$port" ] && curl -fsS --max-time 2 "$url/health" >/dev/null 2>&1; then
      umask 077
      printf 'KINDO_UNLEASH_URL=%s\nKINDO_UNLEASH_ADMIN_TOKEN=%s\n' "$url" "$token" >"$envfile"
      say "Unleash is up at $url after $(( $(date +%s) - t0 )) s (admin token in $envfile)"
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then break; fi
    if [ $((i % 20)) -eq 0 ]; then say "… waiting for Unleash: $(($(date +%s) - t0)) s"; fi
    sleep 0.5
  done
  say "Unleash did not become healthy; last lines of $log:"
  tail -n 30 "$log" >&2 || true
  stop
  exit 1
}

stop() {
  if [ -f "$pidfile" ]; then
    local pid; pid="$(cat "$pidfile")"
    # with-node.sh execs node, so this pid is the server itself; a pid the kernel has given to
    # another process since is left alone.
    if kill -0 "$pid" 2>/dev/null && is_our_server "$pid"; then
      kill "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    fi
    rm -f "$pidfile"
  fi
  rm -f "$envfile"
  local bin; bin="$(pg_bindir)"
  if [ -n "$bin" ] && [ -f "$pgdata/PG_VERSION" ] &&
    as_pg "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null
  fi
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if healthy; then echo "running at $KINDO_UNLEASH_URL"; else echo "not running"; exit 1; fi ;;
  env) if healthy; then cat "$envfile"; else say "not running; run scripts/unleash.sh start"; exit 1; fi ;;
  *) echo "usage: scripts/unleash.sh {start|stop|status|env}" >&2; exit 2 ;;
esac
