"""Opening a library, and what a new one starts with."""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reader import paths
from reader.core.errors import LibraryError
from reader.storage.database import Database, open_database
from reader.storage.unit import Unit, unit_of_work

log = logging.getLogger(__name__)


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


@dataclass
class Library:
    """An open library and who is working in it; handed to every service call."""

    db: Database
    author: str

    @property
    def location(self) -> str:
        file = self.db.file
        return str(file) if file else self.db.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def unit(self) -> Iterator[Unit]:
        with unit_of_work(self.db) as unit:
            yield unit

    def close(self) -> None:
        self.db.close()


def open_library(
    db_url: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    *,
    author: str | None = None,
    with_samples: bool = True,
) -> Library:
    """Opens the library, creating it (with the sample articles) the first time."""
    url = paths.database_url(db_url, data_dir)
    try:
        db = open_database(url)
    except OSError as exc:
        raise LibraryError(f"cannot create the library folder ({exc})") from exc
    library = Library(db, author if author is not None else default_author())
    if db.created and with_samples:
        # Imported here: the import service needs the library type defined above.
        from reader.services.importing import import_samples

        report = import_samples(library)
        for failure in report.failed:
            log.warning("sample article not imported: %s", failure.message)
    return library
