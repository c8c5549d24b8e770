"""Every migration runs on a library made by the previous schema, keeping what it holds."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Connection, create_engine

from reader.core import minhash
from reader.services import articles as article_service
from reader.services.library import open_library
from reader.storage.database import HEAD_REVISION, _alembic_config


def test_a_first_schema_library_is_upgraded_with_its_articles_kept(tmp_path: Path) -> None:
    path = tmp_path / "old" / "library.sqlite3"
    path.parent.mkdir()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO articles (id, title, imported_at, sort_at, current_version, word_count,"
            " content_hash, uuid, created, modified, author) VALUES (1, 'Kept', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, 3, 'abc', 'u-1', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 'me')"
        )
        conn.exec_driver_sql(
            "INSERT INTO article_versions (id, article_id, number, text, content_hash,"
            " media_type, raw, created) VALUES (1, 1, 1, 'Three words here', 'abc',"
            " 'text/plain', x'', '2024-01-01 00:00:00')"
        )
    engine.dispose()

    library = open_library(data_dir=path.parent)
    try:
        assert [a.title for a in article_service.list_all(library)] == ["Kept"]
        assert article_service.get_article(library, 1).text == "Three words here"
        assert library.db.backup is not None and library.db.backup.exists()
    finally:
        library.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"highlight_entities", "saved_searches", "near_duplicate_keys"} <= tables


LONG_TEXT = " ".join(
    f"Dock workers in port number {i} voted on the offer made by the shipping companies."
    for i in range(12)
)
WHEN = datetime(2024, 1, 1, tzinfo=UTC)
_articles = sa.table(
    "articles",
    *(sa.column(name) for name in ("id", "title", "current_version", "word_count")),
    *(sa.column(name) for name in ("content_hash", "uuid", "author")),
    *(sa.column(name, sa.DateTime(timezone=True)) for name in ("imported_at", "sort_at")),
    *(sa.column(name, sa.DateTime(timezone=True)) for name in ("created", "modified")),
)
_versions = sa.table(
    "article_versions",
    *(sa.column(name) for name in ("article_id", "number", "text", "content_hash")),
    sa.column("media_type"),
    sa.column("raw", sa.LargeBinary()),
    sa.column("created", sa.DateTime(timezone=True)),
)
_bands = sa.table(
    "near_duplicate_bands", sa.column("article_id"), sa.column("band"), sa.column("bucket")
)
_keys = sa.table("near_duplicate_keys", sa.column("band_key"), sa.column("article_id"))
_signatures = sa.table("near_duplicate_signatures", sa.column("article_id"), sa.column("signature"))


def _old_buckets(signature: minhash.Signature) -> list[dict[str, int]]:
    """An article's band rows as revisions 0002 to 0006 stored them: (band, 63-bit digest)."""
    rows = []
    for band in range(16):
        values = signature[band * 4 : (band + 1) * 4]
        data = b"".join(v.to_bytes(5, "little") for v in values)
        digest = hashlib.blake2b(data, digest_size=8).digest()
        rows.append({"band": band, "bucket": int.from_bytes(digest, "little") >> 1})
    return rows


def _old_article(conn: Connection, article_id: int, text: str) -> None:
    digest = f"hash-{article_id}"
    conn.execute(
        sa.insert(_articles).values(
            id=article_id,
            title="Harbour",
            current_version=1,
            word_count=3,
            content_hash=digest,
            uuid=f"u-{article_id}",
            author="me",
            imported_at=WHEN,
            sort_at=WHEN,
            created=WHEN,
            modified=WHEN,
        )
    )
    conn.execute(
        sa.insert(_versions).values(
            article_id=article_id,
            number=1,
            text=text,
            content_hash=digest,
            media_type="text/plain",
            raw=b"",
            created=WHEN,
        )
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL on each backend, for migrating by hand."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


def test_signatures_are_back_filled_for_the_articles_of_a_third_schema_library(
    old_database: str,
) -> None:
    signature = minhash.signature(LONG_TEXT)
    assert signature is not None
    engine = create_engine(old_database)
    try:
        with engine.begin() as conn:  # as revision 0003 left a library: bands, no signatures
            command.upgrade(_alembic_config(conn), "0003")
            _old_article(conn, 1, LONG_TEXT)
            conn.execute(
                sa.insert(_bands), [{"article_id": 1, **row} for row in _old_buckets(signature)]
            )
            _old_article(conn, 2, "Too short to compare.")  # no bands, so no signature either
            _old_article(conn, 3, LONG_TEXT.replace("Dock", "Port"))  # imported without detection
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        with engine.connect() as conn:
            stored = conn.execute(sa.select(_signatures.c.article_id, _signatures.c.signature))
            assert [(r[0], bytes(r[1])) for r in stored] == [(1, minhash.pack(signature))]
            # ... and 0007 turned its band rows into the keys an import computes today
            keys = conn.execute(sa.select(_keys.c.band_key, _keys.c.article_id)).all()
            assert sorted(keys) == sorted((k, 1) for k in minhash.bands(signature))
        with engine.begin() as conn:  # back to 0006: the old rows, from the signatures
            command.downgrade(_alembic_config(conn), "0006")
        with engine.connect() as conn:
            old = conn.execute(sa.select(_bands.c.article_id, _bands.c.band, _bands.c.bucket))
            assert sorted(old) == [(1, r["band"], r["bucket"]) for r in _old_buckets(signature)]
    finally:
        engine.dispose()
    assert minhash.unpack(minhash.pack(signature)) == signature
