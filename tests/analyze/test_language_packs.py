"""Language packs: a language workradar does not ship, added as a folder, drives the analyzer.

The toy Danish pack below holds a few number words, one occupation with an effect cue, a
cue lexicon, claim words and stopwords; a document in Danish then gets a claim from a
Danish number word (with its subject and stance from the pack) and an occupation from the
pack's lexicon, which it does not get without the pack.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workradar.analyze import get_analyzer
from workradar.analyze.extract.occupations import lexicon as occupation_lexicon
from workradar.analyze.text.cues import available_languages
from workradar.analyze.text.cues import lexicon as cue_lexicon
from workradar.analyze.text.lexicon import stopwords
from workradar.analyze.text.numbers import find_numbers
from workradar.config import Settings
from workradar.languages import (
    LANGUAGES,
    LanguagePackError,
    add_pack_path,
    languages,
    pack_part,
    remove_pack_path,
)
from workradar.models import Card, Document

TOY_PACK = {
    "numbers.toml": """
thousands_separator = "."

[words]
units = "nul en to tre fire fem seks syv otte ni ti elleve tolv"
tens = ["tyve", "tredive", "fyrre", "halvtreds"]

[fractions]
denominators = { tredjedel = 3, fjerdedel = 4 }
in_every = ["ud af"]
""",
    "occupations.toml": """
[codes]
"2221" = ["sygeplejerske|sygeplejersker"]
""",
    "occupation_rules.toml": """
negation = '\\b(ikke|aldrig)\\b'
[effects]
displaced = ['erstat\\w*']
""",
    "cues.toml": """
[words]
stop = "en et den det de og eller af i på til med for"
verbs = "er var har havde vil kan skal"

[signals]
"before:rising" = ['stiger']
""",
    "claims.toml": """
partitive = ["af"]
np_stop = "bruger er har siger"

[stance]
adoption = ['bruge?r?']
""",
    "words.toml": """
[stopwords]
extra = "altså"
domain = "ki"
""",
}

DANISH = (
    "# Kunstig intelligens på hospitalerne\n\n"
    "Fyrre procent af hospitalerne bruger nu kunstig intelligens i det daglige arbejde. "
    "Kunstig intelligens erstatter sygeplejersker i administrationen på flere afdelinger. "
    "Behovet for nye kompetencer stiger hurtigt, siger forskerne fra universitetet.\n"
)


def _write_pack(root: Path, code: str, parts: dict[str, str]) -> None:
    folder = root / code
    folder.mkdir(parents=True)
    for name, text in parts.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def toy_pack(tmp_path: Path) -> Iterator[Path]:
    _write_pack(tmp_path, "da", TOY_PACK)
    add_pack_path(tmp_path)
    try:
        yield tmp_path
    finally:
        remove_pack_path(tmp_path)


def _analyze(text: str, language: str) -> Card:
    analyzer = get_analyzer("embedded", Settings())
    return analyzer.analyze(Document.from_text(text, language=language))


def test_shipped_languages_are_the_pack_folders() -> None:
    assert set(LANGUAGES) == {"en", "nl", "de", "fr", "es", "it", "pt", "ro", "pl", "sv"}
    assert languages() == LANGUAGES


def test_a_pack_folder_adds_a_language_and_its_tables(toy_pack: Path) -> None:
    assert "da" in languages()
    assert "da" in available_languages()
    assert cue_lexicon("da").language == "da"
    assert cue_lexicon("da").cues["signals"][0].regex.search("Behovet stiger")
    [figure] = find_numbers("Fyrre procent af dem", "da")
    assert (figure.value, figure.unit, figure.spelled) == (40.0, "%", True)
    [share] = find_numbers("tre ud af fem", "da")
    assert (share.value, share.unit) == (60.0, "%")
    assert occupation_lexicon("da")["sygeplejersker"].code == "2221"
    assert "altså" in stopwords("da")
    assert "ki" not in stopwords("da")


def test_the_embedded_analyzer_uses_the_pack(toy_pack: Path) -> None:
    card = _analyze(DANISH, "da")
    assert [(c.value, c.unit, c.subject, c.stance) for c in card.claims] == [
        (40.0, "%", "hospitalerne", "adoption")
    ]
    assert card.claims[0].evidence[0].quote.startswith("Fyrre procent")
    [nurses] = card.occupations
    assert (nurses.mention, nurses.isco, nurses.effect) == ("sygeplejersker", "2221", "displaced")


def test_without_the_pack_the_danish_words_mean_nothing() -> None:
    card = _analyze(DANISH, "da")
    assert "da" not in languages()
    assert not any(c.value == 40.0 for c in card.claims)
    assert not any(o.isco == "2221" for o in card.occupations)


def test_removing_the_pack_path_forgets_the_language(tmp_path: Path) -> None:
    _write_pack(tmp_path, "da", TOY_PACK)
    add_pack_path(tmp_path)
    assert find_numbers("fyrre procent", "da")
    remove_pack_path(tmp_path)
    assert "da" not in languages()
    assert not find_numbers("fyrre procent", "da")


def test_a_part_with_broken_toml_is_one_clear_error(tmp_path: Path) -> None:
    _write_pack(tmp_path, "xx", {"numbers.toml": "[words\nunits = 'a b'\n"})
    add_pack_path(tmp_path)
    try:
        with pytest.raises(LanguagePackError, match=r"xx/numbers\.toml cannot be read"):
            find_numbers("5 procent", "en")
        with pytest.raises(LanguagePackError) as caught:
            pack_part("xx", "numbers")
        assert caught.value.exit_code == 2
    finally:
        remove_pack_path(tmp_path)
    assert find_numbers("5 procent", "en")


def test_a_key_of_the_wrong_type_names_the_part_and_the_key(tmp_path: Path) -> None:
    _write_pack(tmp_path, "xx", {"numbers.toml": "[words]\nunits = 5\n"})
    add_pack_path(tmp_path)
    try:
        with pytest.raises(LanguagePackError, match=r"xx/numbers\.toml: words\.units must be"):
            find_numbers("vijf procent", "xx")
    finally:
        remove_pack_path(tmp_path)
