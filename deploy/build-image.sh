#!/usr/bin/env bash
# Builds the refnet-server image from deploy/Dockerfile with whichever of
# docker, podman or buildah is installed (buildah with --isolation chroot,
# which needs no container daemon).
#
#   deploy/build-image.sh [TAG]          default TAG: refnet-server:<version>
#
# Environment:
#   DEBIAN_IMAGE  the base image (default debian:bookworm-slim); where no
#                 registry is reachable, a local tag (deploy/README.md says
#                 how to make one with debootstrap)
#   REVISION      the source revision to bake in (default: git's, "-dirty"
#                 when the tree has uncommitted changes)
#   BUILD_JOBS    compile jobs inside the build (default: all cores)
#   IMAGE_TOOL    docker, podman or buildah, to choose among several
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^project(refnet VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
tag=${1:-refnet-server:$version}
if [[ -z ${REVISION:-} ]]; then
  REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
  if [[ $REVISION != unknown ]] && ! git diff --quiet HEAD -- 2>/dev/null; then
    REVISION+=-dirty
  fi
fi
build_args=(--build-arg "VERSION=$version" --build-arg "REVISION=$REVISION")
[[ -n ${DEBIAN_IMAGE:-} ]] && build_args+=(--build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE")
[[ -n ${BUILD_JOBS:-} ]] && build_args+=(--build-arg "BUILD_JOBS=$BUILD_JOBS")

tool=${IMAGE_TOOL:-}
if [[ -z $tool ]]; then
  # docker only counts when its daemon answers; its client alone builds nothing.
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    tool=docker
  elif command -v podman >/dev/null; then
    tool=podman
  elif command -v buildah >/dev/null; then
    tool=buildah
  else
    echo "build-image.sh: none of docker (with a daemon), podman or buildah is installed;" >&2
    echo "  on Debian: apt-get install buildah" >&2
    exit 1
  fi
fi

echo "building $tag (version $version, revision $REVISION) with $tool" >&2
case $tool in
  docker | podman) "$tool" build -f deploy/Dockerfile "${build_args[@]}" -t "$tag" . ;;
  buildah) buildah bud --isolation chroot --layers -f deploy/Dockerfile "${build_args[@]}" -t "$tag" . ;;
  *)
    echo "build-image.sh: IMAGE_TOOL must be docker, podman or buildah, not $tool" >&2
    exit 2
    ;;
esac
echo "built $tag" >&2
