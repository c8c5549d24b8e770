"""What near-duplicate detection keeps per article: its LSH band keys and its whole signature.

Both are deleted with their article by the foreign key. The band keys find candidates; the
stored signature (`reader.core.minhash.pack`) confirms them without reading the candidate's
text and hashing it again. An article with band keys but no stored signature (merged from an
older backup) is still a candidate: the caller computes its signature from its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from reader.core import minhash
from reader.storage.prepared import Prepared
from reader.storage.tables import Base, NearDuplicateKeyRow, NearDuplicateSignatureRow

Bands = Sequence[int]  # band keys, `reader.core.minhash.bands`

_bands = Base.metadata.tables[NearDuplicateKeyRow.__tablename__]
_signatures = Base.metadata.tables[NearDuplicateSignatureRow.__tablename__]
_INSERT_BANDS = Prepared(insert(_bands), ("band_key", "article_id"))
_INSERT_SIGNATURE = Prepared(insert(_signatures), ("article_id", "signature"))
_DELETE_BANDS = delete(_bands).where(_bands.c.article_id == bindparam("article_id"))
_DELETE_SIGNATURE = delete(_signatures).where(_signatures.c.article_id == bindparam("article_id"))


def _candidates_query(keys: int) -> Prepared:
    """The article of each row holding one of `keys` band keys (an article has one row per
    band, so it comes back once per band it shares): one primary-key lookup per key."""
    wanted = _bands.c.band_key.in_([bindparam(f"k{i}") for i in range(keys)])
    return Prepared(select(_bands.c.article_id).where(wanted))


_CANDIDATES = {minhash.BANDS: _candidates_query(minhash.BANDS)}  # by number of keys
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
        _INSERT_BANDS.many(
            connection, [{"band_key": key, "article_id": article_id} for key in sorted(set(bands))]
        )
        values = {"article_id": article_id, "signature": minhash.pack(signature)}
        _INSERT_SIGNATURE.execute(connection, values).close()

    def candidates(self, bands: Bands, limit: int = 20, least: int = 1) -> list[int]:
        """Articles sharing at least `least` of these bands, those sharing the most first."""
        if not bands:
            return []
        wanted = sorted(set(bands))
        query = _CANDIDATES.get(len(wanted))
        if query is None:
            query = _CANDIDATES.setdefault(len(wanted), _candidates_query(len(wanted)))
        values = {f"k{i}": key for i, key in enumerate(wanted)}
        rows = query.rows(self.session.connection(), values)
        shared: Counter[int] = Counter(row[0] for row in rows)
        found = sorted(
            ((article, n) for article, n in shared.items() if n >= least),
            key=lambda kv: (-kv[1], kv[0]),
        )
        return [article for article, _n in found[:limit]]

    def fill_missing_keys(self) -> int:
        """Band keys for every article that has a signature but none (restored or merged from
        a backup made before keys were stored); returns how many articles got them."""
        keyed = select(_bands.c.article_id).where(_bands.c.article_id == _signatures.c.article_id)
        query = (
            select(_signatures.c.article_id, _signatures.c.signature)
            .where(_signatures.c.article_id > bindparam("after"), ~keyed.exists())
            .order_by(_signatures.c.article_id)
            .limit(500)
        )
        connection = self.session.connection()
        filled = after = 0
        while rows := connection.execute(query, {"after": after}).all():
            after = rows[-1][0]
            values = []
            for article_id, data in rows:
                signature = minhash.unpack(data)
                if signature is not None:
                    values += [
                        {"band_key": k, "article_id": article_id} for k in minhash.bands(signature)
                    ]
                    filled += 1
            if values:
                connection.execute(insert(_bands), values)
        return filled

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
