"""Each article's MinHash signature, stored, and back-filled for the articles already there

An import compared a new article with its near-duplicate candidates by reading each
candidate's whole text back and hashing it again; with the signature stored beside the
article's LSH bands that is one read of a few hundred bytes. Articles that have bands get
their signature here, computed from their current text exactly as an import computes it. An
article without one (a library restored from an older backup) is still compared, from its
text.

Plain SQLAlchemy types and statements: this runs unchanged on SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reader.core import minhash

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 500  # articles read and written per round trip: bounded memory on any library

_articles = sa.table(
    "articles", sa.column("id", sa.Integer()), sa.column("current_version", sa.Integer())
)
_versions = sa.table(
    "article_versions",
    sa.column("article_id", sa.Integer()),
    sa.column("number", sa.Integer()),
    sa.column("text", sa.Text()),
)
_bands = sa.table("near_duplicate_bands", sa.column("article_id", sa.Integer()))
_signatures = sa.table(
    "near_duplicate_signatures",
    sa.column("article_id", sa.Integer()),
    sa.column("signature", sa.LargeBinary()),
)


def _backfill(conn: sa.Connection) -> None:
    """Signatures for every article that takes part in near-duplicate search (has bands),
    in chunks by id."""
    banded = sa.exists().where(_bands.c.article_id == _articles.c.id)
    query = (
        sa.select(_articles.c.id, _versions.c.text)
        .join(
            _versions,
            sa.and_(
                _versions.c.article_id == _articles.c.id,
                _versions.c.number == _articles.c.current_version,
            ),
        )
        .where(_articles.c.id > sa.bindparam("after"), banded)
        .order_by(_articles.c.id)
        .limit(CHUNK)
    )
    after = 0
    while True:
        rows = conn.execute(query, {"after": after}).all()
        if not rows:
            return
        after = rows[-1][0]
        values = []
        for article_id, text in rows:
            sig = minhash.signature(text or "")
            if sig is not None:
                values.append({"article_id": article_id, "signature": minhash.pack(sig)})
        if values:
            conn.execute(sa.insert(_signatures), values)


def upgrade() -> None:
    op.create_table(
        "near_duplicate_signatures",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_near_duplicate_signatures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_near_duplicate_signatures")),
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("near_duplicate_signatures")
