#!/usr/bin/env bash
# Two security measurements of orgs-host, on SQLite and on MariaDB:
#  1. Can a non-member tell an existing organization from a missing one by the answer time?
#     GET /orgs/{org} by a signed-in account that belongs to neither, for an existing and a
#     missing organization, by username and by numeric id.
#  2. What does a change pay for checking its token in its transaction? PUT
#     /me/active-organization (one write transaction) by the owner.
# Each with its latencies and the statements MariaDB ran per request.
#
#   tests/bench/security/run.sh [BUILD_DIR]        (default: build)
#
# Environment: ORGS_BENCH_DURATION (seconds of wrk per measurement, 5), ORGS_BENCH_WARMUP
# (seconds before each, 1), ORGS_BENCH_WORK (scratch folder, BUILD_DIR/tests/bench/security/run),
# ORGS_BENCH_DATABASES ("sqlite mariadb").
#
# Installs nothing (wrk, curl and MariaDB come with scripts/install-deps.sh). Everything runs on
# 127.0.0.1 with one connection (wrk -c1), each run is bounded in time, and everything started
# here is stopped at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
DURATION=${ORGS_BENCH_DURATION:-5}
WARMUP=${ORGS_BENCH_WARMUP:-1}
WORK=${ORGS_BENCH_WORK:-$BUILD/tests/bench/security/run}
DATABASES=${ORGS_BENCH_DATABASES:-sqlite mariadb}
LUA=$ROOT/tests/bench/load/report.lua
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
MARIADB_SH=$ROOT/scripts/mariadb.sh
MARIADB_DIR=$WORK/mariadb

# shellcheck source=../../lib/processes.sh
source "$ROOT/tests/lib/processes.sh"
orgs_require_files "build first (scripts/build.sh)" "$HOST" "$HOST_CONFIG"
orgs_require_tools wrk curl
rm -rf "$WORK/sqlite"
mkdir -p "$WORK/sqlite"

HOST_PID=""
MARIADB_STARTED=0

stop_host()
{
	orgs_stop_process "$HOST_PID"
	HOST_PID=""
}

cleanup()
{
	stop_host
	if ((MARIADB_STARTED)); then
		"$MARIADB_SH" stop "$MARIADB_DIR" >/dev/null || true
	fi
}
trap cleanup EXIT

sql()
{
	mariadb --no-defaults --socket="$(sed -n 's/^socket=//p' "$MARIADB_DIR/connection.properties")" -uroot -N -B -e "$1"
}

questions()
{
	if [[ $1 == mariadb ]]; then
		sql "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'"
	else
		echo 0
	fi
}

start_host()
{
	# start_host CONNECTOR CONNECTION_STRING: starts orgs-host and sets URL.
	local log=$WORK/host-$1.log i
	"$HOST" --config="$HOST_CONFIG" --define=http.port=0 --define=logging.level=warning \
		--define=orgs.accounts.selfSignup=true --define=orgs.mail.deliver=false \
		--define=orgs.database.connector="$1" --define=orgs.database.connectionString="$2" >"$log" 2>&1 &
	HOST_PID=$!
	URL=$(orgs_host_url "$log" "$HOST_PID") || exit 1
}

sign_up()
{
	curl -s -X POST "$URL/api/v1/accounts" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"email\":\"$1@example.com\",\"name\":\"$1\"}" | orgs_json_field token
}

RESULTS=$WORK/results.txt
: >"$RESULTS"

# The write: wrk's report script plus a method, a body and a content type.
WRITE_LUA=$WORK/write.lua
{
	echo 'wrk.method = "PUT"'
	echo 'wrk.body = "{\"org\":\"acme\"}"'
	echo 'wrk.headers["Content-Type"] = "application/json"'
	cat "$LUA"
} >"$WRITE_LUA"

measure()
{
	# measure DATABASE LABEL URL [LUA]: a warm-up, then DURATION seconds of wrk with one connection.
	local q0 q1 line lua=${4:-$LUA}
	wrk -t1 -c1 -d"${WARMUP}s" -s "$lua" "$2" >/dev/null
	q0=$(questions "$1")
	line=$(wrk -t1 -c1 -d"${DURATION}s" --timeout 5s -s "$lua" "$2" | grep '^WRK_RESULT')
	q1=$(questions "$1")
	echo "$1|$3|$line|$((q1 - q0))" >>"$RESULTS"
	echo "  $1 $3: ${line#WRK_RESULT }"
}

run()
{
	# run DATABASE CONNECTOR CONNECTION_STRING
	start_host "$2" "$3"
	local owner outsider id code
	owner=$(sign_up owner)
	outsider=$(sign_up outsider)
	id=$(curl -s -X POST "$URL/api/v1/orgs" -H "Authorization: Bearer $owner" -H 'Content-Type: application/json' \
		-d '{"username":"acme","title":"Acme"}' | orgs_json_field id)
	export ORGS_BENCH_TOKEN=$outsider
	for path in acme missing "$id" 999999; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $outsider" "$URL/api/v1/orgs/$path")
		if [[ $code != 404 ]]; then
			echo "run.sh: GET /orgs/$path answered $code to a non-member, not 404" >&2
			exit 1
		fi
	done
	echo "$1: orgs-host at $URL; organization acme is id $id"
	measure "$1" "$URL/api/v1/orgs/acme" "existing, by username"
	measure "$1" "$URL/api/v1/orgs/missing" "missing, by username"
	measure "$1" "$URL/api/v1/orgs/$id" "existing, by id"
	measure "$1" "$URL/api/v1/orgs/999999" "missing, by id"
	export ORGS_BENCH_TOKEN=$owner
	measure "$1" "$URL/api/v1/me/active-organization" "write (owner)" "$WRITE_LUA"
	stop_host
}

for database in $DATABASES; do
	case $database in
	sqlite)
		run sqlite SQLite "$WORK/sqlite/orgs.db"
		;;
	mariadb)
		"$MARIADB_SH" start "$MARIADB_DIR" >/dev/null
		MARIADB_STARTED=1
		sql "DROP DATABASE IF EXISTS orgs_existence; CREATE DATABASE orgs_existence"
		cs=$(sed -n 's/^connectionString=//p' "$MARIADB_DIR/connection.properties" | sed 's/db=[^;]*/db=orgs_existence/')
		run mariadb MySQL "$cs"
		;;
	*)
		echo "run.sh: unknown database $database" >&2
		exit 2
		;;
	esac
done

echo
echo "=== GET /orgs/{org} by a non-member, existing vs missing; PUT /me/active-organization by its owner ==="
echo "(wrk -c1, ${DURATION} s each, after ${WARMUP} s of warm-up; $(nproc) cores; $(uptime | sed 's/.*load/load/'))"
printf '%-8s %-22s %9s %8s %8s %8s %10s\n' database request requests p50_us p90_us p99_us stmts/req
while IFS='|' read -r database label line statements; do
	requests=$(grep -oE 'requests=[0-9]+' <<<"$line" | cut -d= -f2)
	p50=$(grep -oE 'p50_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p90=$(grep -oE 'p90_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p99=$(grep -oE 'p99_us=[0-9]+' <<<"$line" | cut -d= -f2)
	stmts=-
	[[ $database == mariadb ]] && stmts=$(awk -v s="$statements" -v n="$requests" 'BEGIN { printf "%.2f", (s - 1) / n }')
	printf '%-8s %-22s %9d %8d %8d %8d %10s\n' "$database" "$label" "$requests" "$p50" "$p90" "$p99" "$stmts"
done <"$RESULTS"
echo "stmts/req: statements MariaDB executed per request during the run (its global QUESTIONS counter)."
