#!/usr/bin/env bash
# The main job on the example corpus: scan (ingest + analyze + store) into ./demo,
# then write every card as Markdown and show the workspace status.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=demo
mkdir -p "$OUT/inputs"
# A PDF made from one of the example articles, so the demo exercises PDF ingestion too.
"$BIN/python" scripts/make_example_pdf.py examples/corpus/en-paper-ai-assistants-productivity-wages-2025.md "$OUT/inputs/ai-assistants-productivity.pdf"
"$BIN/workradar" --home "$OUT" scan examples/corpus "$OUT/inputs" --collection example-corpus
"$BIN/workradar" --home "$OUT" status
"$BIN/workradar" --home "$OUT" export --format md --out "$OUT/cards"
"$BIN/workradar" --home "$OUT" site build "$OUT/site"
echo
echo "Results: database $OUT/workradar.db, one Markdown card per document in $OUT/cards/"
echo "Static site (open in a browser, works from disk): $(cd "$OUT/site" && pwd)/index.html"
