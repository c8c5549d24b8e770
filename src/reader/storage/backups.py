"""A copy of the library file once a day, the last seven kept.

A person who deletes the wrong tag on Tuesday can go back to Monday's file. The copy is made
with SQLite's own backup API (safe while the file is open elsewhere, WAL included) into a
temporary name first, so a crash mid-copy never leaves a damaged "copy" that looks complete.
Only the standard library is used: the window opens its library before SQLAlchemy loads.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from reader.storage.driver import sqlite as sqlite3

log = logging.getLogger(__name__)

KEEP = 7
FOLDER = "backups"
_PREFIX = "library-"
_SUFFIX = ".sqlite3"


def daily_copy(database: Path, now: datetime | None = None, *, keep: int = KEEP) -> Path | None:
    """Copies `database` into `<its folder>/backups/library-YYYY-MM-DD.sqlite3` unless today's
    copy exists; keeps the newest `keep` copies. Returns the new copy, or None."""
    if not database.is_file():
        return None
    today = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d")
    folder = database.parent / FOLDER
    target = folder / f"{_PREFIX}{today}{_SUFFIX}"
    made: Path | None = None
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        partial.replace(target)
        made = target
        log.info("daily copy of the library: %s", target)
    prune(folder, keep)
    return made


def copies(folder: Path) -> list[Path]:
    """The daily copies in `folder`, oldest first (their names sort by date)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{_PREFIX}*{_SUFFIX}") if p.is_file())


def prune(folder: Path, keep: int = KEEP) -> None:
    found = copies(folder)
    for old in found[: max(0, len(found) - keep)]:
        old.unlink(missing_ok=True)
