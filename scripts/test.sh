#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test with ctest.
# ctest starts and stops a private MariaDB (scripts/mariadb.sh) through test fixtures.
#
#   scripts/test.sh                    # build dir: ./build
#   ORGS_BUILD_DIR=/tmp/b scripts/test.sh
#
# Exits with ctest's status; the last line is ctest's summary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BUILD=${ORGS_BUILD_DIR:-$ROOT/build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
MARIADB_DIR=$BUILD/mariadb

stop_mariadb()
{
	# A server left over by an interrupted run (or by a ctest that did not reach mariadb.stop).
	if [[ -f $MARIADB_DIR/run/mysqld.pid ]]; then
		"$ROOT/scripts/mariadb.sh" stop "$MARIADB_DIR" >/dev/null 2>&1 || true
	fi
}
trap stop_mariadb EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$ROOT/scripts/build.sh" >/dev/null

LOG=$BUILD/ctest.log
rc=0
ctest --test-dir "$BUILD" --output-on-failure --no-tests=error -j1 2>&1 | tee "$LOG" || rc=${PIPESTATUS[0]}
stop_mariadb
trap - EXIT

# ctest prints the list of failed tests and the total time after its summary: repeat the summary last.
summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOG" | tail -n1 || true)
echo
if [[ -n $summary ]]; then
	echo "$summary"
else
	echo "ctest did not run (exit code $rc)"
fi
exit "$rc"
