#!/usr/bin/env bash
# The run command: installs dependencies, builds, installs into build/prefix and runs the
# sample host with the Orgs plugin. Extra arguments go to orgs-host (e.g. --define=http.port=9090).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=$(scripts/build.sh | tail -n1)
PREFIX=$BUILD/prefix
cmake --install "$BUILD" --prefix "$PREFIX" >/dev/null

cat <<EOF

Try it (on the port printed below; 8080 unless you passed --define=http.port=...):
  curl -s http://127.0.0.1:8080/api/v1/health
  curl -s -X POST http://127.0.0.1:8080/api/v1/accounts -H 'Content-Type: application/json' \\
       -d '{"username":"ada","email":"ada@example.com","name":"Ada Lovelace"}'
  curl -s http://127.0.0.1:8080/api/v1/me -H "Authorization: Bearer <token from the answer above>"
The walk-through in README.md goes on from there. Stop the server with Ctrl-C.

EOF
exec "$PREFIX/bin/orgs-host" --config="$PREFIX/etc/orgs/host.properties" "$@"
