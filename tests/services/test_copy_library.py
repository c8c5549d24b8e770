"""`reader copy-library`: a personal SQLite library up to an empty PostgreSQL database and
back, every row the same; new work continues on the copy; work is never overwritten; a copy
whose counts differ fails loudly and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.errors import LibraryError, ReaderError
from reader.services import annotations as notes
from reader.services import articles as article_service
from reader.services.copying import copy_library
from reader.services.library import Library, open_library
from reader.services.search import search
from reader.storage import copying
from tests.markers import sqlite_only
from tests.pgserver import PgServer
from tests.services import test_export as base
from tests.services.test_backup import snapshot

desk = base.desk  # the shared fixture: two articles, four highlights, tags, an entity


@pytest.fixture
def team_url(pg_server: PgServer) -> Iterator[str]:
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@sqlite_only
def test_up_to_postgresql_and_back_keeps_every_row(
    empty_library: Library, desk: dict[str, int], team_url: str, tmp_path: Path
) -> None:
    local = snapshot(empty_library)
    report = copy_library(empty_library, to=team_url)
    assert report.tables["highlights"] == 4 and report.tables["articles"] == 2
    assert "4 highlights" in report.describe()

    team = open_library(team_url, author="bob")
    try:
        assert snapshot(team) == local
        # Work goes on there: new rows get new ids, and search finds what was copied.
        made = notes.create_from_quote(team, desk["flood"], "town had been warned").highlight
        assert made.id > max(desk[k] for k in ("cut", "worst", "lopez", "warned"))
        assert article_service.count(team) == 2
        found = {(h.kind, h.highlight_id) for h in search(team, "power")}
        assert ("highlight", desk["cut"]) in found  # the index came over with the rows
    finally:
        team.close()

    home = open_library(data_dir=tmp_path / "home")  # a new library: only the samples
    try:
        back = copy_library(home, source=team_url)
        assert back.tables["highlights"] == 5
        assert len(notes.highlights(home)) == 5
        copied = snapshot(home)
        assert copied["articles"] == local["articles"]
        found = {(h.kind, h.highlight_id) for h in search(home, "warned")}
        assert ("highlight", made.id) in found
    finally:
        home.close()


@sqlite_only
def test_a_target_with_work_is_never_overwritten(
    empty_library: Library, desk: dict[str, int], team_url: str
) -> None:
    copy_library(empty_library, to=team_url)
    with pytest.raises(ReaderError, match="already holds work"):
        copy_library(empty_library, to=team_url)


def test_a_source_without_a_library_is_refused(
    empty_library: Library, team_url: str, tmp_path: Path
) -> None:
    with pytest.raises(LibraryError, match="holds no Reader library"):
        copy_library(empty_library, source=team_url)
    with pytest.raises(LibraryError, match="no library there"):
        copy_library(empty_library, source=f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    assert not (tmp_path / "missing.sqlite3").exists()


@sqlite_only
def test_a_short_copy_fails_loudly_and_writes_nothing(
    empty_library: Library,
    desk: dict[str, int],
    team_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = copying.row_counts
    calls = []

    def one_highlight_short(conn: object) -> dict[str, int]:
        counts = real(conn)  # type: ignore[arg-type]
        calls.append(counts)
        if len(calls) == 2:  # the target's counts, after the copy
            counts["highlights"] -= 1
        return counts

    monkeypatch.setattr(copying, "row_counts", one_highlight_short)
    with pytest.raises(
        LibraryError, match=r"incomplete \(highlights 3 of 4\); nothing was written"
    ):
        copy_library(empty_library, to=team_url)
    monkeypatch.undo()
    team = open_library(team_url, with_samples=False)
    try:
        assert article_service.count(team) == 0
    finally:
        team.close()


def test_the_command_copies_and_says_what_it_copied(
    team_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    local = f"sqlite:///{tmp_path / 'mine.sqlite3'}"
    assert main(["--db", local, "list"]) == 0  # a first run: the sample articles
    capsys.readouterr()
    assert main(["--db", local, "copy-library", "--to", team_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("copied ") and "2 articles" in out and "every count checked" in out
    missing = f"sqlite:///{tmp_path / 'missing.sqlite3'}"
    assert main(["--db", local, "copy-library", "--from", missing]) == 1
    assert "no library there" in capsys.readouterr().err
