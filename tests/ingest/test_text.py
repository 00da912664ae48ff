from __future__ import annotations

import random

from workradar.ingest.text import decode_bytes, normalize_text, remove_boilerplate, split_blocks

# Written for this test: the shape of a news page copied as text, with widgets,
# a sign-up prompt and a trailing block of unrelated teasers.
NEWS_AS_TEXT = """×
Call centres rethink their staffing as speech bots spread
Written by
Published on
Join our daily newsletter for breaking news and other industry-leading AI coverage
Join Now

Call centres across Europe report that speech bots now answer a growing share of routine questions.

Key points:

  • Managers expect 15% fewer agent positions by 2027, according to a sector survey.
  • Remaining agents handle longer and more complex calls.

Trainers say the job now needs more product knowledge and more patience.

Recent News

Satellite firm launches new imaging service

The company says its images will help farmers monitor crops.

Museum opens interactive exhibition on early computers

Visitors can program a replica of a 1950s machine."""


def test_news_text_loses_widgets_prompts_and_teasers() -> None:
    result = remove_boilerplate(NEWS_AS_TEXT)
    text = result.text
    assert text.startswith("Call centres rethink their staffing as speech bots spread")
    for gone in (
        "×",
        "Written by",
        "Published on",
        "newsletter",
        "Join Now",
        "Recent News",
        "Satellite",
        "Museum",
    ):
        assert gone not in text, gone
    assert "15% fewer agent positions by 2027" in text
    assert text.endswith("Trainers say the job now needs more product knowledge and more patience.")
    assert result.cut_section == "Recent News"


def test_related_heading_before_long_section_is_kept() -> None:
    long_paragraph = " ".join(["Earlier studies measured task exposure across occupations in detail."] * 15)
    text = f"Introduction to the report.\n\nRelated work\n\n{long_paragraph}\n\n{long_paragraph}"
    assert remove_boilerplate(text).text == normalize_text(text)


def test_prose_mentioning_newsletter_or_sharing_is_kept() -> None:
    text = (
        "The union said in its newsletter that members would vote in May.\n\n"
        "Die Beschäftigten teilen die Sorge um ihre Arbeitsplätze."
    )
    result = remove_boilerplate(text)
    assert result.text == text
    assert result.dropped_lines == 0


def test_title_repeated_as_first_paragraph_is_dropped() -> None:
    assert remove_boilerplate("Headline\n\nBody text here.", title="Headline").text == "Body text here."


def test_decode_utf8_cp1252_mixed_and_garbage() -> None:
    assert decode_bytes("Zürich café".encode()) == ("Zürich café", "utf-8")
    text, encoding = decode_bytes("Le café du matin coûte deux euros à Genève.".encode("cp1252"))
    assert text == "Le café du matin coûte deux euros à Genève."
    assert encoding != "utf-8"
    mixed = "Größe: ".encode() + "naïve “quotes”".encode("cp1252")
    text, encoding = decode_bytes(mixed)
    assert text == "Größe: naïve “quotes”"
    assert encoding == "utf-8+cp1252"
    assert decode_bytes("hé".encode("utf-16"))[0] == "hé"
    assert decode_bytes("Straße".encode("latin-1"), "latin-1") == ("Straße", "latin-1")
    # A wrong declaration does not win over a clean UTF-8 decode.
    assert decode_bytes("日本".encode(), "ascii")[0] == "日本"
    noise = random.Random(7).randbytes(4096)
    text, _ = decode_bytes(noise)
    assert isinstance(text, str) and text


def test_normalize_and_split() -> None:
    raw = "a\r\nb  \r\n\r\n\r\n\r\nc\x00d\u00a0e"
    assert normalize_text(raw) == "a\nb\n\ncd e"
    assert split_blocks("one\n\n  \n\ntwo\nthree") == ["one", "two\nthree"]
