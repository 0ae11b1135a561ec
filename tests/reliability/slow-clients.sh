#!/usr/bin/env bash
# Reliability check of orgs-host against slow and idle clients (README, "Slow and idle clients").
#
#   tests/reliability/slow-clients.sh [BUILD_DIR]        (default: build)
#
# Environment: ORGS_SLOW_IDLE (200), ORGS_SLOW_SLOW (100), ORGS_SLOW_REQUESTS (100),
# ORGS_SLOW_P99_MS (100), ORGS_SLOW_WORK (scratch folder, BUILD_DIR/tests/reliability/run);
# any further arguments go to orgs-slow-clients (--help lists them).
#
# Installs nothing (needs curl). Everything runs on 127.0.0.1, is bounded in time, and is
# stopped at the end:
#   1. orgs-host with its shipped defaults on a scratch SQLite database;
#   2. a sign-up and an organization through the API (curl);
#   3. orgs-slow-clients: ORGS_SLOW_IDLE idle keep-alive connections and ORGS_SLOW_SLOW slowloris
#      connections (a partial head, one header line every 2 s), reopened whenever the server
#      closes them, while a normal client sends ORGS_SLOW_REQUESTS GET /api/v1/health and as many
#      authenticated GET /api/v1/orgs/{org}, each on a new connection, and reports how many were
#      answered and their p50 and p99;
#   4. SIGTERM to the host, which must exit 0 with every connection still open.
# Exits 0 if every request was answered 200, each endpoint's p99 is within ORGS_SLOW_P99_MS and
# the host stopped cleanly.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
shift || true
WORK=${ORGS_SLOW_WORK:-$BUILD/tests/reliability/run}
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
CLIENTS=$BUILD/tests/reliability/orgs-slow-clients

# shellcheck source=../lib/processes.sh
source "$ROOT/tests/lib/processes.sh"
orgs_require_files "build first (cmake --build $BUILD)" "$HOST" "$HOST_CONFIG" "$CLIENTS"
orgs_require_tools curl
rm -rf "$WORK"
mkdir -p "$WORK"

HOST_PID=""
cleanup()
{
	if [[ -n $HOST_PID ]] && kill -0 "$HOST_PID" 2>/dev/null; then
		kill -KILL "$HOST_PID" 2>/dev/null || true
		wait "$HOST_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT

# --- 1. The host, with the defaults of samples/host-server/host.properties -----------------
"$HOST" --config="$HOST_CONFIG" --define=http.port=0 --define=logging.level=notice \
	--define=orgs.accounts.selfSignup=true \
	--define=orgs.database.connectionString="$WORK/orgs.db" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
URL=$(orgs_host_url "$WORK/host.log" "$HOST_PID")
PORT=${URL##*:}
echo "orgs-host: $URL (pid $HOST_PID)"

# --- 2. An account and an organization ----------------------------------------------------
TOKEN=$(curl -sf -m 10 -H 'Content-Type: application/json' \
	-d '{"username":"ada","email":"ada@example.com","name":"Ada"}' "$URL/api/v1/accounts" |
	orgs_json_field token)
curl -sf -m 10 -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
	-d '{"username":"acme","title":"Acme"}' "$URL/api/v1/orgs"

# --- 3. Slow and idle clients, and the measurement ------------------------------------------
rc=0
timeout 300 "$CLIENTS" --port="$PORT" --token="$TOKEN" --org=acme --idle="${ORGS_SLOW_IDLE:-200}" \
	--slow="${ORGS_SLOW_SLOW:-100}" --requests="${ORGS_SLOW_REQUESTS:-100}" --p99-ms="${ORGS_SLOW_P99_MS:-100}" \
	"$@" || rc=$?

# --- 4. A clean stop ------------------------------------------------------------------------
kill -TERM "$HOST_PID"
stopped=0
for ((i = 0; i < 150; i++)); do
	if ! kill -0 "$HOST_PID" 2>/dev/null; then
		stopped=1
		break
	fi
	sleep 0.1
done
host_rc=0
if ((stopped)); then
	wait "$HOST_PID" || host_rc=$?
	HOST_PID=""
	echo "orgs-host stopped on SIGTERM with exit code $host_rc"
else
	echo "orgs-host did not stop within 15 s of SIGTERM" >&2
	host_rc=1
fi
grep -E 'Warning|Notice|Error|Critical' "$WORK/host.log" | sed 's/^/host log: /' || true
if ((rc == 0 && host_rc != 0)); then
	rc=1
fi
exit "$rc"
