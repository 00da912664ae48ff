"""Periods, change directions, consensus and emergence rules, labels."""

from __future__ import annotations

from datetime import date

import pytest

from workradar.models import AnalyzerInfo, Card
from workradar.synthesize.consensus import DocumentVotes, assess, change_direction
from workradar.synthesize.emergence import auto_window, classify, window_periods
from workradar.synthesize.items import source_of
from workradar.synthesize.labels import class_term_counts, ctfidf_terms, label_from_terms
from workradar.synthesize.periods import parse_period, period_of, period_range


def test_periods_parse_shift_and_contain() -> None:
    q = parse_period("2025Q3")
    assert (q.key, q.start, q.end) == ("2025Q3", date(2025, 7, 1), date(2025, 9, 30))
    assert q.shift(2).key == "2026Q1" and q.shift(-3).key == "2024Q4"
    assert parse_period("2025-Q1") == parse_period("2025q1")
    m = parse_period("2024-02")
    assert m.end == date(2024, 2, 29) and m.contains(date(2024, 2, 29)) and not m.contains(date(2024, 3, 1))
    assert parse_period("2025").end == date(2025, 12, 31)
    assert period_of(date(2025, 12, 31), "quarter").key == "2025Q4"
    assert [p.key for p in period_range(parse_period("2024-11"), parse_period("2025-02"))] == [
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
    ]
    for bad in ("2025Q5", "2025-13", "25", "last year"):
        with pytest.raises(ValueError):
            parse_period(bad)
    with pytest.raises(ValueError):
        period_of(date(2025, 1, 1), "week")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("rising: demand for AI skills", 1),
        ("declining: entry-level hiring", -1),
        ("emerging: prompt engineers", 1),
        ("from 12% to 30%", 1),
        ("van 40 procent naar 15 procent", -1),
        ("von 5 auf 20 Prozent", 1),
        ("de 30 % à 12 %", -1),
        ("stijgend", 1),
        ("rückläufig, weniger Stellen", -1),
        ("sharply falling", -1),
        ("changing: the nature of the job", 0),
        ("", 0),
    ],
)
def test_change_direction(change: str, expected: int) -> None:
    assert change_direction(change) == expected


def test_consensus_classes() -> None:
    agree = [DocumentVotes(f"s{i}", -1, -1) for i in range(4)]
    assert assess(agree, min_sources=3, contested_below=0.5).label == "consensus"
    split = [DocumentVotes(f"s{i}", 1 if i % 2 else -1, 1 if i % 2 else -1) for i in range(6)]
    result = assess(split, min_sources=3, contested_below=0.5)
    assert (result.label, result.agreement) == ("contested", 0.0)
    # Many documents from two sources only: too thin to call, however unanimous.
    thin = [DocumentVotes(f"s{i % 2}", 1, 0) for i in range(10)]
    assert assess(thin, min_sources=3, contested_below=0.5).label == "thin"
    # Documents without any vote do not count as voters.
    silent = [DocumentVotes(f"s{i}", 0, 0) for i in range(5)]
    assert assess(silent, min_sources=3, contested_below=0.5).voting_sources == 0
    mostly = [DocumentVotes(f"s{i}", 1, 0) for i in range(4)] + [DocumentVotes("s9", -1, 0)]
    assert assess(mostly, min_sources=3, contested_below=0.5).agreement == pytest.approx(0.6)


def test_emergence_rules() -> None:
    cur = parse_period("2025Q2")
    kw = {"current": cur, "window": 2, "weak_max_sources": 2, "growth": 0.5, "decline": -0.3}
    steady = {"2024Q3": 3, "2024Q4": 3, "2025Q1": 3, "2025Q2": 3}
    assert classify(steady, sources=6, first_seen=date(2024, 7, 1), **kw).label == "established"
    growing = {"2024Q4": 1, "2025Q1": 4, "2025Q2": 5}
    e = classify(growing, sources=6, first_seen=date(2024, 10, 1), **kw)
    assert (e.label, e.velocity, e.current, e.previous) == ("emerging", 8.0, 9, 1)
    falling = {"2024Q3": 4, "2024Q4": 4, "2025Q1": 1, "2025Q2": 1}
    assert classify(falling, sources=7, first_seen=date(2024, 7, 1), **kw).label == "declining"
    quiet = {"2024Q1": 5}
    assert classify(quiet, sources=5, first_seen=date(2024, 1, 1), **kw).label == "declining"
    new_few = {"2025Q2": 2}
    assert classify(new_few, sources=2, first_seen=date(2025, 4, 1), **kw).label == "weak"
    new_many = {"2025Q2": 3}
    assert classify(new_many, sources=3, first_seen=date(2025, 4, 1), **kw).label == "emerging"
    assert (
        window_periods(6, "month") == 6
        and window_periods(6, "quarter") == 2
        and window_periods(6, "year") == 1
    )


def test_ctfidf_prefers_distinctive_terms() -> None:
    a = class_term_counts(
        [("Chatbots replace call-centre agents", "Call centres use chatbots for routine calls.")] * 3
    )
    b = class_term_counts(
        [("Truck drivers fear autonomous trucks", "Autonomous trucks drive on motorways.")] * 3
    )
    terms = ctfidf_terms([a, b])
    assert terms[0][0][0] in ("chatbots", "call-centre agents", "chatbots replace call-centre")
    assert "truck" not in " ".join(t for t, _ in terms[0])
    label = label_from_terms([("übersetzung", 3.0), ("maschinelle übersetzung", 2.0), ("übersetzer", 1.0)])
    assert label == "maschinelle übersetzung · übersetzer"


def test_too_little_evidence_has_no_class() -> None:
    kw = {
        "current": parse_period("2025Q2"),
        "window": 2,
        "weak_max_sources": 2,
        "growth": 0.5,
        "decline": -0.3,
    }
    gate = {"min_documents": 3, "min_publishers": 2}
    growing = {"2025Q1": 1, "2025Q2": 1}
    e = classify(growing, sources=2, first_seen=date(2025, 1, 5), undated=4, **gate, **kw)
    assert (e.label, e.dated, e.publishers, e.undated) == ("insufficient evidence", 2, 2, 4)
    one_publisher = {"2025Q1": 2, "2025Q2": 3}
    assert classify(one_publisher, sources=1, first_seen=date(2025, 1, 5), **gate, **kw).label == (
        "insufficient evidence"
    )
    enough = {"2025Q1": 2, "2025Q2": 3}
    assert classify(enough, sources=3, first_seen=date(2025, 1, 5), **gate, **kw).label == "emerging"


def test_the_default_window_is_a_quarter_of_the_dated_span() -> None:
    assert auto_window(date(2023, 1, 1), date(2025, 12, 31), "quarter") == 3  # 12 quarters
    assert auto_window(date(2025, 1, 1), date(2025, 6, 30), "quarter") == 1
    assert auto_window(date(2024, 1, 1), date(2025, 12, 31), "month") == 6
    assert auto_window(None, date(2025, 1, 1), "quarter") == 1


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://news.example.co.uk/a", "example.co.uk"),
        ("https://www.example.co.uk/b", "example.co.uk"),
        ("https://blog.lemonde.fr/x", "lemonde.fr"),
        ("https://nos.nl/artikel/1", "nos.nl"),
        ("https://news[.example.com/broken", "docs/a.txt"),
    ],
)
def test_publishers_are_registrable_domains(url: str, publisher: str) -> None:
    card = Card(
        id="a" * 16, source="docs/a.txt", url=url, analyzer=AnalyzerInfo(backend="embedded", version="1")
    )
    assert source_of(card) == publisher
