#!/usr/bin/env bash
# A private MariaDB Galera cluster for the tests: never a system service, loopback only, free ports.
#
#   scripts/galera.sh start|stop|status|wait-synced DIR
#   scripts/galera.sh kill|start-node|stop-node DIR I
#
# ORGS_GALERA_NODES (1..3, default 3) nodes. DIR/nodeI/data holds node I's datadir, DIR/nodeI/run
# its socket, pid file and error log (mysqld.err). Each node has four ports of its own, chosen
# once and kept in DIR/ports.properties: client (port), group communication (gcomm), incremental
# state transfer (ist) and full state transfer (sst, rsync).
#
#   start        Node 1 bootstraps a new cluster (--wsrep-new-cluster), the others join it by
#                state transfer (SST); waits until every node is Synced in a cluster of N.
#                Writes DIR/connection.properties (user, password, host, port of node 1, nodes,
#                port1..portN, socket1..socketN, connectionString to node 1's orgs_test) and
#                creates the user orgs@127.0.0.1 and the database orgs_test on node 1 (both
#                replicate). Nodes already running are left alone and stopped ones join them.
#                When no node runs but the datadirs exist (everything was stopped or killed),
#                the cluster is bootstrapped again from the node that saved the newest state:
#                safe_to_bootstrap in grastate.dat, else the highest seqno (from grastate.dat,
#                or from mariadbd --wsrep-recover after a crash), so no committed data is lost.
#   stop         Stops every node cleanly, the last one last (it becomes safe to bootstrap).
#   status       One line per node; exits 1 if any node is down.
#   kill I       SIGKILL node I (with its state transfer helpers), no wait for the others.
#   start-node I Starts node I again on its ports and datadir: it rejoins the running nodes by
#                IST (or SST when the donor's gcache no longer has its gap); waits until Synced.
#   stop-node I  Stops node I cleanly.
#   wait-synced  Waits until every running node is Synced and sees a cluster of that many nodes.
#
# Failure detection is tuned for a test cluster on one machine (a killed node leaves the cluster
# in about 2-3 s rather than the default 5-15 s); ORGS_GALERA_PROVIDER_OPTIONS is appended to
# wsrep_provider_options to change that or anything else. ORGS_GALERA_TIMEOUT (seconds, default
# 180) bounds every wait.
set -euo pipefail

usage()
{
	echo "usage: $0 start|stop|status|wait-synced DIR" >&2
	echo "       $0 kill|start-node|stop-node DIR I" >&2
	exit 2
}

