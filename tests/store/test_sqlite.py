"""SQLite specifics: pragmas, WAL, several connections and processes on one file."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.store.store_factories import DE_TEXT, EN_TEXT, NL_TEXT, make_document, rich_card
from workradar.store import Store


def test_wal_foreign_keys_and_busy_timeout(sqlite_url: str, tmp_path: Path) -> None:
    with Store(sqlite_url, busy_timeout=12.5) as store:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 12500
        store.save_document(make_document(), status="pending", run_id=None)
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    raw = sqlite3.connect(tmp_path / "workradar.db")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_foreign_keys_enforced_on_raw_sql(sqlite_url: str) -> None:
    with Store(sqlite_url) as store, pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cards (document_id, rowkey, card, backend, analyzer_version, type, themes,"
                " title, search_text, created_at, updated_at)"
                " VALUES ('nodoc', 1, '{}', 'x', '1', 'other', '[]', '', '', '2025-01-01', '2025-01-01')"
            )
        )


def test_bare_path_and_missing_directory(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "workradar.db"
    with Store(str(path)) as store:
        store.save_document(make_document(), status="pending", run_id=None)
    assert path.is_file()
    with Store(f"sqlite:///{path}") as again:
        assert again.status_counts()["status"]["pending"] == 1


def test_unsupported_url() -> None:
    with pytest.raises(ValueError, match="unsupported database"):
        Store("mysql://user@localhost/db")


def test_two_stores_on_one_file_see_each_other(sqlite_url: str) -> None:
    with Store(sqlite_url) as first, Store(sqlite_url) as second:
        doc = make_document(NL_TEXT)
        first.save_document(doc, status="pending", run_id=None)
        assert second.get_document(doc.id) == doc
        second.save_card(rich_card(doc), run_id=None)
        assert first.find_by_source(doc.source).has_card  # type: ignore[union-attr]
        # A reader in the middle of a long read does not block a writer (WAL).
        with first.engine.connect() as reader:
            reader.execute(text("SELECT count(*) FROM documents")).scalar()
            assert reader.in_transaction()
            other = make_document(DE_TEXT)
            second.save_document(other, status="pending", run_id=None)
        assert first.get_document(other.id) == other


def test_threads_write_concurrently(sqlite_url: str) -> None:
    errors: list[BaseException] = []
    with Store(sqlite_url) as store:

        def writer(worker: int) -> None:
            try:
                for i in range(25):
                    doc = make_document(f"{EN_TEXT} worker {worker} item {i}")
                    store.save_document(doc, status="pending", run_id=None)
                    store.save_card(rich_card(doc), run_id=None)
            except BaseException as exc:  # noqa: BLE001 — collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        assert store.status_counts()["status"]["analyzed"] == 75


def _process_writer(url: str, worker: int, count: int) -> None:
    with Store(url) as store:
        run = store.begin_run("scan", {"worker": worker})
        for i in range(count):
            doc = make_document(f"{DE_TEXT} Prozess {worker} Nummer {i}")
            store.save_document(doc, status="pending", run_id=run)
            store.save_card(rich_card(doc), run_id=run)
        store.finish_run(run, {"new": count, "analyzed": count})


def test_processes_share_one_file(sqlite_url: str) -> None:
    """Separate processes (each migrating a brand-new file at once) write to
    one database; BEGIN IMMEDIATE and the busy timeout serialise them."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_process_writer, args=(sqlite_url, w, 20)) for w in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    with Store(sqlite_url) as store:
        assert store.status_counts()["status"]["analyzed"] == 60
        assert sorted(r.args["worker"] for r in store.runs()) == [0, 1, 2]
        assert len(store.search("Prozess", kind="documents", limit=100)) == 60


def test_fts_index_consistent_after_updates_and_vacuum(sqlite_url: str) -> None:
    with Store(sqlite_url) as store:
        docs = [make_document(f"{EN_TEXT} copy {i}", title=f"Title {i}") for i in range(20)]
        for doc in docs:
            store.save_document(doc, status="pending", run_id=None)
            store.save_card(rich_card(doc), run_id=None)
        for doc in docs[::2]:
            store.save_document(doc.model_copy(update={"title": "Changed"}), status="pending", run_id=None)
            store.save_card(rich_card(doc, summary="Changed summary"), run_id=None)
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM documents WHERE id = :id"), {"id": docs[1].id})
        with store.engine.connect() as conn:
            conn.execute(text("COMMIT"))  # VACUUM cannot run inside the transaction SQLAlchemy opened
            conn.execute(text("VACUUM"))
        with store.engine.begin() as conn:
            # FTS5 compares its index with the content tables and raises on any mismatch.
            conn.execute(text("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)"))
            conn.execute(text("INSERT INTO cards_fts(cards_fts, rank) VALUES ('integrity-check', 1)"))
        changed = store.search('"Changed"', kind="documents", limit=100)
        assert {h.document_id for h in changed} == {d.id for d in docs[::2]}
        assert all(h.title == "Changed" for h in changed)
        assert store.get_card(docs[1].id) is None, "cards cascade with their document"
        assert len(store.search("customer", kind="cards", limit=100)) == 9
        assert len(store.search("changed summary", kind="cards", limit=100)) == 10
