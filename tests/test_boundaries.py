"""The layer boundaries are checked, not hoped for: nothing outside reader.ui loads Qt, and the
import-linter contracts in pyproject.toml hold."""

from __future__ import annotations

import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import reader

REPO = Path(__file__).resolve().parent.parent
# Alembic's env.py and the version scripts only run inside an Alembic context.
SKIP_PREFIXES = ("reader.ui", "reader.storage.migrations.env", "reader.storage.migrations.versions")


def non_ui_modules() -> list[str]:
    """Every module under src/reader outside reader.ui, found from the files on disk.

    pkgutil.walk_packages imports each package to look inside it, which would load reader.ui
    in this process; iter_modules over the folders finds the same names without importing.
    """
    found: list[str] = []

    def walk(paths: list[str], prefix: str) -> None:
        for info in pkgutil.iter_modules(paths, prefix):
            if info.name.startswith(SKIP_PREFIXES):
                continue
            found.append(info.name)
            if info.ispkg:
                walk([str(Path(paths[0]) / info.name.rsplit(".", 1)[-1])], info.name + ".")

    walk(list(reader.__path__), "reader.")
    return ["reader", *sorted(found)]


def test_the_module_list_covers_every_layer() -> None:
    modules = set(non_ui_modules())
    for expected in (
        "reader.cli",
        "reader.settings",
        "reader.paths",
        "reader.core.text",
        "reader.ingest.plaintext",
        "reader.storage.database",
        "reader.services.importing",
    ):
        assert expected in modules
    assert not any(name.startswith("reader.ui") for name in modules)


def test_no_module_outside_the_ui_loads_pyside6() -> None:
    modules = non_ui_modules()
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "ui = sorted(m for m in sys.modules if m.startswith('reader.ui'))\n"
        "print(json.dumps({'qt': qt, 'ui': ui, 'count': len(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert loaded["qt"] == []
    assert loaded["ui"] == []


def lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    if beside.exists():
        return str(beside)
    found = shutil.which("lint-imports")
    assert found, "lint-imports (import-linter) is not installed"
    return found


def test_import_linter_contracts_hold() -> None:
    done = subprocess.run([lint_imports()], capture_output=True, text=True, check=False, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_only_the_driver_module_imports_an_sqlite_module() -> None:
    """Two copies of SQLite in one process that open the same file release each other's
    locks, so every connection Reader makes goes through reader.storage.driver."""
    import ast

    allowed = {REPO / "src" / "reader" / "storage" / "driver.py"}
    offenders = []
    for path in sorted((REPO / "src" / "reader").rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("sqlite3", "pysqlite3") for n in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
