"""Number parsing per language: values, units, spans and the exclusions."""

from __future__ import annotations

import itertools

import pytest

from workradar.analyze.text.numbers import NumberMention, find_numbers, parse_number

# (language, text, [(mention text, value, unit), ...]) — the full list of figures expected.
CASES: list[tuple[str, str, list[tuple[str, float, str]]]] = [
    # --- digit grouping and decimals
    ("en", "Amazon cut 92,000 jobs.", [("92,000", 92000, "count")]),
    ("nl", "Er verdwijnen 12.000 banen.", [("12.000", 12000, "count")]),
    ("de", "Rund 12.000 Stellen fallen weg.", [("12.000", 12000, "count")]),
    ("es", "Se perdieron 1.500.000 empleos.", [("1.500.000", 1_500_000, "count")]),
    ("en", "The index rose to 12.000 points.", [("12.000", 12.0, "count")]),
    ("en", "Growth was 12.5 in the model.", [("12.5", 12.5, "count")]),
    ("nl", "Het aandeel is 4,4 % gestegen.", [("4,4 %", 4.4, "%")]),
    ("en", "Unemployment stood at 4.4%.", [("4.4%", 4.4, "%")]),
    ("nl", "Een stijging van 4.4% dit jaar.", [("4.4%", 4.4, "%")]),
    ("de", "Das entspricht 1.234,5 Stunden.", [("1.234,5 Stunden", 1234.5, "hours")]),
    ("en", "A budget of 1,234.5 hours.", [("1,234.5 hours", 1234.5, "hours")]),
    ("fr", "Environ 12 000 emplois sont menacés.", [("12 000", 12000, "count")]),
    ("fr", "Environ 12\u202f000 salariés.", [("12\u202f000", 12000, "count")]),
    ("de", "Es sind 1'000 Mitarbeitende.", [("1'000", 1000, "count")]),
    ("en", "Wages fell 20pc last year.", [("20pc", 20, "%")]),
    ("en", "A drop of 5 per cent.", [("5 per cent", 5, "%")]),
    ("de", "Rund 44 Prozent der Beschäftigten.", [("44 Prozent", 44, "%")]),
    ("fr", "Près de 30 pour cent des salariés.", [("30 pour cent", 30, "%")]),
    ("es", "El 27 por ciento de las empresas.", [("27 por ciento", 27, "%")]),
    ("it", "Il 15 per cento dei lavoratori.", [("15 per cento", 15, "%")]),
    ("pt", "Cerca de 18 por cento dos trabalhadores.", [("18 por cento", 18, "%")]),
    ("nl", "Ruim 64 procent voelt zich bekeken.", [("64 procent", 64, "%")]),
    # --- ranges give both ends
    (
        "en",
        "They represent 19.6%–30.4% of all employed people.",
        [("19.6%", 19.6, "%"), ("30.4%", 30.4, "%")],
    ),
    ("en", "Between 20-30% of jobs.", [("20", 20, "%"), ("30%", 30, "%")]),
    (
        "en",
        "between 154 million and 435 million people",
        [("154 million", 154e6, "count"), ("435 million", 435e6, "count")],
    ),
    ("de", "stieg das Potenzial von 58 auf 75 Prozent", [("58", 58, "%"), ("75 Prozent", 75, "%")]),
    # --- percentage points
    ("en", "Up 5 percentage points.", [("5 percentage points", 5, "pp")]),
    ("en", "A 2pp rise.", []),  # glued "pp" is not a known glued suffix: not guessed
    ("nl", "Een daling van 3 procentpunt.", [("3 procentpunt", 3, "pp")]),
    ("de", "Ein Plus von 3 Prozentpunkten.", [("3 Prozentpunkten", 3, "pp")]),
    ("fr", "Une hausse de 2 points de pourcentage.", [("2 points de pourcentage", 2, "pp")]),
    ("es", "Subió 1,5 puntos porcentuales.", [("1,5 puntos porcentuales", 1.5, "pp")]),
    # --- fractions → percent
    ("en", "More than one-third of business leaders.", [("one-third", 33.33, "%")]),
    ("en", "About a third of workers.", [("a third", 33.33, "%")]),
    ("en", "Two-thirds of firms agree.", [("Two-thirds", 66.67, "%")]),
    ("en", "Half the time spent at work.", [("Half", 50, "%")]),
    ("en", "Two in five workers fear it.", [("Two in five", 40, "%")]),
    ("en", "Seven in ten managers.", [("Seven in ten", 70, "%")]),
    ("en", "Only 1 in 5 platforms pay.", [("1 in 5", 20, "%")]),
    ("en", "Nine out of ten people.", [("Nine out of ten", 90, "%")]),
    ("nl", "Drie op de tien leraren.", [("Drie op de tien", 30, "%")]),
    ("nl", "Een derde van de bedrijven.", [("Een derde", 33.33, "%")]),
    ("nl", "Bijna de helft van de werknemers.", [("de helft", 50, "%")]),
    ("de", "Jeder dritte Beschäftigte.", [("Jeder dritte", 33.33, "%")]),
    ("de", "Ein Drittel der Betriebe.", [("Ein Drittel", 33.33, "%")]),
    ("de", "Fast die Hälfte der Firmen.", [("die Hälfte", 50, "%")]),
    ("fr", "Un tiers des salariés.", [("Un tiers", 33.33, "%")]),
    ("fr", "La moitié des entreprises.", [("La moitié", 50, "%")]),
    ("es", "La mitad de los empleos.", [("La mitad", 50, "%")]),
    ("es", "Uno de cada cuatro trabajadores.", [("Uno de cada cuatro", 25, "%")]),
    ("it", "Un terzo delle imprese.", [("Un terzo", 33.33, "%")]),
    ("pt", "Um em cada quatro trabalhadores.", [("Um em cada quatro", 25, "%")]),
    # --- money and scales
    ("en", "About 1.2 million jobs.", [("1.2 million", 1.2e6, "count")]),
    ("nl", "Zo'n 1,2 miljoen banen.", [("1,2 miljoen", 1.2e6, "count")]),
    ("de", "Etwa 3,5 Millionen Beschäftigte.", [("3,5 Millionen", 3.5e6, "count")]),
    ("fr", "Près de 2 millions d'emplois.", [("2 millions", 2e6, "count")]),
    ("nl", "Een investering van 1 mln euro.", [("1 mln euro", 1e6, "EUR")]),
    ("en", "A €140 billion plan.", [("€140 billion", 140e9, "EUR")]),
    ("nl", "Het kost € 140 miljard.", [("€ 140 miljard", 140e9, "EUR")]),
    ("de", "Insgesamt 140 Mrd. Euro.", [("140 Mrd. Euro", 140e9, "EUR")]),
    ("de", "Eine Billion Euro sind 1 Billion Euro.", [("1 Billion Euro", 1e12, "EUR")]),
    ("en", "Revenue hit $1.2bn.", [("$1.2bn", 1.2e9, "USD")]),
    ("en", "A £3m fund.", [("£3m", 3e6, "GBP")]),
    ("en", "US$ 5 billion in funding.", [("US$ 5 billion", 5e9, "USD")]),
    ("en", "USD 300 million was raised.", [("USD 300 million", 300e6, "USD")]),
    ("fr", "Un budget de 2 millions d'euros.", [("2 millions d'euros", 2e6, "EUR")]),
    ("es", "Cobran 2 dólares por hora.", [("2 dólares", 2, "USD")]),
    ("en", "She is paid $1.80 an hour.", [("$1.80", 1.8, "USD")]),
    # --- multipliers
    ("en", "Adoption grew 3x.", [("3x", 3, "x")]),
    ("en", "Three times as many firms.", [("Three times", 3, "x")]),
    ("en", "They are twice as likely.", [("twice", 2, "x")]),
    ("en", "Use has doubled since 2022.", [("doubled", 2, "x")]),
    ("en", "The workforce will triple by 2030.", [("triple", 3, "x")]),
    ("nl", "Het aantal is verdubbeld.", [("verdubbeld", 2, "x")]),
    ("de", "Die Nachfrage hat sich verdoppelt.", [("verdoppelt", 2, "x")]),
    # --- spelled-out counts need a counted noun
    ("en", "Twelve companies signed.", [("Twelve", 12, "count")]),
    ("nl", "Bedrijven met tien of meer werkzame personen.", [("tien", 10, "count")]),
    ("en", "She left at seven, tired.", []),
    # --- durations
    ("en", "They work 20 hours a week.", [("20 hours", 20, "hours")]),
    ("en", "A contract for six months.", [("six months", 6, "months")]),
    ("en", "Her nine-hour shift.", [("nine-hour", 9, "hours")]),
    ("nl", "Binnen vijf jaar verandert dat.", [("vijf jaar", 5, "years")]),
    ("nl", "Ze besparen 4,5 uur per week.", [("4,5 uur", 4.5, "hours")]),
    ("de", "Nach 45 Tagen.", [("45 Tagen", 45, "days")]),
    ("fr", "Pendant 12 mois.", [("12 mois", 12, "months")]),
    # --- exclusions
    ("en", "In 2023 the market grew.", []),
    ("en", "The plan runs 2024–2026.", []),
    ("en", "It was signed on 13 June 2024.", []),
    ("en", "It was signed on June 13, 2024.", []),
    ("de", "Am 13. Juni tritt es in Kraft.", []),
    ("en", "The meeting starts at 10:30.", []),
    ("nl", "We beginnen om 9 uur.", []),
    ("en", "Under Art. 22 GDPR.", []),
    ("en", "Regulation (EU) 2024/1689 applies.", []),
    ("de", "Nach §87 BetrVG.", []),
    ("nl", "Volgens artikel 27 van de WOR.", []),
    ("en", "substitute tasks handled by humans<sup>1</sup>, might", []),
    ("en", "as shown before.[12] Next", []),
    ("en", "1. Introduction", []),
    ("en", "### 1.1. Opportunities of AI", []),
    ("en", "three categories: 1) Trainers, 2) Explainers", [("three", 3, "count")]),
    ("en", "Call +31 20 123 4567 today.", []),
    ("en", "Models like GPT-4 and Industry 4.0 plants.", []),
    ("en", "Tested on Python 3.11.2 and COVID-19 data.", []),
    ("en", "Harvard Business School Draft Paper 24-013.", []),
    ("en", "She came 3rd and then 1st.", []),
    ("en", "See https://example.org/2023-10/report-45.pdf for details.", []),
    ("en", "In New York City, Local Law 144 applies.", []),
    ("en", "It took 30 seconds and 5 km.", [("30 seconds", 30, "seconds")]),  # km: outside the units
    ("es", "Los médicos ahorran 90 minutos al día.", [("90 minutos", 90, "minutes")]),
    (
        "de",
        "Bei Brenner wurden 90 von 130 Prüfplätzen gestrichen.",
        [("90", 90, "count"), ("130", 130, "count")],
    ),
    ("nl", "3 op de 10 werknemers", [("3 op de 10", 30, "%")]),
    ("en", "A third party processes the data.", []),
    ("en", "In the first half of 2024.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1][:40]}" for c in CASES])
