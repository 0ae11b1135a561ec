#!/usr/bin/env bash
# Load benchmark of orgs-host on MariaDB with the orgs-bench population, read against two
# reference handlers measured in the same run (tests/bench/README.md).
#
#   tests/bench/load/run.sh [BUILD_DIR]        (default: build-bench)
#
# Environment: ORGS_BENCH_SCALE (1), ORGS_BENCH_DURATION (seconds per measurement, 10),
# ORGS_BENCH_WARMUP (seconds before each measurement, 2), ORGS_BENCH_WORK (scratch folder,
# BUILD_DIR/tests/bench/load/run).
#
# Installs nothing (run scripts/install-deps.sh first: wrk, curl, MariaDB). Everything runs on
# 127.0.0.1, each wrk run is bounded in time, and everything started here is stopped at the end:
#   1. a private MariaDB (scripts/mariadb.sh) with a 512 MB buffer pool;
#   2. the population, loaded once and reused: orgs-bench --load-only --export (it also issues
#      an access token for a plain member of the 100,000-member organization);
#   3. orgs-host with the plugin on that database, and orgs-bench-reference (/bare, /select);
#   4. wrk runs, each preceded by a warm-up; MariaDB's global status gives the statements each
#      request cost;
#   5. a summary table with the issue's targets.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build-bench}" && pwd)
SCALE=${ORGS_BENCH_SCALE:-1}
DURATION=${ORGS_BENCH_DURATION:-10}
WARMUP=${ORGS_BENCH_WARMUP:-2}
WORK=${ORGS_BENCH_WORK:-$BUILD/tests/bench/load/run}
LUA=$ROOT/tests/bench/load/report.lua

BENCH=$BUILD/tests/bench/orgs-bench
REFERENCE=$BUILD/tests/bench/load/orgs-bench-reference
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
MARIADB_SH=$ROOT/scripts/mariadb.sh
MARIADB_DIR=$WORK/mariadb

for f in "$BENCH" "$REFERENCE" "$HOST" "$HOST_CONFIG"; do
	if [[ ! -e $f ]]; then
		echo "run.sh: $f is missing: build first (cmake --build $BUILD)" >&2
		exit 2
	fi
done
for tool in wrk curl mariadb; do
	if ! command -v "$tool" >/dev/null; then
		echo "run.sh: $tool is not installed: run scripts/install-deps.sh" >&2
		exit 2
	fi
done
mkdir -p "$WORK"

HOST_PID=""
REFERENCE_PID=""
MARIADB_STARTED=0

