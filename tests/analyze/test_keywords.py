"""Key phrases: count, dedup (case, dots, plurals), no numbers/boilerplate, edge cases."""

from __future__ import annotations

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, long_report, seed
from workradar.analyze.extract.keywords import extract_keywords, phrase_key


def keys(phrases: list[str], language: str = "en") -> list[str]:
    return [phrase_key(p, language) for p in phrases]


def test_phrase_key_merges_variants() -> None:
    assert phrase_key("AI", "en") == phrase_key("ai", "en") == phrase_key("A.I.", "en")
    assert phrase_key("job losses", "en") == phrase_key("Job loss", "en")
    assert phrase_key("companies", "en") == phrase_key("company", "en")


@pytest.mark.skipif(not HAS_SEEDS, reason="seeds not present")
@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("000_41bc1e5358bc7dce.txt", "en", {"ai", "job loss"}),
        ("001_bc26fac032c6569d.txt", "nl", {"ai", "werknemer"}),
        ("003_ca7c5f17f17ba6a6.txt", "en", {"ai", "worker"}),
    ],
)
def test_seed_keywords(name: str, language: str, expected: set[str]) -> None:
    words = extract_keywords(ctx_for(seed(name), language))
    assert 6 <= len(words) <= 10, words
    k = keys(words, language)
    assert len(set(k)) == len(k)
    assert expected <= set(k), words
    for w in words:
        assert not w.replace(".", "").replace(",", "").isdigit()
        assert w.lower() not in {"newsletter", "nvidia", "join", "cookies"}


def test_dedup_case_and_plural_and_no_numbers() -> None:
    text = (
        "AI changes jobs. Ai tools change the job of clerks. A.I. assistants help clerks. "
        "In 2024, 44 percent of firms used AI assistants. The AI assistant drafts letters for the clerk. "
        "Clerks check every letter the assistant drafts. Subscribe to our newsletter."
    )
    words = extract_keywords(ctx_for(text))
    k = keys(words)
    assert len(set(k)) == len(k)
    assert "ai" in k
    assert not any(w.strip("%").isdigit() for w in words)
    assert "newsletter" not in [w.lower() for w in words]


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases(case: str) -> None:
    text, language = EDGE_CASES[case]
    words = extract_keywords(ctx_for(text, language))
    assert isinstance(words, list) and len(words) <= 10
    if case in ("empty", "whitespace"):
        assert words == []


def test_long_report_bounded() -> None:
    ctx = ctx_for(long_report(300))
    words = extract_keywords(ctx)
    assert 6 <= len(words) <= 10
    assert ctx._vectors is None
