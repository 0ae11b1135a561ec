#!/usr/bin/env bash
# The fault script of a Galera cluster (README, "Running on a Galera cluster"): node losses under
# a mixed load, then a check in SQL that nothing acknowledged was lost and the invariants hold,
# then the same load on one host and one node for the scale-out ratio.
#
#   tests/galera/fault.sh [BUILD_DIR]        (default: build)
#
# Environment (seconds unless said):
#   ORGS_FAULT_SECONDS (90)       length of each load run (the cluster run and the baseline)
#   ORGS_FAULT_THREADS (12)       client threads of orgs-galera-load
#   ORGS_FAULT_FIRST_KILL (20)    when node ORGS_FAULT_FIRST_NODE (1) is killed, after the load starts
#   ORGS_FAULT_DOWN (10)          how long it stays down before it is started again (it rejoins)
#   ORGS_FAULT_SECOND_KILL (55)   when node ORGS_FAULT_SECOND_NODE (2) is killed (at least 10 s
#                                 after the first node is Synced again)
#   ORGS_FAULT_SEAT_LIMIT (5)     seats of the plan "team", which one organization in three is on
#   ORGS_FAULT_BASELINE (1)       0: no baseline run
#   ORGS_FAULT_WORK               scratch folder (BUILD_DIR/tests/galera/run), emptied first
#   ORGS_FAULT_GALERA             the cluster script (scripts/galera.sh)
#
# Everything runs on 127.0.0.1 and is stopped at the end, also on an error or Ctrl-C:
#   1. a private three-node cluster (scripts/galera.sh start) and three orgs-host processes, host I
#      on node I (orgs.database.nodes lists node I first, then the others);
#   2. orgs-galera-load: every thread sends its requests to the three hosts in turn, so each
#      write is read and changed through the other hosts, on the other nodes; it journals every
#      acknowledged write;
#   3. kill -9 of the first node, its restart (state transfer), kill -9 of the second node;
#   4. the check in SQL (tests/galera/verify.sql) on the node never killed: every acknowledged
#      write present, the invariants; then the second node is started again and the check runs
#      on every node (they must agree);
#   5. the baseline: the same load for as long on one host on a one-node cluster.
# Prints the figures; exits 0 if every target of the issue was met, 1 otherwise.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
WORK=${ORGS_FAULT_WORK:-$BUILD/tests/galera/run}
LOAD_SECONDS=${ORGS_FAULT_SECONDS:-90}
THREADS=${ORGS_FAULT_THREADS:-12}
FIRST_KILL=${ORGS_FAULT_FIRST_KILL:-20}
FIRST_NODE=${ORGS_FAULT_FIRST_NODE:-1}
DOWN=${ORGS_FAULT_DOWN:-10}
SECOND_KILL=${ORGS_FAULT_SECOND_KILL:-55}
SECOND_NODE=${ORGS_FAULT_SECOND_NODE:-2}
SEAT_LIMIT=${ORGS_FAULT_SEAT_LIMIT:-5}
BASELINE=${ORGS_FAULT_BASELINE:-1}
GALERA=${ORGS_FAULT_GALERA:-$ROOT/scripts/galera.sh}
HOST=$BUILD/samples/host-server/orgs-host
HOST_CONFIG=$BUILD/etc/orgs/host.properties
LOAD=$BUILD/tests/galera/orgs-galera-load
VERIFY=$ROOT/tests/galera/verify.sql

log()
{
	echo "fault: $*"
}

# shellcheck source=../lib/processes.sh
source "$ROOT/tests/lib/processes.sh"
orgs_require_files "build first (cmake --build $BUILD)" "$GALERA" "$HOST" "$HOST_CONFIG" "$LOAD" "$VERIFY"
SURVIVOR=""
for i in 1 2 3; do
	[[ $i != "$FIRST_NODE" && $i != "$SECOND_NODE" ]] && SURVIVOR=$i
done
if [[ -z $SURVIVOR || $FIRST_NODE == "$SECOND_NODE" ]]; then
	echo "fault.sh: ORGS_FAULT_FIRST_NODE and ORGS_FAULT_SECOND_NODE must be two different nodes of 1-3" >&2
	exit 2
fi
rm -rf "$WORK"
mkdir -p "$WORK"

