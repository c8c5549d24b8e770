"""`reader backup` and `reader restore`: the whole library in one file, and back.

A backup is a zip: `manifest.json` (format, version, schema revision, row counts),
`settings.json` (palette and the other settings, when given) and one JSON-lines member per
table under `tables/`, written row by row from one read transaction (a consistent snapshot
that never sits in memory whole). Restoring into an empty library (a new one, or one holding
only the sample articles) reproduces every table exactly, ids included, in one transaction;
into a library with work in it, it is refused unless merging (rules in
`reader.storage.backup_merge`). The search index is rebuilt afterwards, not copied.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import ReaderError
from reader.resources import sample_articles_dir
from reader.services.export import atomic_file
from reader.services.library import Library
from reader.settings import SETTINGS_VERSION

if TYPE_CHECKING:
    from reader.settings import Settings

FORMAT = "reader-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SETTINGS = "settings.json"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupReport:
    path: Path
    tables: dict[str, int]
    size: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass(frozen=True)
class RestoreReport:
    merged: bool
    tables: dict[str, int]  # rows restored (added, when merging) per table
    matched: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    settings: dict[str, Any] | None = None  # the backup's settings, for the caller to apply
    messages: tuple[str, ...] = ()


def _member(name: str) -> str:
    return f"tables/{name}.jsonl"


def backup(
    library: Library,
    path: Path,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> BackupReport:
    from reader.storage import backup as dump
    from reader.storage.database import current_revision

    db = library.db
    counts = dump.counts(db)
    total = sum(counts.values())
    done = 0
    written: dict[str, int] = {}
    with (
        atomic_file(path) as temp,
        zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
    ):
        with db.engine.connect() as conn:
            for table in dump.tables():
                if table.name not in counts:
                    continue
                with archive.open(_member(table.name), "w", force_zip64=True) as out:
                    written[table.name] = dump.dump_table(conn, table, out)
                done += written[table.name]
                if progress is not None:
                    progress(done, total)
        if settings is not None:
            saved = {"version": SETTINGS_VERSION, **asdict(settings)}
            archive.writestr(SETTINGS, json.dumps(saved, indent=2, sort_keys=True))
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "schema": current_revision(db.engine),
            "made": datetime.now(UTC).isoformat(),
            "tables": written,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return BackupReport(path, written, path.stat().st_size)


def _open(path: Path) -> tuple[zipfile.ZipFile, dict[str, Any]]:
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ReaderError(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReaderError(f"{path}: not a Reader backup ({exc})") from None
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError):
        archive.close()
        raise ReaderError(f"{path}: not a Reader backup (no manifest)") from None
    if manifest.get("format") != FORMAT:
        archive.close()
        raise ReaderError(f"{path}: not a Reader backup")
    if int(manifest.get("version", 0)) > FORMAT_VERSION:
        archive.close()
        raise ReaderError(f"{path}: made by a newer Reader (backup format {manifest['version']})")
    from reader.storage.database import known_revisions

    schema = manifest.get("schema")
    if schema is not None and schema not in known_revisions():
        archive.close()
        raise ReaderError(f"{path}: made by a newer Reader (schema {schema}); update Reader")
    return archive, manifest


def _lines(archive: zipfile.ZipFile, name: str) -> Iterable[bytes] | None:
    try:
        info = archive.getinfo(_member(name))
    except KeyError:
        return None

    def read() -> Iterable[bytes]:
        with archive.open(info) as member:
            yield from member

    return read()


def restore(
    library: Library, path: Path, *, merge: bool = False, progress: Progress | None = None
) -> RestoreReport:
    from reader.storage import backup as dump
    from reader.storage.copying import reset_id_counters

    archive, manifest = _open(path)
    with archive:
        settings = json.loads(archive.read(SETTINGS)) if SETTINGS in archive.namelist() else None
        db = library.db
        if merge:
            return _merge(library, archive, settings)
        if dump.holds_work(db, str(sample_articles_dir())):
            raise ReaderError(
                f"{library.location} already holds work; restore into an empty library "
                "(--data-dir NEW_FOLDER) or merge with --merge"
            )
        total = sum(int(n) for n in manifest.get("tables", {}).values())
        done = 0
        loaded: dict[str, int] = {}

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(done, total)

        with db.engine.begin() as conn:
            dump.clear(conn)
            for table in dump.tables():
                lines = _lines(archive, table.name)
                if lines is None:
                    continue
                _columns, rows = dump.read_rows(lines, table)
                loaded[table.name] = dump.load_table(conn, table, rows, step)
            reset_id_counters(conn)
    _derive(library)
    return RestoreReport(False, loaded, settings=settings)


def _merge(
    library: Library, archive: zipfile.ZipFile, settings: dict[str, Any] | None
) -> RestoreReport:
    from reader.storage.backup_merge import merge

    with library.db.engine.begin() as conn:
        result = merge(conn, lambda name: _lines(archive, name))
    if result.reanchor or result.rescan:
        from reader.storage.unit import reanchor_article

        with library.unit() as unit:
            for article_id in sorted(result.reanchor):
                reanchor_article(unit, article_id)
            if result.rescan:
                unit.mentions.rescan(sorted(result.rescan))
    _derive(library)
    return RestoreReport(
        True,
        result.added,
        result.matched,
        result.updated,
        settings,
        tuple(result.messages),
    )


def _derive(library: Library) -> None:
    """What is computed from the restored rows: band keys for articles whose backup had
    none (made before they were stored), and the search index."""
    with library.unit() as unit:
        unit.near_duplicates.fill_missing_keys()
    _reindex(library)


def _reindex(library: Library) -> None:
    """The search index is derived data: rebuilt from the restored tables, if this Reader
    has one."""
    try:
        from reader.services.search import reindex
    except ImportError:
        return
    try:
        reindex(library)
    except ReaderError as exc:  # no index on this database: nothing to rebuild
        import logging

        logging.getLogger(__name__).info("search index not rebuilt: %s", exc)
