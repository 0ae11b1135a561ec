#!/usr/bin/env bash
# Load benchmark of orgs-host on MariaDB with the orgs-bench population, read against two
# reference handlers measured in the same run (tests/bench/README.md), and optionally against
# a second build of orgs-host (the base) on the same database, run after run.
#
#   tests/bench/load/run.sh [BUILD_DIR [BASE_BUILD_DIR]]     (default: build-bench, no base)
#
# Environment: ORGS_BENCH_SCALE (1), ORGS_BENCH_DURATION (seconds per measurement, 10),
# ORGS_BENCH_WARMUP (seconds before each measurement, 2), ORGS_BENCH_WORK (scratch folder,
# BUILD_DIR/tests/bench/load/run), ORGS_BENCH_BASE (BASE_BUILD_DIR, if not given as an argument).
#
# Installs nothing (run scripts/install-deps.sh first: wrk, curl, MariaDB). Everything runs on
# 127.0.0.1, each wrk run is bounded in time, and everything started here is stopped at the end:
#   1. a private MariaDB (scripts/mariadb.sh) with a 512 MB buffer pool;
#   2. the population, loaded once and reused: orgs-bench --load-only --export (it also issues
#      an access token for a plain member of the 100,000-member organization);
#   3. orgs-host with the plugin on that database (and the base build's orgs-host, if given),
#      and orgs-bench-reference (/bare, /select); a writer account signed up on each host;
#   4. wrk runs, each preceded by a warm-up; MariaDB's global status gives the statements,
#      prepares and log fsyncs each request cost. The writes (a new member per request, a new
#      organization per request) run on organizations created for the run, on the plan
#      "enterprise" (no seat limit), with the population's accounts as the new members;
#   5. a summary table with the issue's targets, and base against this build when both ran.
# The OpenID Provider of the tests (scripts/oidc-provider.sh, under WORK/oidc) runs beside them:
# orgs-host trusts its primary issuer, and an ID token of it (orgs-bench-idtoken), for an account
# made a plain member of the big organization like the personal token's, measures
# GET /orgs/{org}/permissions with a JWT next to the personal-token figure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build-bench}" && pwd)
BASE=${2:-${ORGS_BENCH_BASE:-}}
[[ -n $BASE ]] && BASE=$(cd "$BASE" && pwd)
SCALE=${ORGS_BENCH_SCALE:-1}
DURATION=${ORGS_BENCH_DURATION:-10}
WARMUP=${ORGS_BENCH_WARMUP:-2}
WORK=${ORGS_BENCH_WORK:-$BUILD/tests/bench/load/run}
LUA=$ROOT/tests/bench/load/report.lua
ADD_MEMBER_LUA=$WORK/add-member.lua
CREATE_ORGANIZATION_LUA=$WORK/create-organization.lua

BENCH=$BUILD/tests/bench/orgs-bench
REFERENCE=$BUILD/tests/bench/load/orgs-bench-reference
IDTOKEN=$BUILD/tests/bench/load/orgs-bench-idtoken
OIDC_SH=$ROOT/scripts/oidc-provider.sh
OIDC_DIR=$WORK/oidc
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
MARIADB_SH=$ROOT/scripts/mariadb.sh
MARIADB_DIR=$WORK/mariadb

BASE_HOST=${BASE:+$BASE/samples/host-server/orgs-host}
BASE_HOST_CONFIG=${BASE:+$BASE/etc/orgs/host.properties}
# shellcheck source=../../lib/processes.sh
source "$ROOT/tests/lib/processes.sh"
orgs_require_files "build first (cmake --build $BUILD)" "$BENCH" "$REFERENCE" "$IDTOKEN" "$HOST" "$HOST_CONFIG" \
	$BASE_HOST $BASE_HOST_CONFIG
orgs_require_tools wrk curl mariadb
mkdir -p "$WORK"
# The write scripts: the request generator, then report.lua (token, results).
cat "$ROOT/tests/bench/load/add-member.lua" "$LUA" >"$ADD_MEMBER_LUA"
cat "$ROOT/tests/bench/load/create-organization.lua" "$LUA" >"$CREATE_ORGANIZATION_LUA"

HOST_PID=""
BASE_PID=""
REFERENCE_PID=""
MARIADB_STARTED=0
OIDC_STARTED=0