HOST_PIDS=()
LOAD_PID=""
CLUSTERS=()
cleanup()
{
	local pid dir
	if [[ -n $LOAD_PID ]]; then
		kill -KILL "$LOAD_PID" 2>/dev/null || true
		wait "$LOAD_PID" 2>/dev/null || true
	fi
	for pid in "${HOST_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${HOST_PIDS[@]}"; do
		for ((k = 0; k < 100; k++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	HOST_PIDS=()
	for dir in "${CLUSTERS[@]}"; do
		"$GALERA" stop "$dir" >/dev/null 2>&1 || true
	done
	CLUSTERS=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

prop()
{
	# Prints the value of key $2 in the properties file $1.
	sed -n "s/^$2=//p" "$1" | head -n1
}

sleep_until()
{
	# Sleeps until $1 ms since the epoch.
	local left=$(($1 - $(now_ms)))
	if ((left > 0)); then
		sleep "$(awk -v ms="$left" 'BEGIN { printf "%.3f", ms / 1000 }')"
	fi
}

start_host()
{
	# start_host NAME CLUSTER_DIR NODE NODES...: orgs-host on node NODE of the cluster, with the
	# nodes listed in that order; appends its pid to HOST_PIDS and sets STARTED_URL to its base URL.
	local name=$1 node=$3 props=$2/connection.properties nodes="" n pid
	shift 3
	for n in "$@"; do
		nodes+="${nodes:+, }127.0.0.1:$(prop "$props" "port$n")"
	done
	local connection
	connection="host=127.0.0.1;port=$(prop "$props" "port$node");user=$(prop "$props" user)"
	connection+=";password=$(prop "$props" password);db=orgs_test"
	"$HOST" --config="$HOST_CONFIG" --define=http.port=0 --define=logging.level=notice \
		--define=orgs.accounts.selfSignup=true \
		--define=orgs.database.connector=MySQL \
		--define=orgs.database.connectionString="$connection" \
		--define=orgs.database.nodes="$nodes" \
		--define=orgs.invitations.exposeToken=true \
		--define=orgs.invitations.dailyLimit=0 \
		--define=orgs.plans.team.maxMembers="$SEAT_LIMIT" \
		>"$WORK/$name.log" 2>&1 &
	pid=$!
	HOST_PIDS+=("$pid")
	STARTED_URL=$(orgs_host_url "$WORK/$name.log" "$pid") || exit 1
}

check_node()
{
	# check_node CLUSTER_DIR NODE OUT_DIR: runs the journal and verify.sql on the node; writes
	# OUT_DIR/check-NODE.tsv.
	local props=$1/connection.properties
	{
		echo "SET @seat_plan = 'team', @seat_limit = $SEAT_LIMIT;"
		cat "$3/journal.sql" "$VERIFY"
	} | mariadb --protocol=TCP -h127.0.0.1 -P"$(prop "$props" "port$2")" -u"$(prop "$props" user)" \
		-p"$(prop "$props" password)" -N -B orgs_test >"$3/check-$2.tsv"
}

sum_of()
{
	# Sums column 3 of the rows of kind $2 in the check file $1.
	awk -F'\t' -v kind="$2" '$1 == kind { n += $3 } END { print n + 0 }' "$1"
}

fig()
{
	# Prints figure $2 (key=value) of the load's output $1.
	sed -n "s/^$2=//p" "$1" | head -n1
}

recovery()
{
	# recovery ANSWERS KILL_MS END_MS HOST: the figures of one node loss, from the answer log
	# (ms,host,class,write), between the kill and END_MS. In 1 s windows that start every 0.1 s:
	#   pre: successes (2xx) per second in the 5 s before the kill;
	#   dip: the first window after the kill with fewer than 90 % of pre (none: the loss never
	#     slowed the load down, recovered is 0);
	#   recovered: the start of the first window after the dip with at least 90 % of pre again,
	#     from the kill: the recovery time;
	#   gap: the longest time without an acknowledged write (2xx to a write), from the last one
	#     before the kill;
	#   the host on the killed node: its 503 answers, the first and the last (after the kill), and
	#     its slowest answer (duration, and when its request was sent).
	sort -t, -k1,1n "$1" | awk -F, -v k="$2" -v e="$3" -v h="$4" '
		NR == 1 || $1 < k - 5000 { if ($3 == "2" && $4 == 1 && $1 < k) lastw = $1; next }
		$1 >= e { next }
		$1 < k { if ($3 == "2") pre++; if ($3 == "2" && $4 == 1) lastw = $1; next }
		{
			slot = int(($1 - k) / 100)
			if ($3 == "2") ok[slot]++
			if ($3 == "2" && $4 == 1) {
				if (lastw != "" && $1 - lastw > gap) { gap = $1 - lastw; gapat = lastw - k }
				lastw = $1
			}
			if ($2 == h && $3 == "5") { n503++; if (first503 == "") first503 = $1 - k; last503 = $1 - k }
			if ($3 == "x") other++
			if ($2 == h && $5 > slow) { slow = $5; slowat = $1 - $5 - k }
		}
		END {
			if (lastw != "" && e - lastw > gap) { gap = e - lastw; gapat = lastw - k }
			rate = pre / 5; need = 0.9 * rate; slots = int((e - k) / 100)
			dip = -1; rec = -1
			for (t = 0; t + 10 <= slots && rec < 0; t++) {
				s = 0
				for (q = 0; q < 10; q++) s += ok[t + q]
				if (dip < 0 && s < need) dip = t
				else if (dip >= 0 && s >= need) rec = t
			}
			if (dip < 0) { rec = 0; dip = "none" } else dip = sprintf("%.1f", dip / 10)
			printf "pre_rate=%.0f\ndip=%s\nrecovered=%s\ngap=%.2f\ngap_at=%.2f\nhost_503=%d\n", rate, dip, (rec < 0 ? "never" : sprintf("%.1f", rec / 10)), gap / 1000, gapat / 1000, n503
			printf "slowest=%.2f\nslowest_at=%+.2f\n", slow / 1000, slowat / 1000
			printf "host_503_first=%s\nhost_503_last=%s\nother=%d\n", (first503 == "" ? "-" : sprintf("%.2f", first503 / 1000)), (last503 == "" ? "-" : sprintf("%.2f", last503 / 1000)), other
		}'
}

timeline()
{
	# timeline ANSWERS KILL_MS: 2xx answers per second from 3 s before the kill to 12 s after it.
	awk -F, -v k="$2" 'NR > 1 && $1 >= k - 3000 && $1 < k + 12000 && $3 == "2" { n[int(($1 - k + 3000) / 1000)]++ }
		END { for (i = 0; i < 15; i++) printf "%s%d", (i ? " " : ""), n[i] + 0; print "" }' "$1"
}

# --- 1. The cluster and a host on each node --------------------------------------------------
CLUSTER=$WORK/cluster
CLUSTERS+=("$CLUSTER")
t0=$(now_ms)
ORGS_GALERA_NODES=3 "$GALERA" start "$CLUSTER" | sed 's/^/  /'
log "cluster of 3 nodes up in $((($(now_ms) - t0) / 1000)) s"
# The first host migrates the schema alone; the others start once it listens.
start_host host1 "$CLUSTER" 1 1 2 3
URL1=$STARTED_URL
start_host host2 "$CLUSTER" 2 2 3 1
URL2=$STARTED_URL
start_host host3 "$CLUSTER" 3 3 1 2
URL3=$STARTED_URL
log "hosts: $URL1 (node 1), $URL2 (node 2), $URL3 (node 3)"

# --- 2 and 3. The load, and the node losses -------------------------------------------------
OUT=$WORK/cluster-load
mkdir -p "$OUT"
LOAD_AVERAGE=$(cut -d' ' -f1 /proc/loadavg)
START=$(now_ms)
"$LOAD" --hosts="$URL1,$URL2,$URL3" --threads="$THREADS" --seconds="$LOAD_SECONDS" --out="$OUT" \
	--prefix=c >"$OUT/figures.out" 2>&1 &
LOAD_PID=$!
log "load: $THREADS threads for $LOAD_SECONDS s, round-robin over the three hosts"

sleep_until $((START + FIRST_KILL * 1000))
KILL1=$(now_ms)
"$GALERA" kill "$CLUSTER" "$FIRST_NODE" | sed 's/^/  /'
log "t=$(((KILL1 - START) / 1000)) s: killed node $FIRST_NODE"
sleep_until $((KILL1 + DOWN * 1000))
RESTART1=$(now_ms)
"$GALERA" start-node "$CLUSTER" "$FIRST_NODE" | sed 's/^/  /'
SYNCED1=$(now_ms)
log "t=$(((RESTART1 - START) / 1000)) s: started node $FIRST_NODE again; Synced after $(((SYNCED1 - RESTART1) / 1000)) s"
at=$((START + SECOND_KILL * 1000))
((at < SYNCED1 + 10000)) && at=$((SYNCED1 + 10000))
sleep_until "$at"
KILL2=$(now_ms)
"$GALERA" kill "$CLUSTER" "$SECOND_NODE" | sed 's/^/  /'
log "t=$(((KILL2 - START) / 1000)) s: killed node $SECOND_NODE"
LOAD_RC=0
wait "$LOAD_PID" || LOAD_RC=$?
LOAD_PID=""
END=$(now_ms)
if ((LOAD_RC != 0)); then
	echo "fault.sh: orgs-galera-load failed ($LOAD_RC):" >&2
	cat "$OUT/figures.out" >&2
	exit 1
fi
if ((KILL2 >= END)); then
	echo "fault.sh: the second kill came after the load ended: lengthen ORGS_FAULT_SECONDS" >&2
	exit 1
fi

printf 'start_ms=%s\nkill1_ms=%s\nrestart1_ms=%s\nsynced1_ms=%s\nkill2_ms=%s\nend_ms=%s\n' "$START" "$KILL1" \
	"$RESTART1" "$SYNCED1" "$KILL2" "$END" >"$OUT/events.txt"

# --- 4. The check in SQL ------------------------------------------------------------------------
check_node "$CLUSTER" "$SURVIVOR" "$OUT"
"$GALERA" start-node "$CLUSTER" "$SECOND_NODE" | sed 's/^/  /'
for i in 1 2 3; do
	[[ $i == "$SURVIVOR" ]] || check_node "$CLUSTER" "$i" "$OUT"
done

# --- 5. The baseline: one host on one node --------------------------------------------------
BASE=$WORK/baseline-load
BASELINE_LOAD_AVERAGE=""
if [[ $BASELINE != 0 ]]; then
	for pid in "${HOST_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	HOST_PIDS=()
	"$GALERA" stop "$CLUSTER" | sed 's/^/  /'
	SINGLE=$WORK/single
	CLUSTERS+=("$SINGLE")
	ORGS_GALERA_NODES=1 "$GALERA" start "$SINGLE" | sed 's/^/  /'
	start_host baseline-host "$SINGLE" 1 1
	URLB=$STARTED_URL
	mkdir -p "$BASE"
	BASELINE_LOAD_AVERAGE=$(cut -d' ' -f1 /proc/loadavg)
	log "baseline: $THREADS threads for $LOAD_SECONDS s on one host ($URLB) on a one-node cluster"
	"$LOAD" --hosts="$URLB" --threads="$THREADS" --seconds="$LOAD_SECONDS" --out="$BASE" --prefix=b \
		>"$BASE/figures.out" 2>&1
	check_node "$SINGLE" 1 "$BASE"
fi

# --- The figures --------------------------------------------------------------------------------
F=$OUT/figures.out
C=$OUT/check-$SURVIVOR.tsv
MET=1
verdict()
{
	# verdict CONDITION(0|1) TEXT
	if (($1)); then
		echo "  met:    $2"
	else
		echo "  MISSED: $2"
		MET=0
	fi
}

echo
echo "=== Galera fault run: 3 hosts on 3 nodes, $THREADS threads, $LOAD_SECONDS s, $(fig "$F" routing) ==="
echo "node $FIRST_NODE killed at t=$(((KILL1 - START) / 1000)).$((((KILL1 - START) % 1000) / 100)) s, started at" \
	"t=$(((RESTART1 - START) / 1000)) s (Synced after $(((SYNCED1 - RESTART1) / 1000)) s);" \
	"node $SECOND_NODE killed at t=$(((KILL2 - START) / 1000)).$((((KILL2 - START) % 1000) / 100)) s"
echo "machine load average (1 min) at the start of the cluster run: $LOAD_AVERAGE${BASELINE_LOAD_AVERAGE:+, of the baseline: $BASELINE_LOAD_AVERAGE} ($(nproc) cores)"
echo
echo "answers: $(fig "$F" answers) = 2xx $(fig "$F" answers_2xx), 4xx $(fig "$F" answers_4xx)," \
	"503 problem+json $(fig "$F" answers_503_problem), other $(fig "$F" answers_other)"
grep -E '^(other|note): ' "$F" | sed 's/^/  /' || true
grep -E '^code: .* 503 ' "$F" | sed 's/^code: /  503: /' || true
if [[ -s $OUT/violations.txt ]]; then
	echo "examples of other answers (violations.txt):"
	head -n 10 "$OUT/violations.txt" | cut -c1-400 | sed 's/^/  /'
fi
echo "answers other than 2xx/4xx/503 by period: $(awk -F, -v a="$KILL1" -v b="$RESTART1" -v c="$KILL2" '
	NR > 1 && $3 == "x" { if ($1 < a) n0++; else if ($1 < b) n1++; else if ($1 < c) n2++; else n3++ }
	END { printf "before the first kill %d, first node down %d, between %d, after the second kill %d", n0, n1, n2, n3 }' "$OUT/answers.csv")"
echo "throughput: $(fig "$F" requests_per_second) requests/s, $(fig "$F" successes_per_second) successes/s" \
	"over the whole run (node losses included)"
STEADY=$(awk -F, -v a="$((START + 5000))" -v b="$KILL1" 'NR > 1 && $1 >= a && $1 < b { n++ }
	END { printf "%.1f", n / ((b - a) / 1000) }' "$OUT/answers.csv")
echo "  before the first kill (t=5 s to the kill): $STEADY requests/s"
echo
ACKED=$(fig "$F" acknowledged_writes)
LOST=$(sum_of "$C" lost)
INVARIANTS=$(sum_of "$C" invariant)
echo "acknowledged writes: $ACKED ($(grep '^acknowledged: ' "$F" | sed 's/^acknowledged: //' | tr '\n' ' '))"
echo "checked on node $SURVIVOR (never killed): lost writes $LOST, invariant violations $INVARIANTS"
awk -F'\t' '($1 == "lost" || $1 == "invariant") && $3 > 0 { print "  " $1 " " $2 ": " $3 " (" $4 ")" }' "$C"
for n in $(awk -F'\t' '$1 == "lost" && $3 > 0 { print $4 }' "$C" | tr ',' '\n' | head -n 5); do
	[[ $n =~ ^[0-9]+$ ]] && grep -m1 "^{\"n\":$n," "$OUT/journal.jsonl" | sed 's/^/  journal: /'
done
for i in 1 2 3; do
	ci=$OUT/check-$i.tsv
	echo "  node $i: lost $(sum_of "$ci" lost), invariant violations $(sum_of "$ci" invariant)," \
		"rows (accounts organizations memberships invitations): $(awk -F'\t' '$1 == "rows" { print $4 }' "$ci")"
done
SAME=$(for i in 1 2 3; do awk -F'\t' '$1 == "rows" { print $4 }' "$OUT/check-$i.tsv"; done | sort -u | wc -l)
echo

REC_OK=1
FAILOVER_OK=1
describe_loss()
{
	# describe_loss NAME NODE KILL_MS END_MS
	local r
	r=$(recovery "$OUT/answers.csv" "$3" "$4" $(($2 - 1)))
	local rec gap
	rec=$(echo "$r" | sed -n 's/^recovered=//p')
	gap=$(echo "$r" | sed -n 's/^gap=//p')
	echo "$1 (node $2): pre-kill rate $(echo "$r" | sed -n 's/^pre_rate=//p') successes/s;" \
		"below 90 % from +$(echo "$r" | sed -n 's/^dip=//p') s, back to >= 90 % at +$rec s (the recovery time);" \
		"longest time without an acknowledged write" \
		"$gap s (from +$(echo "$r" | sed -n 's/^gap_at=//p') s)"
	local n503 when=""
	n503=$(echo "$r" | sed -n 's/^host_503=//p')
	if ((n503 > 0)); then
		when=", first at +$(echo "$r" | sed -n 's/^host_503_first=//p') s, last at"
		when+=" +$(echo "$r" | sed -n 's/^host_503_last=//p') s"
	fi
	echo "  host$2 (preferred node $2): $n503 answers 503$when;" \
		"slowest answer $(echo "$r" | sed -n 's/^slowest=//p') s (sent at $(echo "$r" | sed -n 's/^slowest_at=//p') s);" \
		"other answers (all hosts) after the kill: $(echo "$r" | sed -n 's/^other=//p')"
	echo "  2xx per second from -3 s to +12 s: $(timeline "$OUT/answers.csv" "$3")"
	# What the host on the lost node logged about changing nodes, from the kill to END_MS.
	local line ms
	while IFS= read -r line; do
		ms=$(date -d "$(echo "$line" | cut -d' ' -f1)" +%s%3N 2>/dev/null) || continue
		if ((ms >= $3 && ms < $4)); then
			echo "  host$2 log at +$(awk -v d=$((ms - $3)) 'BEGIN { printf "%.2f", d / 1000 }') s:" \
				"$(echo "$line" | sed 's/^.*Database: //' | cut -c1-160)"
		fi
	done < <(grep -E 'Database: now on node' "$WORK/host$2.log" || true)
	if [[ $rec == never ]] || awk -v r="$rec" -v g="$gap" 'BEGIN { exit !(r > 5 || g > 5) }'; then
		REC_OK=0
	fi
	# The host whose preferred node died must move to another node within failoverSeconds (5):
	# its last 503 comes within 5 s of the kill (and not because the node came back).
	local last
	last=$(echo "$r" | sed -n 's/^host_503_last=//p')
	if [[ $last != - ]] && awk -v l="$last" 'BEGIN { exit !(l > 5) }'; then
		FAILOVER_OK=0
	fi
}
describe_loss "first node loss" "$FIRST_NODE" "$KILL1" "$RESTART1"
describe_loss "second node loss" "$SECOND_NODE" "$KILL2" "$END"
echo "the hosts' node changes (t from the start of the load):"
for h in 1 2 3; do
	while IFS= read -r line; do
		ms=$(date -d "$(echo "$line" | cut -d' ' -f1)" +%s%3N 2>/dev/null) || continue
		echo "  t=$(awk -v d=$((ms - START)) 'BEGIN { printf "%.2f", d / 1000 }') s host$h:" \
			"$(echo "$line" | sed 's/^.*Database: //' | cut -c1-160)"
	done < <(grep -E 'Database: now on node' "$WORK/host$h.log" || true)
done
echo

if [[ $BASELINE != 0 ]]; then
	B=$BASE/figures.out
	CB=$BASE/check-1.tsv
	echo "baseline, 1 host on 1 node: $(fig "$B" requests_per_second) requests/s," \
		"$(fig "$B" successes_per_second) successes/s; answers other than 2xx/4xx/503: $(fig "$B" answers_other);" \
		"lost $(sum_of "$CB" lost) of $(fig "$B" acknowledged_writes), invariant violations $(sum_of "$CB" invariant)"
	echo "scale-out ratio (3 hosts on 3 nodes / 1 host on 1 node): whole fault run" \
		"$(awk -v a="$(fig "$F" requests_per_second)" -v b="$(fig "$B" requests_per_second)" 'BEGIN { printf "%.2f", a / b }'),"\
		"before the first kill $(awk -v a="$STEADY" -v b="$(fig "$B" requests_per_second)" 'BEGIN { printf "%.2f", a / b }')"
	echo
fi

echo "host logs (lines at warning or above, first 3 distinct of each host):"
for f in "$WORK"/host*.log; do
	echo "  $(basename "$f"): $(grep -cE '\b(Warning|Error|Critical|Fatal)\b|\[(W|E|C|F)\]' "$f" || true) lines"
	grep -E '\b(Warning|Error|Critical|Fatal)\b|\[(W|E|C|F)\]' "$f" | cut -c1-300 | awk '!seen[$0]++' | head -n 3 |
		sed 's/^/    /' || true
done
echo

echo "targets:"
verdict $((LOST == 0)) "0 acknowledged writes lost ($LOST of $ACKED)"
verdict $((INVARIANTS == 0)) "0 invariant violations ($INVARIANTS)"
verdict $(($(fig "$F" answers_other) == 0)) "0 answers other than 2xx, 4xx, 503 problem+json ($(fig "$F" answers_other))"
verdict "$REC_OK" "the load succeeding again within 5 s of each node loss (>= 90 % of the rate, and no 5 s without an acknowledged write)"
verdict "$FAILOVER_OK" "the host on the lost node answering again within 5 s (its last 503 within 5 s of the kill)"
verdict $((SAME == 1)) "the three nodes hold the same rows after the rejoin"
log "logs and answer records in $WORK"
((MET)) || exit 1
