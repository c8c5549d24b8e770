"""Near-duplicate bands as one integer key each, in a table that is its own index

`near_duplicate_bands` kept an article's 16 bands as (article, band, bucket) rows: on SQLite
a table, its primary-key index and a (band, bucket) index, three B-trees written for every
band of every imported article, the last one at a random place. `near_duplicate_keys` holds
one integer per band (the band's number in the top bits, 58 bits of its digest below) as
the key of a WITHOUT ROWID table, plus an index on the article that only ever grows at its
end, and only the first 8 bands (reader.core.minhash explains why 8 that match once find
the pairs 16 that match three times did). Storing an article's bands costs about a sixth
of what it did; finding candidates is one lookup per key.

The old rows of bands 0 to 7 are converted in SQL: an old bucket was the band digest shifted
right by one, a key keeps its top 58 bits, so key = band * 2**58 + bucket / 32. Going back,
the old 16 buckets are recomputed from the stored signatures (articles without one lose
their bands and are found again once re-imported).

Plain SQLAlchemy and integer arithmetic both databases share: this runs unchanged on SQLite
and PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reader.core import minhash

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The scheme as this revision defines it (reader.core.minhash at the time), written out so
# that a later change there cannot change what this migration does.
_BAND_UNIT = 1 << 58
_KEPT_BANDS = 8
_OLD_BANDS, _OLD_ROWS = 16, 4
_OLD_TO_KEY = 32  # old bucket = digest >> 1, key's digest part = digest >> 6
CHUNK = 500


def _create_old_table() -> None:
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


def upgrade() -> None:
    op.create_table(
        "near_duplicate_keys",
        sa.Column("band_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_near_duplicate_keys_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band_key", "article_id", name=op.f("pk_near_duplicate_keys")),
        sqlite_with_rowid=False,
    )
    op.execute(
        "INSERT INTO near_duplicate_keys (band_key, article_id) "
        f"SELECT band * {_BAND_UNIT} + bucket / {_OLD_TO_KEY}, article_id "
        f"FROM near_duplicate_bands WHERE band < {_KEPT_BANDS} ORDER BY 1, 2"
    )
    op.create_index("ix_near_duplicate_keys_article_id", "near_duplicate_keys", ["article_id"])
    op.drop_index("ix_near_duplicate_bands_bucket", table_name="near_duplicate_bands")
    op.drop_table("near_duplicate_bands")


def _old_buckets(signature: minhash.Signature) -> list[tuple[int, int]]:
    """(band, bucket) as revisions 0002 to 0006 computed them."""
    found = []
    for band in range(_OLD_BANDS):
        rows = signature[band * _OLD_ROWS : (band + 1) * _OLD_ROWS]
        data = b"".join(v.to_bytes(5, "little") for v in rows)
        digest = hashlib.blake2b(data, digest_size=8).digest()
        found.append((band, int.from_bytes(digest, "little") >> 1))
    return found


def downgrade() -> None:
    _create_old_table()
    conn = op.get_bind()
    signatures = sa.table(
        "near_duplicate_signatures", sa.column("article_id"), sa.column("signature")
    )
    bands = sa.table(
        "near_duplicate_bands", sa.column("article_id"), sa.column("band"), sa.column("bucket")
    )
    query = (
        sa.select(signatures.c.article_id, signatures.c.signature)
        .where(signatures.c.article_id > sa.bindparam("after"))
        .order_by(signatures.c.article_id)
        .limit(CHUNK)
    )
    after = 0
    while rows := conn.execute(query, {"after": after}).all():
        after = rows[-1][0]
        values = []
        for article_id, data in rows:
            signature = minhash.unpack(data)
            if signature is not None:
                values += [
                    {"article_id": article_id, "band": band, "bucket": bucket}
                    for band, bucket in _old_buckets(signature)
                ]
        if values:
            conn.execute(sa.insert(bands), values)
    op.drop_index("ix_near_duplicate_keys_article_id", table_name="near_duplicate_keys")
    op.drop_table("near_duplicate_keys")
