# Shared by the bench*.sh scripts (sourced, not run): a temporary folder and
# the processes started in it, cleaned up on exit, a Redis on a free port and
# refnet-server on it, the commands each report lists, and a firm with its
# admin. Expects `script` (the caller's name, for messages) and `server_bin`,
# `ctl` and `loadgen` (the binaries).

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

# How the report shows the two processes, the temporary folder and the Redis
# port left symbolic since both change from run to run.
redis_shown="redis-server --port \$REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no --dir \$BENCH_TMP"
server_shown="$server_bin --listen 127.0.0.1:0 --store sqlite:\$BENCH_TMP/refnet.db --token-secret-file \$BENCH_TMP/secret --port-file \$BENCH_TMP/port --redis redis://127.0.0.1:\$REDIS_PORT --firm-rate-limit-rps 0"

# Starts refnet-server on the store $tmp/refnet.db with the Redis of
# start_redis and the token secret in $tmp/secret (made on the first start);
# extra arguments are more flags. Sets server_pid and target (its address).
start_server() {
  if [[ ! -s "$tmp/secret" ]]; then
    head -c 48 /dev/urandom | base64 -w0 > "$tmp/secret"
    chmod 600 "$tmp/secret"
  fi
  rm -f "$tmp/port"
  # Port 0: the server picks a free port and writes it to the port file.
  "$server_bin" --listen 127.0.0.1:0 --store "sqlite:$tmp/refnet.db" \
    --token-secret-file "$tmp/secret" --port-file "$tmp/port" \
    --redis "redis://127.0.0.1:$redis_port" --firm-rate-limit-rps 0 "$@" 2>>"$tmp/server.log" &
  server_pid=$!
  for _ in $(seq 1 100); do
    [[ -s "$tmp/port" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$tmp/port" ]] || { echo "$script: refnet-server did not start" >&2; exit 1; }
  target="127.0.0.1:$(cat "$tmp/port")"
}

# Stops the server start_server started (SIGTERM, then waits for it).
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# The server's resident memory in KiB.
server_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# replace_section OUTPUT HEADER FILE: puts FILE in OUTPUT in place of the
# section that starts with the line HEADER (up to the next "## " line), or at
# the end when OUTPUT has none, so each script rewrites only its own part.
replace_section() {
  local output="$1" header="$2" file="$3"
  mkdir -p "$(dirname "$output")"
  if [[ ! -f "$output" ]]; then
    { echo "# Benchmarks"; echo; cat "$file"; } > "$output"
    return
  fi
  awk -v header="$header" -v file="$file" '
    function emit(   line) { while ((getline line < file) > 0) print line; close(file); done = 1 }
    $0 == header { skipping = 1; emit(); next }
    skipping && /^## / { skipping = 0; print "" }
    !skipping { print }
    END { if (!done) { print ""; emit() } }' "$output" > "$output.new"
  # No run of blank lines, and none at the end.
  cat -s "$output.new" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$output"
  rm -f "$output.new"
}

# Exits unless every named tool (and perl's JSON::PP) is installed.
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$script: $tool is missing; run ./install-deps.sh" >&2; exit 1; }
  done
  perl -MJSON::PP -e 1 2>/dev/null || { echo "$script: perl's JSON::PP is missing" >&2; exit 1; }
}

# The commands a report lists, the temporary folder and the server's address
# left symbolic since both change from run to run.
commands=()
shown() {
  local text="$*"
  text="${text//"$tmp"/\$BENCH_TMP}"
  [[ -n "${target:-}" ]] && text="${text//"$target"/\$TARGET}"
  printf '%s' "$text"
}
# `run OUT COMMAND...` runs COMMAND with its output in OUT and lists it; its
# exit status is the command's.
run() {
  local out="$1"
  shift
  commands+=("$(shown "$@") > $(shown "$out")")
  "$@" > "$out"
}
# The listed commands as a report's closing part.
print_commands() {
  echo "\`\$BENCH_TMP\` is the script's temporary folder and \`\$TARGET\` the server's address."
  echo
  echo '```sh'
  printf '%s\n' "${commands[@]}"
  echo '```'
}

# `create_firm FIRM`: a platform admin's token in $tmp/root.token (made once),
# firm FIRM with admin "boss", and boss's token in $tmp/FIRM.token.
create_firm() {
  local firm="$1"
  [[ -s "$tmp/root.token" ]] ||
    run "$tmp/root.token" "$ctl" token --secret-file "$tmp/secret" --role platform-admin --ttl 24h
  run "$tmp/$firm.token" "$ctl" token --secret-file "$tmp/secret" --firm "$firm" --member boss \
    --role admin --ttl 24h
  run /dev/null "$ctl" --target "$target" --token-file "$tmp/root.token" firms create "$firm" \
    --display-name "$firm"
  run /dev/null "$ctl" --target "$target" --token-file "$tmp/root.token" --firm "$firm" \
    members create boss --display-name Boss --email "boss@$firm.test" --role admin
}
