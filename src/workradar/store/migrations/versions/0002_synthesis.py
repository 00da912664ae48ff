"""Synthesis: persistent item vectors, trends and trend membership.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the types used at the time of this revision.
_JSON = sa.JSON().with_variant(JSONB(), "postgresql")
_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "item_vectors",
        sa.Column("model", sa.String(128), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("model", "key", name="pk_item_vectors"),
    )
    op.create_table(
        "trends",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.Column("emergence", sa.String(16), nullable=False),
        sa.Column("velocity", sa.Float(), nullable=False),
        sa.Column("consensus", sa.String(16), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("model", sa.String(128), nullable=False),
        sa.Column("centroid", sa.LargeBinary(), nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trends"),
    )
    op.create_index("ix_trends_kind", "trends", ["kind"])
    op.create_table(
        "trend_members",
        sa.Column("card_id", sa.String(64), nullable=False),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=False),
        sa.Column("trend_id", sa.String(32), nullable=True),
        sa.Column("text_key", sa.String(64), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("card_id", "item_kind", "item_index", name="pk_trend_members"),
        sa.ForeignKeyConstraint(
            ["card_id"], ["cards.document_id"], name="fk_trend_members_card_id_cards", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["trend_id"], ["trends.id"], name="fk_trend_members_trend_id_trends", ondelete="SET NULL"
        ),
    )
    op.create_index("ix_trend_members_trend_id", "trend_members", ["trend_id"])


def downgrade() -> None:
    op.drop_table("trend_members")
    op.drop_table("trends")
    op.drop_table("item_vectors")
