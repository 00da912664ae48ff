"""Alembic migrations: idempotent, reversible, matching the ORM, safe to race."""

from __future__ import annotations

import threading

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from tests.store.store_factories import full_document, rich_card
from workradar.store import Store
from workradar.store.store import MIGRATIONS_DIR
from workradar.store.tables import VERSION_TABLE, Base, is_search_object


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_fresh_database_is_at_head(db_url: str) -> None:
    with Store(db_url, migrate=False) as store:
        assert store.schema_revision() is None
        store.migrate()
        assert store.schema_revision() == _head()


def test_migrations_are_idempotent_and_keep_data(db_url: str) -> None:
    doc = full_document()
    card = rich_card(doc)
    with Store(db_url) as store:
        store.save_document(doc, status="pending", run_id=None)
        store.save_card(card, run_id=None)
        store.migrate()
        store.migrate()
    with Store(db_url) as reopened:
        assert reopened.schema_revision() == _head()
        assert reopened.get_document(doc.id) == doc
        assert reopened.get_card(doc.id) == card
        assert [h.document_id for h in reopened.search("Weiterbildung", kind="documents")] == [doc.id]


def test_schema_matches_orm(store: Store) -> None:
    """The migrations create exactly what tables.py describes (FTS objects aside)."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "version_table": VERSION_TABLE,
                "compare_type": True,
                "include_object": lambda obj, name, type_, reflected, other: (
                    not is_search_object(type_, name)
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_and_upgrade_again(db_url: str) -> None:
    with Store(db_url) as store:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with store._writer.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        tables = set(inspect(store.engine).get_table_names())
        assert tables <= {VERSION_TABLE}, tables
        store.migrate()
        assert {"documents", "cards", "failures", "runs"} <= set(inspect(store.engine).get_table_names())
        doc = full_document()
        store.save_document(doc, status="pending", run_id=None)
        assert [h.document_id for h in store.search("Gewerkschaften")] == [doc.id]


def test_concurrent_first_open(db_url: str) -> None:
    """Several workers opening a brand-new database at once all succeed and
    the schema is created once."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_and_write(i: int) -> None:
        try:
            barrier.wait()
            with Store(db_url) as store:
                run = store.begin_run("scan", {"worker": i})
                store.finish_run(run, {"new": i})
        except BaseException as exc:  # noqa: BLE001 — collected and re-raised by the test thread
            errors.append(exc)

    threads = [threading.Thread(target=open_and_write, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(
                conn, opts={"version_table": VERSION_TABLE}
            ).get_current_heads() == (_head(),)
    finally:
        engine.dispose()
    with Store(db_url) as store:
        assert sorted(run.args["worker"] for run in store.runs()) == [0, 1, 2, 3]
