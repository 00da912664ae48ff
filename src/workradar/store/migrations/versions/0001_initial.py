"""Initial schema: documents, failures, cards, runs and full-text search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the types used at the time of this revision: later edits to
# tables.py must not change what this migration creates.
_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)

# PostgreSQL refuses tsvectors over 1 MB; bounding the indexed text keeps huge
# reports indexable (their first half-million characters are searchable).
_PG_MAX_INDEXED_CHARS = 500_000

_SQLITE_FTS = [
    # External-content FTS5 tables: the text lives once, in documents/cards;
    # the index is kept in step by triggers, joined on the stable `rowkey`.
    # unicode61 with remove_diacritics 2 folds case and accents (ä ~ a, é ~ e).
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowkey',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowkey, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowkey, old.title, old.text);
    END""",
    # Only when the indexed text really changes: a metadata-only upsert of a
    # long report must not re-tokenise it.
    """CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text, rowkey ON documents
    WHEN old.title IS NOT new.title OR old.text IS NOT new.text OR old.rowkey IS NOT new.rowkey
    BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowkey, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowkey, new.title, new.text);
    END""",
    """CREATE VIRTUAL TABLE cards_fts USING fts5(
        title, search_text, content='cards', content_rowid='rowkey',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER cards_fts_ai AFTER INSERT ON cards BEGIN
        INSERT INTO cards_fts(rowid, title, search_text) VALUES (new.rowkey, new.title, new.search_text);
    END""",
    """CREATE TRIGGER cards_fts_ad AFTER DELETE ON cards BEGIN
        INSERT INTO cards_fts(cards_fts, rowid, title, search_text)
        VALUES ('delete', old.rowkey, old.title, old.search_text);
    END""",
    """CREATE TRIGGER cards_fts_au AFTER UPDATE OF title, search_text, rowkey ON cards
    WHEN old.title IS NOT new.title OR old.search_text IS NOT new.search_text
        OR old.rowkey IS NOT new.rowkey
    BEGIN
        INSERT INTO cards_fts(cards_fts, rowid, title, search_text)
        VALUES ('delete', old.rowkey, old.title, old.search_text);
        INSERT INTO cards_fts(rowid, title, search_text) VALUES (new.rowkey, new.title, new.search_text);
    END""",
]

_PG_FTS = [
    # 'simple' config: no stemming or stop words, because the corpus is
    # multilingual and a per-language stemmer would mangle the other languages.
    f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(text, ''), {_PG_MAX_INDEXED_CHARS})), 'B')
    ) STORED""",
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
    f"""ALTER TABLE cards ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple'::regconfig, left(coalesce(search_text, ''), {_PG_MAX_INDEXED_CHARS})), 'B')
    ) STORED""",
    "CREATE INDEX ix_cards_search_vector ON cards USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("command", sa.String(64), nullable=False),
        sa.Column("args", _JSON, nullable=False),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("finished_at", _TS, nullable=True),
        sa.Column("counts", _JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("rowkey", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("collection", sa.Text(), nullable=True),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("fetched_at", sa.String(40), nullable=True),
        sa.Column("meta", _JSON, nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.String(64), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("rowkey", name="uq_documents_rowkey"),
        sa.CheckConstraint(
            "status IN ('pending', 'analyzed', 'failed', 'duplicate')", name="ck_documents_status"
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["documents.id"],
            name="fk_documents_duplicate_of_documents",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"], ["runs.id"], name="fk_documents_last_run_id_runs", ondelete="SET NULL"
        ),
    )
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_status", "documents", ["status"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("collection", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
        sa.UniqueConstraint("source", name="uq_failures_source"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_failures_run_id_runs", ondelete="SET NULL"),
    )

    op.create_table(
        "cards",
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("rowkey", sa.BigInteger(), nullable=False),
        sa.Column("card", _JSON, nullable=False),
        sa.Column("backend", sa.String(64), nullable=False),
        sa.Column("analyzer_version", sa.String(64), nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("collection", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("themes", _JSON, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("document_id", name="pk_cards"),
        sa.UniqueConstraint("rowkey", name="uq_cards_rowkey"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_cards_document_id_documents", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"], ["runs.id"], name="fk_cards_last_run_id_runs", ondelete="SET NULL"
        ),
    )
    for column in ("backend", "language", "type", "collection", "published"):
        op.create_index(f"ix_cards_{column}", "cards", [column])

    dialect = op.get_bind().dialect.name
    statements = {"sqlite": _SQLITE_FTS, "postgresql": _PG_FTS}.get(dialect)
    if statements is None:
        raise NotImplementedError(f"full-text search is implemented for SQLite and PostgreSQL, not {dialect}")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("documents", "cards"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {name}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {name}_fts")
    op.drop_table("cards")
    op.drop_table("failures")
    op.drop_table("documents")
    op.drop_table("runs")
