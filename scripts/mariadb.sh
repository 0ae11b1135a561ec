#!/usr/bin/env bash
# A private MariaDB for the tests: never a system service, loopback only, on a free port.
#
#   scripts/mariadb.sh start|stop|restart|status DIR
#
# DIR/data holds the datadir, DIR/run the socket, pid file and error log. `start` writes
# DIR/connection.properties (port, socket, user, password, host, connectionString) and creates
# the database orgs_test; the user orgs@127.0.0.1 may create and drop any database.
# `restart` keeps the port, the datadir and connection.properties.
set -euo pipefail

usage()
{
	echo "usage: $0 start|stop|restart|status DIR" >&2
	exit 2
}

[[ $# -eq 2 ]] || usage
CMD=$1
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
DATA=$DIR/data
RUN=$DIR/run
PIDFILE=$RUN/mysqld.pid
ERRLOG=$RUN/mysqld.err
PROPS=$DIR/connection.properties
SOCK=$RUN/mysqld.sock
if [[ ${#SOCK} -gt 100 ]]; then
	# Unix socket paths are limited to 108 bytes.
	SOCK=/tmp/orgs-mariadb-$(printf '%s' "$DIR" | md5sum | cut -c1-12).sock
fi

ROOT_ARGS=()
[[ $(id -u) -eq 0 ]] && ROOT_ARGS=(--user=root)

log()
{
	echo "mariadb: $*"
}

server_pid()
{
	# Prints the pid of the running server, or fails.
	local pid
	[[ -f $PIDFILE ]] || return 1
	pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	grep -qE 'mariadbd|mysqld' "/proc/$pid/comm" 2>/dev/null || return 1
	echo "$pid"
}

prop()
{
	# Prints the value of key $1 in connection.properties.
	[[ -f $PROPS ]] || return 1
	sed -n "s/^$1=//p" "$PROPS" | head -n1
}

port_in_use()
{
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port()
{
	local p i
	for ((i = 0; i < 200; i++)); do
		# Below Linux's ephemeral range (32768-60999): while the server is down for a restart, a
		# reconnecting client could otherwise be handed the server's port as its own.
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
		if ! port_in_use "$p"; then
			echo "$p"
			return 0
		fi
	done
	echo "mariadb: no free port found" >&2
	return 1
}

client()
{
	mariadb --no-defaults --socket="$SOCK" -uroot "$@"
}

init_datadir()
{
	[[ -f $DIR/.initialized && -d $DATA/mysql ]] && return 0
	rm -rf "$DATA"
	mkdir -p "$DATA"
	if ! mariadb-install-db --no-defaults --datadir="$DATA" "${ROOT_ARGS[@]}" \
		--auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
		>"$DIR/install-db.log" 2>&1; then
		cat "$DIR/install-db.log" >&2
		echo "mariadb: mariadb-install-db failed" >&2
		return 1
	fi
	touch "$DIR/.initialized"
}

launch()
{
	# Starts mariadbd on port $1 and waits until it answers. Returns 3 if the port was taken.
	local port=$1 pid i
	rm -f "$PIDFILE" "$SOCK"
	: >"$ERRLOG"
	setsid nohup mariadbd --no-defaults --datadir="$DATA" --socket="$SOCK" --pid-file="$PIDFILE" \
		--port="$port" --bind-address=127.0.0.1 "${ROOT_ARGS[@]}" --skip-name-resolve --skip-log-bin \
		--log-error="$ERRLOG" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
		--innodb-buffer-pool-size=64M --innodb-log-file-size=32M --innodb-flush-log-at-trx-commit=2 \
		--innodb-doublewrite=0 --max-connections=500 --performance-schema=OFF \
		</dev/null >/dev/null 2>&1 &
	pid=$!
	for ((i = 0; i < 600; i++)); do
		if mariadb-admin --no-defaults --socket="$SOCK" -uroot --connect-timeout=1 ping >/dev/null 2>&1; then
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			if grep -qE "Address already in use|another server running on port" "$ERRLOG"; then
				return 3
			fi
			break
		fi
		sleep 0.1
	done
	cat "$ERRLOG" >&2
	kill -KILL "$pid" 2>/dev/null || true
	echo "mariadb: server did not come up (log: $ERRLOG)" >&2
	return 1
}

write_properties()
{
	local port=$1 password=$2
	cat >"$PROPS.tmp" <<PROPS
port=$port
socket=$SOCK
user=orgs
password=$password
host=127.0.0.1
connectionString=host=127.0.0.1;port=$port;user=orgs;password=$password;db=orgs_test;character-set=utf8mb4;auto-reconnect=true
PROPS
	mv "$PROPS.tmp" "$PROPS"
}

do_start()
{
	local pid port password rc t0
	if pid=$(server_pid) && [[ -f $PROPS ]]; then
		log "already running on 127.0.0.1:$(prop port) (pid $pid)"
		return 0
	fi
	t0=$(date +%s.%N)
	mkdir -p "$RUN"
	init_datadir
	port=""
	if pid=$(server_pid); then
		# Running without connection.properties (an interrupted start): finish setting it up.
		port=$(client -N -e "SELECT @@port")
	else
		for _ in 1 2 3; do
			port=$(free_port)
			rc=0
			launch "$port" || rc=$?
			[[ $rc -eq 3 ]] && continue
			[[ $rc -eq 0 ]] && break
			return 1
		done
		[[ $rc -eq 0 ]] || { echo "mariadb: no usable port" >&2; return 1; }
	fi
	password=$(prop password 2>/dev/null || true)
	[[ -n $password ]] || password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	client -e "CREATE USER IF NOT EXISTS 'orgs'@'127.0.0.1' IDENTIFIED BY '$password';
		ALTER USER 'orgs'@'127.0.0.1' IDENTIFIED BY '$password';
		GRANT ALL PRIVILEGES ON *.* TO 'orgs'@'127.0.0.1' WITH GRANT OPTION;
		CREATE DATABASE IF NOT EXISTS orgs_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	write_properties "$port" "$password"
	log "started on 127.0.0.1:$port (pid $(cat "$PIDFILE"), $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
}

do_stop()
{
	local pid i
	if ! pid=$(server_pid); then
		rm -f "$PIDFILE"
		log "not running"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 200; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "pid $pid did not stop after 20 s, killing it"
		kill -KILL "$pid" 2>/dev/null || true
		for ((i = 0; i < 50; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	rm -f "$PIDFILE"
	log "stopped (pid $pid)"
}

do_restart()
{
	local port
	port=$(prop port 2>/dev/null || true)
	if [[ -z $port || ! -d $DATA/mysql ]]; then
		do_start
		return
	fi
	do_stop >/dev/null
	if ! launch "$port"; then
		echo "mariadb: restart on port $port failed" >&2
		return 1
	fi
	log "restarted on 127.0.0.1:$port (pid $(cat "$PIDFILE"))"
}

case $CMD in
start) do_start ;;
stop) do_stop ;;
restart) do_restart ;;
status)
	if pid=$(server_pid); then
		log "running on 127.0.0.1:$(prop port || echo '?') (pid $pid)"
	else
		log "not running"
		exit 1
	fi
	;;
*) usage ;;
esac
