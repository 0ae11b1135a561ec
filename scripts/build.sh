#!/usr/bin/env bash
# Installs missing packages, then configures and builds the project. Shared by run.sh and
# test.sh; prints the absolute build folder on its last line.
#
#   scripts/build.sh               # build folder: ./build (or $ORGS_BUILD_DIR)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BUILD=${ORGS_BUILD_DIR:-$ROOT/build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)

"$ROOT/scripts/install-deps.sh" >&2

GENERATOR=()
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
	if command -v ninja >/dev/null 2>&1; then
		GENERATOR=(-G Ninja)
	else
		GENERATOR=(-G "Unix Makefiles")
	fi
fi
cmake -S "$ROOT" -B "$BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
cmake --build "$BUILD" -j"$(nproc)" >&2
echo "$BUILD"
