"""The workspace database: documents, cards, ingest failures and runs.

`Store(url)` opens (and migrates) a SQLite file or a PostgreSQL database.
Every write method is one transaction. Reads of many rows stream in keyset
batches, so no transaction or cursor stays open while the caller works.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    column,
    create_engine,
    delete,
    event,
    exists,
    func,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from workradar.models import LIBRARY_FIELDS, Card, Document, Trend, TrendMember
from workradar.store.search import SearchHit, SearchKind, search
from workradar.store.tables import (
    DOCUMENT_STATUSES,
    VERSION_TABLE,
    CardRow,
    DocumentRow,
    FailureRow,
    ItemVectorRow,
    RunRow,
    TrendMemberRow,
    TrendRow,
    rowkey,
    utcnow,
)

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_WRITE = "workradar_write"  # execution option: this connection will write
_PG_MIGRATION_LOCK = 0x776F726B7261  # arbitrary constant advisory-lock key ("workra")

# Columns copied from a Document into its row, by the same name.
_DOCUMENT_FIELDS = (
    "id", "source", "url", "title", "author", "published", "language",
    "collection", "format", "text", "raw", "content_hash", "fetched_at", "meta",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What the pipeline needs to decide whether a source needs work."""

    id: str
    source: str
    url: str | None
    content_hash: str
    status: str
    error: str | None
    duplicate_of: str | None
    has_card: bool
    backend: str | None


# Trend and member fields are the columns of their rows, by the same name.
_TREND_FIELDS = tuple(Trend.__dataclass_fields__)
_MEMBER_FIELDS = tuple(TrendMember.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: int
    command: str
    args: dict[str, Any]
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, int]
    status: str


def card_search_text(card: Card) -> str:
    """Everything on a card worth finding by full-text search (title aside)."""
    parts: list[str] = [card.summary, card.category, *card.keywords, *card.themes]
    for signal in card.signals:
        parts += [signal.name, signal.description]
        # Library text is not the document's: search finds a card by what it says.
        parts += [getattr(signal, f) for f in LIBRARY_FIELDS if f not in signal.library_fields]
    for item in (*card.concerns, *card.behaviors, *card.technologies, *card.issues):
        parts += [item.name, item.description]
    parts += [claim.text for claim in card.claims]
    for occupation in card.occupations:
        parts += [occupation.mention, occupation.isco_title]
    for organization in card.organizations:
        parts += [organization.name, *organization.aliases]
    for policy in card.policies:
        parts += [policy.name, policy.jurisdiction]
    return "\n".join(part for part in parts if part)


def _normalise_url(url: str) -> str:
    """A bare file path is taken as a SQLite file."""
    return url if "://" in url else f"sqlite:///{Path(url).expanduser()}"


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


