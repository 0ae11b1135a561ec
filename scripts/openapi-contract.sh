#!/usr/bin/env bash
# The contract check of the OpenAPI document (api/openapi.json) with npm's swagger-parser and
# ajv (tests/openapi), everything under DIR (the build folder's contract/).
#
#   scripts/openapi-contract.sh prepare DIR              # npm ci (only when the lock changed),
#                                                        # and an empty DIR/exchanges
#   scripts/openapi-contract.sh document|readme|responses DIR [args...]
#                                                        # node tests/openapi/contract.mjs ...
#
# The end-to-end suites record every exchange into DIR/exchanges (ORGS_TEST_EXCHANGES_DIR,
# tests/src/support/ExchangeLog.h); `responses` validates them once the suites are done.
set -euo pipefail

usage()
{
	echo "usage: $0 prepare|document|readme|responses DIR [args...]" >&2
	exit 2
}

[[ $# -ge 2 ]] || usage
CMD=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/tests/openapi
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
shift 2
NODE_DIR=$DIR/node

install_packages()
{
	# npm ci into the build folder, never the source tree; again only when the lock changed.
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		echo "openapi-contract: node and npm are needed (scripts/install-deps.sh installs them)" >&2
		return 1
	fi
	mkdir -p "$NODE_DIR"
	if [[ -d $NODE_DIR/node_modules/@apidevtools/swagger-parser ]] && [[ -f $NODE_DIR/.installed-lock ]] &&
		cmp -s "$SRC/package-lock.json" "$NODE_DIR/.installed-lock"; then
		return 0
	fi
	rm -f "$NODE_DIR/.installed-lock"
	cp "$SRC/package.json" "$SRC/package-lock.json" "$NODE_DIR/"
	echo "openapi-contract: npm ci in $NODE_DIR"
	if ! (cd "$NODE_DIR" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >"$NODE_DIR/npm-ci.log" 2>&1); then
		cat "$NODE_DIR/npm-ci.log" >&2
		echo "openapi-contract: npm ci failed" >&2
		return 1
	fi
	cp "$SRC/package-lock.json" "$NODE_DIR/.installed-lock"
}

case $CMD in
prepare)
	install_packages
	rm -rf "$DIR/exchanges"
	mkdir -p "$DIR/exchanges"
	;;
document | readme | responses)
	install_packages
	# The script runs from the folder of its packages (ES modules resolve from their own path).
	cp "$SRC/contract.mjs" "$NODE_DIR/contract.mjs"
	exec node "$NODE_DIR/contract.mjs" "$CMD" "$@"
	;;
*)
	usage
	;;
esac
