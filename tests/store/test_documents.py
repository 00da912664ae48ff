"""Documents, duplicates, ingest failures and runs, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.store.store_factories import DE_TEXT, EN_TEXT, NL_TEXT, full_document, make_document, rich_card
from workradar.models import Document
from workradar.store import Store
from workradar.store.tables import DocumentRow


def test_document_round_trip_every_field(store: Store) -> None:
    doc = full_document()
    store.save_document(doc, status="pending", run_id=None)
    loaded = store.get_document(doc.id)
    assert loaded == doc
    assert loaded is not None
    assert loaded.model_dump() == doc.model_dump()
    assert loaded.fetched_at is not None and loaded.fetched_at.utcoffset() == doc.fetched_at.utcoffset()  # type: ignore[union-attr]


def test_document_round_trip_defaults_and_naive_timestamp(store: Store) -> None:
    doc = make_document(NL_TEXT, fetched_at=datetime(2024, 1, 2, 3, 4, 5))
    store.save_document(doc, status="pending", run_id=None)
    loaded = store.get_document(doc.id)
    assert loaded == doc
    assert loaded is not None and loaded.fetched_at is not None and loaded.fetched_at.tzinfo is None
    assert loaded.raw is None and loaded.meta == {} and loaded.author is None


def test_get_document_missing(store: Store) -> None:
    assert store.get_document("0000000000000000") is None
    assert store.find_by_source("nope") is None
    assert store.find_by_hash("nope") is None
    assert store.find_by_url("https://nope.example") is None


def test_save_document_upserts_by_id(store: Store) -> None:
    doc = make_document(EN_TEXT, title="First title")
    run1 = store.begin_run("scan", {})
    store.save_document(doc, status="pending", run_id=run1, minhash=b"sig-1")
    with store._read() as session:
        created = session.get(DocumentRow, doc.id).created_at  # type: ignore[union-attr]
    run2 = store.begin_run("scan", {})
    changed = doc.model_copy(update={"title": "Second title", "language": "en"})
    store.save_document(changed, status="failed", run_id=run2, error="analyzer crashed")
    with store._read() as session:
        rows = session.scalars(select(DocumentRow)).all()
    assert len(rows) == 1
    row = rows[0]
    assert (row.title, row.language, row.status, row.error, row.last_run_id) == (
        "Second title", "en", "failed", "analyzer crashed", run2,
    )  # fmt: skip
    assert row.created_at == created and row.updated_at >= created
    assert row.minhash == b"sig-1", "minhash=None must keep the stored signature"
    store.save_document(changed, status="pending", run_id=run2, minhash=b"sig-2")
    assert dict(store.minhash_signatures()) == {doc.id: b"sig-2"}
    assert store.get_document(doc.id) == changed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "done"}, "status must be one of"),
        ({"status": "duplicate"}, "duplicate_of is required"),
        ({"status": "pending", "duplicate_of": "abc"}, "duplicate_of is required"),
    ],
)
def test_save_document_rejects_bad_arguments(store: Store, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.save_document(make_document(), run_id=None, **kwargs)  # type: ignore[arg-type]
    assert store.status_counts()["status"]["pending"] == 0


def test_duplicate_of_self_rejected(store: Store) -> None:
    doc = make_document()
    with pytest.raises(ValueError, match="itself"):
        store.save_document(doc, status="duplicate", run_id=None, duplicate_of=doc.id)


def test_foreign_keys_enforced(store: Store) -> None:
    doc = make_document()
    with pytest.raises(IntegrityError):
        store.save_document(doc, status="duplicate", run_id=None, duplicate_of="feedfacefeedface")
    with pytest.raises(IntegrityError):
        store.save_document(doc, status="pending", run_id=987654)
    assert store.get_document(doc.id) is None, "the failed transaction must leave nothing behind"


def test_duplicates(store: Store) -> None:
    url = "https://example.org/a"
    original = make_document(EN_TEXT, source="https://example.org/a?ref=rss", url=url, language="en")
    # Same text arriving from another source: same content hash, different id.
    copy = Document(
        id="dup0000000000001",
        source="https://mirror.example/a",
        url=url,
        text=EN_TEXT,
        language="en",
        content_hash=original.content_hash,
    )
    store.save_document(original, status="pending", run_id=None, minhash=b"orig")
    store.save_document(copy, status="duplicate", run_id=None, duplicate_of=original.id, minhash=b"copy")
    assert store.find_by_hash(original.content_hash).id == original.id  # type: ignore[union-attr]
    assert store.find_by_url(url).id == original.id  # type: ignore[union-attr]
    found = store.find_by_source("https://mirror.example/a")
    assert found is not None
    assert (found.id, found.status, found.duplicate_of, found.has_card) == (
        copy.id,
        "duplicate",
        original.id,
        False,
    )
    assert dict(store.minhash_signatures()) == {original.id: b"orig"}
    counts = store.status_counts()
    assert counts["status"]["duplicate"] == 1 and counts["status"]["pending"] == 1
    assert counts["language"] == {"en": 1}, "duplicates are not counted twice per language"
    with pytest.raises(ValueError, match="duplicate"):
        store.save_card(rich_card(copy), run_id=None)
    assert store.get_card(copy.id) is None
    assert store.find_by_source("https://mirror.example/a").status == "duplicate"  # type: ignore[union-attr]


def test_find_by_source_returns_latest_version(store: Store) -> None:
    old = make_document(EN_TEXT, source="notes.txt")
    new = make_document(EN_TEXT + " Updated.", source="notes.txt")
    store.save_document(old, status="analyzed", run_id=None)
    store.save_document(new, status="pending", run_id=None)
    found = store.find_by_source("notes.txt")
    assert found is not None and found.id == new.id and found.content_hash == new.content_hash


def test_stored_document_reports_card_and_backend(store: Store) -> None:
    doc = make_document(NL_TEXT, url="https://nl.example/x")
    store.save_document(doc, status="pending", run_id=None)
    before = store.find_by_url("https://nl.example/x")
    assert before is not None and (before.has_card, before.backend, before.status) == (False, None, "pending")
    store.save_card(rich_card(doc, backend="llm"), run_id=None)
    after = store.find_by_hash(doc.content_hash)
    assert after is not None and (after.has_card, after.backend, after.status) == (True, "llm", "analyzed")


def test_mark_failed_then_recover(store: Store) -> None:
    doc = make_document()
    run = store.begin_run("scan", {})
    store.save_document(doc, status="pending", run_id=run)
    store.save_card(rich_card(doc), run_id=run)
    store.mark_failed(doc.id, "TimeoutError: llm did not answer", run)
    found = store.find_by_source(doc.source)
    assert found is not None
    assert (found.status, found.error, found.has_card) == ("failed", "TimeoutError: llm did not answer", True)
    store.save_card(rich_card(doc, backend="llm"), run_id=run)
    found = store.find_by_source(doc.source)
    assert found is not None and (found.status, found.error, found.backend) == ("analyzed", None, "llm")
    with pytest.raises(KeyError):
        store.mark_failed("ffffffffffffffff", "boom", None)


def test_ingest_failures_update_not_pile_up(store: Store) -> None:
    run1 = store.begin_run("scan", {})
    run2 = store.begin_run("scan", {})
    store.record_failure("https://down.example/a", "HTTP 503", collection="daily", run_id=run1)
    store.record_failure("https://down.example/a", "HTTP 504", collection="daily", run_id=run2)
    store.record_failure("missing.pdf", "file not found", collection=None, run_id=run2)
    failures = {f["source"]: f for f in store.failures()}
    assert failures["https://down.example/a"]["attempts"] == 2
    assert failures["https://down.example/a"]["error"] == "HTTP 504"
    assert failures["https://down.example/a"]["run_id"] == run2
    assert store.status_counts()["status"]["failed_source"] == 2
    assert store.clear_failure("missing.pdf") is True
    assert store.clear_failure("missing.pdf") is False
    # A later successful ingest of the source clears its failure by itself.
    store.save_document(make_document(source="https://down.example/a"), status="pending", run_id=None)
    assert store.failures() == []
    assert store.status_counts()["status"]["failed_source"] == 0


def test_runs(store: Store) -> None:
    first = store.begin_run("scan", {"sources": ["a", "b"], "backend": "embedded", "workers": 2})
    second = store.begin_run("analyze", {})
    store.finish_run(first, {"new": 3, "unchanged": 1, "duplicate": 1, "failed": 0, "analyzed": 3})
    runs = store.runs()
    assert [r.id for r in runs] == [second, first]
    assert runs[0].status == "running" and runs[0].finished_at is None
    done = runs[1]
    assert done.status == "done" and done.counts["analyzed"] == 3
    assert done.args == {"sources": ["a", "b"], "backend": "embedded", "workers": 2}
    assert done.finished_at is not None and done.finished_at >= done.started_at
    assert done.started_at.tzinfo is not None
    store.finish_run(second, {"failed": 1}, status="error")
    assert store.runs(limit=1)[0].status == "error"
    with pytest.raises(KeyError):
        store.finish_run(424242, {})


def test_status_counts(store: Store) -> None:
    en = make_document(EN_TEXT, language="en", collection="daily")
    nl = make_document(NL_TEXT, language="nl", collection="daily")
    de = make_document(DE_TEXT, language=None, collection=None)
    for doc in (en, nl, de):
        store.save_document(doc, status="pending", run_id=None)
    store.save_card(rich_card(en, type="news"), run_id=None)
    store.save_card(rich_card(nl, backend="llm", type="blog"), run_id=None)
    store.mark_failed(de.id, "bad", None)
    store.record_failure("gone.html", "404", collection="daily", run_id=None)
    assert store.status_counts() == {
        "status": {"pending": 0, "analyzed": 2, "failed": 1, "duplicate": 0, "failed_source": 1},
        "language": {"en": 1, "nl": 1, "unknown": 1},
        "collection": {"daily": 2, "(none)": 1},
        "backend": {"embedded": 1, "llm": 1},
        "type": {"news": 1, "blog": 1},
    }


def test_nul_characters(store: Store) -> None:
    doc = make_document("text with a \x00 NUL from a broken PDF")
    if store.dialect == "postgresql":
        with pytest.raises(ValueError, match="NUL"):
            store.save_document(doc, status="pending", run_id=None)
    else:
        store.save_document(doc, status="pending", run_id=None)
        assert store.get_document(doc.id) == doc
