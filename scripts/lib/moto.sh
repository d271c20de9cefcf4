# shellcheck shell=bash
# The AWS emulator (moto server from .venv-tools) on loopback.
# Source scripts/lib/common.sh first. Defines:
#   moto_start PORT LOGFILE -> sets MOTO_PID and MOTO_URL (http://127.0.0.1:PORT)
#   moto_stop

moto_start() {
  local port="$1" logfile="$2" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -x "$root/.venv-tools/bin/moto_server" ] || die "moto_server not found: run scripts/bootstrap"
  "$root/.venv-tools/bin/moto_server" -H 127.0.0.1 -p "$port" >"$logfile" 2>&1 &
  MOTO_PID=$!
  wait_for_tcp "$port" 60 || { cat "$logfile" >&2; die "moto did not start on port $port"; }
  MOTO_URL="http://127.0.0.1:$port"
  export MOTO_PID MOTO_URL
}

moto_stop() {
  [ -n "${MOTO_PID:-}" ] && stop_pid "$MOTO_PID"
  MOTO_PID=""
}
