"""Emergence labels up to 32 characters ("insufficient evidence").

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch mode: SQLite rebuilds the table, PostgreSQL alters the column in place.
    with op.batch_alter_table("trends") as batch:
        batch.alter_column("emergence", existing_type=sa.String(16), type_=sa.String(32), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("trends") as batch:
        batch.alter_column("emergence", existing_type=sa.String(32), type_=sa.String(16), existing_nullable=False)
