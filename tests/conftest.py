"""Shared fixtures. Every test runs offscreen against its own temporary folders, so no test
reads or writes a person's library or settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.services.library import Library, open_library

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


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A new library with the two sample articles, as a first run makes it."""
    lib = open_library(data_dir=tmp_path / "library")
    yield lib
    lib.close()


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    lib = open_library(data_dir=tmp_path / "empty-library", with_samples=False)
    yield lib
    lib.close()