cleanup()
{
	orgs_stop_process "$HOST_PID"
	orgs_stop_process "$BASE_PID"
	orgs_stop_process "$REFERENCE_PID"
	if ((OIDC_STARTED)); then
		"$OIDC_SH" stop "$OIDC_DIR" >/dev/null || true
	fi
	if ((MARIADB_STARTED)); then
		"$MARIADB_SH" stop "$MARIADB_DIR" >/dev/null || true
	fi
}
trap cleanup EXIT

sql()
{
	mariadb --no-defaults --socket="$(sed -n 's/^socket=//p' "$MARIADB_DIR/connection.properties")" -uroot -N -B -e "$1"
}

status_counters()
{
	# The global status counters the summary reads, on one line: questions, statements
	# executed, statements prepared, redo log fsyncs.
	sql "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY FIELD(VARIABLE_NAME, 'QUESTIONS', 'COM_STMT_EXECUTE',
		'COM_STMT_PREPARE', 'INNODB_OS_LOG_FSYNCS') SEPARATOR ' ') FROM information_schema.GLOBAL_STATUS
		WHERE VARIABLE_NAME IN ('QUESTIONS', 'COM_STMT_EXECUTE', 'COM_STMT_PREPARE', 'INNODB_OS_LOG_FSYNCS')"
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
"$OIDC_SH" start "$OIDC_DIR" >"$WORK/oidc-provider.log"
OIDC_STARTED=1
oidc_value()
{
	sed -n "s/^$1=//p" "$OIDC_DIR/env"
}
start_host()
{
	# start_host EXECUTABLE CONFIG LOG: starts an orgs-host on the population; sets STARTED_PID.
	"$1" --config="$2" --define=http.port=0 --define=logging.level=warning \
		--define=orgs.database.connector=MySQL --define=orgs.accounts.selfSignup=true \
		--define=orgs.mail.deliver=false \
		--define=orgs.auth.oidc.bench.issuer="$(oidc_value ORGS_OIDC_PRIMARY_ISSUER)" \
		--define=orgs.auth.oidc.bench.audience="$(oidc_value ORGS_OIDC_PRIMARY_CLIENT_ID)" \
		--define=orgs.auth.tls.caFile="$(oidc_value ORGS_OIDC_CA_FILE)" \
		--define=orgs.database.connectionString="$ORGS_BENCH_CONNECTION_STRING" >"$3" 2>&1 &
	STARTED_PID=$!
}
start_host "$HOST" "$HOST_CONFIG" "$WORK/host.log"
HOST_PID=$STARTED_PID
if [[ -n $BASE ]]; then
	start_host "$BASE_HOST" "$BASE_HOST_CONFIG" "$WORK/host-base.log"
	BASE_PID=$STARTED_PID
fi
"$REFERENCE" --port=0 --connector=MySQL --connection-string="$ORGS_BENCH_CONNECTION_STRING" \
	--id="$ORGS_BENCH_BIG_ORG" >"$WORK/reference.log" 2>&1 &
REFERENCE_PID=$!
HOST_URL=$(orgs_host_url "$WORK/host.log" "$HOST_PID")
REFERENCE_URL=$(orgs_host_url "$WORK/reference.log" "$REFERENCE_PID")
echo "orgs-host: $HOST_URL    orgs-bench-reference: $REFERENCE_URL"
BUILDS=(this)
declare -A URL_OF PID_OF
URL_OF[this]=$HOST_URL
PID_OF[this]=$HOST_PID
if [[ -n $BASE ]]; then
	URL_OF[base]=$(orgs_host_url "$WORK/host-base.log" "$BASE_PID")
	PID_OF[base]=$BASE_PID
	BUILDS=(base this)
	echo "orgs-host of the base build ($BASE): ${URL_OF[base]}"
fi

# A writer on each host: it creates the organizations the writes go to and owns them.
RUN_ID=$(date +%s)
declare -A WRITER_TOKEN
for build in "${BUILDS[@]}"; do
	writer="writer-$build-$RUN_ID"
	WRITER_TOKEN[$build]=$(curl -s -X POST "${URL_OF[$build]}/api/v1/accounts" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$writer\",\"email\":\"$writer@bench.example\",\"name\":\"$writer\"}" | orgs_json_field token)
