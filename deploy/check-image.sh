#!/usr/bin/env bash
# Starts refnet-server from a built image as Kubernetes runs it (deploy/base):
# uid/gid 10001, the image's root file system read-only, only the data
# volume (/var/lib/refnet) and /tmp writable, the token secret mounted
# read-only; then checks it answers grpc.health.v1 Health/Check and
# GetServerInfo with the image's version. Needs root and buildah (the image
# is mounted and entered with chroot, so no container daemon is needed).
#
#   deploy/check-image.sh [TAG]       default TAG: refnet-server:<version>
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^project(refnet VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
tag=${1:-refnet-server:$version}
build_dir=${REFNET_BUILD_DIR:-build}
loadgen=$build_dir/clients/loadgen/refnet-loadgen
refnetctl=$build_dir/clients/refnetctl/refnetctl
for tool in "$loadgen" "$refnetctl"; do
  [[ -x $tool ]] || { echo "check-image.sh: $tool is not built (./build.sh)" >&2; exit 1; }
done

work=$(mktemp -d)
ctr=$(buildah from --pull-never "$tag")
cleanup() {
  # unshare ignores SIGTERM while it waits: stop the server inside it.
  if [[ -n ${server_pid:-} ]]; then
    pkill -TERM -P "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  buildah umount "$ctr" >/dev/null 2>&1 || true
  buildah rm "$ctr" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
root=$(buildah mount "$ctr")

echo "labels:"
buildah inspect --type image --format '{{range $k, $v := .OCIv1.Config.Labels}}  {{$k}}={{$v}}{{"\n"}}{{end}}' "$tag"
echo "user: $(buildah inspect --type image --format '{{.OCIv1.Config.User}}' "$tag")"

# The pod's volumes: data (the PVC), /tmp (emptyDir), the token secret.
mkdir -p "$work/data" "$work/secret"
chown 10001:10001 "$work/data"
head -c 48 /dev/urandom | base64 -w0 >"$work/secret/token-secret"
chmod 0444 "$work/secret/token-secret"
port=$((20000 + RANDOM % 20000))
health_port=$((port + 1))
metrics_port=$((port + 2))

# A private mount namespace: the image read-only, the volumes bound in.
unshare --mount --fork bash -c '
  set -euo pipefail
  root=$1 work=$2
  mount --bind "$root" "$root"
  mount --bind "$work/data" "$root/var/lib/refnet"
  mkdir -p "$root/etc/refnet" 2>/dev/null || true
  mount --bind "$work/secret" "$root/etc/refnet"
  mount -t tmpfs -o size=64m tmpfs "$root/tmp"
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  mount -o remount,bind,ro "$root"
  if touch "$root/usr/local/bin/written" 2>/dev/null; then echo "root is writable" >&2; exit 1; fi
  exec chroot --userspec=10001:10001 "$root" env -i \
    REFNET_LISTEN=0.0.0.0:$3 REFNET_HEALTH_LISTEN=0.0.0.0:$4 REFNET_METRICS_LISTEN=0.0.0.0:$5 \
    REFNET_STORE=sqlite:/var/lib/refnet/refnet.db \
    REFNET_TOKEN_SECRET_FILE=/etc/refnet/token-secret \
    /usr/local/bin/refnet-server
' check-image "$root" "$work" "$port" "$health_port" "$metrics_port" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 100); do
  grep -q '"listening"' "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
echo "server: $(grep -o '"msg":"listening"[^}]*' "$work/server.log" | head -1)"
echo "process: $(ps -o user=,uid=,args= -p "$(pgrep -f -n /usr/local/bin/refnet-server)")"

token=$("$refnetctl" token --secret-file "$work/secret/token-secret" --role platform-admin --ttl 5m)
printf '%s' "$token" >"$work/token"

echo "health, on the plaintext health port as the kubelet's probe asks it:"
"$loadgen" run --target "127.0.0.1:$health_port" --token-file "$work/token" --firm probe \
  --scenario health --duration-s 1 --warmup-s 0 --in-flight 4 --channels 1 >"$work/health.txt"
# The Check row: calls, ..., errors last; every call must have been SERVING.
awk '$2 == "Check" { print "  " $3 " calls, " $NF " errors"; ok = ($3 > 0 && $NF == 0) } END { exit !ok }' \
  "$work/health.txt" || { cat "$work/health.txt"; echo "health failed" >&2; exit 1; }

echo "GetServerInfo:"
"$refnetctl" --target "127.0.0.1:$port" --token "$token" server info

exec 3<>"/dev/tcp/127.0.0.1/$metrics_port"
printf 'GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
echo "metrics: $(grep -c '^grpc_server_' <&3) grpc_server_* samples at /metrics"
exec 3<&-
echo "image $tag: ok"
