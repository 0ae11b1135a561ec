#!/usr/bin/env bash
# The independent SCIM response validator for the tests (tests/scim: JSON Schemas of RFC 7643/7644
# run by npm's ajv; tests/src/support/ScimValidator.h drives it): installs it into DIR, never the
# source tree.
#
#   scripts/scim-validator.sh install DIR
#
# Copies validate.mjs and the schemas into DIR and runs `npm ci` there with the committed lock,
# again only when the lock changed; then checks that node runs it (one known-good request).
set -euo pipefail

[[ $# -eq 2 && $1 == install ]] || {
	echo "usage: $0 install DIR" >&2
	exit 2
}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/tests/scim
mkdir -p "$2"
DIR=$(cd "$2" && pwd)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "scim-validator: node and npm are needed (scripts/install-deps.sh installs them)" >&2
	exit 1
fi
rm -rf "$DIR/schemas"
cp -r "$SRC/schemas" "$DIR/schemas"
cp "$SRC/validate.mjs" "$DIR/validate.mjs"
if ! [[ -d $DIR/node_modules/ajv && -f $DIR/.installed-lock ]] || ! cmp -s "$SRC/package-lock.json" "$DIR/.installed-lock"; then
	rm -f "$DIR/.installed-lock"
	cp "$SRC/package.json" "$SRC/package-lock.json" "$DIR/"
	echo "scim-validator: npm ci in $DIR"
	if ! (cd "$DIR" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >"$DIR/npm-ci.log" 2>&1); then
		cat "$DIR/npm-ci.log" >&2
		echo "scim-validator: npm ci failed" >&2
		exit 1
	fi
	cp "$SRC/package-lock.json" "$DIR/.installed-lock"
fi
probe='{"body":"{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\"}","status":404}'
answer=$(echo "$probe" | node "$DIR/validate.mjs")
if [[ $answer != '{"ok":true,"errors":[]}' ]]; then
	echo "scim-validator: the validator does not run: $answer" >&2
	exit 1
fi
echo "scim-validator: ready in $DIR"
