# Shell functions of the hand-run scripts under tests/ (the benchmarks, the slow-clients check,
# the Galera fault script): what they need before they start, and the processes they start.
#
#   source "$ROOT/tests/lib/processes.sh"
#   ORGS_SCRIPT=run.sh            # the name complaints begin with (default: the script's name)
#
# It defines functions only; set -euo pipefail stays the caller's.

ORGS_SCRIPT=${ORGS_SCRIPT:-$(basename "$0")}

orgs_require_files()
{
	# orgs_require_files HINT FILE...: exits 2 naming the first missing file, and HINT (how to
	# make it).
	local hint=$1 f
	shift
	for f in "$@"; do
		if [[ ! -e $f ]]; then
			echo "$ORGS_SCRIPT: $f is missing: $hint" >&2
			exit 2
		fi
	done
}

orgs_require_tools()
{
	# orgs_require_tools TOOL...: exits 2 naming the first tool not installed.
	local tool
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "$ORGS_SCRIPT: $tool is not installed: run scripts/install-deps.sh" >&2
			exit 2
		fi
	done
}

orgs_wait_for_line()
{
	# orgs_wait_for_line LOG PATTERN PID: prints the first match of the extended regular
	# expression PATTERN in the file LOG (an address a server prints once it listens), waiting
	# up to 60 s while process PID lives. Otherwise shows LOG and fails.
	local log=$1 pattern=$2 pid=$3 i line
	for ((i = 0; i < 600; i++)); do
		line=$(grep -oE "$pattern" "$log" 2>/dev/null | head -n1 || true)
		if [[ -n $line ]]; then
			echo "$line"
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	echo "$ORGS_SCRIPT: no '$pattern' in $log:" >&2
	cat "$log" >&2
	return 1
}

orgs_host_url()
{
	# orgs_host_url LOG PID: the address orgs-host (process PID, logging to LOG) listens on, once
	# it does; fails as orgs_wait_for_line.
	orgs_wait_for_line "$1" 'http://127\.0\.0\.1:[0-9]+' "$2"
}

orgs_stop_process()
{
	# orgs_stop_process PID: stops a process this script started: TERM, then KILL after 10 s;
	# reaps it. Nothing for an empty PID or a process already gone.
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

orgs_json_field()
{
	# orgs_json_field KEY: the first string or number value of KEY in the JSON on stdin; fails
	# loudly.
	local json value
	json=$(cat)
	value=$(grep -oE "\"$1\" *: *(\"[^\"]*\"|[0-9]+)" <<<"$json" | head -n1 | sed -E 's/^[^:]*: *"?//; s/"$//' || true)
	if [[ -z $value ]]; then
		echo "$ORGS_SCRIPT: no $1 in the answer: $json" >&2
		return 1
	fi
	echo "$value"
}
