#!/usr/bin/env bash
# Configures and builds refnet into build/ (or $REFNET_BUILD_DIR), with ccache.
# Extra arguments go to cmake, e.g. ./build.sh -DREFNET_SANITIZE=ON
set -euo pipefail
cd "$(dirname "$0")"
build_dir="${REFNET_BUILD_DIR:-build}"
# Paths relative to the checkout, so clones in other folders share the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
ninja -C "$build_dir" -j"${REFNET_JOBS:-2}"
