#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite: unit,
# contract and integration tests (real servers on port 0), and the reflection
# test driven by a Node gRPC client.
set -euo pipefail
cd "$(dirname "$0")"
./install-deps.sh
./build.sh
ctest --test-dir "${REFNET_BUILD_DIR:-build}" --output-on-failure -j2 "$@"
