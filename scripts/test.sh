#!/usr/bin/env bash
# The README's test command (`make test`) runs this. It installs and starts the
# real services the tests use — Debian's Chromium for the browser tests, a
# llama.cpp server build with a tiny GGUF model for the LLM-backend tests, a
# throwaway PostgreSQL on loopback for the store tests — then runs pytest.
# Under CI=true a service that cannot be provided fails the run; locally the
# tests that need it skip with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

provide() {  # provide NAME COMMAND...: run an installer, fatal only under CI
  local name=$1; shift
  if ! "$@"; then
    if [ "${CI:-}" = "true" ]; then
      echo "error: could not provide $name" >&2
      exit 1
    fi
    echo "warning: could not provide $name; the tests that need it will skip" >&2
  fi
}

provide chromium bash scripts/ensure-chromium.sh
provide llama.cpp env PYTHON="$BIN/python" bash scripts/ensure-llama.sh

if [ -z "${WORKRADAR_TEST_PG_URL:-}" ]; then
  if url=$(bash scripts/postgres-test-server.sh start); then
    export WORKRADAR_TEST_PG_URL="$url"
    trap 'bash scripts/postgres-test-server.sh stop >/dev/null 2>&1 || true' EXIT
  elif [ "${CI:-}" = "true" ]; then
    echo "error: could not start PostgreSQL" >&2
    exit 1
  else
    echo "warning: could not start PostgreSQL; PostgreSQL store tests will skip" >&2
  fi
fi
# Static checks first: ruff and mypy on the package (as `make lint`).
"$BIN/ruff" check src tests bench scripts
"$BIN/mypy"
"$BIN/python" -m pytest "$@"
