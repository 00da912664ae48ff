"""Extractive summary: length budget, grounding, order, exclusions, edge cases."""

from __future__ import annotations

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, long_report, seed
from workradar.analyze.extract.summary import MAX_SENTENCES, MAX_WORDS, summarize


def check(ctx, summary: str, evidence: list) -> None:  # type: ignore[no-untyped-def]
    assert len(summary.split()) <= MAX_WORDS or len(evidence) == 1
    assert len(evidence) <= MAX_SENTENCES
    starts = [e.start for e in evidence]
    assert starts == sorted(starts)
    for e in evidence:
        assert e.grounded_in(ctx.text)


@pytest.mark.skipif(not HAS_SEEDS, reason="seeds not present")
@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("000_41bc1e5358bc7dce.txt", "en"),
        ("001_bc26fac032c6569d.txt", "nl"),
        ("003_ca7c5f17f17ba6a6.txt", "en"),
    ],
)
def test_seed_summaries(name: str, language: str) -> None:
    ctx = ctx_for(seed(name), language)
    summary, evidence = summarize(ctx)
    check(ctx, summary, evidence)
    assert 3 <= len(evidence) <= 5
    quotes = [e.quote for e in evidence]
    assert not any(q.rstrip().endswith("?") for q in quotes)
    assert not any(q in ("Key takeaways:", "Tot slot") for q in quotes)
    for gone in ("Nvidia", "newsletter", "Boulder", "first appeared"):
        assert gone not in summary


def test_questions_headings_and_fragments_are_skipped() -> None:
    text = (
        "# Will AI take our jobs?\n\n"
        "Will AI take our jobs? Many economists now think the answer is more nuanced than feared. "
        "Companies adopt AI assistants mainly to speed up routine administrative work. "
        "Workers who use the tools report saving several hours every week. "
        "Unions ask for agreements on how the saved time is used.\n\n"
        "- cheaper\n- faster\n"
    )
    ctx = ctx_for(text)
    summary, evidence = summarize(ctx)
    check(ctx, summary, evidence)
    assert "?" not in summary and "cheaper" not in summary
    assert len(evidence) >= 3


def test_redundant_sentences_are_not_both_chosen() -> None:
    base = "Artificial intelligence will replace many clerical jobs in banks within five years."
    text = " ".join(
        [
            base,
            base.replace("many", "numerous"),
            "Nurses use speech recognition to write their reports faster.",
            "Governments debate new rules for algorithmic management at work.",
            "Teachers redesign assignments because students use chatbots.",
            "Delivery riders protest against automated shift allocation.",
        ]
    )
    ctx = ctx_for(text)
    _, evidence = summarize(ctx)
    quotes = [e.quote for e in evidence]
    assert not (base in quotes and base.replace("many", "numerous") in quotes)


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_return_valid_output(case: str) -> None:
    text, language = EDGE_CASES[case]
    ctx = ctx_for(text, language)
    summary, evidence = summarize(ctx)
    check(ctx, summary, evidence)
    if case in ("empty", "whitespace", "boilerplate_only"):
        assert summary == "" and evidence == []
    else:
        assert summary


def test_long_report_is_bounded_and_valid() -> None:
    ctx = ctx_for(long_report(300))
    summary, evidence = summarize(ctx)
    check(ctx, summary, evidence)
    assert len(ctx.sentences) > 3000
    assert ctx._vectors is None  # only the sample was embedded, never all sentences