done

fresh_organization()
{
	# fresh_organization BUILD NAME: creates the organization NAME on the plan without a seat
	# limit through BUILD's host.
	local build=$1 name=$2 code
	code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X POST "${URL_OF[$build]}/api/v1/orgs" \
		-H "Authorization: Bearer ${WRITER_TOKEN[$build]}" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$name\",\"title\":\"Write benchmark\"}")
	[[ $code == 201 ]] || { echo "run.sh: POST /orgs answered $code: $(cat "$WORK/probe.json")" >&2; return 1; }
	code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -X PATCH "${URL_OF[$build]}/api/v1/orgs/$name" \
		-H "Authorization: Bearer ${WRITER_TOKEN[$build]}" -H 'Content-Type: application/json' \
		-d '{"plan":"enterprise"}')
	[[ $code == 200 ]] || { echo "run.sh: PATCH /orgs/$name answered $code: $(cat "$WORK/probe.json")" >&2; return 1; }
}

ORG=$ORGS_BENCH_BIG_ORG
MEMBERS_FIRST="/api/v1/orgs/$ORG/members?limit=$ORGS_BENCH_PAGE_SIZE"
MEMBERS_LAST="/api/v1/orgs/$ORG/members?limit=$ORGS_BENCH_PAGE_SIZE&cursor=$ORGS_BENCH_LAST_PAGE_CURSOR"
PERMISSIONS="/api/v1/orgs/$ORG/permissions"
ME="/api/v1/me"
BARE="$REFERENCE_URL/bare"
SELECT="$REFERENCE_URL/select"
SELECT_REUSED="$REFERENCE_URL/select-reused"

# Every endpoint answers 200 before anything is measured; the last page has the last members.
for build in "${BUILDS[@]}"; do
	for url in "${URL_OF[$build]}$MEMBERS_FIRST" "${URL_OF[$build]}$MEMBERS_LAST" "${URL_OF[$build]}$PERMISSIONS" \
		"${URL_OF[$build]}$ME" "$BARE" "$SELECT" "$SELECT_REUSED"; do
		code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $ORGS_BENCH_TOKEN" "$url")
		if [[ $code != 200 ]]; then
			echo "run.sh: $url answered $code: $(cat "$WORK/probe.json")" >&2
			exit 1
		fi
	done
done
# The JWT's account: provisioned by its first request, then made a member of the big
# organization with the personal token's account's role (as a plain member would be).
ID_TOKEN=$("$IDTOKEN" "$OIDC_DIR/env" "bench-jwt-$RUN_ID")
DB_NAME=$(grep -oE '(^|;)db=[^;]+' <<<"$ORGS_BENCH_CONNECTION_STRING" | sed 's/.*db=//')
for build in "${BUILDS[@]}"; do
	jwt_account=$(curl -s -H "Authorization: Bearer $ID_TOKEN" "${URL_OF[$build]}$ME" | orgs_json_field id)
