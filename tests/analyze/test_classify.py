"""Document type and category."""

from __future__ import annotations

import pytest

from tests.analyze.support import EDGE_CASES, HAS_SEEDS, ctx_for, seed
from workradar.analyze.extract.classify import classify_category, classify_type
from workradar.models import DOCUMENT_TYPES


@pytest.mark.skipif(not HAS_SEEDS, reason="seeds not present")
@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("000_41bc1e5358bc7dce.txt", "en", "news"),
        ("001_bc26fac032c6569d.txt", "nl", "blog"),
        ("003_ca7c5f17f17ba6a6.txt", "en", "report"),
    ],
)
def test_seed_types(name: str, language: str, expected: str) -> None:
    assert classify_type(ctx_for(seed(name), language)) == expected


def test_declared_type_wins() -> None:
    assert (
        classify_type(ctx_for("I think AI is great. My view is simple.", meta={"type": "paper"})) == "paper"
    )


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Q: How does AI change your work?\nA: It takes over the routine.\nQ: And your team?\nA: We hire fewer juniors.\nQ: Worried?\nA: A little.\n",
            "en",
            "interview",
        ),
        (
            "Vraag: Wat doet AI met uw werk?\nAntwoord: Veel minder routine.\nVraag: En uw team?\nAntwoord: Minder junioren.\nVraag: Zorgen?\nAntwoord: Een beetje.\n",
            "nl",
            "interview",
        ),
        (
            "# Abstract\n\nWe estimate exposure of occupations to language models.\n\n## Methods\n\nWe follow Eloundou et al. in scoring tasks.\n\n## References\n\nEloundou, T. et al. (2023). doi:10.1/x\n",
            "en",
            "paper",
        ),
        (
            "Article 1. Member States shall ensure that workers are informed. Article 2. Employers shall consult representatives. Article 3. This Directive shall apply to platform work. Article 4. Member States shall report.",
            "en",
            "policy",
        ),
        (
            "Ich arbeite seit zehn Jahren als Übersetzerin. Meine Aufträge sind seit dem Sommer eingebrochen. Ich frage mich, was ich jetzt lernen soll.",
            "de",
            "blog",
        ),
        (
            "El sindicato dijo el lunes que la empresa despedirá a 300 teleoperadores. Según la compañía, la IA atenderá las llamadas. El ministerio afirmó que estudiará el caso.",
            "es",
            "news",
        ),
    ],
)
def test_type_cues(text: str, language: str, expected: str) -> None:
    assert classify_type(ctx_for(text, language)) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Unemployment rose as firms cut jobs. Employment in retail fell by 3 percent. Vacancies for clerks dropped.",
            "en",
            "labour market",
        ),
        (
            "Das Parlament beschließt ein Gesetz zur Regulierung von KI. Die Verordnung schützt die Rechte der Beschäftigten.",
            "de",
            "policy & regulation",
        ),
        (
            "Les écoles forment les élèves à l'IA. Les universités lancent des cours de formation continue.",
            "fr",
            "education & skills",
        ),
    ],
)
def test_category(text: str, language: str, expected: str) -> None:
    assert classify_category(ctx_for(text, language)) == expected


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases(case: str) -> None:
    text, language = EDGE_CASES[case]
    ctx = ctx_for(text, language)
    assert classify_type(ctx) in DOCUMENT_TYPES
    category = classify_category(ctx)
    assert isinstance(category, str)
    if case in ("empty", "whitespace", "boilerplate_only"):
        assert category == ""