stop_process()
{
	# Stops one process this script started, by its pid: TERM, then KILL after 10 s.
	local pid=$1 i
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cleanup()
{
	stop_process "$HOST_PID"
	stop_process "$REFERENCE_PID"
	if ((MARIADB_STARTED)); then
		"$MARIADB_SH" stop "$MARIADB_DIR" >/dev/null || true
	fi
}
trap cleanup EXIT

wait_for_line()
{
	# Prints the first match of the regular expression $2 in the log $1, waiting up to 60 s
	# while the process $3 lives.
	local log=$1 pattern=$2 pid=$3 i line
	for ((i = 0; i < 600; i++)); do
		line=$(grep -oE "$pattern" "$log" | head -n1 || true)
		if [[ -n $line ]]; then
			echo "$line"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	echo "run.sh: no '$pattern' in $log:" >&2
	cat "$log" >&2
	return 1
}

sql()
{
	mariadb --no-defaults --socket="$(sed -n 's/^socket=//p' "$MARIADB_DIR/connection.properties")" -uroot -N -B -e "$1"
}

status_counter()
{
	sql "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = '$1'"
}

cpu_ticks()
{
	# User and system CPU time of process $1 so far, in clock ticks.
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# --- 1. MariaDB ---------------------------------------------------------------------------
"$MARIADB_SH" start "$MARIADB_DIR"
MARIADB_STARTED=1
# The population's tables and indexes (about 250 MB) stay in memory, as on a real server.
sql "SET GLOBAL innodb_buffer_pool_size = 536870912"

# --- 2. The population --------------------------------------------------------------------
"$BENCH" --scale="$SCALE" --no-sqlite --mysql="$MARIADB_DIR/connection.properties" --load-only \
	--export="$WORK/population.env"
# shellcheck disable=SC1091
source "$WORK/population.env"
export ORGS_BENCH_TOKEN

# --- 3. The servers -----------------------------------------------------------------------
"$HOST" --config="$HOST_CONFIG" --define=http.port=0 --define=logging.level=warning \
	--define=orgs.database.connector=MySQL \
	--define=orgs.database.connectionString="$ORGS_BENCH_CONNECTION_STRING" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
"$REFERENCE" --port=0 --connector=MySQL --connection-string="$ORGS_BENCH_CONNECTION_STRING" \
	--id="$ORGS_BENCH_BIG_ORG" >"$WORK/reference.log" 2>&1 &
REFERENCE_PID=$!
HOST_URL=$(wait_for_line "$WORK/host.log" 'http://127\.0\.0\.1:[0-9]+' "$HOST_PID")
REFERENCE_URL=$(wait_for_line "$WORK/reference.log" 'http://127\.0\.0\.1:[0-9]+' "$REFERENCE_PID")
echo "orgs-host: $HOST_URL    orgs-bench-reference: $REFERENCE_URL"

ORG=$ORGS_BENCH_BIG_ORG
MEMBERS_FIRST="$HOST_URL/api/v1/orgs/$ORG/members?limit=$ORGS_BENCH_PAGE_SIZE"
MEMBERS_LAST="$HOST_URL/api/v1/orgs/$ORG/members?limit=$ORGS_BENCH_PAGE_SIZE&cursor=$ORGS_BENCH_LAST_PAGE_CURSOR"
PERMISSIONS="$HOST_URL/api/v1/orgs/$ORG/permissions"
BARE="$REFERENCE_URL/bare"
SELECT="$REFERENCE_URL/select"
SELECT_REUSED="$REFERENCE_URL/select-reused"

# Every endpoint answers 200 before anything is measured; the last page has the last members.
for url in "$MEMBERS_FIRST" "$MEMBERS_LAST" "$PERMISSIONS" "$BARE" "$SELECT" "$SELECT_REUSED"; do
	code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $ORGS_BENCH_TOKEN" "$url")
	if [[ $code != 200 ]]; then
		echo "run.sh: $url answered $code: $(cat "$WORK/probe.json")" >&2
		exit 1
	fi
done
last_id=$(curl -s -H "Authorization: Bearer $ORGS_BENCH_TOKEN" "$MEMBERS_LAST" | grep -oE '"account_id" *: *[0-9]+' |
	tail -n1 | grep -oE '[0-9]+$' || true)
echo "the last page ends with account $last_id of $ORGS_BENCH_BIG_ORG_MEMBERS members"

# --- 4. Measurements ----------------------------------------------------------------------
RESULTS=$WORK/results.txt
: >"$RESULTS"

MARIADB_PID=$(cat "$MARIADB_DIR/run/mysqld.pid")

measure()
{
	# measure LABEL CONNECTIONS URL SERVER_PID: a warm-up, then DURATION seconds of wrk, with the
	# statements MariaDB ran and the CPU time the server and MariaDB used meanwhile.
	local label=$1 connections=$2 url=$3 server=$4 threads=1 q0 p0 q1 p1 s0 s1 d0 d1 line
	((connections > 1)) && threads=2
	wrk -t"$threads" -c"$connections" -d"${WARMUP}s" -s "$LUA" "$url" >/dev/null
	q0=$(status_counter QUESTIONS)
	p0=$(status_counter COM_STMT_PREPARE)
	s0=$(cpu_ticks "$server")
	d0=$(cpu_ticks "$MARIADB_PID")
	line=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 5s -s "$LUA" "$url" | grep '^WRK_RESULT')
	s1=$(cpu_ticks "$server")
	d1=$(cpu_ticks "$MARIADB_PID")
	q1=$(status_counter QUESTIONS)
	p1=$(status_counter COM_STMT_PREPARE)
	echo "$label|$connections|$line|$((q1 - q0 - 1))|$((p1 - p0))|$((s1 - s0))|$((d1 - d0))" >>"$RESULTS"
	echo "  $label, $connections connection(s): ${line#WRK_RESULT }"
}

echo "measuring: ${DURATION} s per run after ${WARMUP} s of warm-up"
measure "members, first page" 1 "$MEMBERS_FIRST" "$HOST_PID"
measure "members, last page" 1 "$MEMBERS_LAST" "$HOST_PID"
measure "reference /select" 1 "$SELECT" "$REFERENCE_PID"
measure "reference /select-reused" 1 "$SELECT_REUSED" "$REFERENCE_PID"
measure "permissions" 16 "$PERMISSIONS" "$HOST_PID"
measure "reference /bare" 16 "$BARE" "$REFERENCE_PID"
measure "reference /select" 16 "$SELECT" "$REFERENCE_PID"
measure "members, first page" 16 "$MEMBERS_FIRST" "$HOST_PID"
measure "members, last page" 16 "$MEMBERS_LAST" "$HOST_PID"

# --- 5. Summary ---------------------------------------------------------------------------
field()
{
	# field LABEL CONNECTIONS KEY: a value from the results.
	awk -F'|' -v l="$1" -v c="$2" '$1 == l && $2 == c { print $3 }' "$RESULTS" | grep -oE "$3=[0-9.]+" |
		cut -d= -f2
}

echo
echo "=== Load benchmark: orgs-host vs reference handlers on MariaDB ==="
echo "$ORGS_BENCH_DESCRIPTION; wrk ${DURATION} s per run on 127.0.0.1; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
TICK_US=$((1000000 / $(getconf CLK_TCK)))
printf '%-26s %5s %8s %8s %8s %8s %6s %9s %8s %9s %9s\n' endpoint conns req/s p50_ms p90_ms p99_ms errors \
	stmts/req prep/req srv_us/req db_us/req
while IFS='|' read -r label connections line statements prepares server database; do
	requests=$(grep -oE 'requests=[0-9]+' <<<"$line" | cut -d= -f2)
	rps=$(grep -oE 'rps=[0-9.]+' <<<"$line" | cut -d= -f2)
	p50=$(grep -oE 'p50_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p90=$(grep -oE 'p90_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p99=$(grep -oE 'p99_us=[0-9]+' <<<"$line" | cut -d= -f2)
	errors=$(($(grep -oE 'errors=[0-9]+' <<<"$line" | cut -d= -f2) + $(grep -oE 'non2xx=[0-9]+' <<<"$line" | cut -d= -f2)))
	awk -v l="$label" -v c="$connections" -v r="$rps" -v a="$p50" -v b="$p90" -v d="$p99" -v e="$errors" \
		-v s="$statements" -v p="$prepares" -v n="$requests" -v sc="$server" -v dc="$database" -v t="$TICK_US" 'BEGIN {
			printf "%-26s %5d %8.0f %8.2f %8.2f %8.2f %6d %9.2f %8.2f %9.0f %9.0f\n", l, c, r, a / 1000, b / 1000,
				d / 1000, e, s / n, p / n, sc * t / n, dc * t / n }'
done <"$RESULTS"

echo
awk -v perm="$(field permissions 16 rps)" -v bare="$(field "reference /bare" 16 rps)" 'BEGIN {
	printf "permissions at 16 connections: %.0f%% of /bare (target >= 70%%)\n", 100 * perm / bare }'
awk -v m="$(field "members, first page" 1 p50_us)" -v s="$(field "reference /select" 1 p50_us)" 'BEGIN {
	printf "members page p50 at 1 connection: %.2f ms vs /select %.2f ms: %.2fx (target <= 1.00x)\n", m / 1000,
		s / 1000, m / s }'
awk -v f="$(field "members, first page" 1 p50_us)" -v l="$(field "members, last page" 1 p50_us)" 'BEGIN {
	printf "last page / first page p50 at 1 connection: %.2fx (target: about 1)\n", l / f }'
echo "srv_us/req and db_us/req: CPU time of the server (orgs-host or orgs-bench-reference) and of MariaDB"
echo "per request; stmts/req and prep/req: statements MariaDB executed and prepared per request."
echo "results: $RESULTS; logs: $WORK/host.log, $WORK/reference.log"
