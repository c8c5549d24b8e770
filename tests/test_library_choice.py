"""Which library opens: the one chosen in Preferences at the next start, unless the command
line or READER_DB_URL names one; and what a chosen place holds, with a reason when it cannot
hold a library."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader import paths
from reader.cli import main
from reader.core.errors import LibraryError
from reader.services.importing import import_paths
from reader.services.library import open_library
from reader.services.library_location import check_location, library_file
from reader.settings import SettingsStore

STORY = "Harbour plan approved\n\nThe council approved the harbour plan on Tuesday.\n"


@pytest.fixture
def chosen(tmp_path: Path) -> Path:
    """A library elsewhere holding one article, remembered in the settings as the choice."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "harbour.txt").write_text(STORY, encoding="utf-8")
    file = tmp_path / "elsewhere" / "team.sqlite3"
    lib = open_library(paths.sqlite_url(file), with_samples=False)
    import_paths(lib, [folder])
    lib.close()
    store = SettingsStore(paths.config_dir() / "settings.json")
    store.save(replace(store.load(), library=str(file)))
    return file


def _titles(capsys: pytest.CaptureFixture[str], *argv: str) -> set[str]:
    assert main([*argv, "list", "--json"]) == 0
    return {row["title"] for row in json.loads(capsys.readouterr().out)}


def test_the_next_start_opens_the_library_chosen_in_preferences(
    chosen: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _titles(capsys) == {"Harbour plan approved"}
    assert not (paths.data_dir() / paths.DB_FILE_NAME).exists()  # no default library made


def test_a_library_named_for_the_run_wins_over_preferences(
    chosen: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "other"
    named = _titles(capsys, "--data-dir", str(other))
    assert "Harbour plan approved" not in named
    assert len(named) == 2  # a new library there, with the sample articles
    assert _titles(capsys, "--db", paths.sqlite_url(other / paths.DB_FILE_NAME)) == named
    monkeypatch.setenv("READER_DB_URL", paths.sqlite_url(other / paths.DB_FILE_NAME))
    assert _titles(capsys) == named


def test_a_chosen_library_that_has_gone_is_not_made_again(
    chosen: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen.unlink()
    assert main(["list", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.strip() == (
        f"warning: the library chosen in Preferences is missing ({chosen}); "
        "opened the default library instead"
    )
    assert len(json.loads(captured.out)) == 2  # the default library, with the samples
    assert not chosen.exists()


def test_what_a_place_holds(tmp_path: Path, chosen: Path) -> None:
    found = check_location(str(chosen))
    assert (found.file, found.exists, found.articles) == (chosen, True, 1)
    assert check_location(str(chosen.parent)).file == chosen.parent / "library.sqlite3"
    new = check_location(str(tmp_path / "new" / "folder"))
    assert (new.file, new.exists) == (tmp_path / "new" / "folder" / "library.sqlite3", False)
    assert library_file(str(tmp_path / "mine.db")) == tmp_path / "mine.db"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("notes", encoding="utf-8"), "not a Reader library"),
        (lambda p: _other_database(p), "the database of another program"),
    ],
)
def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path, make: object, reason: str) -> None:
    target = tmp_path / "some.sqlite3"
    make(target)  # type: ignore[operator]
    before = target.read_bytes()
    with pytest.raises(LibraryError, match=reason):
        check_location(str(target))
    assert target.read_bytes() == before


def test_a_place_inside_a_file_or_relative_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"plain: is a file, not a folder"):
        check_location(str(tmp_path / "plain" / "lib" / "library.sqlite3"))
    with pytest.raises(LibraryError, match="give the full path"):
        check_location("somewhere/else")


def _other_database(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
