#!/usr/bin/env bash
# ./run.sh on what is built: the server answers, and when the script is
# stopped (SIGTERM, as Ctrl-C's trap does) the Redis it started stops too;
# a Redis that was already running is left alone.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
redis_port=$(free_port)

wait_until() {  # CONDITION... : up to 30 s
  for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done
  return 1
}
answers() { redis-cli -p "$redis_port" ping >/dev/null 2>&1; }
serving() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

run() {
  REFNET_SKIP_BUILD=1 REFNET_PORT=$port REFNET_REDIS_PORT=$redis_port REFNET_DATA_DIR="$work/data" \
    "$repo/run.sh" >"$work/run.log" 2>&1 &
  pids+=($!)
  wait_until serving || { cat "$work/run.log"; echo "FAIL: the server never listened"; exit 1; }
}

# 1. run.sh starts Redis and stops it on exit.
run
answers || { echo "FAIL: run.sh started no Redis"; exit 1; }
kill -TERM "${pids[-1]}"
wait "${pids[-1]}" || true
if answers; then echo "FAIL: the Redis run.sh started still runs after it exited"; exit 1; fi
if serving; then echo "FAIL: the server still runs after run.sh exited"; exit 1; fi
echo "ok: run.sh stopped the server and the Redis it started"

# 2. A Redis that was there before is left running.
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
  --dir "$work" --logfile "$work/own-redis.log"
wait_until answers
run
kill -TERM "${pids[-1]}"
wait "${pids[-1]}" || true
answers || { echo "FAIL: run.sh stopped a Redis it did not start"; exit 1; }
echo "ok: run.sh left alone the Redis it found"
