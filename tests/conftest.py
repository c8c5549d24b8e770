"""Shared fixtures. Every test runs offscreen against its own temporary folders, so no test
reads or writes a person's library or settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.services.library import Library, open_library
from tests.pgserver import PgServer, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "articles"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    monkeypatch.setenv("READER_CONFIG_DIR", str(config))
    monkeypatch.delenv("READER_DB_URL", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return tmp_path


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the whole session, started from the installed binaries."""
    server = start_server()
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing: .ci/run installs postgresql")
        pytest.skip("no PostgreSQL server binaries (Debian package postgresql) on this machine")
    yield server
    server.stop()


class PgLibraries:
    """New PostgreSQL libraries, each a fresh database copied from a migrated template (with
    or without the samples), so a test costs a CREATE DATABASE rather than a migration."""

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self._templates: dict[bool, str] = {}

    def _template(self, with_samples: bool) -> str:
        if with_samples not in self._templates:
            name = self.server.create_database(name=f"tpl_{'samples' if with_samples else 'empty'}")
            lib = open_library(self.server.url(name), with_samples=with_samples)
            lib.close()
            self._templates[with_samples] = name
        return self._templates[with_samples]

    def new_url(self, with_samples: bool) -> str:
        return self.server.url(self.server.create_database(self._template(with_samples)))

    def drop(self, url: str) -> None:
        self.server.drop_database(url.rsplit("/", 1)[1])


@pytest.fixture(scope="session")
def pg_libraries(pg_server: PgServer) -> PgLibraries:
    return PgLibraries(pg_server)


@pytest.fixture
def backend() -> str:
    """Which database the library fixtures use; the storage and services suites override it
    to run on both SQLite and PostgreSQL."""
    return "sqlite"


def _library(
    request: pytest.FixtureRequest, backend: str, folder: Path, with_samples: bool
) -> Iterator[Library]:
    if backend == "sqlite":
        lib = open_library(data_dir=folder, with_samples=with_samples)
        yield lib
        lib.close()
        return
    libraries: PgLibraries = request.getfixturevalue("pg_libraries")
    url = libraries.new_url(with_samples)
    lib = open_library(url)
    yield lib
    lib.close()
    libraries.drop(url)


@pytest.fixture
def library(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Library]:
    """A new library with the two sample articles, as a first run makes it."""
    yield from _library(request, backend, tmp_path / "library", True)


@pytest.fixture
def empty_library(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> Iterator[Library]:
    yield from _library(request, backend, tmp_path / "empty-library", False)
