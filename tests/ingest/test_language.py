from __future__ import annotations

import pytest

from workradar.ingest.language import DETECTABLE_LANGUAGES, SUPPORTED_LANGUAGES, detect_language

SAMPLES = {
    "en": "Employers expect artificial intelligence to change most office jobs within the next five years.",
    "nl": "Werkgevers verwachten dat kunstmatige intelligentie de meeste kantoorbanen binnen vijf jaar verandert.",
    "de": "Arbeitgeber erwarten, dass künstliche Intelligenz die meisten Büroberufe in fünf Jahren verändert.",
    "fr": "Les employeurs pensent que l'intelligence artificielle transformera la plupart des emplois de bureau.",
    "es": "Los empleadores creen que la inteligencia artificial cambiará la mayoría de los empleos de oficina.",
    "it": "I datori di lavoro prevedono che l'intelligenza artificiale cambierà gran parte del lavoro d'ufficio.",
    "pt": "Os empregadores esperam que a inteligência artificial mude a maioria dos empregos de escritório.",
    "pl": "Pracodawcy spodziewają się, że sztuczna inteligencja zmieni większość prac biurowych w ciągu pięciu lat.",
    "sv": "Arbetsgivare förväntar sig att artificiell intelligens förändrar de flesta kontorsjobb inom fem år.",
    "fi": "Työnantajat odottavat, että tekoäly muuttaa useimmat toimistotyöt viiden vuoden kuluessa.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_detects_language(code: str) -> None:
    assert detect_language(SAMPLES[code]) == code


def test_outside_supported_set_is_detectable() -> None:
    assert detect_language(SAMPLES["fi"]) not in SUPPORTED_LANGUAGES
    # Romanian, Polish and Swedish ship partial packs (claims, organisations, labels).
    assert {"en", "nl", "de", "fr", "es", "it", "pt", "ro", "pl", "sv"} == SUPPORTED_LANGUAGES
    assert SUPPORTED_LANGUAGES < DETECTABLE_LANGUAGES


@pytest.mark.parametrize("text", ["", "ok", "12345 67890 !!!", "AI"])
def test_too_short_is_none(text: str) -> None:
    assert detect_language(text) is None
