# Shared by bench.sh and bench-network.sh (sourced, not run): a temporary
# folder and the processes started in it, cleaned up on exit, and a Redis on
# a free port. Expects `script` (the caller's name, for messages).

tmp="$(mktemp -d)"
redis_pid=""
server_pid=""
cleanup() {
  # Only the processes this script started, by their ids.
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n "$redis_pid" ]]; then kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts redis-server in $tmp on a free port (one nothing answers on, and
# that Redis then binds); sets redis_port and redis_pid.
start_redis() {
  redis_port=""
  local port
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    if (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then continue; fi
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
      --dir "$tmp" --logfile "$tmp/redis.log" &
    redis_pid=$!
    for _ in $(seq 1 50); do
      if redis-cli -p "$port" ping >/dev/null 2>&1; then redis_port="$port"; break; fi
      kill -0 "$redis_pid" 2>/dev/null || break
      sleep 0.1
    done
    [[ -n "$redis_port" ]] && return 0
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
    redis_pid=""
  done
  echo "$script: could not start redis-server" >&2
  exit 1
}
