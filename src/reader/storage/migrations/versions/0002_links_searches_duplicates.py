"""Highlight-entity links, rejected suggestions, saved searches, near-duplicate bands, URLs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))
    op.create_table(
        "highlight_entities",
        sa.Column("highlight_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["highlight_id"],
            ["highlights.id"],
            name=op.f("fk_highlight_entities_highlight_id_highlights"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"],
            ["entities.id"],
            name=op.f("fk_highlight_entities_entity_id_entities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("highlight_id", "entity_id", name=op.f("pk_highlight_entities")),
    )
    op.create_index(
        op.f("ix_highlight_entities_entity_id"), "highlight_entities", ["entity_id"], unique=False
    )
    op.create_table(
        "rejected_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejected_suggestions")),
        sa.UniqueConstraint("text", name=op.f("uq_rejected_suggestions_text")),
    )
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("modified", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_searches")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_searches_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_saved_searches_uuid")),
    )
    op.create_table(
        "near_duplicate_bands",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_near_duplicate_bands_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "band", name=op.f("pk_near_duplicate_bands")),
    )
    op.create_index(
        "ix_near_duplicate_bands_bucket", "near_duplicate_bands", ["band", "bucket"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_near_duplicate_bands_bucket", table_name="near_duplicate_bands")
    op.drop_table("near_duplicate_bands")
    op.drop_table("saved_searches")
    op.drop_table("rejected_suggestions")
    op.drop_index(op.f("ix_highlight_entities_entity_id"), table_name="highlight_entities")
    op.drop_table("highlight_entities")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("url")
