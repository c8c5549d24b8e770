"""This suite runs on both database backends: every test that uses a library fixture runs
once on SQLite and once on a real PostgreSQL server."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)
