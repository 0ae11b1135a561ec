#!/usr/bin/env bash
# The OpenID Provider for the tests (tests/oidc/provider.mjs, npm's oidc-provider): never a system
# service, loopback only, on ports the kernel picks, everything under DIR.
#
#   scripts/oidc-provider.sh start|stop|restart|status DIR
#
# `start` resets the accounts (DIR/users.json) and keys (DIR/keys-*.json), installs the pinned packages into DIR/node (npm ci, skipped while the lock is the one
# installed), makes a private test CA and a server certificate for 127.0.0.1 in DIR/tls (kept across
# runs), starts node in the background (DIR/run/provider.pid, DIR/run/provider.log), waits until both
# issuers answer discovery over HTTPS with that CA, and leaves DIR/env: issuer URLs, ports, the CA
# file, client ids and secrets, the control URL and the users file (see tests/oidc/provider.mjs).
# `stop` ends it and waits until it is gone; it does nothing when nothing runs.
set -euo pipefail

usage()
{
	echo "usage: $0 start|stop|restart|status DIR" >&2
	exit 2
}

[[ $# -eq 2 ]] || usage
CMD=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/tests/oidc
mkdir -p "$2"
DIR=$(cd "$2" && pwd)
NODE_DIR=$DIR/node
TLS=$DIR/tls
RUN=$DIR/run
PIDFILE=$RUN/provider.pid
LOG=$RUN/provider.log
ENV=$DIR/env

log()
{
	echo "oidc-provider: $*"
}

provider_pid()
{
	# Prints the pid of the running provider, or fails.
	local pid
	[[ -f $PIDFILE ]] || return 1
	pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'provider\.mjs' || return 1
	echo "$pid"
}

env_value()
{
	[[ -f $ENV ]] || return 1
	sed -n "s/^$1=//p" "$ENV" | head -n1
}

install_packages()
{
	# npm ci into the build folder, never the source tree; again only when the lock changed.
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		echo "oidc-provider: node and npm are needed (scripts/install-deps.sh installs them)" >&2
		return 1
	fi
	mkdir -p "$NODE_DIR"
	if [[ -d $NODE_DIR/node_modules/oidc-provider ]] && [[ -f $NODE_DIR/.installed-lock ]] &&
		cmp -s "$SRC/package-lock.json" "$NODE_DIR/.installed-lock"; then
		return 0
	fi
	rm -f "$NODE_DIR/.installed-lock"
	cp "$SRC/package.json" "$SRC/package-lock.json" "$NODE_DIR/"
	log "npm ci in $NODE_DIR"
	if ! (cd "$NODE_DIR" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >"$NODE_DIR/npm-ci.log" 2>&1); then
		cat "$NODE_DIR/npm-ci.log" >&2
		echo "oidc-provider: npm ci failed" >&2
		return 1
	fi
	cp "$SRC/package-lock.json" "$NODE_DIR/.installed-lock"
}

make_certificates()
{
	# A private CA (the only one the tests' HTTPS clients trust for the provider) and a server
	# certificate for 127.0.0.1 it signed; made once per DIR.
	if [[ -s $TLS/ca.crt && -s $TLS/server.crt && -s $TLS/server.key ]] &&
		openssl verify -CAfile "$TLS/ca.crt" "$TLS/server.crt" >/dev/null 2>&1 &&
		openssl x509 -checkend 86400 -noout -in "$TLS/server.crt" >/dev/null 2>&1; then
		return 0
	fi
	rm -rf "$TLS"
	mkdir -p "$TLS"
	(
		cd "$TLS"
		openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout ca.key -out ca.crt \
			-subj "/CN=Orgs test CA $(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')" \
			-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
		openssl req -newkey rsa:2048 -nodes -sha256 -keyout server.key -out server.csr -subj "/CN=127.0.0.1"
		printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
			"extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >server.ext
		openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -sha256 \
			-extfile server.ext -out server.crt
		rm -f server.csr server.ext ca.srl
		chmod 600 ca.key server.key
	) >"$TLS/openssl.log" 2>&1 || {
		cat "$TLS/openssl.log" >&2
		echo "oidc-provider: making the test certificates failed" >&2
		return 1
	}
}

answers()
{
	# Succeeds when the issuer named $1 (PRIMARY, OTHER) serves its discovery document over HTTPS.
	local url
	url=$(env_value "ORGS_OIDC_$1_DISCOVERY_URL") || return 1
	[[ -n $url ]] || return 1
	curl -fsS --max-time 2 --cacert "$TLS/ca.crt" "$url" 2>/dev/null | grep -q '"jwks_uri"'
}

do_start()
{
	local pid i t0
	if pid=$(provider_pid) && [[ -f $ENV ]]; then
		log "already running: $(env_value ORGS_OIDC_PRIMARY_ISSUER) and $(env_value ORGS_OIDC_OTHER_ISSUER) (pid $pid)"
		return 0
	fi
	if pid=$(provider_pid); then
		do_stop >/dev/null
	fi
	t0=$(date +%s.%N)
	install_packages
	make_certificates
	cp "$SRC/provider.mjs" "$NODE_DIR/provider.mjs"
	mkdir -p "$RUN"
	# Each start begins from the same state: the sample accounts and fresh keys (generation 1).
	rm -f "$ENV" "$PIDFILE" "$DIR/users.json" "$DIR"/users.json.* "$DIR"/keys-*.json
	: >"$LOG"
	setsid nohup node "$NODE_DIR/provider.mjs" "$DIR" </dev/null >>"$LOG" 2>&1 &
	pid=$!
	echo "$pid" >"$PIDFILE"
	for ((i = 0; i < 300; i++)); do
		if [[ -f $ENV ]] && answers PRIMARY && answers OTHER; then
			log "started: $(env_value ORGS_OIDC_PRIMARY_ISSUER) and $(env_value ORGS_OIDC_OTHER_ISSUER)," \
				"control $(env_value ORGS_OIDC_CONTROL_URL) (pid $pid," \
				"$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			break
		fi
		sleep 0.1
	done
	cat "$LOG" >&2
	kill -KILL "$pid" 2>/dev/null || true
	rm -f "$PIDFILE"
	echo "oidc-provider: the provider did not come up (log: $LOG)" >&2
	return 1
}

do_stop()
{
	local pid i
	if ! pid=$(provider_pid); then
		rm -f "$PIDFILE"
		log "not running"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "pid $pid did not stop after 10 s, killing it"
		kill -KILL "$pid" 2>/dev/null || true
		for ((i = 0; i < 50; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	rm -f "$PIDFILE"
	log "stopped (pid $pid)"
}

case $CMD in
start) do_start ;;
stop) do_stop ;;
restart)
	do_stop >/dev/null
	do_start
	;;
status)
	if pid=$(provider_pid); then
		log "running: $(env_value ORGS_OIDC_PRIMARY_ISSUER || echo '?') and $(env_value ORGS_OIDC_OTHER_ISSUER || echo '?') (pid $pid)"
	else
		log "not running"
		exit 1
	fi
	;;
*) usage ;;
esac
