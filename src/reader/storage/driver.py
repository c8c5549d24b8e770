"""Which SQLite module Reader talks to, the same one everywhere in the process.

pysqlite3 (a newer SQLite, built with extension loading) when it is installed, so that the
native search functions (reader.native) can be loaded into each connection; otherwise
Python's own sqlite3. Every direct SQLite connection Reader opens (the safety copy before a
migration, the daily copy, the quick start-up reads) goes through `sqlite` too: two copies of
SQLite in one process that open the same file release each other's locks.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from reader.native import library_path

log = logging.getLogger(__name__)


def _module() -> Any:
    try:
        return importlib.import_module("pysqlite3.dbapi2")
    except ImportError:
        return importlib.import_module("sqlite3")


sqlite: Any = _module()
_native_loaded: bool | None = None  # None until a connection has tried


def load_native(connection: Any) -> bool:
    """Loads the native search functions into a new connection; False when this SQLite
    cannot load extensions or the library is not built (searches then rank with bm25())."""
    global _native_loaded
    path = library_path()
    if path is None or not hasattr(connection, "enable_load_extension"):
        _native_loaded = False
        return False
    try:
        connection.enable_load_extension(True)
        try:
            connection.load_extension(str(path))
        finally:
            connection.enable_load_extension(False)
    except sqlite.Error as exc:
        if _native_loaded is not False:
            log.warning("native search functions not loaded (%s); searching without them", exc)
        _native_loaded = False
        return False
    _native_loaded = True
    return True


def native_loaded() -> bool:
    """Whether the connections opened so far have the native search functions."""
    return bool(_native_loaded)
