"""Reader's native helpers (readernative.c), found and loaded once, each with a pure-Python
fallback in its caller.

`make native` (part of setup) builds libreadernative.so.1 beside this file when the machine has
a C compiler and SQLite's headers; the desktop bundle carries it. Nothing here is required:
`library_path()` says whether the library is there, `minhash_bins` returns None without it.
Set READER_NATIVE=0 to run without it (the tests do, to check each fallback).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

# Not "….so": Python would take that for an extension module of this package. SQLite derives
# the entry point, sqlite3_readernative_init, from the name before its first dot.
_NAMES = {"win32": "readernative.dll", "darwin": "libreadernative.dylib"}
BINS = 64


def library_path() -> Path | None:
    """The built library, or None when it was not built or READER_NATIVE=0."""
    if os.environ.get("READER_NATIVE", "1") == "0":
        return None
    path = Path(__file__).with_name(_NAMES.get(sys.platform, "libreadernative.so.1"))
    return path if path.is_file() else None


@cache
def _minhash() -> Any:
    """The C function, or None; ctypes is imported here, not at start-up."""
    import ctypes

    path = library_path()
    if path is None:
        return None
    try:
        function = ctypes.CDLL(str(path)).reader_minhash
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_long
    function.argtypes = (
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_uint32),
    )
    return function


def minhash_bins(words: bytes, shingle_words: int) -> tuple[int, list[int]] | None:
    """(number of shingles, the smallest hash >> 6 of each of the 64 bins, 0xFFFFFFFF for an
    empty bin) of `words` (words joined by single spaces, UTF-8), or None without the
    library."""
    import ctypes

    function = _minhash()
    if function is None:
        return None
    bins = (ctypes.c_uint32 * BINS)()
    count = function(words, len(words), shingle_words, bins)
    return int(count), list(bins)
