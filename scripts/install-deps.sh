#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run Orgs.
# Idempotent: does nothing (and touches no network) when everything is already installed.
set -euo pipefail

# libbenchmark-dev and wrk: the benchmarks (tests/bench/README.md).
PACKAGES=(cmake g++ make pkg-config libpoco-dev libcppunit-dev libmariadb-dev
	mariadb-server mariadb-client curl clang-format libbenchmark-dev wrk)

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
