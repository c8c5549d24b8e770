"""Every migration runs on a library made by the previous schema, keeping what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    assert {"highlight_entities", "saved_searches", "near_duplicate_bands"} <= tables


LONG_TEXT = " ".join(
    f"Dock workers in port number {i} voted on the offer made by the shipping companies."
    for i in range(12)
)


def _old_article(conn: Connection, article_id: int, text: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO articles (id, title, imported_at, sort_at, current_version, word_count,"
        " content_hash, uuid, created, modified, author) VALUES (?, 'Harbour', "
        "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 1, 3, ?, ?, "
        "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 'me')",
        (article_id, f"hash-{article_id}", f"u-{article_id}"),
    )
    conn.exec_driver_sql(
        "INSERT INTO article_versions (article_id, number, text, content_hash,"
        " media_type, raw, created) VALUES (?, 1, ?, ?, 'text/plain', x'',"
        " '2024-01-01 00:00:00')",
        (article_id, text, f"hash-{article_id}"),
    )


def test_signatures_are_back_filled_for_the_articles_of_a_third_schema_library(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old" / "library.sqlite3"
    path.parent.mkdir()
    signature = minhash.signature(LONG_TEXT)
    assert signature is not None
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # as revision 0003 left a library: bands, no signatures
        command.upgrade(_alembic_config(conn), "0003")
        _old_article(conn, 1, LONG_TEXT)
        for band, bucket in minhash.bands(signature):
            conn.exec_driver_sql(
                "INSERT INTO near_duplicate_bands (article_id, band, bucket) VALUES (1, ?, ?)",
                (band, bucket),
            )
        _old_article(conn, 2, "Too short to compare.")  # no bands, so no signature either
        _old_article(conn, 3, LONG_TEXT.replace("Dock", "Port"))  # imported without detection
    engine.dispose()

    open_library(data_dir=path.parent).close()
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT article_id, signature FROM near_duplicate_signatures")
        assert stored.fetchall() == [(1, minhash.pack(signature))]
    assert minhash.unpack(minhash.pack(signature)) == signature
