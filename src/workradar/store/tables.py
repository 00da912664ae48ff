"""ORM tables of the workspace database (SQLite by default, PostgreSQL by URL).

The schema itself is created by the Alembic migrations in `migrations/`; these
classes describe it for queries and must stay in step with them (a test
compares the two). Full-text search structures are dialect specific and live
only in the migrations: FTS5 virtual tables + triggers on SQLite, generated
`tsvector` columns + GIN indexes on PostgreSQL.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations can refer to them on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Not alembic's default name, so workradar can share a PostgreSQL database.
VERSION_TABLE = "workradar_alembic_version"

DOCUMENT_STATUSES = ("pending", "analyzed", "failed", "duplicate")

# JSONB on PostgreSQL (indexable, `@>` containment for theme filters); JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


def is_search_object(type_: str, name: str | None) -> bool:
    """True for the dialect-specific full-text objects that the migrations make
    with raw SQL and the ORM does not describe (FTS5 tables and their shadow
    tables, tsvector columns and their indexes); schema comparisons skip them."""
    if name is None:
        return False
    if type_ == "table":
        return name.startswith(("documents_fts", "cards_fts"))
    if type_ == "column":
        return name == "search_vector"
    return type_ == "index" and name.endswith("_search_vector")


def utcnow() -> datetime:
    return datetime.now(UTC)


def rowkey(doc_id: str) -> int:
    """Signed 64-bit integer key derived from a document id.

    SQLite FTS5 external-content tables join on an integer rowid, and the
    implicit rowid of a table with a text primary key may change on VACUUM, so
    each row carries this stable key instead. Derived by hashing so it works
    for any id string, not only the usual 16 hex digits.
    """
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every dialect (SQLite drops tzinfo)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC timestamp column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class IsoDateTime(TypeDecorator[datetime]):
    """A datetime kept as ISO-8601 text so it round-trips exactly, naive or
    aware, with its original offset (timestamp types normalise or drop it)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'analyzed', 'failed', 'duplicate')", name="status"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rowkey: Mapped[int] = mapped_column(BigInteger, unique=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(16))
    collection: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(32), default="txt")
    text: Mapped[str] = mapped_column(Text, default="")
    raw: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    fetched_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))


class FailureRow(Base):
    """A source that could not be ingested at all (no Document exists for it).

    One row per source: a re-run updates it (and counts attempts) instead of
    piling up history, so status counts never double count a source.
    """

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text, unique=True)
    collection: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CardRow(Base):
    """The current card of a document (one per document, replaced on re-analysis).

    The card itself is kept whole as JSON; the other columns are copies made
    for filtering and searching without parsing it.
    """

    __tablename__ = "cards"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    rowkey: Mapped[int] = mapped_column(BigInteger, unique=True)
    card: Mapped[dict[str, Any]] = mapped_column(JSONType)
    backend: Mapped[str] = mapped_column(String(64), index=True)
    analyzer_version: Mapped[str] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    collection: Mapped[str | None] = mapped_column(Text, index=True)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    themes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    title: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counts: Mapped[dict[str, int]] = mapped_column(JSONType, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="running")


# -- synthesis (migration 0002) ----------------------------------------------


class ItemVectorRow(Base):
    """A sentence embedding kept across runs, keyed by (model, text hash), so
    corpus synthesis embeds only texts it has not seen before."""

    __tablename__ = "item_vectors"

    model: Mapped[str] = mapped_column(String(128), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class TrendRow(Base):
    """A cluster of card items (signals, concerns or technologies) across the corpus.

    The summary columns serve listing and filtering; `data` holds the full
    description (per-period counts, themes, languages, occupations, emergence
    and consensus details) as computed at `updated_at`.
    """

    __tablename__ = "trends"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    label: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer)
    documents: Mapped[int] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    emergence: Mapped[str] = mapped_column(String(32))
    velocity: Mapped[float] = mapped_column(Float)
    consensus: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(128))
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrendMemberRow(Base):
    """Which trend each card item was assigned to; `trend_id` NULL means the
    item was clustered but belongs to no trend (unclustered). An item is
    (card, item kind, index in that list); `text_key` detects a re-analysed
    card whose item changed."""

    __tablename__ = "trend_members"

    card_id: Mapped[str] = mapped_column(
        ForeignKey("cards.document_id", ondelete="CASCADE"), primary_key=True
    )
    item_kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    trend_id: Mapped[str | None] = mapped_column(ForeignKey("trends.id", ondelete="SET NULL"), index=True)
    text_key: Mapped[str] = mapped_column(String(64))
    similarity: Mapped[float] = mapped_column(Float)
