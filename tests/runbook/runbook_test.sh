#!/usr/bin/env bash
# Runs every refnetctl line of docs/RUNBOOK.md, in the order written, against
# a fresh refnet-server with Redis as its cache, so that a renamed command or
# flag fails here before it fails someone following the runbook. A line is a
# command of a ```sh block that starts with `refnetctl` (or assigns its
# output, `VAR=$(refnetctl ...)`), with its `\` continuations. The lines run
# in one shell, as a reader would paste them, with REFNET_TARGET set and
# $ROOT holding a platform admin's token.
#
# Usage: runbook_test.sh [BUILD_DIR]   (default: build)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
runbook="$repo/docs/RUNBOOK.md"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_until() {  # CONDITION... : up to 30 s
  for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done
  return 1
}

# The lines, one per line of $work/lines.
awk '
  /^[ \t]*```sh[ \t]*$/ { in_sh = 1; next }
  /^[ \t]*```/ { in_sh = 0; next }
  !in_sh { next }
  {
    line = $0
    sub(/^[ \t]+/, "", line)
    if (joining) { command = command " " line } else { command = line }
    if (command ~ /\\$/) { sub(/[ \t]*\\$/, "", command); joining = 1; next }
    joining = 0
    if (command ~ /^refnetctl / || command ~ /^[A-Z_]+=\$\(refnetctl /) print command
  }' "$runbook" > "$work/lines"
count="$(wc -l < "$work/lines")"
if (( count < 20 )); then
  echo "FAIL: found only $count refnetctl lines in docs/RUNBOOK.md"
  exit 1
fi

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --logfile "$work/redis.log" &
pids+=($!)
wait_until redis-cli -p "$redis_port" ping >/dev/null 2>&1 || { echo "FAIL: redis did not start"; exit 1; }
head -c 48 /dev/urandom | base64 -w0 > "$work/secret"
port="$(free_port)"
"$build/services/server/refnet-server" --listen "127.0.0.1:$port" --store "sqlite:$work/refnet.db" \
  --token-secret-file "$work/secret" --redis "redis://127.0.0.1:$redis_port" \
  2> "$work/server.log" &
pids+=($!)
serving() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
wait_until serving || { cat "$work/server.log"; echo "FAIL: refnet-server did not start"; exit 1; }

refnetctl() { "$build/clients/refnetctl/refnetctl" "$@"; }
export REFNET_TARGET="127.0.0.1:$port"
ROOT="$(refnetctl token --secret-file "$work/secret" --role platform-admin --ttl 1h)"
mkdir "$work/cwd"
cd "$work/cwd"
ran=0
while IFS= read -r line; do
  if ! eval "$line" > "$work/out" 2>&1; then
    echo "FAIL: this runbook line failed:"
    echo "  $line"
    sed 's/^/  | /' "$work/out"
    exit 1
  fi
  ran=$((ran + 1))
done < "$work/lines"
echo "ok: all $ran refnetctl lines of docs/RUNBOOK.md ran against a fresh server"
