"""The window's first page, read without SQLAlchemy, matches the ordinary page exactly."""

from __future__ import annotations

from pathlib import Path

from reader.services import articles as article_service
from reader.services.importing import import_paths
from reader.services.library import Library, open_library
from reader.storage.quick import first_page, is_current, sqlite_file
from reader.storage.tables import HighlightRow


def _library_with(tmp_path: Path, count: int) -> Library:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        day = f"{(i % 12) + 1:02}/{(i % 27) + 1:02}/20{10 + i % 9}"
        (folder / f"a{i:03}.txt").write_text(
            f". Last Updated: {day}\n\nHeadline number {i}\n\nBody text of article {i}.\n",
            encoding="utf-8",
        )
    library = open_library(data_dir=tmp_path / "lib", with_samples=False)
    assert not import_paths(library, [folder]).failed
    return library


def test_first_page_matches_the_ordinary_page(tmp_path: Path) -> None:
    library = _library_with(tmp_path, 30)
    first_id = article_service.list_page(library, None, 5).items[0].id
    with library.db.session() as session:
        for n in range(3):
            session.add(
                HighlightRow(
                    article_id=first_id,
                    version_number=1,
                    start=n,
                    end=n + 4,
                    exact="Body",
                    color="yellow",
                )
            )
    article_service.set_read(library, first_id)
    ordinary = article_service.list_page(library, None, 10)
    quick = first_page(library.url, 10)
    assert quick is not None
    assert quick.items == ordinary.items
    assert quick.items[0].highlight_count == 3
    assert [i.read for i in quick.items[:2]] == [True, False]
    assert quick.cursor == ordinary.cursor
    assert quick.total == 30
    # The cursor carries on into the ordinary path without gaps or repeats.
    rest = article_service.list_page(library, quick.cursor, 100)
    ids = [i.id for i in quick.items] + [i.id for i in rest.items]
    assert sorted(ids) == sorted({i.id for i in article_service.list_all(library)})
    library.close()


def test_a_lazily_opened_library_lists_without_opening(tmp_path: Path) -> None:
    _library_with(tmp_path, 12).close()
    lazy = open_library(data_dir=tmp_path / "lib", lazily=True)
    assert not lazy.is_open
    page = article_service.list_page(lazy, None, 5)
    assert len(page.items) == 5
    assert article_service.count(lazy) == 12
    assert not lazy.is_open
    article = article_service.get_article(lazy, page.items[0].id)  # first real use opens it
    assert lazy.is_open
    assert article.title == page.items[0].title
    lazy.close()


def test_new_or_foreign_databases_take_the_ordinary_path(tmp_path: Path) -> None:
    missing = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    assert first_page(missing, 10) is None
    assert not is_current(missing)
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"")
    assert first_page(f"sqlite:///{other}", 10) is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None
    assert sqlite_file("sqlite:///x.db?mode=ro") is None
    lazy = open_library(data_dir=tmp_path / "fresh", lazily=True)
    assert lazy.is_open  # a new library is created (with its samples) at once
    assert article_service.count(lazy) == 2
    lazy.close()


def test_a_lazily_opened_library_still_gets_its_daily_copy(tmp_path: Path) -> None:
    import shutil
    import time

    _library_with(tmp_path, 3).close()
    shutil.rmtree(tmp_path / "lib" / "backups", ignore_errors=True)  # none made today yet
    lazy = open_library(data_dir=tmp_path / "lib", lazily=True)
    assert not lazy.is_open  # the copy did not hold up the opening
    deadline = time.monotonic() + 30
    while not list((tmp_path / "lib" / "backups").glob("library-*.sqlite3")):
        assert time.monotonic() < deadline, "no daily copy was made"
        time.sleep(0.05)
    lazy.close()
