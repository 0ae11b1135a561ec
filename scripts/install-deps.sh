#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run Orgs.
# Idempotent: does nothing (and touches no network) when everything is already installed.
set -euo pipefail

# libbenchmark-dev and wrk: the benchmarks (tests/bench/README.md).
# postfix: only for /usr/sbin/smtp-sink, the SMTP server the outbox tests run on a free
# port. It is installed unconfigured ("No configuration"): without /etc/postfix/main.cf
# neither its init script nor its systemd unit starts a mail server.
# openssl and node with npm: the OpenID Provider of the tests (scripts/oidc-provider.sh: a test CA,
# npm's oidc-provider). Debian's nodejs (18 on Debian 12) and npm are added only when there is no
# node at all, so a node installed otherwise (e.g. from NodeSource, which ships npm inside its
# nodejs package and conflicts with Debian's npm) is left alone.
# dnsmasq-base: dnsmasq alone, no service: the DNS server of the domain verification tests.
# python3-prometheus-client: Prometheus's own parser of the text exposition format, which the
# metrics tests run over every scrape (an independent check of the writer in plugin/src/metrics).
# galera-4, rsync, iproute2, lsof and procps: the tests' private Galera cluster (scripts/galera.sh):
# the wsrep provider, and what its state transfer script (wsrep_sst_rsync) runs: rsync, ss or lsof
# to find the rsync daemon's port, ps. mariadb-server depends on them today; named so a slimmer
# server package cannot drop them.
PACKAGES=(cmake g++ make pkg-config libpoco-dev libcppunit-dev libmariadb-dev
	mariadb-server mariadb-client curl clang-format libbenchmark-dev wrk postfix
	openssl dnsmasq-base python3-prometheus-client galera-4 rsync iproute2 lsof procps)
if ! command -v node >/dev/null 2>&1; then
	PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	if [[ "$status" != "install ok installed" ]]; then
		missing+=("$p")
	fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
	exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "install-deps: missing ${missing[*]}; run as root or install sudo" >&2
	exit 1
fi

echo "install-deps: installing ${missing[*]}"
if [[ " ${missing[*]} " == *" postfix "* ]]; then
	echo "postfix postfix/main_mailer_type select No configuration" | "${SUDO[@]}" debconf-set-selections
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
