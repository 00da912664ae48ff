from __future__ import annotations

from pathlib import Path

import pytest

from workradar.evaluate.gold import GoldError, load_gold, load_gold_file
from workradar.evaluate.metrics import _number_text_pattern, fold, mention_matches, normalise_name
from workradar.evaluate.report import read_document

from .support import REPO_ROOT, SEEDS

VALID = """
source = "docs/a.txt"
language = "en"
forbidden = ["Join our daily newsletter"]
reference_card = "ref.txt"

[[numbers]]
text = "one-third"
value = 33.33
unit = "%"

[[organizations]]
name = "International Labour Organization"
aliases = ["ILO"]

[[policies]]
name = "EU AI Act"
aliases = ["AI Act"]
jurisdiction = "EU"

[[occupations]]
mention = "paralegals"
isco = "3411"
effect = "displaced"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_every_section(tmp_path: Path) -> None:
    gold = load_gold_file(write(tmp_path / "a.toml", VALID))
    assert gold.path == tmp_path / "a.toml"
    assert gold.name == "a"
    assert gold.language == "en"
    assert gold.forbidden == ["Join our daily newsletter"]
    assert (gold.numbers[0].text, gold.numbers[0].value, gold.numbers[0].unit) == ("one-third", 33.33, "%")
    assert gold.organizations[0].aliases == ["ILO"]
    assert gold.policies[0].jurisdiction == "EU"
    assert (gold.occupations[0].isco, gold.occupations[0].effect) == ("3411", "displaced")


def test_directory_is_loaded_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "b.toml", 'source = "b.txt"')
    write(tmp_path / "sub" / "a.toml", 'source = "a.txt"')
    write(tmp_path / "notes.md", "not gold")
    assert [g.source for g in load_gold(tmp_path)] == ["b.txt", "a.txt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('source = "a.txt"\nsorce = "typo"', "sorce: Extra inputs are not permitted"),
        ('source = "a.txt"\n[[numbers]]\ntext = "5%"\nvalue = "five"\nunit = "%"', "numbers.0.value"),
        ('source = "a.txt"\n[[numbers]]\ntext = "5%"\nvalue = 5', "numbers.0.unit: Field required"),
        ('source = "a.txt"\n[[occupations]]\nmention = "x"\nisco = "34A"', "occupations.0.isco"),
        ('source = "a.txt"\n[[occupations]]\nmention = "x"\neffect = "fired"', "occupations.0.effect"),
        (
            'source = "a.txt"\nforbidden = ["  "]',
            "forbidden: Value error, forbidden strings must not be empty",
        ),
        ('language = "en"', "source: Field required"),
        ('source = "a.txt"\n[[organizations]]\naliases = ["X"]', "organizations.0.name: Field required"),
    ],
)
def test_invalid_gold_names_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(GoldError) as info:
        load_gold_file(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_invalid_toml_is_reported_with_file(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.toml", 'source = "a.txt"\n[[numbers]\n')
    with pytest.raises(GoldError, match=r"broken\.toml: invalid TOML"):
        load_gold_file(path)


def test_directory_with_one_bad_file_fails_as_a_whole(tmp_path: Path) -> None:
    write(tmp_path / "good.toml", 'source = "a.txt"')
    write(tmp_path / "bad.toml", "source = 3")
    with pytest.raises(GoldError, match=r"bad\.toml: source"):
        load_gold(tmp_path)


def test_empty_directory_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"no \*\.toml gold files"):
        load_gold(tmp_path)
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "absent.toml")


def test_source_resolves_against_root_then_gold_ancestors(tmp_path: Path) -> None:
    document = write(tmp_path / "repo" / "docs" / "a.txt", "text")
    gold = load_gold_file(write(tmp_path / "repo" / "examples" / "gold" / "a.toml", VALID))
    # Not under the given root, but under an ancestor of the gold file.
    assert gold.resolve_source(root=tmp_path / "elsewhere") == tmp_path / "repo" / "docs" / "a.txt"
    assert gold.resolve_source(root=tmp_path / "repo").samefile(document)
    document.unlink()
    with pytest.raises(GoldError, match=r"'docs/a\.txt' not found"):
        gold.resolve_source(root=tmp_path)


def test_missing_reference_card_is_a_gold_error(tmp_path: Path) -> None:
    gold = load_gold_file(write(tmp_path / "a.toml", VALID))
    with pytest.raises(GoldError, match=r"reference_card 'ref\.txt' not found"):
        gold.resolve_reference()
    write(tmp_path / "ref.txt", "Summary\n\nx\n")
    assert gold.resolve_reference() == tmp_path / "ref.txt"


# ------------------------------------------------------------ the seed gold set

SEED_GOLD = REPO_ROOT / "examples" / "gold" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds beside the repository")
def test_seed_gold_items_occur_in_their_documents() -> None:
    """Every gold figure, name and mention must be findable in the text that
    ingest produces, and every forbidden string must be in the raw file (else
    the check could never fail)."""
    from workradar.config import load_settings

    golds = load_gold(SEED_GOLD)
    assert [g.name for g in golds] == ["000", "001", "003"]
    settings = load_settings()
    for gold in golds:
        path = gold.resolve_source(REPO_ROOT)
        document = read_document(path, gold, settings)
        folded, names = fold(document.text), f" {normalise_name(document.text)} "
        for number in gold.numbers:
            assert _number_text_pattern(number.text).search(folded), (gold.name, number.text)
        for entity in [*gold.organizations, *gold.policies]:
            assert any(f" {normalise_name(n)} " in names for n in [entity.name, *entity.aliases]), (
                gold.name,
                entity.name,
            )
        words = normalise_name(document.text).split()
        for occupation in gold.occupations:
            assert any(
                mention_matches(n, " ".join(words[i : i + len(normalise_name(n).split())]))
                for n in [occupation.mention, *occupation.aliases]
                for i in range(len(words))
            ), (gold.name, occupation.mention)
        raw = fold(path.read_text(encoding="utf-8"))
        for forbidden in gold.forbidden:
            assert fold(forbidden) in raw, (gold.name, forbidden)
        assert document.language == gold.language


WEB_GOLD = REPO_ROOT / "examples" / "gold" / "web"


@pytest.mark.parametrize("gold_file", sorted(WEB_GOLD.glob("*.toml")), ids=lambda p: p.stem)
def test_web_gold_items_survive_ingest_and_forbidden_strings_are_in_the_raw_page(gold_file: Path) -> None:
    """The web pages carry their furniture: every gold item must still be in the
    text ingest produces (cleaning must not eat the article), and every
    forbidden string must be in the raw page (else the leak check means nothing)."""
    from workradar.config import load_settings

    gold = load_gold_file(gold_file)
    path = gold.resolve_source(REPO_ROOT)
    document = read_document(path, gold, load_settings())
    folded, names = fold(document.text), f" {normalise_name(document.text)} "
    for number in gold.numbers:
        assert _number_text_pattern(number.text).search(folded), number.text
    for entity in [*gold.organizations, *gold.policies]:
        assert any(f" {normalise_name(n)} " in names for n in [entity.name, *entity.aliases]), entity.name
    raw = fold(path.read_text(encoding="utf-8"))
    for forbidden in gold.forbidden:
        assert fold(forbidden) in raw, forbidden
    assert all(number.stance is not None for number in gold.numbers)
    assert document.language == gold.language