def test_find_numbers(language: str, text: str, expected: list[tuple[str, float, str]]) -> None:
    found = find_numbers(text, language)
    assert [(m.text, m.unit) for m in found] == [(t, u) for t, _, u in expected]
    for mention, (_, value, _) in zip(found, expected, strict=True):
        assert mention.value == pytest.approx(value, rel=1e-6)
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("digits", "language", "value"),
    [
        ("12.000", "nl", 12000.0),
        ("12.000", "en", 12.0),
        ("12,000", "en", 12000.0),
        ("12,000", "de", 12.0),
        ("12.5", "de", 12.5),
        ("4,4", "fr", 4.4),
        ("1.234,56", "de", 1234.56),
        ("1,234.56", "nl", 1234.56),
        ("1.000.000", "en", 1_000_000.0),
        ("12 000", "fr", 12000.0),
        ("1.2.3", "en", None),
    ],
)
def test_parse_number_grouping_rules(digits: str, language: str, value: float | None) -> None:
    assert parse_number(digits, language) == value


def test_kinds_and_range_span() -> None:
    found = find_numbers(
        "Workers represent 19.6%–30.4% of staff; a third of them quit; costs rose $2bn.", "en"
    )
    kinds = [m.kind for m in found]
    assert kinds == ["percent", "percent", "fraction", "money"]
    assert found[0].range_span == found[1].range_span == (found[0].start, found[1].end)
    assert found[2].range_span is None
    assert found[2].spelled and not found[0].spelled


