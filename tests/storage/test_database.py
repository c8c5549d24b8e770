"""Opening, creating and migrating a library file, and refusing what is not one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import LibraryError
from reader.services import articles as article_service
from reader.services.library import Library, open_library
from reader.storage import database
from reader.storage.database import HEAD_REVISION, migrations_head, open_database
from tests.markers import sqlite_only

ALL_TABLES = {
    "articles",
    "article_versions",
    "blocks",
    "article_sources",
    "highlights",
    "tags",
    "highlight_tags",
    "article_tags",
    "entities",
    "aliases",
    "mentions",
    "boilerplate_lines",
}


def db_file(library: Library) -> Path:
    file = library.db.file
    assert file is not None
    return Path(file)


def raw_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    conn.close()
    return {name for (name,) in rows}


def raw_query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_head_revision_constant_matches_the_migrations_folder() -> None:
    assert migrations_head() == HEAD_REVISION


def test_new_library_is_created_in_the_data_dir_with_wal(tmp_path: Path) -> None:
    library = open_library(data_dir=tmp_path / "lib", with_samples=False)
    try:
        assert db_file(library) == tmp_path / "lib" / "library.sqlite3"
        assert library.db.created
        with library.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        library.close()
    # WAL is a property of the file: a plain connection, without our settings, sees it too.
    assert raw_query(tmp_path / "lib" / "library.sqlite3", "PRAGMA journal_mode") == [("wal",)]


@sqlite_only
def test_reopening_does_not_recreate(library: Library) -> None:
    path = db_file(library)
    library.close()
    again = open_library(data_dir=path.parent)
    try:
        assert not again.db.created
        assert article_service.count(again) == 2  # samples not imported a second time
    finally:
        again.close()


@sqlite_only
def test_first_migration_creates_the_whole_model(empty_library: Library) -> None:
    path = db_file(empty_library)
    empty_library.close()
    assert raw_tables(path) >= ALL_TABLES
    assert raw_query(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


@sqlite_only
def test_foreign_keys_cascade_when_an_article_is_deleted(library: Library) -> None:
    first = article_service.list_all(library)[0].id
    with library.unit() as unit:
        unit.articles.delete(first)
    path = db_file(library)
    library.close()
    versions = raw_query(path, f"SELECT count(*) FROM article_versions WHERE article_id={first}")
    assert versions == [(0,)]
    orphans = raw_query(
        path,
        "SELECT count(*) FROM blocks WHERE version_id NOT IN (SELECT id FROM article_versions)",
    )
    assert orphans == [(0,)]
    assert raw_query(path, "SELECT count(*) FROM articles") == [(1,)]


def test_a_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(LibraryError, match="not a Reader library"):
        open_library(db_url=f"sqlite:///{other}")
    assert other.read_bytes() == before
    assert raw_tables(other) == {"customers"}


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "library.sqlite3"
    bogus.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(LibraryError, match="cannot open the library"):
        open_library(data_dir=tmp_path)
    assert bogus.read_text().startswith("these are my notes")


def test_a_bad_url_is_refused() -> None:
    with pytest.raises(LibraryError, match="not a database URL"):
        open_library(db_url="::not a url::")


@sqlite_only
def test_a_library_from_a_newer_reader_is_refused(empty_library: Library) -> None:
    path = db_file(empty_library)
    empty_library.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer Reader"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


# -- migrations on an existing library ----------------------------------------------------

# The schema this Reader makes; the tests add a later migration on top of it.
CURRENT = HEAD_REVISION

MIGRATION = '''\
"""a later migration, for the test"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("extra", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("DELETE FROM articles")
    {failure}


def downgrade() -> None:
    op.drop_table("extra")
'''


def later_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, broken: bool) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    failure = 'raise RuntimeError("step 9999 exploded")' if broken else "pass"
    (scripts / "versions" / "9999_later.py").write_text(
        MIGRATION.format(failure=failure, down=CURRENT)
    )
    monkeypatch.setattr(database, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(database, "HEAD_REVISION", "9999")


def files_beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@sqlite_only
def test_a_failed_migration_leaves_the_old_file_untouched(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = db_file(library)
    library.close()
    before_bytes = path.read_bytes()
    before_files = files_beside(path)
    later_migrations(tmp_path, monkeypatch, broken=True)

    with pytest.raises(LibraryError, match="step 9999 exploded"):
        open_library(data_dir=path.parent)

    assert path.read_bytes() == before_bytes
    # No .migrating file, no stray copies (the daily copy goes into backups/, by design).
    assert files_beside(path) - {"backups"} == before_files
    assert raw_query(path, "SELECT count(*) FROM articles") == [(2,)]
    assert raw_query(path, "SELECT version_num FROM alembic_version") == [(CURRENT,)]
    assert "extra" not in raw_tables(path)


@sqlite_only
def test_a_failing_upgrade_call_leaves_the_old_file_untouched(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = db_file(library)
    library.close()
    before = path.read_bytes()
    monkeypatch.setattr(database, "HEAD_REVISION", "9999")

    def explode(engine: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(database, "upgrade", explode)
    with pytest.raises(LibraryError, match="disk full"):
        open_library(data_dir=path.parent)
    assert path.read_bytes() == before
    assert not list(path.parent.glob("*.migrating*"))


@sqlite_only
def test_a_successful_migration_keeps_a_copy_of_the_old_file(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = db_file(library)
    library.close()
    later_migrations(tmp_path, monkeypatch, broken=False)

    migrated = open_library(data_dir=path.parent)
    try:
        assert migrated.db.backup is not None
        backup = migrated.db.backup
        assert article_service.count(migrated) == 0  # the test migration empties articles
    finally:
        migrated.close()
    assert "extra" in raw_tables(path)
    assert raw_query(path, "SELECT version_num FROM alembic_version") == [("9999",)]
    assert raw_query(backup, "SELECT count(*) FROM articles") == [(2,)]
    assert raw_query(backup, "SELECT version_num FROM alembic_version") == [(CURRENT,)]
    assert not list(path.parent.glob("*.migrating*"))
