"""Theme taxonomy loading and assignment."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, seed
from workradar.analyze.extract.themes import (
    MAX_THEMES,
    TaxonomyError,
    assign_themes,
    load_taxonomy,
    theme_scores,
)

DESIGN_THEMES = [
    "job displacement & layoffs", "new jobs & roles", "task change & augmentation",
    "skills, reskilling & education", "entry-level & junior roles", "productivity & adoption",
    "workload & wellbeing", "meaning, identity & autonomy", "inequality & wages",
    "algorithmic management & surveillance", "hiring & recruitment", "regulation, rights & governance",
    "social protection & benefits", "independent, platform & gig work", "data work & the AI supply chain",
    "inclusion & accessibility",
]  # fmt: skip


def test_default_taxonomy_matches_design_and_is_multilingual() -> None:
    tax = load_taxonomy(None)
    assert tax.names == DESIGN_THEMES
    for theme in tax.themes:
        assert {"en", "nl", "de", "fr", "es"} <= set(theme.phrases), theme.name
        assert all(len(p) >= 2 for p in theme.phrases.values())


def test_custom_taxonomy_file(tmp_path: Path) -> None:
    path = tmp_path / "themes.toml"
    path.write_text(
        '[[themes]]\nname = "robots"\n[themes.phrases]\nen = ["industrial robots in factories"]\n'
        '[[themes]]\nname = "food"\n[themes.phrases]\nen = ["cooking recipes and baking"]\n',
        encoding="utf-8",
    )
    tax = load_taxonomy(path)
    assert tax.names == ["robots", "food"] and tax.source == str(path)
    ctx = ctx_for("Factories install more industrial robots on assembly lines. Welding is automated.")
    assert assign_themes(ctx, tax)[0] == "robots"


@pytest.mark.parametrize("content", ["not toml [[", '[[themes]]\nname = ""\n', "title = 'no themes'\n"])
def test_bad_taxonomy_files_raise_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError):
        load_taxonomy(path)
    with pytest.raises(TaxonomyError):
        load_taxonomy(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "language", "theme"),
    [
        (
            "Delivery riders on food platforms protest against the app. Gig workers lack sick pay and contracts.",
            "en",
            "independent, platform & gig work",
        ),
        (
            "Het bedrijf gebruikt software die elke toetsaanslag van werknemers registreert. Leidinggevenden krijgen dagelijks een rapport over de productiviteit.",
            "nl",
            "algorithmic management & surveillance",
        ),
        (
            "Die Regierung plant ein bedingungsloses Grundeinkommen. Auch die Arbeitslosenversicherung soll reformiert werden.",
            "de",
            "social protection & benefits",
        ),
        (
            "Les annotateurs de données au Kenya étiquettent des images pour entraîner les modèles. Ils sont payés moins de deux dollars de l'heure.",
            "fr",
            "data work & the AI supply chain",
        ),
        (
            "Las empresas usan algoritmos para filtrar currículos de candidatos. Muchos solicitantes son descartados sin entrevista.",
            "es",
            "hiring & recruitment",
        ),
    ],
)
def test_assign_multilingual(text: str, language: str, theme: str) -> None:
    themes = assign_themes(ctx_for(text, language), load_taxonomy(None))
    assert 1 <= len(themes) <= MAX_THEMES
    assert theme in themes, (themes, theme_scores(ctx_for(text, language), load_taxonomy(None))[:4])


@pytest.mark.skipif(not HAS_SEEDS, reason="seeds not present")
def test_seed_news_is_about_displacement() -> None:
    themes = assign_themes(ctx_for(seed("000_41bc1e5358bc7dce.txt")), load_taxonomy(None))
    assert "job displacement & layoffs" in themes


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases(case: str) -> None:
    text, language = EDGE_CASES[case]
    themes = assign_themes(ctx_for(text, language), load_taxonomy(None))
    if case in ("empty", "whitespace", "boilerplate_only"):
        assert themes == []
    else:
        assert 1 <= len(themes) <= MAX_THEMES
