#!/usr/bin/env bash
# The test command: installs dependencies, builds, and runs every test with ctest; then builds
# the sanitizer tree (AddressSanitizer with LeakSanitizer, and UndefinedBehaviorSanitizer:
# -DORGS_SANITIZE=ON, in <build>/asan) and runs the unit, SQLite, MariaDB and sample suites
# there. ctest starts and stops a private MariaDB (scripts/mariadb.sh), a private three-node
# Galera cluster (scripts/galera.sh, main tree only) and the tests' OpenID Provider
# (scripts/oidc-provider.sh) through test fixtures.
#
#   scripts/test.sh                    # build dir: ./build (sanitizer tree: ./build/asan)
#   ORGS_BUILD_DIR=/tmp/b scripts/test.sh
#   ORGS_SANITIZE=0 scripts/test.sh    # skip the sanitizer tree (a quicker local run)
#
# Exits non-zero if any test of either run fails or the sanitizer tree does not build. The last
# line is a summary in ctest's words over both runs (each run's own summary is printed above it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
BUILD=${ORGS_BUILD_DIR:-$ROOT/build}
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
MARIADB_DIR=$BUILD/mariadb
ASAN_BUILD=$BUILD/asan
# The suites the sanitizer tree runs (with their MariaDB fixture), and the targets they need:
# not the benchmarks, not the installed package, not the style check.
ASAN_TESTS='^(unit|sqlite|mariadb|sample)\.'
ASAN_TARGETS=(orgs-tests orgs-embedding-sample orgs-readme-sample)

stop_servers()
{
	# Servers left over by an interrupted run (or by a ctest that did not reach mariadb.stop,
	# galera.stop or oidc.stop).
	local dir
	for dir in "$MARIADB_DIR" "$ASAN_BUILD/mariadb"; do
		if [[ -f $dir/run/mysqld.pid ]]; then
			"$ROOT/scripts/mariadb.sh" stop "$dir" >/dev/null 2>&1 || true
		fi
	done
	for dir in "$BUILD/galera" "$ASAN_BUILD/galera"; do
		if [[ -f $dir/ports.properties ]]; then
			"$ROOT/scripts/galera.sh" stop "$dir" >/dev/null 2>&1 || true
		fi
	done
	for dir in "$BUILD/oidc" "$ASAN_BUILD/oidc"; do
		if [[ -f $dir/run/provider.pid ]]; then
			"$ROOT/scripts/oidc-provider.sh" stop "$dir" >/dev/null 2>&1 || true
		fi
	done
}
trap stop_servers EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Prints the last ctest summary line of a log ("NN% tests passed, F tests failed out of N").
summary_of()
{
	grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n1 || true
}

"$ROOT/scripts/build.sh" >/dev/null

LOG=$BUILD/ctest.log
rc=0
ctest --test-dir "$BUILD" --output-on-failure --no-tests=error -j1 2>&1 | tee "$LOG" || rc=${PIPESTATUS[0]}
stop_servers
summary=$(summary_of "$LOG")

if [[ ${ORGS_SANITIZE:-1} == 0 ]]; then
	trap - EXIT
	echo
	if [[ -n $summary ]]; then
		echo "$summary"
	else
		echo "ctest did not run (exit code $rc)"
	fi
	exit "$rc"
fi

# The sanitizer tree: the same sources with -fsanitize=address,undefined (see CMakeLists.txt),
# unoptimized (Debug: -O0 -g): with the sanitizers, -O2 compiles three times slower (15.6 s
# against 4.9 s of CPU for one test source) and the suites are bound by I/O more than by CPU.
echo
echo "Sanitizer build (AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer) in $ASAN_BUILD"
mkdir -p "$ASAN_BUILD"
ASAN_BUILD_LOG=$ASAN_BUILD/build.log
asan_built=0
{
	GENERATOR=()
	if [[ ! -f $ASAN_BUILD/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then
		GENERATOR=(-G Ninja)
	fi
	cmake -S "$ROOT" -B "$ASAN_BUILD" "${GENERATOR[@]}" -DCMAKE_BUILD_TYPE=Debug -DORGS_SANITIZE=ON \
		-DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON &&
		cmake --build "$ASAN_BUILD" -j"$(nproc)" --target "${ASAN_TARGETS[@]}"
} >"$ASAN_BUILD_LOG" 2>&1 && asan_built=1

ASAN_LOG=$ASAN_BUILD/ctest.log
asan_rc=0
asan_summary=
if [[ $asan_built == 1 ]]; then
	# LeakSanitizer on whatever the caller set (it is AddressSanitizer's default on Linux, and
	# needs ptrace: if it cannot run it fails the process, never passes it); UBSan with stacks.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1" \
		UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1" \
		ctest --test-dir "$ASAN_BUILD" -R "$ASAN_TESTS" --output-on-failure --no-tests=error -j1 2>&1 |
		tee "$ASAN_LOG" || asan_rc=${PIPESTATUS[0]}
	asan_summary=$(summary_of "$ASAN_LOG")
else
	tail -n 40 "$ASAN_BUILD_LOG"
fi
stop_servers
trap - EXIT

echo
echo "main tree:      ${summary:-ctest did not run (exit code $rc)}"
echo "sanitizer tree: ${asan_summary:-ctest did not run (exit code $asan_rc)}"
echo
if [[ $asan_built != 1 ]]; then
	echo "ctest did not run in $ASAN_BUILD: the sanitizer build failed (see $ASAN_BUILD_LOG)"
	exit 1
fi
if [[ -z $summary || -z $asan_summary ]]; then
	echo "ctest did not run (exit codes $rc and $asan_rc)"
	exit $((rc != 0 ? rc : (asan_rc != 0 ? asan_rc : 1)))
fi
# Both runs in ctest's words: the percentage as ctest rounds it (never 100% with a failure).
read -r passed failed total < <(
	printf '%s\n%s\n' "$summary" "$asan_summary" |
		awk '{ t += $NF; f += $4 } END { print t - f, f, t }'
)
percent=$(awk -v p="$passed" -v t="$total" -v f="$failed" \
	'BEGIN { x = t ? p * 100 / t : 0; if (f > 0 && x > 99) x = 99; printf "%d", x + 0.5 }')
plural=s
[[ $failed == 1 ]] && plural=
echo "$percent% tests passed, $failed test$plural failed out of $total"
if [[ $rc != 0 ]]; then
	exit "$rc"
fi
exit "$asan_rc"
