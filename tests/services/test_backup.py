"""Backup and restore: one file with everything; restoring into an empty library reproduces
every table row by row; a library with work in it is only merged into, by UUID; and the
library file is copied once a day, the last seven kept."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.services import annotations as notes
from reader.services import entities as entity_service
from reader.services.backup import backup, restore
from reader.services.library import Library, open_library
from reader.settings import Settings
from reader.storage.backup import rows_of, tables
from reader.storage.backups import copies, daily_copy
from tests.services import test_export as base

desk = base.desk  # the shared fixture


def _plain(value: object) -> object:
    """Times as naive UTC: PostgreSQL hands them back with their zone, SQLite without."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def snapshot(library: Library) -> dict[str, list[tuple[object, ...]]]:
    with library.db.engine.connect() as conn:
        return {
            t.name: [tuple(_plain(v) for v in row) for row in rows_of(conn, t)] for t in tables()
        }


def test_restore_into_an_empty_library_reproduces_every_table(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    notes.set_note(empty_library, desk["cut"], "bytes and émojis 🌊")
    archive = tmp_path / "backup.zip"
    progress: list[tuple[int, int]] = []
    report = backup(
        empty_library,
        archive,
        settings=Settings(author="ana"),
        progress=lambda d, t: progress.append((d, t)),
    )
    assert report.tables["highlights"] == 4 and progress[-1][0] == progress[-1][1]
    names = zipfile.ZipFile(archive).namelist()
    assert "manifest.json" in names and "settings.json" in names
    assert "tables/article_versions.jsonl" in names
    fresh = open_library(data_dir=tmp_path / "fresh")  # a new library, sample articles and all
    try:
        restored = restore(fresh, archive)
        assert not restored.merged and restored.settings is not None
        assert restored.settings["author"] == "ana"
        before, after = snapshot(empty_library), snapshot(fresh)
        assert set(before) == {t.name for t in tables()}
        for name in before:
            assert after[name] == before[name], name
        assert any(before[name] for name in ("highlights", "entities", "mentions", "blocks"))
    finally:
        fresh.close()


def test_a_library_with_work_is_not_overwritten(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    backup(empty_library, archive)
    with pytest.raises(ReaderError, match=r"already holds work.*--merge"):
        restore(empty_library, archive)


def test_merge_adds_what_is_new_and_keeps_local_work(
    empty_library: Library, desk: dict[str, int], tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    backup(empty_library, archive)
    other = open_library(data_dir=tmp_path / "other", with_samples=False)
    try:
        restore(other, archive)
        # On the other machine: a new note, a new highlight, a new entity.
        notes.set_note(other, desk["worst"], "newer note")
        extra = notes.create_from_quote(other, desk["flood"], "river burst its banks").highlight
        entity_service.create_entity(other, "Tuesday Group", kind="organization")
        theirs = tmp_path / "theirs.zip"
        backup(other, theirs)
    finally:
        other.close()
    notes.set_note(empty_library, desk["cut"], "local edit")
    report = restore(empty_library, theirs, merge=True)
    assert report.merged
    found = {h.uuid: h for h in notes.highlights(empty_library)}
    assert extra.uuid in found and len(found) == 5
    assert found[notes.get_highlight(empty_library, desk["worst"]).uuid].note == "newer note"
    assert notes.get_highlight(empty_library, desk["cut"]).note == "local edit"
    assert entity_service.find_entity(empty_library, "Tuesday Group").kind == "organization"
    again = restore(empty_library, theirs, merge=True)
    assert sum(again.tables.values()) == 0  # merging twice adds nothing


def test_not_a_backup_is_a_clear_error(empty_library: Library, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ReaderError, match="not a Reader backup"):
        restore(empty_library, junk)
    with pytest.raises(ReaderError, match="no such file"):
        restore(empty_library, tmp_path / "missing.zip")


def test_the_library_file_is_copied_once_a_day_and_seven_kept(tmp_path: Path) -> None:
    lib = open_library(data_dir=tmp_path / "lib", with_samples=False)
    lib.close()
    database = tmp_path / "lib" / "library.sqlite3"
    day = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    for n in range(10):
        made = daily_copy(database, day + timedelta(days=n))
        assert made is not None and made.name == f"library-2024-03-{n + 1:02d}.sqlite3"
        assert daily_copy(database, day + timedelta(days=n, hours=5)) is None  # once a day
    kept = copies(database.parent / "backups")
    assert [p.name[8:18] for p in kept] == [f"2024-03-{d:02d}" for d in range(4, 11)]
    assert kept[-1].read_bytes()[:15] == b"SQLite format 3"


def test_opening_a_library_makes_todays_copy(tmp_path: Path) -> None:
    open_library(data_dir=tmp_path / "lib", with_samples=False).close()
    assert copies(tmp_path / "lib" / "backups") == []  # nothing to copy before it existed
    open_library(data_dir=tmp_path / "lib", with_samples=False).close()
    assert len(copies(tmp_path / "lib" / "backups")) == 1