def test_unknown_language_falls_back_to_english_rules() -> None:
    assert [(m.value, m.unit) for m in find_numbers("Some 92,000 jobs and 4.5%.", "sv")] == [
        (92000.0, "count"),
        (4.5, "%"),
    ]


def test_mentions_are_ordered_and_disjoint_on_a_mixed_paragraph() -> None:
    text = (
        "Volgens het CBS gebruikt 13,4 procent van de bedrijven AI; drie op de tien werknemers kregen "
        "training. Het kabinet trekt € 35 miljoen uit, tegen 2030 moeten 12.000 leraren bijgeschoold zijn, "
        "en het aantal vacatures is verdubbeld (artikel 27, 2024/1689)."
    )
    found = find_numbers(text, "nl")
    assert [(m.text, m.value, m.unit) for m in found] == [
        ("13,4 procent", 13.4, "%"),
        ("drie op de tien", 30.0, "%"),
        ("€ 35 miljoen", 35e6, "EUR"),
        ("12.000", 12000.0, "count"),
        ("verdubbeld", 2.0, "x"),
    ]
    ends = [(m.start, m.end) for m in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_large_input_keeps_every_figure() -> None:
    # ~1.2 MB, about a 300-page report (speed is measured in bench/, not here).
    paragraph = (
        "According to the OECD, 27% of jobs (about 1.2 million) are at high risk by 2030, while one-third "
        "of firms doubled training budgets to €140 billion; see Art. 22 and https://example.org/x/2024.\n\n"
    )
    text = paragraph * 6000
    found: list[NumberMention] = find_numbers(text, "en")
    assert len(found) == 6000 * 5
    assert {(m.value, m.unit) for m in found} == {
        (27.0, "%"),
        (1.2e6, "count"),
        (33.33, "%"),
        (2.0, "x"),
        (140e9, "EUR"),
    }