done
sql "INSERT INTO \`$DB_NAME\`.memberships (organization_id, account_id, role, created_at, updated_at)
	SELECT organization_id, $jwt_account, role, created_at, updated_at FROM \`$DB_NAME\`.memberships
	WHERE organization_id = $ORG AND account_id = $ORGS_BENCH_ACTOR"
for build in "${BUILDS[@]}"; do
	code=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "Authorization: Bearer $ID_TOKEN" \
		"${URL_OF[$build]}$PERMISSIONS")
	if [[ $code != 200 ]]; then
		echo "run.sh: $PERMISSIONS with a JWT answered $code: $(cat "$WORK/probe.json")" >&2
		exit 1
	fi
done
last_id=$(curl -s -H "Authorization: Bearer $ORGS_BENCH_TOKEN" "$HOST_URL$MEMBERS_LAST" | grep -oE '"account_id" *: *[0-9]+' |
	tail -n1 | grep -oE '[0-9]+$' || true)
echo "the last page ends with account $last_id of $ORGS_BENCH_BIG_ORG_MEMBERS members"

# --- 4. Measurements ----------------------------------------------------------------------
RESULTS=$WORK/results.txt
: >"$RESULTS"

MARIADB_PID=$(cat "$MARIADB_DIR/run/mysqld.pid")

measure()
{
	# measure LABEL CONNECTIONS URL SERVER_PID [LUA [WARMUP_URL]]: a warm-up (on WARMUP_URL if
	# given), then DURATION seconds of wrk, with the statements MariaDB ran and the CPU time the
	# server and MariaDB used meanwhile.
	local label=$1 connections=$2 url=$3 server=$4 lua=${5:-$LUA} warmup=${6:-$3} threads=1 c0 c1 s0 s1 d0 d1 line
	((connections > 1)) && threads=2
	export ORGS_BENCH_THREADS=$threads
	wrk -t"$threads" -c"$connections" -d"${WARMUP}s" -s "$lua" "$warmup" >/dev/null
	c0=$(status_counters)
	s0=$(cpu_ticks "$server")
	d0=$(cpu_ticks "$MARIADB_PID")
	line=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 5s -s "$lua" "$url" | grep '^WRK_RESULT')
	s1=$(cpu_ticks "$server")
	d1=$(cpu_ticks "$MARIADB_PID")
	c1=$(status_counters)
	read -r q0 e0 p0 f0 <<<"$c0"
	read -r q1 e1 p1 f1 <<<"$c1"
	# The second status query is one of the questions.
	echo "$label|$connections|$line|$((q1 - q0 - 1))|$((e1 - e0))|$((p1 - p0))|$((f1 - f0))|$((s1 - s0))|$((d1 - d0))" \
		>>"$RESULTS"
	echo "  $label, $connections connection(s): ${line#WRK_RESULT }"
}

measure_builds()
{
	# measure_builds LABEL CONNECTIONS PATH [TOKEN]: the same measurement on each build's host.
	local build
	for build in "${BUILDS[@]}"; do
		ORGS_BENCH_TOKEN=${4:-$ORGS_BENCH_TOKEN} measure "$1 ($build)" "$2" "${URL_OF[$build]}$3" "${PID_OF[$build]}"
	done
}

measure_add_member()
{
	# measure_add_member CONNECTIONS: a new member per request, into an organization made for the
	# measurement (its warm-up into another one).
	local build warmup measured
	for build in "${BUILDS[@]}"; do
		warmup="w$RUN_ID-$build-c$1-warm-up"
		measured="w$RUN_ID-$build-c$1"
		fresh_organization "$build" "$warmup"
		fresh_organization "$build" "$measured"
		ORGS_BENCH_TOKEN=${WRITER_TOKEN[$build]} measure "add member ($build)" "$1" \
			"${URL_OF[$build]}/api/v1/orgs/$measured/members" "${PID_OF[$build]}" "$ADD_MEMBER_LUA" \
			"${URL_OF[$build]}/api/v1/orgs/$warmup/members"
	done
}

measure_create_organization()
{
	local build
	for build in "${BUILDS[@]}"; do
		ORGS_BENCH_WRITE_PREFIX="c$RUN_ID-$build" ORGS_BENCH_TOKEN=${WRITER_TOKEN[$build]} \
			measure "create organization ($build)" 1 "${URL_OF[$build]}/api/v1/orgs" "${PID_OF[$build]}" \
			"$CREATE_ORGANIZATION_LUA"
	done
}

echo "measuring: ${DURATION} s per run after ${WARMUP} s of warm-up"
measure_builds "members, first page" 1 "$MEMBERS_FIRST"
measure_builds "members, last page" 1 "$MEMBERS_LAST"
measure "reference /select" 1 "$SELECT" "$REFERENCE_PID"
measure "reference /select-reused" 1 "$SELECT_REUSED" "$REFERENCE_PID"
measure_add_member 1
measure_create_organization
measure_builds "GET /me" 1 "$ME"
measure_builds "permissions" 16 "$PERMISSIONS"
measure_builds "permissions, JWT" 16 "$PERMISSIONS" "$ID_TOKEN"
measure "reference /bare" 16 "$BARE" "$REFERENCE_PID"
measure "reference /select" 16 "$SELECT" "$REFERENCE_PID"
measure_builds "members, first page" 16 "$MEMBERS_FIRST"
measure_builds "members, last page" 16 "$MEMBERS_LAST"
measure_add_member 8

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
[[ -n $BASE ]] && echo "builds: this = $BUILD, base = $BASE"
TICK_US=$((1000000 / $(getconf CLK_TCK)))
printf '%-32s %5s %8s %8s %8s %8s %6s %9s %9s %8s %8s %9s %9s\n' endpoint conns req/s p50_ms p90_ms p99_ms errors \
	stmts/req execs/req prep/req fsync/req srv_us/req db_us/req
while IFS='|' read -r label connections line statements executes prepares fsyncs server database; do
	requests=$(grep -oE 'requests=[0-9]+' <<<"$line" | cut -d= -f2)
	rps=$(grep -oE 'rps=[0-9.]+' <<<"$line" | cut -d= -f2)
	p50=$(grep -oE 'p50_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p90=$(grep -oE 'p90_us=[0-9]+' <<<"$line" | cut -d= -f2)
	p99=$(grep -oE 'p99_us=[0-9]+' <<<"$line" | cut -d= -f2)
	errors=$(($(grep -oE 'errors=[0-9]+' <<<"$line" | cut -d= -f2) + $(grep -oE 'non2xx=[0-9]+' <<<"$line" | cut -d= -f2)))
	awk -v l="$label" -v c="$connections" -v r="$rps" -v a="$p50" -v b="$p90" -v d="$p99" -v e="$errors" \
		-v s="$statements" -v x="$executes" -v p="$prepares" -v f="$fsyncs" -v n="$requests" -v sc="$server" \
		-v dc="$database" -v t="$TICK_US" 'BEGIN {
			printf "%-32s %5d %8.0f %8.2f %8.2f %8.2f %6d %9.2f %9.2f %8.2f %8.2f %9.0f %9.0f\n", l, c, r, a / 1000,
				b / 1000, d / 1000, e, s / n, x / n, p / n, f / n, sc * t / n, dc * t / n }'
done <"$RESULTS"

echo
awk -v perm="$(field "permissions (this)" 16 rps)" -v bare="$(field "reference /bare" 16 rps)" 'BEGIN {
	printf "permissions at 16 connections: %.0f%% of /bare (target >= 70%%)\n", 100 * perm / bare }'
awk -v jwt="$(field "permissions, JWT (this)" 16 rps)" -v pat="$(field "permissions (this)" 16 rps)" 'BEGIN {
	printf "permissions at 16 connections: JWT %.0f req/s, personal token %.0f req/s: %.0f%% (target >= 80%%)\n",
		jwt, pat, 100 * jwt / pat }'
awk -v m="$(field "members, first page (this)" 1 p50_us)" -v s="$(field "reference /select" 1 p50_us)" 'BEGIN {
	printf "members page p50 at 1 connection: %.2f ms vs /select %.2f ms: %.2fx (target <= 1.00x)\n", m / 1000,
		s / 1000, m / s }'
awk -v f="$(field "members, first page (this)" 1 p50_us)" -v l="$(field "members, last page (this)" 1 p50_us)" 'BEGIN {
	printf "last page / first page p50 at 1 connection: %.2fx (target: about 1)\n", l / f }'
if [[ -n $BASE ]]; then
	awk -v b="$(field "add member (base)" 1 p50_us)" -v t="$(field "add member (this)" 1 p50_us)" 'BEGIN {
		printf "add member p50 at 1 connection: base %.2f ms, this %.2f ms: %.2fx better (target >= 2x)\n",
			b / 1000, t / 1000, b / t }'
	awk -v b="$(field "add member (base)" 8 rps)" -v t="$(field "add member (this)" 8 rps)" 'BEGIN {
		printf "add member req/s at 8 connections: base %.0f, this %.0f: %.2fx better (target >= 2x)\n", b, t, t / b }'
fi
echo "srv_us/req and db_us/req: CPU time of the server (orgs-host or orgs-bench-reference) and of MariaDB"
echo "per request; stmts/req: statements MariaDB ran per request (QUESTIONS: prepared executions and"
echo "text queries); execs/req: prepared statement executions (COM_STMT_EXECUTE); prep/req: statements"
echo "prepared (COM_STMT_PREPARE); fsync/req: redo log fsyncs (INNODB_OS_LOG_FSYNCS)."
echo "results: $RESULTS; logs: $WORK/host.log${BASE:+, $WORK/host-base.log}, $WORK/reference.log"
