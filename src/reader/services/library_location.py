"""Where the library lives: what Preferences may choose, what is there, and opening it.

A person names a library file, or a folder to hold one. Nothing is moved or copied: switching
opens the library found there, or creates a new, empty one when there is none (the window
says so first), and the library left behind stays exactly as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reader import paths
from reader.core.errors import LibraryError
from reader.services.library import Library, open_library


@dataclass(frozen=True)
class LibraryLocation:
    file: Path
    exists: bool  # a Reader library is there; otherwise a new, empty one will be made
    articles: int = 0


def default_file() -> Path:
    """The library in the data folder, used when Preferences name none."""
    return paths.data_dir() / paths.DB_FILE_NAME


def library_file(choice: str) -> Path:
    """The library file a person means: a folder holds `library.sqlite3`; a new name without
    a suffix is taken as a folder to make."""
    path = Path(choice.strip()).expanduser()
    if not choice.strip() or not path.is_absolute():
        raise LibraryError(f"{choice.strip() or '(empty)'}: give the full path of a folder or file")
    if path.is_dir():
        return path / paths.DB_FILE_NAME
    if path.exists() or path.suffix:
        return path
    return path / paths.DB_FILE_NAME


def check_location(choice: str) -> LibraryLocation:
    """What opening `choice` would do; a place that cannot hold a library raises
    LibraryError with the reason."""
    from reader.storage.probe import probe

    file = library_file(choice)
    try:
        found = probe(file)
    except OSError as exc:
        raise LibraryError(f"{file}: cannot be read ({exc.strerror or exc})") from exc
    if found.kind == "reader":
        return LibraryLocation(file, exists=True, articles=found.articles)
    if found.kind == "not-a-database":
        raise LibraryError(f"{file}: not a Reader library (not an SQLite database)")
    if found.kind == "other-database":
        raise LibraryError(f"{file}: the database of another program, not a Reader library")
    folder = _nearest_existing(file.parent)
    if not folder.is_dir():
        raise LibraryError(f"{folder}: is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise LibraryError(f"{folder}: no permission to create a library there")
    return LibraryLocation(file, exists=False)


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def open_location(location: LibraryLocation, *, author: str) -> Library:
    """Opens the library at `location`, creating a new, empty one (no sample articles) when
    there is none."""
    try:
        location.file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"{location.file.parent}: cannot create the folder ({exc})") from exc
    library = open_library(paths.sqlite_url(location.file), author=author, with_samples=False)
    library.named_by = ""  # chosen in Preferences, not named on the command line
    return library
