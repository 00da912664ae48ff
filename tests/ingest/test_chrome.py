"""Page furniture found from line shapes (ingest/chrome.py), on lines written for the tests
in several languages; prose that merely resembles furniture survives."""

from __future__ import annotations

import pytest

from workradar.ingest.chrome import clean_line, is_stamp, is_tag_list, remove_chrome
from workradar.ingest.text import remove_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Pubblicato il 3 Mar, 2026",
        "Publicado el 14.05.2025",
        "Aktualisiert: 2025-06-30 08:15",
        "idag, 09:41",
        "Opublikowano 7 maja 2025",
    ],
)
def test_stamps(line: str) -> None:
    assert is_stamp(line)
    assert clean_line(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Since 2 February 2025, certain practices are banned outright.",
        "Op 12 maart 2025 stemde de Tweede Kamer in met het voorstel, zo meldt het ministerie.",
        "The 14:00 shift was cut by a third.",
    ],
)
def test_sentences_with_dates_are_not_stamps(line: str) -> None:
    assert not is_stamp(line)
    assert clean_line(line) == line


def test_tag_lists_and_meta_rows() -> None:
    assert is_tag_list("Werk, Robotisering, Vakbonden, Onderwijs, Zorg")
    assert not is_tag_list("Drivers, couriers and cleaners were the first to feel it, the report says.")
    assert clean_line("door | 4 april 2025 | Arbeidsmarkt, Technologie, Opinie") is None
    assert clean_line("Inicio | Economía | Empleo") is None
    # A headline that shares the row survives; the source label and the time before it go.
    assert clean_line("Radio Nord • heute, 07:12 Roboter übernehmen die Nachtschicht im Lager") == (
        "Roboter übernehmen die Nachtschicht im Lager"
    )


def test_rows_of_a_table_are_kept() -> None:
    lines = ["Beroep | 2020 | 2025", "Kassamedewerker | 41 | 33", "Magazijnmedewerker | 58 | 61"]
    out, changed = remove_chrome(lines)
    assert out == lines and changed == 0


@pytest.mark.parametrize(
    "line",
    [
        "Ten serwis używa cookies, aby ułatwić korzystanie ze strony.",
        "Questo sito utilizza cookie tecnici e di profilazione.",
        "Zobacz także: raport o rynku pracy »",
        "portret_dyrektor_2025_final.jpg",
    ],
)
def test_cookie_notices_arrow_links_and_file_names(line: str) -> None:
    assert clean_line(line) is None


def test_menu_label_after_a_sentence_and_opening_dateline() -> None:
    line = "This control opens a list of sections, or sometimes moves between pages. STARTSEITE"
    assert clean_line(line) == "This control opens a list of sections, or sometimes moves between pages."
    assert clean_line("1. CISL") == "1. CISL"
    assert (
        clean_line("fecha 2025-03-02 El Gobierno aprueba el plan", opening=True)
        == "El Gobierno aprueba el plan"
    )
    assert (
        clean_line("fecha 2025-03-02 El Gobierno aprueba el plan")
        == "fecha 2025-03-02 El Gobierno aprueba el plan"
    )


def test_credit_box_and_repeated_byline() -> None:
    lines = [
        "Robots in the warehouse: what changes for pickers",
        "Jana Novak reporter Labour",
        "",
        "CREDITS",
        "Photos: Tomas Berg",
        "Editor: Lisa Holm",
        "Anna Stone",
        "",
        "Jana Novak reporter Labour",
        "Pickers at the depot now walk half as far per shift, the operator said.",
        "Source: Ministry of Labour",
    ]
    out, _ = remove_chrome(lines)
    kept = [line for line in out if line]
    assert kept == [
        "Robots in the warehouse: what changes for pickers",
        "Pickers at the depot now walk half as far per shift, the operator said.",
        "Source: Ministry of Labour",
    ]


def test_list_bullets_are_not_separators() -> None:
    lines = ["  • Employers expect fewer junior roles by 2030.", "  • Wages in the sector rose 3%."]
    out, changed = remove_chrome(lines)
    assert out == lines and changed == 0


def test_related_heading_with_a_teaser_on_the_same_line() -> None:
    spanish = (
        "Las ofertas de empleo en logística caen desde la primavera.\n\n"
        "Lee también: Por qué los robots de almacén cuestan más de lo previsto\n\n"
        "El sindicato pide voz en el uso de los sistemas."
    )
    filtered = remove_boilerplate(spanish).text
    assert "robots de almacén" not in filtered and "El sindicato pide" in filtered
    english = "Hiring fell sharply this spring.\n\nRead also: Why robots cost more than planned\n\nUnions want a say."
    assert "robots cost" not in remove_boilerplate(english).text


@pytest.mark.parametrize(
    "line",
    ["Teilen auf Facebook Teilen auf LinkedIn Drucken", "Dela på Facebook Dela på X E-post"],
)
def test_widget_rows_repeating_a_label(line: str) -> None:
    assert clean_line(line) is None


def test_a_headline_repeating_lower_case_words_is_kept() -> None:
    line = "„Wir reden nicht über die Technik, sondern über die Menschen“"
    assert clean_line(line) == line


@pytest.mark.parametrize(
    "line", ["Vai al contenuto", "Przejdź do treści", "Ir para o conteúdo", "Hoppa till innehållet"]
)
def test_skip_links_in_more_languages(line: str) -> None:
    text = f"{line}\n\nDie Gemeinde stellt zwölf neue Sachbearbeiter für die digitale Akte ein."
    assert line not in remove_boilerplate(text).text
