"""An index on when each article was read, for "is:unread"

A search with `is:unread` first asks how many articles are unread, to decide whether to start
from them or from the words. Without an index that question reads the whole articles table,
which in a library where most articles have been read (the usual case) means every row of it
to find a few. With one it reads the index entries of the unread articles only.

Plain SQLAlchemy: this runs unchanged on SQLite and PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_articles_read_at", "articles", ["read_at"])


def downgrade() -> None:
    op.drop_index("ix_articles_read_at", table_name="articles")
