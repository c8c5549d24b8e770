"""Who last changed each highlight and entity, for a library several people share

A team library needs to say who changed a note when two people edit it at once ("Ana changed
this note at 10:02"); `author` keeps saying who made the record. Existing rows were last
changed by their author, so the new column starts as a copy of it.

Plain SQLAlchemy: this runs unchanged on SQLite and PostgreSQL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("highlights", "entities")


def upgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(
                sa.Column("edited_by", sa.String(200), nullable=False, server_default="")
            )
        table = sa.table(
            name, sa.column("edited_by", sa.String()), sa.column("author", sa.String())
        )
        op.execute(table.update().values(edited_by=table.c.author))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later have it): rebuilding the table, as a batch
    # operation would on SQLite, trips over the search index's triggers on it.
    for name in TABLES:
        op.drop_column(name, "edited_by")
