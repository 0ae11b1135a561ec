#!/usr/bin/env bash
# Formats C++ sources in the house style: clang-format (.clang-format at the root), then Poco's
# doc comments: a run of "///" lines right after a declaration is indented one level deeper than
# the declaration, which clang-format alone cannot express.
#
#   scripts/format.sh            # format every tracked .h/.cpp
#   scripts/format.sh FILE...    # format these files
#   scripts/format.sh --check    # list files that are not formatted; exit 1 if any
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

check=0
if [[ ${1:-} == --check ]]; then
	check=1
	shift
fi
if [[ $# -eq 0 ]]; then
	mapfile -t files < <(git ls-files '*.h' '*.cpp')
else
	files=("$@")
fi

format()
{
	clang-format --style=file "$1" | awk '
		function leadingTabs(s,   n) { n = 0; while (substr(s, n + 1, 1) == "\t") n++; return n }
		function tabs(n,   s) { s = ""; while (n-- > 0) s = s "\t"; return s }
		{
			line = $0
			if (line ~ /^[ \t]*\/\/\/([^<]|$)/) {
				if (!inRun) {
					inRun = 1
					reindent = (prev !~ /^[ \t]*$/ && prev !~ /\{[ \t]*$/ && prev !~ /^[ \t]*\/\//)
					indent = tabs(leadingTabs(prev) + 1)
				}
				if (reindent) {
					sub(/^[ \t]*/, "", line)
					line = indent line
				}
				print line
				next
			}
			inRun = 0
			prev = line
			print line
		}'
}

status=0
for f in "${files[@]}"; do
	formatted=$(format "$f")
	if [[ $formatted != "$(cat "$f")" ]]; then
		if ((check)); then
			echo "not formatted: $f (run scripts/format.sh $f)"
			status=1
		else
			printf '%s\n' "$formatted" >"$f"
		fi
	fi
done
exit $status
