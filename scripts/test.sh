#!/usr/bin/env bash
# The README's test command (`make test`) runs this. It starts the services the
# tests use for real — a throwaway PostgreSQL on loopback — and then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
if [ -z "${WORKRADAR_TEST_PG_URL:-}" ]; then
  if url=$(bash scripts/postgres-test-server.sh start); then
    export WORKRADAR_TEST_PG_URL="$url"
    trap 'bash scripts/postgres-test-server.sh stop >/dev/null 2>&1 || true' EXIT
  else
    echo "warning: could not start PostgreSQL; PostgreSQL store tests will skip (fail under CI=true)" >&2
  fi
fi
"$BIN/python" -m pytest "$@"