class Store:
    """SQLAlchemy-backed workspace store. Use as a context manager or call `close()`."""

    def __init__(self, url: str, *, migrate: bool = True, busy_timeout: float = 30.0, echo: bool = False):
        self.url = make_url(_normalise_url(url))
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(
                f"unsupported database {self.dialect!r}: use sqlite:/// or postgresql+psycopg://"
            )
        if self.dialect == "sqlite" and self.url.database not in (None, "", ":memory:"):
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url, echo=echo, pool_pre_ping=self.dialect == "postgresql")
        if self.dialect == "sqlite":
            self._install_sqlite_hooks(busy_timeout)
        self._writer = self.engine.execution_options(**{_WRITE: True})
        if migrate:
            try:
                self.migrate()
            except BaseException:
                self.engine.dispose()
                raise

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    # -- connection set-up -------------------------------------------------

    def _install_sqlite_hooks(self, busy_timeout: float) -> None:
        @event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Hand transaction control to SQLAlchemy (the sqlite3 module would
            # otherwise open transactions lazily and never for DDL), see "begin".
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            try:
                # busy_timeout first: switching to WAL may itself wait for a lock.
                cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
                _switch_to_wal(cursor, busy_timeout)
                cursor.execute("PRAGMA foreign_keys = ON")
                # In WAL mode NORMAL is crash safe for the application; only an
                # OS crash or power cut can lose the last commits.
                cursor.execute("PRAGMA synchronous = NORMAL")
            finally:
                cursor.close()

        @event.listens_for(self.engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the write lock up front: a deferred transaction that
            # reads and then writes can fail with SQLITE_BUSY at once (no
            # waiting) when another process committed in between.
            immediate = conn.get_execution_options().get(_WRITE, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def _insert(self, entity: Any) -> Any:
        """INSERT with ON CONFLICT support for the current dialect."""
        return postgresql.insert(entity) if self.dialect == "postgresql" else sqlite.insert(entity)

    def _check_text(self, *values: str | None) -> None:
        if self.dialect == "postgresql" and any(v is not None and "\x00" in v for v in values):
            raise ValueError(
                "text contains NUL characters, which PostgreSQL cannot store; strip them at ingest"
            )

    # -- schema ------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to the newest revision (no-op when it is already there)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self._writer.begin() as conn:
            if self.dialect == "postgresql":
                # Two processes opening a fresh database at once must not both migrate.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def schema_revision(self) -> str | None:
        """The schema revision in the database (None before the first migration)."""
        with self.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            return context.get_current_revision()

    # -- runs --------------------------------------------------------------

    def begin_run(self, command: str, args: dict[str, Any]) -> int:
        with self._write() as session:
            run = RunRow(command=command, args=args, started_at=utcnow(), counts={}, status="running")
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        with self._write() as session:
            result = session.execute(
                update(RunRow)
                .where(RunRow.id == run_id)
                .values(counts=dict(counts), status=status, finished_at=utcnow())
            )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise KeyError(f"no run {run_id}")

    def runs(self, limit: int = 10) -> list[RunInfo]:
        """The most recent runs, newest first."""
        with self._read() as session:
            rows = session.scalars(select(RunRow).order_by(RunRow.id.desc()).limit(limit))
            return [
                RunInfo(r.id, r.command, r.args, r.started_at, r.finished_at, r.counts, r.status)
                for r in rows
            ]

    # -- documents ---------------------------------------------------------

    def save_document(
        self,
        doc: Document,
        *,
        status: str,
        run_id: int | None,
        error: str | None = None,
        duplicate_of: str | None = None,
        minhash: bytes | None = None,
    ) -> None:
        """Insert or replace a document (by id). `minhash=None` keeps a stored signature.

        A successfully saved document also clears any ingest failure recorded
        for its source, in the same transaction.
        """
        if status not in DOCUMENT_STATUSES:
            raise ValueError(f"status must be one of {DOCUMENT_STATUSES}, not {status!r}")
        if (status == "duplicate") != (duplicate_of is not None):
            raise ValueError("duplicate_of is required for status 'duplicate' and only allowed with it")
        if duplicate_of == doc.id:
            raise ValueError(f"document {doc.id} cannot be a duplicate of itself")
        self._check_text(doc.title, doc.text, doc.raw, doc.source, error)
        now = utcnow()
        values: dict[str, Any] = {name: getattr(doc, name) for name in _DOCUMENT_FIELDS}
        values.update(
            rowkey=rowkey(doc.id),
            status=status,
            error=error,
            duplicate_of=duplicate_of,
            minhash=minhash,
            created_at=now,
            updated_at=now,
            last_run_id=run_id,
        )
        stmt = self._insert(DocumentRow).values(**values)
        changes = {k: stmt.excluded[k] for k in values if k not in ("id", "rowkey", "created_at")}
        changes["minhash"] = func.coalesce(stmt.excluded.minhash, DocumentRow.minhash)
        stmt = stmt.on_conflict_do_update(index_elements=[DocumentRow.id], set_=changes)
        with self._write() as session:
            session.execute(stmt)
            session.execute(delete(FailureRow).where(FailureRow.source == doc.source))

    def mark_failed(self, doc_id: str, error: str, run_id: int | None) -> None:
        """Record that analysing a stored document failed. A card from an
        earlier successful analysis, if any, is kept."""
        self._check_text(error)
        with self._write() as session:
            result = session.execute(
                update(DocumentRow)
                .where(DocumentRow.id == doc_id)
                .values(status="failed", error=error, last_run_id=run_id, updated_at=utcnow())
            )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise KeyError(f"no document {doc_id}")

    def get_document(self, doc_id: str) -> Document | None:
        with self._read() as session:
            row = session.get(DocumentRow, doc_id)
            if row is None:
                return None
            return Document(**{name: getattr(row, name) for name in _DOCUMENT_FIELDS})

    def _find(self, condition: ColumnElement[bool], *order: Any) -> StoredDocument | None:
        stmt = (
            select(
                DocumentRow.id,
                DocumentRow.source,
                DocumentRow.url,
                DocumentRow.content_hash,
                DocumentRow.status,
                DocumentRow.error,
                DocumentRow.duplicate_of,
                CardRow.backend,
            )
            .outerjoin(CardRow, CardRow.document_id == DocumentRow.id)
            .where(condition)
            .order_by(*order, DocumentRow.id)
            .limit(1)
        )
        with self._read() as session:
            row = session.execute(stmt).first()
        if row is None:
            return None
        return StoredDocument(
            id=row.id,
            source=row.source,
            url=row.url,
            content_hash=row.content_hash,
            status=row.status,
            error=row.error,
            duplicate_of=row.duplicate_of,
            has_card=row.backend is not None,
            backend=row.backend,
        )

    # An original is preferred over its duplicates, then the oldest/newest row.
    _ORIGINAL_FIRST = (DocumentRow.status == "duplicate").asc()

    def find_by_id(self, doc_id: str) -> StoredDocument | None:
        return self._find(DocumentRow.id == doc_id)

    def find_by_source(self, source: str) -> StoredDocument | None:
        """The most recently saved document from this source (its content may have changed)."""
        return self._find(DocumentRow.source == source, DocumentRow.updated_at.desc())

    def find_by_hash(self, content_hash: str) -> StoredDocument | None:
        return self._find(
            DocumentRow.content_hash == content_hash, self._ORIGINAL_FIRST, DocumentRow.created_at
        )

    def find_by_url(self, canonical_url: str) -> StoredDocument | None:
        return self._find(DocumentRow.url == canonical_url, self._ORIGINAL_FIRST, DocumentRow.created_at)

    def minhash_signatures(self, *, batch_size: int = 1000) -> Iterator[tuple[str, bytes]]:
        """(id, signature) of every non-duplicate document that has one."""
        last = ""
        while True:
            with self._read() as session:
                rows = session.execute(
                    select(DocumentRow.id, DocumentRow.minhash)
                    .where(
                        DocumentRow.id > last,
                        DocumentRow.status != "duplicate",
                        DocumentRow.minhash.is_not(None),
                    )
                    .order_by(DocumentRow.id)
                    .limit(batch_size)
                ).all()
            for doc_id, signature in rows:
                yield doc_id, bytes(signature or b"")
            if len(rows) < batch_size:
                return
            last = rows[-1][0]

    # -- ingest failures ---------------------------------------------------

    def record_failure(self, source: str, error: str, *, collection: str | None, run_id: int | None) -> None:
        """Remember a source that could not be ingested (one row per source)."""
        self._check_text(source, error, collection)
        now = utcnow()
        stmt = self._insert(FailureRow).values(
            source=source,
            collection=collection,
            error=error,
            attempts=1,
            run_id=run_id,
            created_at=now,
            updated_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[FailureRow.source],
            set_={
                "collection": stmt.excluded.collection,
                "error": stmt.excluded.error,
                "run_id": stmt.excluded.run_id,
                "updated_at": stmt.excluded.updated_at,
                "attempts": FailureRow.attempts + 1,
            },
        )
        with self._write() as session:
            session.execute(stmt)

    def clear_failure(self, source: str) -> bool:
        """Forget the ingest failure of a source; True when there was one."""
        with self._write() as session:
            result = session.execute(delete(FailureRow).where(FailureRow.source == source))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def failures(self) -> list[dict[str, Any]]:
        """Recorded ingest failures, most recent first."""
        with self._read() as session:
            rows = session.scalars(select(FailureRow).order_by(FailureRow.updated_at.desc(), FailureRow.id))
            return [
                {
                    "source": r.source,
                    "collection": r.collection,
                    "error": r.error,
                    "attempts": r.attempts,
                    "run_id": r.run_id,
                    "created_at": r.created_at,
                    "updated_at": r.updated_at,
                }
                for r in rows
            ]

    # -- cards -------------------------------------------------------------

    def save_card(self, card: Card, *, run_id: int | None) -> None:
        """Insert or replace the document's card and mark the document analyzed."""
        search_text = card_search_text(card)
        self._check_text(card.title, search_text)
        now = utcnow()
        values: dict[str, Any] = {
            "document_id": card.id,
            "rowkey": rowkey(card.id),
            "card": card.to_dict(),
            "backend": card.analyzer.backend,
            "analyzer_version": card.analyzer.version,
            "language": card.language,
            "type": card.type,
            "collection": card.collection,
            "published": card.published,
            "themes": list(card.themes),
            "title": card.title,
            "search_text": search_text,
            "created_at": now,
            "updated_at": now,
            "last_run_id": run_id,
        }
        stmt = self._insert(CardRow).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[CardRow.document_id],
            set_={k: stmt.excluded[k] for k in values if k not in ("document_id", "rowkey", "created_at")},
        )
        with self._write() as session:
            doc = session.execute(
                select(DocumentRow.status, DocumentRow.duplicate_of).where(DocumentRow.id == card.id)
            ).first()
            if doc is None:
                raise KeyError(f"no document {card.id}: save the document before its card")
            if doc.status == "duplicate":
                raise ValueError(
                    f"document {card.id} is a duplicate of {doc.duplicate_of}; card the original"
                )
            session.execute(stmt)
            session.execute(
                update(DocumentRow)
                .where(DocumentRow.id == card.id)
                .values(status="analyzed", error=None, last_run_id=run_id, updated_at=now)
            )

    def get_card(self, doc_id: str) -> Card | None:
        with self._read() as session:
            data = session.scalar(select(CardRow.card).where(CardRow.document_id == doc_id))
        return None if data is None else Card.model_validate(data)

    def iter_cards(
        self,
        *,
        batch_size: int = 500,
        language: str | None = None,
        collection: str | None = None,
        type: str | None = None,
        backend: str | None = None,
        theme: str | None = None,
        published_from: date | str | None = None,
        published_to: date | str | None = None,
    ) -> Iterator[Card]:
        """Cards matching every given filter, in document-id order, fetched
        `batch_size` at a time (published_from/to are inclusive)."""
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        conditions: list[ColumnElement[bool]] = []
        for col, value in (
            (CardRow.language, language),
            (CardRow.collection, collection),
            (CardRow.type, type),
            (CardRow.backend, backend),
        ):
            if value is not None:
                conditions.append(col == value)
        if (start := _as_date(published_from)) is not None:
            conditions.append(CardRow.published >= start)
        if (end := _as_date(published_to)) is not None:
            conditions.append(CardRow.published <= end)
        if theme is not None:
            conditions.append(self._has_theme(theme))
        last = ""
        while True:
            with self._read() as session:
                rows = session.execute(
                    select(CardRow.document_id, CardRow.card)
                    .where(CardRow.document_id > last, *conditions)
                    .order_by(CardRow.document_id)
                    .limit(batch_size)
                ).all()
            for _, data in rows:
                yield Card.model_validate(data)
            if len(rows) < batch_size:
                return
            last = rows[-1][0]

    def _has_theme(self, theme: str) -> ColumnElement[bool]:
        if self.dialect == "postgresql":
            return type_coerce(CardRow.themes, JSONB).contains([theme])
        each = func.json_each(CardRow.themes).table_valued("value")
        return exists(select(1).select_from(each).where(column("value") == theme))

    def iter_dated_cards(self, *, batch_size: int = 500) -> Iterator[tuple[Card, date]]:
        """Every card with its date for time series: the published date, else
        the day the document was fetched, else the day the card was made. In
        document-id order, fetched `batch_size` at a time."""
        if batch_size <= 0:
            raise ValueError("batch_size must be positive")
        last = ""
        while True:
            with self._read() as session:
                rows = session.execute(
                    select(CardRow.document_id, CardRow.card, CardRow.created_at, DocumentRow.fetched_at)
                    .join(DocumentRow, DocumentRow.id == CardRow.document_id)
                    .where(CardRow.document_id > last)
                    .order_by(CardRow.document_id)
                    .limit(batch_size)
                ).all()
            for _, data, created_at, fetched_at in rows:
                card = Card.model_validate(data)
                when = card.published or (fetched_at or created_at).date()
                yield card, when
            if len(rows) < batch_size:
                return
            last = rows[-1][0]

    # -- synthesis: item vectors, trends, membership -------------------------

    def item_vectors(self, model: str, keys: list[str]) -> dict[str, bytes]:
        """Stored float32 vectors (raw bytes) for those of `keys` that have one."""
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):  # bounded IN lists
            chunk = unique[i : i + 500]
            with self._read() as session:
                rows = session.execute(
                    select(ItemVectorRow.key, ItemVectorRow.vector).where(
                        ItemVectorRow.model == model, ItemVectorRow.key.in_(chunk)
                    )
                )
                found.update((key, bytes(vector)) for key, vector in rows)
        return found

    def save_item_vectors(self, model: str, vectors: dict[str, bytes], dim: int) -> None:
        """Insert vectors (raw float32 bytes) by key; existing keys are left as they are."""
        if not vectors:
            return
        rows = [{"model": model, "key": k, "dim": dim, "vector": v} for k, v in vectors.items()]
        with self._write() as session:
            for i in range(0, len(rows), 1000):
                stmt = self._insert(ItemVectorRow).values(rows[i : i + 1000])
                session.execute(stmt.on_conflict_do_nothing(index_elements=["model", "key"]))

    def replace_trends(self, kind: str, trends: list[Trend], members: list[TrendMember]) -> None:
        """Replace every trend and assignment of one item kind, in one transaction
        (readers see the old set or the new one, never a mix)."""
        if any(t.kind != kind for t in trends) or any(m.item_kind != kind for m in members):
            raise ValueError(f"replace_trends({kind!r}) given trends or members of another kind")
        with self._write() as session:
            session.execute(delete(TrendMemberRow).where(TrendMemberRow.item_kind == kind))
            session.execute(delete(TrendRow).where(TrendRow.kind == kind))
            trend_rows = [{name: getattr(t, name) for name in _TREND_FIELDS} for t in trends]
            for i in range(0, len(trend_rows), 500):
                session.execute(self._insert(TrendRow).values(trend_rows[i : i + 500]))
            member_rows = [{name: getattr(m, name) for name in _MEMBER_FIELDS} for m in members]
            for i in range(0, len(member_rows), 2000):
                session.execute(self._insert(TrendMemberRow).values(member_rows[i : i + 2000]))

    def trends(self, kind: str | None = None) -> list[Trend]:
        """Stored trends (of one item kind, or all), largest first."""
        stmt = select(TrendRow).order_by(TrendRow.documents.desc(), TrendRow.size.desc(), TrendRow.id)
        if kind is not None:
            stmt = stmt.where(TrendRow.kind == kind)
        with self._read() as session:
            return [_stored_trend(row) for row in session.scalars(stmt)]

    def trend(self, trend_id: str) -> Trend | None:
        with self._read() as session:
            row = session.get(TrendRow, trend_id)
            return None if row is None else _stored_trend(row)

    def trend_members(self, trend_id: str) -> list[TrendMember]:
        """The items of one trend, most central first."""
        stmt = (
            select(TrendMemberRow)
            .where(TrendMemberRow.trend_id == trend_id)
            .order_by(TrendMemberRow.similarity.desc(), TrendMemberRow.card_id, TrendMemberRow.item_index)
        )
        with self._read() as session:
            return [_trend_member(row) for row in session.scalars(stmt)]

    def iter_trend_assignments(self, kind: str, *, batch_size: int = 5000) -> Iterator[TrendMember]:
        """Every stored assignment of one item kind (unclustered ones included),
        in (card, index) order, fetched `batch_size` at a time."""
        last: tuple[str, int] = ("", -1)
        while True:
            with self._read() as session:
                rows = list(
                    session.scalars(
                        select(TrendMemberRow)
                        .where(
                            TrendMemberRow.item_kind == kind,
                            (TrendMemberRow.card_id > last[0])
                            | ((TrendMemberRow.card_id == last[0]) & (TrendMemberRow.item_index > last[1])),
                        )
                        .order_by(TrendMemberRow.card_id, TrendMemberRow.item_index)
                        .limit(batch_size)
                    )
                )
                members = [_trend_member(row) for row in rows]
            yield from members
            if len(members) < batch_size:
                return
            last = (members[-1].card_id, members[-1].item_index)

    # -- search and overview -----------------------------------------------

    def search(self, query: str, *, limit: int = 20, kind: SearchKind = "all") -> list[SearchHit]:
        """Full-text search; see `workradar.store.search` for the query syntax."""
        with self.engine.connect() as conn:
            return search(conn, query, limit=limit, kind=kind)

    def status_counts(self) -> dict[str, dict[str, int]]:
        """Counts for `workradar status`.

        "status": documents per status, plus "failed_source" (sources that
        could not be ingested). "language" and "collection" count documents
        other than duplicates; "backend" and "type" count cards.
        """
        with self._read() as session:
            counts: dict[str, dict[str, int]] = {}
            status = dict.fromkeys(DOCUMENT_STATUSES, 0)
            for key, n in session.execute(
                select(DocumentRow.status, func.count()).group_by(DocumentRow.status)
            ):
                status[key] = n
            status["failed_source"] = session.scalar(select(func.count()).select_from(FailureRow)) or 0
            counts["status"] = status
            originals = DocumentRow.status != "duplicate"
            for name, col, missing in (
                ("language", DocumentRow.language, "unknown"),
                ("collection", DocumentRow.collection, "(none)"),
            ):
                rows = session.execute(select(col, func.count()).where(originals).group_by(col))
                counts[name] = {(key if key is not None else missing): n for key, n in rows}
            for name, ccol in (("backend", CardRow.backend), ("type", CardRow.type)):
                card_rows = session.execute(select(ccol, func.count()).group_by(ccol))
                counts[name] = {key: n for key, n in card_rows}
            return counts

    def token_totals(self) -> dict[str, dict[str, int]]:
        """LLM tokens the stored cards cost, per backend:
        {backend: {"cards", "prompt_tokens", "completion_tokens"}}. Only cards
        whose analyzer recorded prompt tokens count (extractive backends record none)."""
        prompt = CardRow.card[("analyzer", "prompt_tokens")].as_integer()
        completion = CardRow.card[("analyzer", "completion_tokens")].as_integer()
        with self._read() as session:
            rows = session.execute(
                select(
                    CardRow.backend,
                    func.count(),
                    func.coalesce(func.sum(prompt), 0),
                    func.coalesce(func.sum(completion), 0),
                )
                .where(prompt.is_not(None))
                .group_by(CardRow.backend)
            ).all()
        return {
            backend: {"cards": int(n), "prompt_tokens": int(p), "completion_tokens": int(c)}
            for backend, n, p, c in rows
        }

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _switch_to_wal(cursor: Any, busy_timeout: float) -> None:
    """`PRAGMA journal_mode = WAL`, retried while another connection holds the lock.

    SQLite answers this pragma with "database is locked" at once, without its
    busy handler, when another connection is switching a brand-new database
    at the same moment (several workers opening a fresh workspace)."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def _stored_trend(row: TrendRow) -> Trend:
    fields = {name: getattr(row, name) for name in _TREND_FIELDS}
    fields["data"] = fields["data"] or {}  # a JSON null reads as None
    return Trend(**fields)


def _trend_member(row: TrendMemberRow) -> TrendMember:
    return TrendMember(**{name: getattr(row, name) for name in _MEMBER_FIELDS})
