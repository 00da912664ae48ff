"""The phenomena library (loading, extending, validation) and linking signals to it."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workradar.analyze.extract.phenomena import link_signals, match_phenomena
from workradar.analyze.extract.themes import load_taxonomy
from workradar.analyze.text.embedders import CachedEmbedder, default_embedder
from workradar.cli import app
from workradar.config import PhenomenaSettings
from workradar.models import AnalyzerInfo, Card, Evidence, PhenomenonRef, Signal
from workradar.phenomena import PROTOTYPE_LANGUAGES, PhenomenaError, load_phenomena
from workradar.publish.markdown import card_to_markdown

ISCO_GROUPS = set(
    tomllib.loads(resources.files("workradar").joinpath("data/isco08.toml").read_text(encoding="utf-8"))[
        "groups"
    ]
)


@pytest.fixture(scope="module")
def embedder() -> CachedEmbedder:
    return default_embedder()


def test_packaged_library_is_complete_and_consistent() -> None:
    library = load_phenomena()
    assert len(library) >= 150 and library.version
    ids = [entry.id for entry in library.entries]
    assert len(ids) == len(set(ids))
    themes = set(load_taxonomy(None).names)
    home_themes = {entry.themes[0] for entry in library.entries}
    assert home_themes == themes  # every theme of the taxonomy is some entry's home
    for entry in library.entries:
        assert set(entry.themes) <= themes, entry.id
        assert set(entry.isco) <= ISCO_GROUPS, entry.id
        assert entry.description and entry.change_from and entry.change_to and entry.ten_year, entry.id
        assert entry.driving_forces and entry.stakeholders, entry.id
        for language in PROTOTYPE_LANGUAGES:
            assert len(entry.prototypes.get(language, [])) >= 2, (entry.id, language)


def test_extra_files_add_and_replace_entries(tmp_path: Path) -> None:
    extra = tmp_path / "local.toml"
    extra.write_text(
        'version = "local.1"\n'
        "[[phenomena]]\n"
        'id = "entry-level-erosion"\nname = "Our own reading of entry-level erosion"\n'
        'description = "A local rewrite."\n[phenomena.prototypes]\nen = ["fewer junior hires"]\n'
        "[[phenomena]]\n"
        'id = "robot-baristas"\nname = "Robot baristas"\ndescription = "Coffee bars replace staff with robot arms."\n'
        '[phenomena.prototypes]\nen = ["a robot arm now makes the coffee instead of the barista"]\n',
        encoding="utf-8",
    )
    base = load_phenomena()
    library = load_phenomena(None, [extra])
    assert len(library) == len(base) + 1
    entry = library.get("entry-level-erosion")
    assert entry is not None and entry.name == "Our own reading of entry-level erosion"
    assert library.get("robot-baristas") is not None
    assert library.version == f"{base.version}+local.1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[phenomena]\n", "not valid TOML"),
        ('[[phenomena]]\nid = "Bad Id"\nname = "x"\ndescription = "y"\n[phenomena.prototypes]\nen = ["z"]\n', "id"),
        ('[[phenomena]]\nid = "no-prototypes"\nname = "x"\ndescription = "y"\n[phenomena.prototypes]\n', "prototype"),
        ('[[phenomena]]\nid = "bad-isco"\nname = "x"\ndescription = "y"\nisco = ["12345"]\n'
         '[phenomena.prototypes]\nen = ["z"]\n', "isco"),
        ('[[phenomena]]\nid = "twice"\nname = "x"\ndescription = "y"\n[phenomena.prototypes]\nen = ["z"]\n' * 2,
         "duplicate"),
    ],
)  # fmt: skip
def test_a_malformed_library_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "library.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PhenomenaError, match=message):
        load_phenomena(path)


def test_a_missing_library_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PhenomenaError, match="cannot read"):
        load_phenomena(tmp_path / "absent.toml")


# Sentences written for these tests, in several languages, each plainly about one entry.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Graduates find far fewer starter jobs because firms let AI do the junior work", "entry-level-erosion"),
        ("Steeds minder starters vinden een baan omdat AI het juniorwerk overneemt", "entry-level-erosion"),
        ("Im Lager bestimmt ein Algorithmus das Arbeitstempo und verwarnt zu langsame Beschäftigte",
         "warehouse-algorithmic-pacing"),
        ("Les comédiens de doublage perdent des contrats au profit de voix synthétiques",
         "translation-dubbing-displacement"),
    ],
)  # fmt: skip
def test_plain_statements_rank_their_phenomenon_first(
    text: str, expected: str, embedder: CachedEmbedder
) -> None:
    [found] = match_phenomena(load_phenomena(), [text], embedder, threshold=0.0)
    assert found is not None and found[0].id == expected, found


def test_the_default_threshold_links_clear_statements_and_nothing_unrelated(embedder: CachedEmbedder) -> None:
    texts = [
        "Graduates find far fewer starter jobs because firms let AI do the junior work",
        "Les comédiens de doublage perdent des contrats au profit de voix synthétiques",
        "The recipe needs two eggs and a cup of flour.",
        "The bakery sold more cakes in spring than in winter",
    ]
    found = match_phenomena(load_phenomena(), texts, embedder, threshold=PhenomenaSettings().threshold)
    assert [f[0].id if f else None for f in found] == [
        "entry-level-erosion",
        "translation-dubbing-displacement",
        None,
        None,
    ]


def test_agreeing_card_themes_raise_the_probability(embedder: CachedEmbedder) -> None:
    text = ["Steeds minder starters vinden een baan omdat AI het juniorwerk overneemt"]
    library = load_phenomena()
    [plain] = match_phenomena(library, text, embedder, threshold=0.0)
    [agreeing] = match_phenomena(
        library, text, embedder, threshold=0.0, themes=["entry-level & junior roles"]
    )
    assert plain is not None and agreeing is not None and agreeing[1] > plain[1]


def _signal(name: str, description: str, **fields: str) -> Signal:
    return Signal(
        name=name, description=description, evidence=[Evidence(quote=description, start=0, end=1)], **fields
    )


def test_linking_fills_only_empty_fields_and_marks_them(embedder: CachedEmbedder) -> None:
    library = load_phenomena()
    own_force = "because firms let AI do the junior work"
    signals = [
        _signal(
            "Fewer starter jobs",
            "Graduates find far fewer starter jobs because firms let AI do the junior work",
            driving_force=own_force,
        ),
        _signal("Cake sales", "The bakery sold more cakes in spring than in winter"),
    ]
    settings = PhenomenaSettings()
    linked = link_signals(signals, library, embedder, settings)
    first, second = linked
    assert first.phenomenon is not None and first.phenomenon.id == "entry-level-erosion"
    assert first.driving_force == own_force  # the document's own text is never replaced
    assert first.library_fields == ["change", "ten_year"]
    entry = library.get("entry-level-erosion")
    assert entry is not None and first.ten_year == entry.ten_year and first.change == entry.change
    assert first.evidence == signals[0].evidence
    assert second.phenomenon is None and second.library_fields == [] and not second.ten_year
    unfilled = link_signals(signals, library, embedder, PhenomenaSettings(fill_empty=False))
    assert (
        unfilled[0].phenomenon is not None and unfilled[0].library_fields == [] and not unfilled[0].ten_year
    )


def test_markdown_marks_library_text() -> None:
    signal = Signal(
        name="Fewer starter jobs",
        description="Graduates find fewer starter jobs.",
        ten_year="Trainee tracks may become rare.",
        library_fields=["ten_year"],
        phenomenon=PhenomenonRef(
            id="entry-level-erosion", name="Erosion of entry-level jobs", score=0.7
        ),
    )
    card = Card(
        id="abc",
        source="x.txt",
        language="en",
        signals=[signal],
        analyzer=AnalyzerInfo(backend="embedded", version="1"),
    )
    text = card_to_markdown(card)
    assert "[library] Trainee tracks may become rare." in text
    assert "Erosion of entry-level jobs" in text


def test_cli_lists_the_library() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["phenomena", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert len(entries) >= 150
    assert set(PROTOTYPE_LANGUAGES) <= set(entries[0]["prototypes"])
    result = runner.invoke(app, ["phenomena", "--format", "md"])
    assert result.exit_code == 0 and result.stdout.startswith("# Phenomena library")
    assert "### Erosion of entry-level jobs" in result.stdout
