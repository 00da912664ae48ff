"""Token totals of stored LLM cards (`workradar status`), on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.store.store_factories import DE_TEXT, EN_TEXT, NL_TEXT, make_document
from workradar.models import AnalyzerInfo, Card
from workradar.store import Store


def _save(store: Store, text: str, info: AnalyzerInfo) -> None:
    doc = make_document(text)
    store.save_document(doc, status="pending", run_id=None)
    store.save_card(Card.for_document(doc, info), run_id=None)


def test_token_totals_per_backend(store: Store) -> None:
    assert store.token_totals() == {}
    _save(store, EN_TEXT, AnalyzerInfo(backend="llm", version="1", prompt_tokens=1200, completion_tokens=300))
    _save(store, DE_TEXT, AnalyzerInfo(backend="llm", version="1", prompt_tokens=800, completion_tokens=None))
    _save(store, NL_TEXT, AnalyzerInfo(backend="embedded", version="1"))
    assert store.token_totals() == {"llm": {"cards": 2, "prompt_tokens": 2000, "completion_tokens": 300}}


def test_token_totals_follow_card_replacement(store: Store) -> None:
    _save(store, EN_TEXT, AnalyzerInfo(backend="llm", version="1", prompt_tokens=10, completion_tokens=5))
    _save(store, EN_TEXT, AnalyzerInfo(backend="hybrid", version="1", prompt_tokens=7, completion_tokens=3))
    assert store.token_totals() == {"hybrid": {"cards": 1, "prompt_tokens": 7, "completion_tokens": 3}}
