"""What the figures were measured on: a benchmark number means little without its machine."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def _first(path: str, key: str) -> str | None:
    """The value of the first `key: value` line of a /proc file (Linux only)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _usable_cores() -> int | None:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count()


def machine_info() -> dict[str, object]:
    mem_total = _first("/proc/meminfo", "MemTotal")  # "24683640 kB"
    ram_mb = round(int(mem_total.split()[0]) / 1024) if mem_total else None
    import reader

    return {
        "cpu_model": _first("/proc/cpuinfo", "model name") or platform.processor() or None,
        "cores": os.cpu_count(),
        "usable_cores": _usable_cores(),
        "ram_mb": ram_mb,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "pyside6": _version("PySide6-Essentials") or _version("PySide6"),
        "sqlalchemy": _version("SQLAlchemy"),
        "sqlite": sqlite3.sqlite_version,
        "reader": reader.__version__,
    }
