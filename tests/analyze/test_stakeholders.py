"""Stakeholder detection from multilingual cues and extracted entities."""

from __future__ import annotations

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, seed
from workradar.analyze.extract.occupations import extract_occupations
from workradar.analyze.extract.organizations import extract_organizations
from workradar.analyze.extract.policies import extract_policies
from workradar.analyze.extract.stakeholders import ORDER, detect_stakeholders, stakeholder_scores
from workradar.models import STAKEHOLDERS, Organization, Stakeholder

needs_seeds = pytest.mark.skipif(not HAS_SEEDS, reason="shared seeds not present")


def _detect(text: str, language: str = "en") -> list[Stakeholder]:
    ctx = ctx_for(text, language)
    return detect_stakeholders(
        ctx, extract_organizations(ctx), extract_occupations(ctx), extract_policies(ctx)
    )


def test_order_matches_the_schema() -> None:
    assert ORDER == STAKEHOLDERS


def test_entities_drive_groups() -> None:
    ctx = ctx_for("OpenAI released a model. Uber drivers protested. The FNV responded.")
    orgs = extract_organizations(ctx)
    found = detect_stakeholders(ctx, orgs, extract_occupations(ctx))
    assert {"ai_developers", "platforms", "unions"} <= set(found)
    # Without the entities, one mention of each is not enough for ai_developers or platforms.
    bare = detect_stakeholders(ctx, [], [])
    assert "ai_developers" not in bare and "platforms" not in bare


def test_a_ministry_and_a_law_mean_government() -> None:
    ctx = ctx_for("The Ministry of Labour of Ruritania studies AI. The EU AI Act applies to hiring tools.")
    orgs = [Organization(name="Ministry of Labour of Ruritania")]
    scores = stakeholder_scores(ctx, orgs, [], extract_policies(ctx))
    assert scores["government"] >= 4
    assert "government" in detect_stakeholders(ctx, orgs, [], extract_policies(ctx))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Werknemers maken zich zorgen. Veel werknemers willen scholing. De vakbond eist afspraken.",
            "nl",
            {"workers", "unions"},
        ),
        (
            "Die Beschäftigten fürchten Stellenabbau. Viele Arbeitnehmer sind skeptisch. Arbeitgeber investieren. Viele Unternehmen planen KI. Die Gewerkschaft protestiert.",
            "de",
            {"workers", "employers", "unions"},
        ),
        (
            "Les salariés craignent l'IA. Les travailleurs demandent des garanties. Les entreprises investissent. Les employeurs hésitent. Le gouvernement prépare une loi. Le ministère du Travail consulte.",
            "fr",
            {"workers", "employers", "government"},
        ),
        (
            "Los trabajadores de plataformas digitales protestan. Muchos empleados temen perder su empleo. Las plataformas digitales cambian el empleo. La formación es clave en las escuelas. La educación debe cambiar.",
            "es",
            {"workers", "platforms", "education"},
        ),
    ],
)
def test_multilingual_cues(text: str, language: str, expected: set[str]) -> None:
    assert expected <= set(_detect(text, language))


def test_order_is_by_score_then_schema() -> None:
    found = _detect(
        "Workers worry. Employees worry too. Staff are anxious. Employers invest. Companies adopt AI."
    )
    assert found[:2] == ["workers", "employers"]
    assert found == _detect(
        "Workers worry. Employees worry too. Staff are anxious. Employers invest. Companies adopt AI."
    )


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases(case: str) -> None:
    text, language = EDGE_CASES[case]
    found = _detect(text, language or "en")
    assert all(group in STAKEHOLDERS for group in found)
    if case in {"empty", "whitespace", "boilerplate_only"}:
        assert found == []


@needs_seeds
def test_seeds() -> None:
    assert {"workers", "employers"} <= set(_detect(seed("000_41bc1e5358bc7dce.txt")))
    nl = _detect(seed("001_bc26fac032c6569d.txt"), "nl")
    assert {"workers", "employers", "ai_developers", "education", "unions"} <= set(nl)
    report = _detect(seed("003_ca7c5f17f17ba6a6.txt"))
    assert {"workers", "employers", "unions", "government", "education"} <= set(report)
    assert report[0] == "workers"
