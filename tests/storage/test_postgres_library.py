"""A team library on a real PostgreSQL server: created through the same migrations, reopened
without being recreated, refused when newer, left as it was when a migration fails (the whole
upgrade is one transaction there), and a server that cannot be reached gets a one-line
reason without the password."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from reader.core.errors import LibraryError
from reader.services import articles as article_service
from reader.services.library import open_library
from reader.storage import database
from reader.storage.database import HEAD_REVISION, open_database
from tests.pgserver import PgServer
from tests.storage.test_database import ALL_TABLES, later_migrations


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


def revision_and_count(url: str) -> tuple[str, int]:
    engine = database.make_engine(url)
    try:
        with engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            count = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    finally:
        engine.dispose()
    return str(revision), int(count)


def test_a_new_database_gets_the_whole_model_and_the_samples_once(pg_url: str) -> None:
    first = open_library(pg_url)
    try:
        assert first.db.created and first.db.dialect == "postgresql"
        with first.db.engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= ALL_TABLES
        assert article_service.count(first) == 2
        assert "@127.0.0.1" in first.location
    finally:
        first.close()
    again = open_library(pg_url)
    try:
        assert not again.db.created
        assert article_service.count(again) == 2
    finally:
        again.close()
    assert revision_and_count(pg_url) == (HEAD_REVISION, 2)


def test_a_library_from_a_newer_reader_is_refused(pg_url: str) -> None:
    open_library(pg_url, with_samples=False).close()
    engine = database.make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(LibraryError, match="newer Reader"):
        open_database(pg_url)


def test_a_failed_migration_leaves_the_database_as_it_was(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_library(pg_url).close()
    later_migrations(tmp_path, monkeypatch, broken=True)  # empties articles, then fails
    with pytest.raises(LibraryError, match="step 9999 exploded"):
        open_library(pg_url)
    assert revision_and_count(pg_url) == (HEAD_REVISION, 2)
    engine = database.make_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert "extra" not in inspect(conn).get_table_names()
    finally:
        engine.dispose()


def test_an_unreachable_server_gets_one_line_without_the_password(pg_server: PgServer) -> None:
    url = f"postgresql+psycopg://ana:s3cret@127.0.0.1:{pg_server.port + 1}/team"
    with pytest.raises(LibraryError) as caught:
        open_library(url)
    message = str(caught.value)
    assert "cannot open the library" in message
    assert "s3cret" not in message
    assert "\n" not in message.strip()
