"""Cards: round trips, replacement, filters and streaming, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, func, select

from tests.store.store_factories import DE_TEXT, EN_TEXT, NL_TEXT, full_document, make_document, rich_card
from workradar.models import AnalyzerInfo, Card
from workradar.store import Store
from workradar.store.tables import CardRow, DocumentRow


def test_card_round_trip_exact(store: Store) -> None:
    doc = full_document()
    card = rich_card(doc, backend="llm")
    assert card.ungrounded(doc.text) == []
    store.save_document(doc, status="pending", run_id=None)
    store.save_card(card, run_id=None)
    loaded = store.get_card(doc.id)
    assert loaded == card
    assert loaded is not None and loaded.to_dict() == card.to_dict()
    assert loaded.to_json() == card.to_json()
    assert loaded.claims[0].value == 38.0 and loaded.claims[1].value is None
    assert loaded.published == date(2025, 3, 14)


def test_minimal_card_round_trip(store: Store) -> None:
    doc = make_document(NL_TEXT)
    card = Card.for_document(doc, AnalyzerInfo(backend="embedded", version="1"))
    store.save_document(doc, status="pending", run_id=None)
    store.save_card(card, run_id=None)
    assert store.get_card(doc.id) == card
    assert store.get_card("0123456789abcdef") is None


def test_save_card_marks_document_analyzed(store: Store) -> None:
    doc = make_document()
    run = store.begin_run("scan", {})
    store.save_document(doc, status="failed", run_id=None, error="earlier failure")
    store.save_card(rich_card(doc), run_id=run)
    with store._read() as session:
        row = session.get(DocumentRow, doc.id)
        assert row is not None and (row.status, row.error, row.last_run_id) == ("analyzed", None, run)


def test_save_card_requires_document(store: Store) -> None:
    orphan = rich_card(make_document(DE_TEXT))
    with pytest.raises(KeyError, match="save the document"):
        store.save_card(orphan, run_id=None)
    with store._read() as session:
        assert session.scalar(select(func.count()).select_from(CardRow)) == 0


def test_card_replaced_on_reanalysis(store: Store) -> None:
    doc = make_document()
    store.save_document(doc, status="pending", run_id=None)
    store.save_card(rich_card(doc, backend="embedded", summary="first summary"), run_id=None)
    replacement = rich_card(doc, backend="llm", summary="second summary", themes=["new jobs & roles"])
    store.save_card(replacement, run_id=None)
    with store._read() as session:
        rows = session.scalars(select(CardRow)).all()
    assert len(rows) == 1
    assert (rows[0].backend, rows[0].themes) == ("llm", ["new jobs & roles"])
    assert store.get_card(doc.id) == replacement
    assert store.status_counts()["backend"] == {"llm": 1}


@pytest.fixture
def corpus(store: Store) -> dict[str, Card]:
    """Six cards varying in every filterable field."""
    specs: list[dict[str, Any]] = [
        {"language": "en", "collection": "daily", "type": "news", "backend": "embedded",
         "published": date(2024, 12, 31), "themes": ["job displacement & layoffs"]},
        {"language": "en", "collection": "daily", "type": "report", "backend": "llm",
         "published": date(2025, 1, 1), "themes": ["job displacement & layoffs", "productivity & adoption"]},
        {"language": "nl", "collection": "weekly", "type": "blog", "backend": "embedded",
         "published": date(2025, 6, 30), "themes": ["workload & wellbeing"]},
        {"language": "de", "collection": None, "type": "news", "backend": "embedded",
         "published": None, "themes": []},
        {"language": "nl", "collection": "daily", "type": "news", "backend": "llm",
         "published": date(2025, 7, 1), "themes": ["inclusion & accessibility"]},
        {"language": None, "collection": "weekly", "type": "policy", "backend": "embedded",
         "published": date(2026, 1, 1), "themes": ["job displacement"]},  # a prefix, not a match
    ]  # fmt: skip
    cards: dict[str, Card] = {}
    for i, spec in enumerate(specs):
        backend = spec.pop("backend")
        doc = make_document(
            f"{EN_TEXT} Variant {i}.", **{k: spec[k] for k in ("language", "collection", "published")}
        )
        store.save_document(doc, status="pending", run_id=None)
        card = rich_card(doc, backend=backend, type=spec["type"], themes=spec["themes"])
        store.save_card(card, run_id=None)
        cards[f"c{i}"] = card
    return cards


def _ids(cards: dict[str, Card], *names: str) -> list[str]:
    return sorted(cards[name].id for name in names)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["c0", "c1", "c2", "c3", "c4", "c5"]),
        ({"language": "nl"}, ["c2", "c4"]),
        ({"collection": "daily"}, ["c0", "c1", "c4"]),
        ({"type": "news"}, ["c0", "c3", "c4"]),
        ({"backend": "llm"}, ["c1", "c4"]),
        ({"theme": "job displacement & layoffs"}, ["c0", "c1"]),
        ({"theme": "job displacement"}, ["c5"]),
        ({"theme": "not a theme"}, []),
        ({"published_from": date(2025, 1, 1)}, ["c1", "c2", "c4", "c5"]),
        ({"published_to": "2025-01-01"}, ["c0", "c1"]),
        ({"published_from": "2025-01-01", "published_to": date(2025, 6, 30)}, ["c1", "c2"]),
        ({"language": "en", "backend": "llm", "theme": "productivity & adoption"}, ["c1"]),
        ({"language": "en", "type": "blog"}, []),
    ],
)
def test_iter_cards_filters(
    store: Store, corpus: dict[str, Card], filters: dict[str, Any], expected: list[str]
) -> None:
    got = [card.id for card in store.iter_cards(**filters)]
    assert got == _ids(corpus, *expected), "cards come in id order, exactly the matching ones"


def test_iter_cards_streams_in_batches(store: Store) -> None:
    docs = [make_document(f"{NL_TEXT} Nummer {i}.") for i in range(10)]
    for doc in docs:
        store.save_document(doc, status="pending", run_id=None)
        store.save_card(rich_card(doc), run_id=None)
    selects: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM cards" in statement:
            selects.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        iterator = store.iter_cards(batch_size=3)
        first = next(iterator)
        assert len(selects) == 1, "only the first batch is fetched before the first card is used"
        # Nothing stays open between batches: writing mid-iteration must work
        # (an open write transaction or cursor would make SQLite wait here).
        extra = make_document(DE_TEXT)
        store.save_document(extra, status="pending", run_id=None)
        store.save_card(rich_card(extra), run_id=None)
        rest = list(iterator)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    ids = [first.id, *(card.id for card in rest)]
    assert ids == sorted(ids)
    assert set(ids) >= {doc.id for doc in docs}
    assert len([s for s in selects if "LIMIT" in s.upper()]) == len(selects) >= 4
    with pytest.raises(ValueError):
        next(store.iter_cards(batch_size=0))
