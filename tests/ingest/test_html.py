from __future__ import annotations

from datetime import date

import pytest

from tests.ingest.pages import (
    ARTICLE_HTML,
    ARTICLE_PARAGRAPHS,
    BOILERPLATE_MARKERS,
    NO_ARTICLE_HTML,
    article_page,
)
from workradar.ingest.html import extract_html, sniff_html_charset


def test_article_main_text_without_boilerplate() -> None:
    page = extract_html(ARTICLE_HTML, "https://example.org/robots")
    assert page.title == "Robots in the warehouse: what changes for pickers"
    assert page.author == "Jane Doe"
    assert page.published == date(2024, 3, 5)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in page.text
    for marker in BOILERPLATE_MARKERS:
        assert marker not in page.text, marker
    # Paragraphs (and the sub-heading) are separated by exactly one blank line.
    assert f"{ARTICLE_PARAGRAPHS[1]}\n\nTraining lags behind\n\n{ARTICLE_PARAGRAPHS[2]}" in page.text
    assert "\n\n\n" not in page.text
    assert page.format == "html"
    assert page.raw == ARTICLE_HTML


# Short articles written for these tests, each with a sign-up prompt and a related-news block.
MULTILINGUAL = {
    "nl": (
        [
            "Steeds meer gemeenten zetten algoritmes in bij de beoordeling van uitkeringsaanvragen, "
            "waardoor het werk van consulenten verschuift van beslissen naar controleren.",
            "Vakbonden vragen om duidelijke afspraken over wie verantwoordelijk is wanneer het systeem "
            "een verkeerde beslissing neemt, en om scholing voor het personeel.",
        ],
        "Meld je aan voor onze gratis nieuwsbrief en ontvang elke week het laatste nieuws.",
        "Lees ook",
        ["Nieuwe fietsbrug geopend in het centrum", "Weerbericht: het wordt een zonnig weekend"],
    ),
    "de": (
        [
            "In der Pflege werden digitale Assistenzsysteme getestet, die Dokumentationsaufgaben "
            "übernehmen und so mehr Zeit für die Betreuung der Patienten schaffen sollen.",
            "Betriebsräte fordern, dass die Beschäftigten bei der Einführung mitbestimmen und ihre "
            "Leistungsdaten nicht zur Kontrolle genutzt werden.",
        ],
        "Jetzt anmelden: Unser kostenloser Newsletter erscheint jeden Morgen.",
        "Mehr zum Thema",
        ["Neue Straßenbahnlinie eröffnet", "Fußball: Heimsieg am Wochenende"],
    ),
    "fr": (
        [
            "Les centres d'appels adoptent des outils de transcription automatique, ce qui modifie "
            "le rythme de travail des conseillers et la manière dont leur performance est mesurée.",
            "Les syndicats demandent une négociation sur l'usage des données collectées et sur la "
            "formation des salariés concernés par ces nouveaux outils.",
        ],
        "Abonnez-vous à notre lettre d'information quotidienne.",
        "À lire aussi",
        ["Un nouveau musée ouvre ses portes à Lyon", "Météo : un week-end ensoleillé"],
    ),
    "es": (
        [
            "Las empresas de logística utilizan sistemas de planificación automática que asignan "
            "rutas a los repartidores y reducen su margen de decisión durante la jornada.",
            "Los sindicatos reclaman transparencia sobre los criterios del algoritmo y el derecho a "
            "impugnar las decisiones que afectan a los salarios.",
        ],
        "Suscríbete a nuestro boletín diario y recibe las noticias en tu correo.",
        "Noticias relacionadas",
        ["Inaugurado un nuevo parque en Sevilla", "El tiempo: lluvias durante el fin de semana"],
    ),
}


@pytest.mark.parametrize("lang", sorted(MULTILINGUAL))
def test_multilingual_prompts_and_related_blocks_dropped(lang: str) -> None:
    paragraphs, prompt, heading, teasers = MULTILINGUAL[lang]
    related = f"<h2>{heading}</h2>" + "".join(
        f'<h3><a href="/x{i}">{t}</a></h3>' for i, t in enumerate(teasers)
    )
    html = article_page("Titel", [paragraphs[0], prompt, paragraphs[1]], extra=related, lang=lang)
    page = extract_html(html, f"https://example.{lang}/artikel")
    assert paragraphs[0] in page.text and paragraphs[1] in page.text
    assert prompt not in page.text
    assert heading not in page.text
    for teaser in teasers:
        assert teaser not in page.text
    assert page.text.endswith(paragraphs[1])


def test_page_without_article_text_gives_empty_text() -> None:
    page = extract_html(NO_ARTICLE_HTML, "https://example.org/login")
    assert page.text == ""
    assert page.title == "Login"


def test_meta_charset_sniffing() -> None:
    assert sniff_html_charset(b'<html><head><meta charset="windows-1252">') == "windows-1252"
    assert (
        sniff_html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
        == "ISO-8859-1"
    )
    assert sniff_html_charset(b"<html><body>no declaration</body></html>") is None
