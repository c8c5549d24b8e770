"""Shared test marks."""

from __future__ import annotations

import pytest

# For a test about the SQLite file itself (its bytes, WAL, the copy made before a migration)
# in a suite that otherwise runs on both backends.
sqlite_only = pytest.mark.parametrize("backend", ["sqlite"])
