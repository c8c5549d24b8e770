"""Every migration runs on a library made by the previous schema, keeping what it holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

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


LONG_STORY = (
    "Harbour Strike Ends\n\n"
    + " ".join(
        f"Dock workers in port number {i} voted on the offer made by the shipping companies."
        for i in range(12)
    )
    + "\n"
)


def test_signatures_are_back_filled_for_the_articles_of_a_third_schema_library(
    tmp_path: Path,
) -> None:
    from reader.core import minhash
    from reader.services.importing import import_paths

    data = tmp_path / "old"
    story = tmp_path / "in" / "harbour.txt"
    story.parent.mkdir()
    story.write_text(LONG_STORY, encoding="utf-8")
    library = open_library(data_dir=data, with_samples=False)
    try:
        [result] = import_paths(library, [story]).results
        article = article_service.get_article(library, result.article_id or 0)
    finally:
        library.close()
    path = data / "library.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # the library as revision 0003 left it: bands, no signatures
        command.downgrade(_alembic_config(conn), "0003")
        assert conn.exec_driver_sql("SELECT count(*) FROM near_duplicate_bands").scalar() == 16
    engine.dispose()
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "near_duplicate_signatures" not in tables

    open_library(data_dir=data, with_samples=False).close()
    with sqlite3.connect(path) as conn:
        stored = conn.execute(
            "SELECT article_id, signature FROM near_duplicate_signatures"
        ).fetchall()
    expected = minhash.signature(article.text)
    assert expected is not None
    assert stored == [(article.id, minhash.pack(expected))]
    assert minhash.unpack(stored[0][1]) == expected
