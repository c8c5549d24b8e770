"""What a file holds, asked before Reader makes it its library.

Preferences let a person point Reader at another library file. Opening a file that is not a
Reader library would add Reader's tables to it, so the file is looked at first, read-only and
with the SQLite driver alone (no SQLAlchemy, no migration, nothing written).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reader.storage.driver import sqlite as sqlite3

SQLITE_HEADER = b"SQLite format 3\x00"

FileKind = Literal["missing", "empty", "reader", "other-database", "not-a-database"]


@dataclass(frozen=True)
class FileProbe:
    kind: FileKind
    articles: int = 0  # for a Reader library: how many articles it holds


def probe(path: Path) -> FileProbe:
    """What `path` is; an unreadable file raises OSError."""
    if not path.exists():
        return FileProbe("missing")
    if path.is_dir():
        return FileProbe("not-a-database")
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if not header:
        return FileProbe("empty")  # SQLite takes an empty file as a new database
    if header != SQLITE_HEADER:
        return FileProbe("not-a-database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return FileProbe("not-a-database")
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        tables = {str(row[0]) for row in rows}
        if not tables:
            return FileProbe("empty")
        if not {"alembic_version", "articles"} <= tables:
            return FileProbe("other-database")
        (count,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        return FileProbe("reader", int(count))
    except sqlite3.Error:
        return FileProbe("not-a-database")  # damaged, or encrypted
    finally:
        conn.close()
