#!/usr/bin/env bash
# Installs what refnet needs to build, run and test on Debian bookworm (as
# root), from Debian's packages and, for the reflection test, npm.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libsqlite3-dev sqlite3 libssl-dev libjwt-dev libspdlog-dev nlohmann-json3-dev
  libabsl-dev libhiredis-dev prometheus-cpp-dev redis-server
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node runs the reflection test; Debian's nodejs and npm serve when none is there.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for node_project in tests/integration/reflection tests/deploy; do
  if [[ ! -d $node_project/node_modules ]]; then
    (cd "$node_project" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
