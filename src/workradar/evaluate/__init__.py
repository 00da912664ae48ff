"""Quality measurement: score cards against gold files (`workradar eval`).

Not a pipeline stage: it drives ingest and analyze like `scan` does, then reads
the cards. See docs/eval.md for the gold format and the matching rules.
"""

from workradar.evaluate.gold import GoldDocument, GoldError, load_gold, load_gold_file
from workradar.evaluate.reference import ReferenceCard, ReferenceError, load_reference
from workradar.evaluate.report import (
    TARGETS,
    DocumentResult,
    EvalReport,
    MetricResult,
    run_eval,
    score_document,
)

__all__ = [
    "TARGETS",
    "DocumentResult",
    "EvalReport",
    "GoldDocument",
    "GoldError",
    "MetricResult",
    "ReferenceCard",
    "ReferenceError",
    "load_gold",
    "load_gold_file",
    "load_reference",
    "run_eval",
    "score_document",
]
