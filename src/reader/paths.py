"""Where Reader keeps its data, settings and logs, and how a person points it elsewhere.

Precedence, highest first: a command-line option, an environment variable
(READER_DB_URL, READER_DATA_DIR, READER_CONFIG_DIR), the platform's user folders. The library
has one more step: a library chosen in Preferences is used in place of the one in the data
folder (READER_DATA_DIR or the platform's), but --db, --data-dir and READER_DB_URL, which name
the library for one run, win over it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_ID = "io.github.readerapp.Reader"
DB_FILE_NAME = "library.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_ID, appauthor=False)


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("READER_CONFIG_DIR")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_ID, appauthor=False)


def log_dir() -> Path:
    env = os.environ.get("READER_DATA_DIR")
    if env:
        return Path(env).expanduser() / "logs"
    return platformdirs.user_log_path(APP_ID, appauthor=False)


def database_url(
    db: str | None = None,
    data: str | os.PathLike[str] | None = None,
    preferred: str | os.PathLike[str] | None = None,
) -> str:
    """The SQLAlchemy URL of the library to open; `preferred` is the library file chosen in
    Preferences, if any."""
    if db:
        return db
    if not data:
        env = os.environ.get("READER_DB_URL")
        if env:
            return env
        if preferred:
            return sqlite_url(Path(preferred).expanduser())
    return sqlite_url(data_dir(data) / DB_FILE_NAME)


def sqlite_url(file: Path) -> str:
    return f"sqlite:///{file}"


def library_named_by(db: str | None = None, data: str | os.PathLike[str] | None = None) -> str:
    """What names the library for this run, above Preferences: "--db", "--data-dir",
    "READER_DB_URL", or "" when Preferences may choose it."""
    if db:
        return "--db"
    if data:
        return "--data-dir"
    if os.environ.get("READER_DB_URL"):
        return "READER_DB_URL"
    return ""
