# shellcheck shell=bash
# Shared helpers for scripts/*. Source it; it defines functions only.

log() { printf '\033[1;34m[%s]\033[0m %s\n' "${LOG_TAG:-cloud-doctor}" "$*" >&2; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "${LOG_TAG:-cloud-doctor}" "$*" >&2; exit 1; }

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_tcp PORT SECONDS: waits until something accepts on 127.0.0.1:PORT.
wait_for_tcp() {
  local port="$1" seconds="$2" i
  for ((i = 0; i < seconds * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# stop_pid PID: TERM, wait up to 10 s, then KILL. Silent if it is already gone.
stop_pid() {
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
