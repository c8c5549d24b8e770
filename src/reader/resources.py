"""Finds the shipped resources and sample articles wherever Reader runs from.

A source checkout keeps them at the top of the repository, an installed wheel inside the
`reader` package, and a PyInstaller bundle in its unpacked folder; callers never need to know
which.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found = [_PACKAGE_DIR / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / name)
    found.append(_PACKAGE_DIR.parent.parent / name)  # src/reader -> repository root
    return found


def _locate(name: str) -> Path:
    for candidate in _candidates(name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Reader's {name}/ folder is missing from this installation")


def resource_dir() -> Path:
    return _locate("resources")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def sample_articles_dir() -> Path:
    return _locate("articles")
