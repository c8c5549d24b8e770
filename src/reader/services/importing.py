"""Importing files and folders: one article, one transaction; a bad file never stops a batch."""

from __future__ import annotations

import codecs
import enum
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.changes import Changes
from reader.core.errors import ReaderError
from reader.core.text import content_hash
from reader.ingest.banners import repeated_top_lines, top_lines
from reader.ingest.decode import decode_bytes
from reader.ingest.formats import describe_supported, is_supported, parse_bytes
from reader.ingest.plaintext import is_dateline
from reader.resources import sample_articles_dir
from reader.services.library import Library

log = logging.getLogger(__name__)

HEAD_BYTES = 4096  # enough of each file to see its banner lines

Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class ImportStatus(enum.StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: str
    status: ImportStatus
    article_id: int | None
    message: str
    # Highlights whose place changed when an updated article was re-anchored.
    highlights_changed: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ImportReport:
    results: tuple[ImportResult, ...]
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    @property
    def failed(self) -> list[ImportResult]:
        return [r for r in self.results if r.status is ImportStatus.FAILED]

    def count(self, status: ImportStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    def summary(self) -> str:
        parts = [
            f"{self.count(status)} {status.value}" for status in ImportStatus if self.count(status)
        ]
        text = ", ".join(parts) if parts else "nothing to import"
        return f"{text} (cancelled)" if self.cancelled else text


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[ImportResult]]:
    """Expands folders recursively; returns the files to import and the inputs refused."""
    files: list[Path] = []
    refused: list[ImportResult] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and is_supported(p) and not _is_hidden(p, path)
            )
            if not found:
                refused.append(
                    _failed(
                        path,
                        f"{path}: no articles in this folder (looked for {describe_supported()})",
                    )
                )
        elif path.is_file():
            found = [path]
        elif path.exists():
            refused.append(_failed(path, f"{path}: not a regular file"))
            continue
        else:
            refused.append(_failed(path, f"{path}: no such file or folder"))
            continue
        for file in found:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(file)
    return files, refused


def _failed(path: Path, message: str) -> ImportResult:
    return ImportResult(str(path), ImportStatus.FAILED, None, message)


def _read_head(path: Path) -> str:
    """The start of a file as text, decoded as the import will decode it, so a banner seen
    here is the same string the parser meets (a cp1252 em dash included)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return ""
    try:
        # Incremental, so a character cut off at the end of the head is not an error.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(head, path.name)
    except ReaderError:
        return ""


def learn_banners(library: Library, files: Sequence[Path]) -> set[str]:
    """Banner lines for this batch: the library's learned lines plus lines that repeat at the
    top of this batch's files (remembered for next time)."""
    learned = repeated_top_lines((top_lines(_read_head(f)) for f in files), ignore=is_dateline)
    with library.unit() as unit:
        if learned:
            unit.articles.remember_boilerplate(learned)
        return unit.articles.boilerplate_lines() | learned


def import_file(library: Library, path: Path, banners: set[str]) -> ImportResult:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _failed(path, f"{path}: cannot read ({exc.strerror or exc})")
    try:
        parsed = parse_bytes(name, data, banners)
        digest = content_hash(f"{parsed.title}\n\n{parsed.text}")
        location = str(path.resolve())
        with library.unit() as unit:
            articles = unit.articles
            known = articles.by_location(location)
            if known is not None:
                article_id, old_digest = known
                if old_digest == digest:
                    return ImportResult(
                        str(path), ImportStatus.UNCHANGED, article_id, "already in the library"
                    )
                version = articles.add_version(article_id, parsed, digest)
                # Same transaction: the new text never exists with positions on the old one.
                from reader.storage.unit import reanchor_article

                placed = reanchor_article(unit, article_id)
                message = f"text changed: now version {version}, earlier versions kept"
                if placed.total:
                    message += f"; {placed.describe()}"
                return ImportResult(
                    str(path),
                    ImportStatus.UPDATED,
                    article_id,
                    message,
                    placed.changed,
                )
            same = articles.by_content_hash(digest)
            if same is not None:
                articles.add_location(same, location)
                return ImportResult(
                    str(path), ImportStatus.UNCHANGED, same, f"same text as article {same}"
                )
            article_id = articles.add(parsed, digest, location, library.author)
            return ImportResult(
                str(path), ImportStatus.IMPORTED, article_id, f"imported: {parsed.title}"
            )
    except ReaderError as exc:
        return _failed(path, str(exc))
    except Exception as exc:
        # A bug, but one file must not stop a batch of thousands: its transaction was rolled
        # back, the traceback goes to the log and the person gets a line to report.
        log.exception("unexpected error importing %s", path)
        return _failed(path, f"{path}: could not import ({type(exc).__name__}: {exc})")


def import_paths(
    library: Library,
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Imports files and folders (recursively). Refused inputs and bad files are reported one
    by one; everything imported before a cancel is kept."""
    files, results = collect_files(paths)
    banners = learn_banners(library, files) if files else set()
    outcome: list[ImportResult] = list(results)
    added: set[int] = set()
    changed: set[int] = set()
    moved: set[int] = set()
    stopped = False
    total = len(files)
    for done, path in enumerate(files):
        if cancelled is not None and cancelled():
            stopped = True
            break
        if progress is not None:
            progress(done, total, str(path))
        result = import_file(library, path, banners)
        if result.status is ImportStatus.FAILED:
            log.info("import failed: %s", result.message)
        elif result.status is ImportStatus.IMPORTED and result.article_id is not None:
            added.add(result.article_id)
        elif result.status is ImportStatus.UPDATED and result.article_id is not None:
            changed.add(result.article_id)
            moved |= result.highlights_changed
        outcome.append(result)
    else:
        if progress is not None:
            progress(total, total, "")
    changes = Changes(
        articles_added=frozenset(added),
        articles_changed=frozenset(changed),
        highlights_changed=frozenset(moved),
    )
    return ImportReport(tuple(outcome), stopped, changes)


def import_samples(library: Library) -> ImportReport:
    """The sample articles a new library starts with."""
    return import_paths(library, [sample_articles_dir()])
