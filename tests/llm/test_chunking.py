"""Splitting long documents into contiguous chunks within a token budget."""

from __future__ import annotations

import pytest

from workradar.analyze.backends.llm.chunking import estimate_tokens, split_text

PARAGRAPH = "Workers in logistics see more automation every year. Unions ask for a say in it. " * 4


def _check(text: str, chunks: list, budget: int) -> None:
    assert "".join(c.text for c in chunks) == text  # contiguous, nothing lost or repeated
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert text[chunk.start : chunk.end] == chunk.text
        assert estimate_tokens(chunk.text) <= budget


def test_text_within_budget_is_one_chunk() -> None:
    chunks = split_text(PARAGRAPH, budget=10_000)
    assert len(chunks) == 1 and chunks[0].text == PARAGRAPH and chunks[0].start == 0


def test_paragraphs_are_packed_and_cut_at_blank_lines() -> None:
    text = "\n\n".join([PARAGRAPH] * 6)
    budget = estimate_tokens(PARAGRAPH) * 2 + 5
    chunks = split_text(text, budget)
    _check(text, chunks, budget)
    assert len(chunks) == 3
    assert all(c.text.startswith("Workers") for c in chunks)


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = PARAGRAPH * 10
    chunks = split_text(text, budget=60)
    _check(text, chunks, 60)
    assert len(chunks) > 1
    assert all(c.text.rstrip().endswith(".") for c in chunks)


def test_a_run_without_spaces_is_cut_by_characters() -> None:
    text = "x" * 1000
    chunks = split_text(text, budget=50)
    _check(text, chunks, 50)


def test_a_custom_token_counter_is_used() -> None:
    text = " ".join(["word"] * 100)
    chunks = split_text(text, budget=10, count=lambda s: len(s.split()))
    assert "".join(c.text for c in chunks) == text
    assert all(len(c.text.split()) <= 10 for c in chunks)


def test_budget_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        split_text("text", 0)
