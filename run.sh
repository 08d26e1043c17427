#!/usr/bin/env bash
# Installs what is missing, builds, starts a local redis-server for the cache,
# and runs refnet-server on SQLite under ./data on port 50051. Prints a
# platform-admin token and grpcurl examples. A Redis it started is stopped
# when the server exits (Ctrl-C, or SIGTERM to this script); one that was
# already running is left alone.
#
# REFNET_PORT, REFNET_REDIS_PORT and REFNET_DATA_DIR change the defaults;
# REFNET_SKIP_BUILD=1 runs what is built.
set -euo pipefail
cd "$(dirname "$0")"
if [[ ${REFNET_SKIP_BUILD:-0} != 1 ]]; then
  ./install-deps.sh
  ./build.sh
fi
data="${REFNET_DATA_DIR:-data}"
mkdir -p "$data/redis"
data="$(cd "$data" && pwd)"
# A local Redis caches the hot balances; refnet stays correct without it.
redis_port="${REFNET_REDIS_PORT:-6379}"
started_redis=0
if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$data/redis" --daemonize yes --logfile "$data/redis/redis.log" \
    --pidfile "$data/redis/redis.pid"
  started_redis=1
fi
stop_redis() {
  if ((started_redis)); then
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 ||
      kill "$(cat "$data/redis/redis.pid" 2>/dev/null)" 2>/dev/null || true
  fi
}
trap stop_redis EXIT
if [[ ! -s $data/token-secret ]]; then
  head -c 48 /dev/urandom | base64 -w0 > "$data/token-secret"
  chmod 600 "$data/token-secret"
fi
token="$(build/clients/refnetctl/refnetctl token --secret-file "$data/token-secret" \
  --role platform-admin --ttl 24h)"
port="${REFNET_PORT:-50051}"
cat <<INFO

refnet-server is starting on port ${port} (SQLite: ${data}/refnet.db, Redis cache on :${redis_port}).
A platform-admin token, valid for 24 hours:

  export TOKEN=${token}

Try it with grpcurl (reflection is on, so no .proto files are needed):

  grpcurl -plaintext localhost:${port} list
  grpcurl -plaintext localhost:${port} grpc.health.v1.Health/Check
  grpcurl -plaintext -H "authorization: Bearer \$TOKEN" \\
    -d '{"firm_id":"acme","firm":{"display_name":"Acme Advisory"}}' \\
    localhost:${port} refnet.v1.AdminService/CreateFirm
  grpcurl -plaintext -H "authorization: Bearer \$TOKEN" \\
    -d '{"parent":"firms/acme","member_id":"alice","member":{"display_name":"Alice","email":"alice@acme.test","role":"ROLE_ADMIN"}}' \\
    localhost:${port} refnet.v1.AdminService/CreateMember
  export ALICE=\$(build/clients/refnetctl/refnetctl token --secret-file ${data}/token-secret --firm acme --member alice --role admin)
  grpcurl -plaintext -H "authorization: Bearer \$ALICE" \\
    -d '{"parent":"firms/acme","contact_id":"ann","contact":{"display_name":"Ann Lee","organization":"Globex","emails":["ann@globex.com"]}}' \\
    localhost:${port} refnet.v1.ContactService/CreateContact

Or with refnetctl: build/clients/refnetctl/refnetctl help
Stop the server with Ctrl-C.

INFO
# Plaintext, so only this machine may reach it; see the README for TLS. In
# the background, so that a SIGTERM to this script reaches it too; Redis
# goes once it has drained.
build/services/server/refnet-server --listen "127.0.0.1:${port}" \
  --store "sqlite:$data/refnet.db" --token-secret-file "$data/token-secret" \
  --redis "redis://127.0.0.1:${redis_port}" &
server=$!
trap 'kill -TERM "$server" 2>/dev/null' INT TERM
status=0
# wait returns early when a trapped signal arrives; wait again for the drain.
wait "$server" || status=$?
while kill -0 "$server" 2>/dev/null; do wait "$server" || status=$?; done
exit "$status"