[[ $# -ge 2 ]] || usage
CMD=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
NODE_ARG=${3:-}
PROPS=$DIR/connection.properties
PORTS=$DIR/ports.properties
PROVIDER=/usr/lib/galera/libgalera_smm.so
TIMEOUT=${ORGS_GALERA_TIMEOUT:-180}

ROOT_ARGS=()
[[ $(id -u) -eq 0 ]] && ROOT_ARGS=(--user=root)

log()
{
	echo "galera: $*"
}

die()
{
	echo "galera: $*" >&2
	exit 1
}

# The node count: the one the cluster was made with, else ORGS_GALERA_NODES.
if [[ -f $PORTS ]] && N=$(sed -n 's/^nodes=//p' "$PORTS" | head -n1) && [[ -n $N ]]; then
	:
else
	N=${ORGS_GALERA_NODES:-3}
fi
[[ $N =~ ^[1-3]$ ]] || die "ORGS_GALERA_NODES must be 1, 2 or 3 (got $N)"

node_dir()
{
	echo "$DIR/node$1"
}

sock_of()
{
	local sock
	sock=$(node_dir "$1")/run/mysqld.sock
	if [[ ${#sock} -gt 100 ]]; then
		# Unix socket paths are limited to 108 bytes.
		sock=/tmp/orgs-galera-$(printf '%s' "$DIR" | md5sum | cut -c1-12)-$1.sock
	fi
	echo "$sock"
}

pidfile_of()
{
	echo "$(node_dir "$1")/run/mysqld.pid"
}

errlog_of()
{
	echo "$(node_dir "$1")/run/mysqld.err"
}

node_pid()
{
	# Prints the pid of node $1's running server, or fails. A joiner writes its pid file only
	# after the state transfer: until then the pid the launch noted stands for it.
	local pid file
	for file in "$(pidfile_of "$1")" "$(node_dir "$1")/run/launcher.pid"; do
		pid=$(cat "$file" 2>/dev/null) || continue
		[[ $pid =~ ^[0-9]+$ ]] || continue
		alive "$pid" || continue
		grep -qE 'mariadbd|mysqld' "/proc/$pid/comm" 2>/dev/null || continue
		# This node's server, not another process that has the pid of a stale file now.
		tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$(node_dir "$1")/data" || continue
		echo "$pid"
		return 0
	done
	return 1
}

prop()
{
	# Prints the value of key $2 in the properties file $1.
	[[ -f $1 ]] || return 1
	sed -n "s/^$2=//p" "$1" | head -n1
}

port_in_use()
{
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

allocate_ports()
{
	# Chooses 4 free ports per node once; start-node reuses them so a node comes back where its
	# peers (gcomm) and clients (client port) expect it.
	[[ -f $PORTS ]] && return 0
	local taken=" " p i k lines=("nodes=$N")
	for ((i = 1; i <= N; i++)); do
		for k in port gcomm ist sst; do
			for ((tries = 0; ; tries++)); do
				((tries < 200)) || die "no free port found"
				# Below Linux's ephemeral range (32768-60999): while a node is down, a client
				# reconnecting to it could otherwise be handed the node's port as its own.
				p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
				[[ $taken == *" $p "* ]] && continue
				port_in_use "$p" && continue
				break
			done
			taken+="$p "
			lines+=("$k$i=$p")
		done
	done
	printf '%s\n' "${lines[@]}" >"$PORTS.tmp"
	mv "$PORTS.tmp" "$PORTS"
}

port_of()
{
	prop "$PORTS" "$1$2"
}

cluster_address()
{
	local i addr=""
	for ((i = 1; i <= N; i++)); do
		addr+="${addr:+,}127.0.0.1:$(port_of gcomm "$i")"
	done
	echo "gcomm://$addr"
}

server_args()
{
	# The arguments of node $1's mariadbd, without --wsrep-new-cluster.
	local i=$1 d
	d=$(node_dir "$i")
	local options
	options="gmcast.listen_addr=tcp://127.0.0.1:$(port_of gcomm "$i");ist.recv_addr=127.0.0.1:$(port_of ist "$i")"
	# A small gcache (enough for IST after a short outage); no automatic re-forming of a primary
	# component from saved views (pc.recovery), so a restart is always a deliberate bootstrap or
	# join; failure detection in seconds.
	options+=";gcache.size=64M;gcache.recover=no;pc.recovery=FALSE"
	options+=";evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S"
	options+=";evs.inactive_timeout=PT3S;evs.install_timeout=PT3S"
	[[ -n ${ORGS_GALERA_PROVIDER_OPTIONS:-} ]] && options+=";$ORGS_GALERA_PROVIDER_OPTIONS"
	ARGS=(--no-defaults --datadir="$d/data" --socket="$(sock_of "$i")" --pid-file="$(pidfile_of "$i")"
		--port="$(port_of port "$i")" --bind-address=127.0.0.1 "${ROOT_ARGS[@]}" --skip-name-resolve
		--skip-log-bin --log-error="$(errlog_of "$i")" --character-set-server=utf8mb4
		--collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=64M --innodb-log-file-size=32M
		--innodb-flush-log-at-trx-commit=2 --innodb-doublewrite=0 --max-connections=500
		--performance-schema=OFF
		--binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2
		--wsrep-on=ON --wsrep-provider="$PROVIDER" --wsrep-cluster-name=orgs-test
		--wsrep-cluster-address="$(cluster_address)" --wsrep-node-name="node$i"
		--wsrep-node-address=127.0.0.1 --wsrep-node-incoming-address="127.0.0.1:$(port_of port "$i")"
		--wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:$(port_of sst "$i")"
		--wsrep-provider-options="$options" --wsrep-slave-threads=2
		--wsrep-mode=REQUIRED_PRIMARY_KEY)
}

client()
{
	local i=$1
	shift
	mariadb --no-defaults --socket="$(sock_of "$i")" -uroot --connect-timeout=2 "$@"
}

wsrep_state()
{
	# Prints "<local state comment> <cluster size> <cluster status>" of node $1, or fails.
	client "$1" -N -B -e "SELECT
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'),
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'),
		(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_STATUS')" \
		2>/dev/null
}

init_datadir()
{
	# Only the bootstrap node needs system tables; a joiner's datadir is filled by SST.
	local d
	d=$(node_dir "$1")
	[[ -f $d/.initialized && -d $d/data/mysql ]] && return 0
	rm -rf "$d/data"
	mkdir -p "$d/data"
	if ! mariadb-install-db --no-defaults --datadir="$d/data" "${ROOT_ARGS[@]}" \
		--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
		>"$d/install-db.log" 2>&1; then
		cat "$d/install-db.log" >&2
		die "mariadb-install-db failed for node $1"
	fi
	touch "$d/.initialized"
}

launch()
{
	# Starts node $1's mariadbd in the background (extra arguments follow). Does not wait.
	local i=$1 d pos
	shift
	d=$(node_dir "$i")
	mkdir -p "$d/run" "$d/data"
	server_args "$i"
	rm -f "$(pidfile_of "$i")" "$(sock_of "$i")"
	local start=()
	LAUNCH_POSITION=$(recovered_position "$i") || LAUNCH_POSITION=""
	if [[ -n $LAUNCH_POSITION && $(grastate "$i" seqno) == -1 ]]; then
		# A crashed node: its position comes from InnoDB (as mysqld_safe does it), so it may rejoin
		# by IST instead of a full state transfer.
		start=(--wsrep-start-position="$LAUNCH_POSITION")
		server_args "$i"
	fi
	if [[ $(id -u) -eq 0 && " $* " != *" --wsrep-new-cluster "* ]]; then
		# The rsync daemon that receives a state transfer drops root for "nobody" (rsync's default
		# for a daemon started by root, which wsrep_sst_rsync's configuration does not change):
		# it must own the joiner's datadir (it sets the donor's modes on it). mariadbd runs as root
		# and reads and writes anything.
		chown -R nobody "$d/data"
	fi
	# The error log of earlier runs is kept (appended to) for post-mortems of killed nodes.
	echo "---- galera.sh: starting node $i $(date -u +%FT%TZ) $* ${start[*]}" >>"$(errlog_of "$i")"
	# Not holding the lock of this command (fd 9) for the life of the server.
	setsid nohup mariadbd "${ARGS[@]}" "${start[@]}" "$@" </dev/null >/dev/null 2>&1 9>&- &
	echo $! >"$d/run/launcher.pid"
}

wait_node_synced()
{
	# Waits until node $1 is Synced in a Primary component of at least $2 nodes.
	local i=$1 want=$2 deadline state pid
	deadline=$((SECONDS + TIMEOUT))
	pid=$(cat "$(node_dir "$i")/run/launcher.pid" 2>/dev/null || true)
	while ((SECONDS < deadline)); do
		if state=$(wsrep_state "$i"); then
			read -r comment size status <<<"$state"
			if [[ $comment == Synced && $status == Primary && $size -ge $want ]]; then
				return 0
			fi
		fi
		if [[ -n $pid ]] && ! alive "$pid" && ! node_pid "$i" >/dev/null; then
			tail -n 30 "$(errlog_of "$i")" >&2
			die "node $i exited while starting (log: $(errlog_of "$i"))"
		fi
		sleep 0.2
	done
	tail -n 30 "$(errlog_of "$i")" >&2
	die "node $i is not Synced after $TIMEOUT s (last state: ${state:-no answer}; log: $(errlog_of "$i"))"
}

primary_node()
{
	# Prints the first running node that is in a Primary component, or fails.
	local i state
	for i in $(running_nodes); do
		state=$(wsrep_state "$i") || continue
		read -r _ _ status <<<"$state"
		if [[ $status == Primary ]]; then
			echo "$i"
			return 0
		fi
	done
	return 1
}

running_nodes()
{
	local i
	for ((i = 1; i <= N; i++)); do
		node_pid "$i" >/dev/null && echo "$i"
	done
	return 0
}

do_wait_synced()
{
	local nodes count i deadline ok state
	deadline=$((SECONDS + TIMEOUT))
	while :; do
		nodes=$(running_nodes)
		count=$(echo "$nodes" | grep -c . || true)
		((count > 0)) || die "no node is running"
		ok=1
		for i in $nodes; do
			state=$(wsrep_state "$i") || { ok=0; break; }
			read -r comment size status <<<"$state"
			if [[ $comment != Synced || $status != Primary || $size -ne $count ]]; then
				ok=0
				break
			fi
		done
		((ok)) && return 0
		((SECONDS < deadline)) || die "the running nodes ($(echo "$nodes" | tr '\n' ' ')) are not all Synced in a cluster of $count after $TIMEOUT s (node $i: ${state:-no answer})"
		sleep 0.2
	done
}

grastate()
{
	# Prints key $2 of node $1's grastate.dat.
	sed -n "s/^$2:[[:space:]]*//p" "$(node_dir "$1")/data/grastate.dat" 2>/dev/null | head -n1
}

recovered_position()
{
	# Prints uuid:seqno, the position node $1 committed last: grastate.dat's after a clean stop,
	# else InnoDB's, found by mariadbd --wsrep-recover (a crashed node's grastate.dat says -1).
	# Fails if there is none.
	local i=$1 uuid seqno out pos
	uuid=$(grastate "$i" uuid)
	seqno=$(grastate "$i" seqno)
	if [[ -n $uuid && -n $seqno && $seqno != -1 ]]; then
		echo "$uuid:$seqno"
		return 0
	fi
	[[ -n $uuid && -d $(node_dir "$i")/data/mysql ]] || return 1
	server_args "$i"
	out=$(node_dir "$i")/run/wsrep-recover.log
	mariadbd "${ARGS[@]}" --wsrep-recover --log-error="$out" </dev/null >/dev/null 2>&1 || true
	pos=$(sed -n 's/.*WSREP: Recovered position: \([0-9a-f-]*:-\?[0-9]*\).*/\1/p' "$out" | tail -n1)
	[[ -n $pos && $pos != *:-1 ]] || return 1
	echo "$pos"
}

bootstrap_node()
{
	# Chooses the node a stopped cluster restarts from and marks it safe to bootstrap.
	local i best="" best_seqno=-2 seqno
	for ((i = 1; i <= N; i++)); do
		[[ -f $(node_dir "$i")/data/grastate.dat ]] || continue
		if [[ $(grastate "$i" safe_to_bootstrap) == 1 ]]; then
			echo "$i"
			return 0
		fi
	done
	for ((i = 1; i <= N; i++)); do
		[[ -f $(node_dir "$i")/data/grastate.dat ]] || continue
		seqno=$(recovered_position "$i") || continue
		seqno=${seqno##*:}
		if ((seqno > best_seqno)); then
			best=$i
			best_seqno=$seqno
		fi
	done
	[[ -n $best ]] || return 1
	sed -i 's/^safe_to_bootstrap:.*/safe_to_bootstrap: 1/' "$(node_dir "$best")/data/grastate.dat"
	log "bootstrapping again from node $best (seqno $best_seqno)" >&2
	echo "$best"
}

write_properties()
{
	local password=$1 i nodes="" lines=()
	for ((i = 1; i <= N; i++)); do
		nodes+="${nodes:+,}127.0.0.1:$(port_of port "$i")"
	done
	lines+=("user=orgs" "password=$password" "host=127.0.0.1" "port=$(port_of port 1)" "nodes=$nodes")
	for ((i = 1; i <= N; i++)); do
		lines+=("port$i=$(port_of port "$i")" "socket$i=$(sock_of "$i")")
	done
	lines+=("connectionString=host=127.0.0.1;port=$(port_of port 1);user=orgs;password=$password;db=orgs_test;character-set=utf8mb4;auto-reconnect=true")
	printf '%s\n' "${lines[@]}" >"$PROPS.tmp"
	mv "$PROPS.tmp" "$PROPS"
}

elapsed()
{
	awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'
}

do_start()
{
	local t0 i first running password joined=()
	t0=$(date +%s.%N)
	running=$(running_nodes)
	if [[ -n $running ]]; then
		first=$(primary_node) || {
			# The nodes left after a loss of quorum (non-Primary) answer no queries (1047) and
			# form no Primary component with joiners: the first of them becomes one again.
			first=$(echo "$running" | head -n1)
			log "no running node is Primary: bootstrapping node $first's component again"
			client "$first" -e "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'"
			wait_node_synced "$first" 1
		}
	else
		if [[ -f $PORTS && -f $(node_dir 1)/.initialized ]] && first=$(bootstrap_node); then
			:
		else
			# A new cluster: fresh ports and datadirs.
			rm -rf "$PORTS" "$PROPS"
			for ((i = 1; i <= 3; i++)); do rm -rf "$(node_dir "$i")"; done
			allocate_ports
			init_datadir 1
			first=1
		fi
		launch "$first" --wsrep-new-cluster
		wait_node_synced "$first" 1
	fi
	for ((i = 1; i <= N; i++)); do
		node_pid "$i" >/dev/null && continue
		launch "$i"
		joined+=("$i")
	done
	for i in "${joined[@]}"; do
		wait_node_synced "$i" 2
	done
	do_wait_synced
	password=$(prop "$PROPS" password 2>/dev/null || true)
	[[ -n $password ]] || password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	client "$first" -e "CREATE USER IF NOT EXISTS 'orgs'@'127.0.0.1' IDENTIFIED BY '$password';
		ALTER USER 'orgs'@'127.0.0.1' IDENTIFIED BY '$password';
		GRANT ALL PRIVILEGES ON *.* TO 'orgs'@'127.0.0.1' WITH GRANT OPTION;
		CREATE DATABASE IF NOT EXISTS orgs_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	write_properties "$password"
	do_wait_synced
	log "started $N node(s) on 127.0.0.1:$(prop "$PROPS" nodes | sed 's/127\.0\.0\.1://g') ($(elapsed "$t0") s)"
}

alive()
{
	# True while process $1 exists and is not a zombie (a killed node its new parent has not
	# reaped yet).
	kill -0 "$1" 2>/dev/null && [[ $(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1) != Z ]]
}

stop_node()
{
	local i=$1 pid k
	if ! pid=$(node_pid "$i"); then
		rm -f "$(pidfile_of "$i")"
		kill_leftovers "$i"
		return 1
	fi
	kill -TERM "$pid" 2>/dev/null || true
	for ((k = 0; k < 300; k++)); do
		alive "$pid" || break
		sleep 0.1
	done
	if alive "$pid"; then
		log "node $i (pid $pid) did not stop after 30 s, killing it" >&2
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
		for ((k = 0; k < 50; k++)); do
			alive "$pid" || break
			sleep 0.1
		done
	fi
	kill_leftovers "$i"
	rm -f "$(pidfile_of "$i")"
	echo "$pid"
}

do_stop()
{
	local i pid stopped=""
	# The last node left keeps safe_to_bootstrap: 1, so node 1 (stopped last) bootstraps next.
	for ((i = N; i >= 1; i--)); do
		pid=$(stop_node "$i") && stopped+=" $i"
	done
	if [[ -n $stopped ]]; then
		log "stopped node(s)$stopped"
	else
		log "not running"
	fi
}

node_index()
{
	if ! [[ $NODE_ARG =~ ^[1-9]$ ]] || ((NODE_ARG > N)); then
		die "node must be 1..$N (got '${NODE_ARG}')"
	fi
	[[ -f $PORTS ]] || die "no cluster in $DIR (run start first)"
}

kill_leftovers()
{
	# Kills what is left of node $1's process group (state transfer scripts and their rsync
	# daemon): only processes whose command line names the node's folder.
	local pgid p k left
	pgid=$(cat "$(node_dir "$1")/run/launcher.pid" 2>/dev/null || true)
	[[ $pgid =~ ^[0-9]+$ ]] || return 0
	for ((k = 0; k < 50; k++)); do
		left=""
		for p in $(pgrep -g "$pgid" 2>/dev/null || true); do
			if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$(node_dir "$1")/"; then
				kill -KILL "$p" 2>/dev/null || true
				left+=" $p"
			fi
		done
		[[ -n $left ]] || return 0
		sleep 0.1
	done
}

do_kill()
{
	local i=$NODE_ARG pid k
	if ! pid=$(node_pid "$i"); then
		log "node $i is not running"
		return 0
	fi
	# The node's process group (setsid made mariadbd its leader): mariadbd and any state transfer
	# script (rsync daemon) it runs.
	kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	# Only until the process is gone, so that a following command sees the node down.
	for ((k = 0; k < 100; k++)); do
		node_pid "$i" >/dev/null || break
		sleep 0.05
	done
	log "killed node $i (pid $pid)"
}

do_start_node()
{
	local i=$NODE_ARG t0 running pid k
	if pid=$(node_pid "$i"); then
		log "node $i is already running (pid $pid)"
		wait_node_synced "$i" 1
		return 0
	fi
	running=$(running_nodes)
	[[ -n $running ]] || die "no node is running: start the cluster with '$0 start $DIR'"
	primary_node >/dev/null ||
		die "no running node is in a Primary component (quorum lost): '$0 start $DIR' bootstraps it again"
	# A SIGKILLed node may leave a state transfer's rsync daemon behind: end it first.
	kill_leftovers "$i"
	t0=$(date +%s.%N)
	launch "$i"
	wait_node_synced "$i" 2
	local how=IST
	# The log since this start says which transfer it took: the joiner logs "SST received" with
	# the position it starts applying from, which is its own when the donor bypassed the SST.
	local received
	# shellcheck disable=SC2016 # sed's $ (the last line), not the shell's
	received=$(sed -n '/^---- galera.sh: starting node/h; /^---- galera.sh: starting node/!H; ${x;p}' \
		"$(errlog_of "$i")" | sed -n 's/.*WSREP: SST received: \([0-9a-f-]*:[0-9-]*\).*/\1/p' | tail -n1)
	if [[ -z $LAUNCH_POSITION || (-n $received && $received != "$LAUNCH_POSITION") ]]; then
		how=SST
	elif [[ -z $received ]]; then
		how="no transfer: nothing was committed meanwhile"
	fi
	log "node $i rejoined ($how, $(elapsed "$t0") s)"
}

lock()
{
	# One start, stop, start-node or stop-node at a time: a stop must not race a node that a
	# start is still launching. kill, status and wait-synced never wait for it.
	exec 9>"$DIR/.lock"
	flock -w "$TIMEOUT" 9 || die "another galera.sh command on $DIR did not end within $TIMEOUT s"
}

case $CMD in
start | stop | start-node | stop-node) lock ;;
esac

case $CMD in
start)
	[[ $# -eq 2 ]] || usage
	do_start
	;;
stop)
	[[ $# -eq 2 ]] || usage
	do_stop
	;;
status)
	[[ $# -eq 2 ]] || usage
	[[ -f $PORTS ]] || { log "no cluster in $DIR"; exit 1; }
	down=0
	for ((i = 1; i <= N; i++)); do
		if pid=$(node_pid "$i"); then
			state=$(wsrep_state "$i" || echo "no answer")
			log "node $i on 127.0.0.1:$(port_of port "$i") (pid $pid): $state"
		else
			log "node $i on 127.0.0.1:$(port_of port "$i"): not running"
			down=1
		fi
	done
	exit $down
	;;
wait-synced)
	[[ $# -eq 2 ]] || usage
	do_wait_synced
	log "running node(s) $(running_nodes | tr '\n' ' ')Synced"
	;;
kill)
	[[ $# -eq 3 ]] || usage
	node_index
	do_kill
	;;
start-node)
	[[ $# -eq 3 ]] || usage
	node_index
	do_start_node
	;;
stop-node)
	[[ $# -eq 3 ]] || usage
	node_index
	if pid=$(stop_node "$NODE_ARG"); then
		log "stopped node $NODE_ARG (pid $pid)"
	else
		log "node $NODE_ARG is not running"
	fi
	;;
*) usage ;;
esac
