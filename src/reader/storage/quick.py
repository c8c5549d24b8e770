"""The article list's first page read straight from an up-to-date SQLite library file.

Loading SQLAlchemy costs longer than starting Qt, so the window asks for its first page here,
with the SQLite driver alone (reader.storage.driver), and shows its list while the rest of
the library machinery loads. Only an existing file at the current schema revision is read;
anything else (a new library, one that needs migrating, a server database) returns None and
the caller takes the ordinary path. A test checks that both paths give the same page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reader.core.models import ArticleSummary, PageCursor
from reader.storage.driver import sqlite as sqlite3
from reader.storage.schema import HEAD_REVISION

_PREFIX = "sqlite:///"

_PAGE = """
SELECT a.id, a.uuid, a.title, a.kicker, a.source, a.source_path, a.published, a.updated,
       a.imported_at, a.word_count, a.sort_at,
       (SELECT count(h.id) FROM highlights AS h WHERE h.article_id = a.id),
       (SELECT count(r.id) FROM highlights AS r
        WHERE r.article_id = a.id AND r.status IN ('fuzzy', 'orphan')),
       a.read_at IS NOT NULL
FROM articles AS a
ORDER BY a.sort_at DESC, a.id DESC
LIMIT ?
"""


@dataclass(frozen=True)
class QuickPage:
    items: tuple[ArticleSummary, ...]
    cursor: PageCursor | None
    total: int


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (no driver options), else None."""
    if not url.startswith(_PREFIX) or "?" in url:
        return None
    path = url[len(_PREFIX) :]
    return Path(path) if path and path != ":memory:" else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _connect_current(url: str) -> Any | None:
    """A read-only connection to the library file if it is at the current revision."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        conn.close()
        return None
    if revision is None or revision[0] != HEAD_REVISION:
        conn.close()
        return None
    return conn


def is_current(url: str) -> bool:
    """Whether the URL names an existing SQLite library that needs no migration."""
    conn = _connect_current(url)
    if conn is None:
        return False
    conn.close()
    return True


def first_page(url: str, limit: int) -> QuickPage | None:
    conn = _connect_current(url)
    if conn is None:
        return None
    try:
        rows = conn.execute(_PAGE, (limit,)).fetchall()
        total = conn.execute("SELECT count(id) FROM articles").fetchone()[0]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
    items = tuple(
        ArticleSummary(
            id=row[0],
            uuid=row[1],
            title=row[2],
            kicker=row[3],
            source=row[4],
            source_path=row[5],
            published=_day(row[6]),
            updated=_day(row[7]),
            imported_at=_moment(row[8]),
            word_count=row[9],
            highlight_count=row[11],
            review_count=row[12],
            read=bool(row[13]),
        )
        for row in rows
    )
    cursor = None
    if rows and len(rows) == limit:
        cursor = PageCursor(datetime.fromisoformat(rows[-1][10]), rows[-1][0])
    return QuickPage(items, cursor, int(total))


def article_count(url: str) -> int | None:
    conn = _connect_current(url)
    if conn is None:
        return None
    try:
        return int(conn.execute("SELECT count(id) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()
