#!/usr/bin/env bash
# The card-quality targets on the real-text development corpus that sits beside
# the repository (../shared/dev-corpus): `make eval-dev`. Exits non-zero when a
# target fails. Not part of `make test`: it measures quality, it does not test code.
#   EVAL_SET=gold-aside make eval-dev     # the held-aside part, for reporting only
#   EVAL_FORMAT=md make eval-dev          # Markdown report (json, table)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${WORKRADAR_DEV_CORPUS:-../shared/dev-corpus}"
set_name="${EVAL_SET:-gold}"
if [[ ! -d "$corpus/$set_name" ]]; then
  echo "eval-dev: $corpus/$set_name not found; nothing to measure (set WORKRADAR_DEV_CORPUS)." >&2
  exit 0
fi
review=()
if [[ "$set_name" == "gold" && -d eval/dev-review ]]; then
  review=(--review eval/dev-review)
fi
exec .venv/bin/workradar eval "$corpus/$set_name" "${review[@]}" --format "${EVAL_FORMAT:-table}" --strict
