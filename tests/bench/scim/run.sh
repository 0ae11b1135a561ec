#!/usr/bin/env bash
# SCIM provisioning benchmark: one sequential client (orgs-bench-scim) provisions a directory
# through orgs-host on MariaDB as Entra ID does, one request at a time: the users, then the
# groups, then their members with PATCH. Prints the total time (the issue's target: 10,000 users
# in 100 groups in under 60 s) and the latency of a filter by userName at 10 users and at all of
# them (it must not grow with the directory). See tests/bench/README.md.
#
#   tests/bench/scim/run.sh [BUILD_DIR]          (default: build-bench)
#
# Environment: ORGS_SCIM_USERS (10000), ORGS_SCIM_GROUPS (100), ORGS_SCIM_MEMBERS_PER_PATCH
# (100: one PATCH per group; 1 sends one PATCH per member), ORGS_SCIM_SAMPLES (500 filter requests
# per measurement), ORGS_BENCH_WORK (scratch folder, BUILD_DIR/tests/bench/scim/run),
# ORGS_SCIM_GENERAL_LOG (a file: MariaDB logs every statement of the client's run there).
#
# Installs nothing (scripts/install-deps.sh: curl, MariaDB). Everything runs on 127.0.0.1 and
# everything started here is stopped at the end: a private MariaDB (scripts/mariadb.sh) with a
# fresh database, orgs-host with the plugin on it (self sign-up on), an owner, an organization on
# the plan "enterprise" (no seat limit) and a SCIM connection made through the API.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build-bench}" && pwd)
USERS=${ORGS_SCIM_USERS:-10000}
GROUPS_=${ORGS_SCIM_GROUPS:-100}
PER_PATCH=${ORGS_SCIM_MEMBERS_PER_PATCH:-100}
SAMPLES=${ORGS_SCIM_SAMPLES:-500}
WORK=${ORGS_BENCH_WORK:-$BUILD/tests/bench/scim/run}

CLIENT=$BUILD/tests/bench/scim/orgs-bench-scim
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
MARIADB_SH=$ROOT/scripts/mariadb.sh
MARIADB_DIR=$WORK/mariadb

# shellcheck source=../../lib/processes.sh
source "$ROOT/tests/lib/processes.sh"
orgs_require_files "build first (cmake --build $BUILD --target orgs-bench-scim orgs-host OrgsPlugin)" "$CLIENT" "$HOST" \
	"$HOST_CONFIG"
orgs_require_tools curl mariadb
mkdir -p "$WORK"

HOST_PID=""
MARIADB_STARTED=0
cleanup()
{
	orgs_stop_process "$HOST_PID"
	if ((MARIADB_STARTED)); then
		"$MARIADB_SH" stop "$MARIADB_DIR" >/dev/null || true
	fi
}
trap cleanup EXIT

# --- MariaDB, with a fresh database -----------------------------------------------------------
"$MARIADB_SH" start "$MARIADB_DIR" >/dev/null
MARIADB_STARTED=1
SOCKET=$(sed -n 's/^socket=//p' "$MARIADB_DIR/connection.properties")
DB=orgs_scim_bench
mariadb --no-defaults --socket="$SOCKET" -uroot -e "DROP DATABASE IF EXISTS $DB;
	CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	SET GLOBAL innodb_buffer_pool_size = 268435456"
CONNECTION=$(sed -n 's/^connectionString=//p' "$MARIADB_DIR/connection.properties" | sed "s/db=orgs_test/db=$DB/")

# --- orgs-host ----------------------------------------------------------------------------------
# Emptied here, not by the background job's redirection, so a stale address of a previous run is
# never read.
: >"$WORK/host.log"
"$HOST" --config="$HOST_CONFIG" --define=http.port=0 --define=logging.level=warning \
	--define=orgs.database.connector=MySQL --define=orgs.database.connectionString="$CONNECTION" \
	--define=orgs.accounts.selfSignup=true --define=orgs.mail.deliver=false >"$WORK/host.log" 2>&1 &
HOST_PID=$!
URL=$(orgs_host_url "$WORK/host.log" "$HOST_PID")

# --- An owner, an organization without a seat limit, a SCIM connection -----------------------
# The host prints its address as it starts listening: the first request may still be refused.
SIGNUP=""
for ((i = 0; i < 50; i++)); do
	SIGNUP=$(curl -s -X POST "$URL/api/v1/accounts" -H 'Content-Type: application/json' \
		-d '{"username":"owner","email":"owner@bench.example","name":"Owner"}' || true)
	[[ -n $SIGNUP ]] && break
	sleep 0.2
done
OWNER_TOKEN=$(orgs_json_field token <<<"$SIGNUP")
curl -sf -o /dev/null -X POST "$URL/api/v1/orgs" -H "Authorization: Bearer $OWNER_TOKEN" \
	-H 'Content-Type: application/json' -d '{"username":"directory","title":"SCIM benchmark"}'
curl -sf -o /dev/null -X PATCH "$URL/api/v1/orgs/directory" -H "Authorization: Bearer $OWNER_TOKEN" \
	-H 'Content-Type: application/json' -d '{"plan":"enterprise"}'
CONNECTION_JSON=$(curl -s -X POST "$URL/api/v1/orgs/directory/scim-connections" \
	-H "Authorization: Bearer $OWNER_TOKEN" -H 'Content-Type: application/json' -d '{"name":"Entra ID"}')
SCIM_ID=$(orgs_json_field id <<<"$CONNECTION_JSON")
SCIM_TOKEN=$(orgs_json_field token <<<"$CONNECTION_JSON")

status_counters()
{
	# MariaDB's statements so far: questions, prepared statements executed, redo log fsyncs.
	mariadb --no-defaults --socket="$SOCKET" -uroot -N -B -e "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY
		FIELD(VARIABLE_NAME, 'QUESTIONS', 'COM_STMT_EXECUTE', 'INNODB_OS_LOG_FSYNCS') SEPARATOR ' ')
		FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('QUESTIONS', 'COM_STMT_EXECUTE',
		'INNODB_OS_LOG_FSYNCS')"
}

echo "orgs-host $URL on MariaDB ($DB); SCIM connection $SCIM_ID"
if [[ -n ${ORGS_SCIM_GENERAL_LOG:-} ]]; then
	# Every statement of the client's run into this file (slow: for looking, not for timing).
	mariadb --no-defaults --socket="$SOCKET" -uroot -e "SET GLOBAL general_log_file = '$ORGS_SCIM_GENERAL_LOG';
		SET GLOBAL general_log = ON"
fi
read -r q0 e0 f0 <<<"$(status_counters)"
"$CLIENT" --url="$URL" --base="/api/v1/scim/v2/$SCIM_ID" --token="$SCIM_TOKEN" --users="$USERS" \
	--groups="$GROUPS_" --members-per-patch="$PER_PATCH" --samples="$SAMPLES"
read -r q1 e1 f1 <<<"$(status_counters)"
echo "MariaDB during the client's run: $((q1 - q0 - 1)) questions, $((e1 - e0)) prepared statements executed, \
$((f1 - f0)) log fsyncs"
mariadb --no-defaults --socket="$SOCKET" -uroot -N -B -e "SELECT CONCAT('rows: ', \
	(SELECT COUNT(*) FROM $DB.memberships), ' memberships, ', (SELECT COUNT(*) FROM $DB.audit_events), ' audit events')"
