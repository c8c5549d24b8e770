"""Opening a library, and what a new one starts with.

The storage layer (and with it SQLAlchemy) is imported when a library is first used, not when
this module is, so the window can show its article list before that machinery has loaded.
"""

from __future__ import annotations

import functools
import getpass
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from reader import paths
from reader.core.errors import BusyError, LibraryError

if TYPE_CHECKING:
    from reader.storage.database import Database
    from reader.storage.unit import Unit

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
ATTEMPTS = 8


def retried(call: Callable[P, R]) -> Callable[P, R]:
    """Runs a changing service call again when another writer got in its way.

    Each changing call is one transaction, rolled back whole when it fails, so running it
    again is safe; a short random pause keeps two writers from meeting again at once. After
    the last attempt the one-line reason reaches the person.
    """

    @functools.wraps(call)
    def attempt(*args: P.args, **kwargs: P.kwargs) -> R:
        for number in range(1, ATTEMPTS + 1):
            try:
                return call(*args, **kwargs)
            except BusyError:
                if number == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * number)
        raise AssertionError("unreachable")

    return attempt


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


class Library:
    """A library and who is working in it; handed to every service call.

    The database is opened (and migrated if needed) on first use, or at once by
    `open_library`.
    """

    def __init__(self, url: str, author: str, db: Database | None = None) -> None:
        self.url = url
        self.author = author
        self._db = db
        # What named this library for the run ("--db", "--data-dir", "READER_DB_URL"), above
        # the choice in Preferences; empty when Preferences may choose another.
        self.named_by = ""
        # Something the person should be told about how it was opened, or empty.
        self.notice = ""

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            from reader.storage.database import open_database

            try:
                self._db = open_database(self.url)
            except OSError as exc:
                raise LibraryError(f"cannot create the library folder ({exc})") from exc
        return self._db

    @property
    def location(self) -> str:
        """The library file, or the server URL without its password."""
        from reader.storage.quick import sqlite_file

        file = sqlite_file(self.url)
        if file is not None:
            return str(file)
        return self.db.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def unit(self) -> Iterator[Unit]:
        from reader.storage.unit import unit_of_work

        with unit_of_work(self.db) as unit:
            yield unit

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def open_library(
    db_url: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    with_samples: bool = True,
    lazily: bool = False,
    preferred: str | None = None,
) -> Library:
    """Opens the library, creating it (with the sample articles) the first time.

    `preferred` is the library file chosen in Preferences: used unless the command line or
    READER_DB_URL names one; if it has gone (an unplugged drive), the data folder's library
    is opened instead and `notice` says so, rather than a new one being made in its place.
    With `lazily`, an existing up-to-date SQLite library is left unopened until first used;
    anything that needs creating or migrating is still done here.
    """
    named_by = paths.library_named_by(db_url, data_dir)
    notice = ""
    if preferred and not named_by and not Path(preferred).expanduser().is_file():
        notice = (
            f"the library chosen in Preferences is missing ({preferred}); "
            "opened the default library instead"
        )
        log.warning("%s", notice)
        preferred = None
    url = paths.database_url(db_url, data_dir, preferred)
    library = Library(url, author if author is not None else default_author())
    library.named_by = named_by
    library.notice = notice
    if lazily:
        from reader.storage.quick import is_current

        if is_current(url):
            # Nothing to migrate: the day's copy is made beside the opening window (a large
            # library takes seconds to copy) rather than before it.
            threading.Thread(
                target=_daily_copy, args=(url,), name="reader-daily-copy", daemon=True
            ).start()
            return library
    _daily_copy(url)  # before any migration touches the file
    db = library.db
    if db.created and with_samples:
        # Imported here: the import service needs the library type defined above.
        from reader.services.importing import import_samples

        report = import_samples(library)
        for failure in report.failed:
            log.warning("sample article not imported: %s", failure.message)
    return library


def _daily_copy(url: str) -> None:
    """Once a day, a copy of the library file into <data dir>/backups (the last 7 kept).
    A copy that cannot be made is logged, never a reason not to open the library."""
    from reader.storage.backups import daily_copy
    from reader.storage.quick import sqlite_file

    file = sqlite_file(url)
    if file is None:
        return
    try:
        daily_copy(file)
    except Exception as exc:  # a full disk or a locked folder must not stop the start
        log.warning("no daily copy of %s: %s", file, exc)
