"""What near-duplicate detection keeps per article: its LSH bands and its whole signature.

Both are deleted with their article by the foreign key. The bands find candidates; the stored
signature (`reader.core.minhash.pack`) confirms them without reading the candidate's text and
hashing it again. An article with bands but no stored signature (merged from an older backup)
is still a candidate: the caller computes its signature from its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from reader.core import minhash
from reader.storage.tables import Base, NearDuplicateBandRow, NearDuplicateSignatureRow

Bands = Sequence[tuple[int, int]]

_bands = Base.metadata.tables[NearDuplicateBandRow.__tablename__]
_signatures = Base.metadata.tables[NearDuplicateSignatureRow.__tablename__]
_INSERT_BANDS = insert(_bands)
_INSERT_SIGNATURE = insert(_signatures)
_DELETE_BANDS = delete(_bands).where(_bands.c.article_id == bindparam("article_id"))
_DELETE_SIGNATURE = delete(_signatures).where(_signatures.c.article_id == bindparam("article_id"))
# Both columns as IN lists: SQLite probes the (band, bucket) index for each combination, where
# a row-value IN over pairs scans the whole table. Pairs that merely combine one article's
# band with another's bucket are dropped afterwards, in Python.
_CANDIDATES = select(_bands.c.article_id, _bands.c.band, _bands.c.bucket).where(
    _bands.c.band.in_(bindparam("bands", expanding=True)),
    _bands.c.bucket.in_(bindparam("buckets", expanding=True)),
)
_SIGNATURES = select(_signatures.c.article_id, _signatures.c.signature).where(
    _signatures.c.article_id.in_(bindparam("ids", expanding=True))
)


class NearDuplicateRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def store(
        self,
        article_id: int,
        bands: Bands,
        signature: minhash.Signature | None,
        *,
        new: bool = False,
    ) -> None:
        """Replaces the article's bands and signature (no signature: it takes no part in
        near-duplicate search); `new`: the article was just added and has none to replace."""
        connection = self.session.connection()
        if not new:
            connection.execute(_DELETE_BANDS, {"article_id": article_id})
            connection.execute(_DELETE_SIGNATURE, {"article_id": article_id})
        if signature is None or not bands:
            return
        connection.execute(
            _INSERT_BANDS,
            [{"article_id": article_id, "band": b, "bucket": bucket} for b, bucket in bands],
        )
        connection.execute(
            _INSERT_SIGNATURE, {"article_id": article_id, "signature": minhash.pack(signature)}
        )

    def candidates(self, bands: Bands, limit: int = 20, least: int = 1) -> list[int]:
        """Articles sharing at least `least` of these bands, those sharing the most first."""
        if not bands:
            return []
        wanted = set(bands)
        rows = self.session.connection().execute(
            _CANDIDATES,
            {"bands": sorted({b for b, _ in wanted}), "buckets": sorted({k for _, k in wanted})},
        )
        shared = Counter(row[0] for row in rows if (row[1], row[2]) in wanted)
        found = sorted(
            ((article, n) for article, n in shared.items() if n >= least),
            key=lambda kv: (-kv[1], kv[0]),
        )
        return [article for article, _n in found[:limit]]

    def signatures(self, article_ids: Collection[int]) -> dict[int, minhash.Signature]:
        """The stored signatures of these articles; those without one are left out."""
        if not article_ids:
            return {}
        rows = self.session.connection().execute(_SIGNATURES, {"ids": sorted(article_ids)})
        found = {}
        for article_id, data in rows:
            signature = minhash.unpack(data)
            if signature is not None:
                found[article_id] = signature
        return found
