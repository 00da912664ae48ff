"""Locating model quotes in the source text, and numbers in claim quotes."""

from __future__ import annotations

import pytest

from workradar.analyze.backends.llm.grounding import (
    FUZZY_THRESHOLD,
    locate,
    normalise,
    number_in_quote,
    numbers_in,
)

TEXT = (
    "Amazon said on Tuesday it will cut 14,000 corporate jobs.\n"
    "The company’s “AI strategy” — its chief executive said —\n  is working.\n\n"
    "Zwei Drittel der Beschäftigten nutzen KI‑Werkzeuge täglich."
)


def _found(quote: str, text: str = TEXT) -> str | None:
    span = locate(quote, text)
    return None if span is None else text[span.start : span.end]


def test_exact_quote_gives_its_offsets() -> None:
    span = locate("it will cut 14,000 corporate jobs", TEXT)
    assert span is not None and span.score == 100.0
    assert TEXT[span.start : span.end] == "it will cut 14,000 corporate jobs"


def test_typographic_variants_and_line_breaks_map_back_to_the_original_characters() -> None:
    quote = 'The company\'s "AI strategy" - its chief executive said - is working'
    assert _found(quote) == "The company’s “AI strategy” — its chief executive said —\n  is working"


def test_non_breaking_hyphen_and_case_differences() -> None:
    assert _found("zwei drittel der beschäftigten nutzen KI-Werkzeuge") == (
        "Zwei Drittel der Beschäftigten nutzen KI‑Werkzeuge"
    )


def test_wrapping_quote_marks_and_ellipses_are_ignored() -> None:
    assert _found("“it will cut 14,000 corporate jobs…”") == "it will cut 14,000 corporate jobs"
    assert _found("...it will cut 14,000 corporate jobs.") == "it will cut 14,000 corporate jobs."
    assert _found("'it will cut 14,000 corporate jobs...'") == "it will cut 14,000 corporate jobs"


def test_small_copying_slip_is_accepted_by_the_fuzzy_step_and_widened_to_words() -> None:
    span = locate("Amazon said on Tuesday it would cut 14,000 corporate jobs", TEXT)
    assert span is not None
    assert TEXT[span.start : span.end] == "Amazon said on Tuesday it will cut 14,000 corporate jobs"
    assert FUZZY_THRESHOLD <= span.score < 100


def test_paraphrase_and_invention_are_refused() -> None:
    assert locate("Amazon plans to reduce its corporate workforce by fourteen thousand", TEXT) is None
    assert locate("Google will hire 5,000 engineers to build AI agents next year", TEXT) is None


def test_short_quotes_cannot_ground_anything() -> None:
    assert locate("Amazon", TEXT) is None
    assert locate("  “jobs”  ", TEXT) is None


def test_fuzzy_match_far_into_a_long_text() -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 2000
    sentence = "Dockworkers in Rotterdam fear that automated cranes will replace them."
    text = filler + sentence + " " + filler
    span = locate("Dockworkers in Rotterdam fear that automated cranes will replace them all", text)
    assert span is not None and text[span.start : span.end].startswith("Dockworkers in Rotterdam")
    assert span.start == len(filler)


def test_normalise_keeps_a_map_to_original_offsets() -> None:
    text = "a\u00a0 “b”\n\nc…"
    norm = normalise(text)
    assert norm.text == 'a "b" c...'
    assert [text[i] for i in norm.origin] == ["a", "\u00a0", "“", "b", "”", "\n", "c", "…", "…", "…"]


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (14000, "will cut 14,000 jobs"),
        (14000, "streicht 14.000 Stellen"),
        (1.5, "1,5 Millionen Beschäftigte"),
        (1_500_000, "1,5 Millionen Beschäftigte"),
        (2_500_000, "about 2.5 million workers"),
        (1_200_000, "1 200 000 personnes"),
        (38, "38% of firms"),
        (-3.2, "wages fell 3.2 percent"),
        (2030, "by 2030"),
    ],
)
def test_number_written_in_quote(value: float, quote: str) -> None:
    assert number_in_quote(value, quote)


@pytest.mark.parametrize(
    ("value", "quote"),
    [(39, "38% of firms"), (14, "will cut 14,000 jobs"), (1_500_000, "15 firms"), (5, "no figure here")],
)
def test_number_not_in_quote(value: float, quote: str) -> None:
    assert not number_in_quote(value, quote)


def test_numbers_in_reads_both_decimal_conventions() -> None:
    assert {1.5, 2025.0, 14000.0} <= numbers_in("1,5 or 14,000 in 2025")
    assert 15.0 not in numbers_in("1,5")


def test_a_match_inside_a_word_is_widened_to_the_whole_word() -> None:
    assert (
        _found("on Tuesday it will cut 14,000 corporate job")
        == "on Tuesday it will cut 14,000 corporate jobs"
    )
